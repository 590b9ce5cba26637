"""What a page's form needs to write to the store safely (the corrections form).

A form is accepted only from this server's own pages: the browser's ``Origin``
and ``Sec-Fetch-Site`` must name this origin when sent, and the form must carry
a token that only a page of this server holds (an HMAC, under a key made when
the app starts, of what the form is for). Another site can make a browser post
to this server but can read neither the page nor its token. On a server bound
beyond loopback, a form also needs the server's own token (``--token``), as
``POST /api/ingest`` does; without one, writing is off there.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading

from fastapi import Request

from ..errors import Errors
from .guard import bearer_matches
from .problems import ApiError

_KEY_LOCK = threading.Lock()


def _key(request: Request) -> bytes:
    state = request.app.state
    with _KEY_LOCK:
        if getattr(state, "form_key", None) is None:
            state.form_key = secrets.token_bytes(32)
        return state.form_key


def form_token(request: Request, purpose: str) -> str:
    """The token a form for ``purpose`` (say, one event's corrections) carries."""
    return hmac.new(_key(request), purpose.encode("utf-8"), hashlib.sha256).hexdigest()


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site.

    Under this server's ``Referrer-Policy: no-referrer`` a browser posts a form with
    ``Origin: null``; ``Sec-Fetch-Site`` then says where it comes from.
    """
    origin = request.headers.get("origin")
    if origin not in (None, "null") and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        return False
    site = request.headers.get("sec-fetch-site")
    return site is None or site in ("same-origin", "none")


def check_form(request: Request, purpose: str, token: str, server_token: str) -> None:
    """403 (E806) unless the form comes from this server's page for ``purpose``."""
    if not same_origin(request):
        raise ApiError(Errors.E806, 403, detail="the form was posted from another site")
    if not hmac.compare_digest(token.encode(), form_token(request, purpose).encode()):
        detail = "the form's token is missing or stale: reload the page and send it again"
        raise ApiError(Errors.E806, 403, detail=detail)
    check_writer(request, f"Bearer {server_token}" if server_token else None, "the form")


def check_writer(request: Request, authorization: str | None, what: str) -> None:
    """Off loopback, writing needs the server's token (403, E806, otherwise)."""
    state = request.app.state
    if not state.public or bearer_matches(authorization, state.token):
        return
    if state.token:
        detail = f"{what} on this server needs its token"
    else:
        detail = f"{what} is off on a server bound beyond loopback without --token"
    raise ApiError(Errors.E806, 403, detail=detail)
