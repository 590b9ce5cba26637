"""The safety layer in front of every route: headers, body size and rate limits.

A plain ASGI middleware, so it also covers static files and error responses:

* a strict Content-Security-Policy (scripts, styles and everything else from
  this origin only, no inline code, no framing), nosniff, no referrer;
* request bodies above ``max_body`` bytes are refused with 413 before any route
  reads them (a chunked body is counted as it arrives);
* each client (by address) gets a token bucket of ``burst`` requests refilled
  at ``rate`` per second; an empty bucket is a 429 with Retry-After.

The client is the socket peer. ``X-Forwarded-For`` is read only when the peer
is one of ``trusted_proxies`` (the ``serve_trusted_proxies`` setting), and then
the client is the last address in it that is not a trusted proxy: a client
cannot pick its own bucket by sending the header. ``dyads serve`` turns off
uvicorn's own rewrite of the peer from that header (``server_options``).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Errors
from .problems import body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


@dataclass(slots=True)
class Limits:
    """Request limits; change them on ``app.state.limits``."""

    rate: float = 50.0
    burst: int = 200
    max_body: int = 1_000_000
    trusted_proxies: tuple[Network, ...] = ()


def proxy_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Parse ``serve_trusted_proxies``; ValueError names the entry that is not an address."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"'{value}' is not an IP address or network ({exc})") from None
    return tuple(networks)


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in proxies)


def bearer_matches(authorization: str | None, token: str | None) -> bool:
    """True only for ``Bearer <token>`` exactly (the scheme's case aside, as RFC 9110 says).

    The digests are compared, in constant time, so neither the token's content
    nor its length shows in the timing.
    """
    if not token or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    digest = hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
    return hmac.compare_digest(digest, hashlib.sha256(token.encode("utf-8")).digest())


def client_address(scope: Scope, proxies: tuple[Network, ...] = ()) -> str:
    """Whom a request's rate limit bucket belongs to: the peer, or what a trusted proxy says."""
    peer = str((scope.get("client") or ("unknown", 0))[0])
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [
        hop.strip()
        for name, value in scope.get("headers", [])
        if name.lower() == b"x-forwarded-for"
        for hop in value.decode("latin-1").split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:64]
    return peer


@dataclass(slots=True)
class Buckets:
    """Per-client token buckets (in memory, one process)."""

    tokens: dict[str, tuple[float, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str, limits: Limits) -> bool:
        now = time.monotonic()
        with self.lock:
            level, seen = self.tokens.get(client, (float(limits.burst), now))
            level = min(float(limits.burst), level + (now - seen) * limits.rate)
            if level < 1.0:
                self.tokens[client] = (level, now)
                return False
            self.tokens[client] = (level - 1.0, now)
            if len(self.tokens) > 10_000:  # forget idle clients
                self.tokens = {k: v for k, v in self.tokens.items() if now - v[1] < 60}
            return True


class Guard:
    def __init__(self, app: Callable[..., Awaitable[None]], limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.buckets = Buckets()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        client = client_address(scope, self.limits.trusted_proxies)
        if not self.buckets.take(client, self.limits):
            rate = f"{self.limits.rate:g}"
            message = Errors.E805.format(client=client, rate=rate)
            await _reply(send_secure, 429, message, [(b"retry-after", b"1")])
            return
        size = _declared_size(scope)
        if size is not None and size > self.limits.max_body:
            message = Errors.E804.format(size=size, limit=self.limits.max_body)
            await _reply(send_secure, 413, message)
            return
        if scope["method"] in ("POST", "PUT", "PATCH"):
            chunks: list[bytes] = []
            total = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > self.limits.max_body:
                    text = Errors.E804.format(size=total, limit=self.limits.max_body)
                    await _reply(send_secure, 413, text)
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            receive = _replay(b"".join(chunks))
        await self.app(scope, receive, send_secure)


def _declared_size(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(data: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": data, "more_body": False}

    return receive


async def _reply(
    send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body(message, status)).encode()
    start_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": payload})
