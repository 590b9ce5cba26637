"""Build the dashboard and API app for one store: ``create_app("news.duckdb")``.

The store is checked once at startup (a missing or broken file is a coded
error, not a server that fails on every request); requests then read a private
snapshot of it (``access.StoreAccess``), so an ingest writing the store never
makes a page fail. A server bound off loopback serves exports only with its
token. Errors reach clients in the one shape of ``problems``; what they must not
see (paths, process ids) goes to the log.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from .. import __version__
from ..config import DATA_DIR, Options, load_options
from ..errors import ConfigError, DyadsError, Errors, StoreError
from ..store import Store
from . import api, corrections, ingest, pages
from .access import StoreAccess
from .guard import Guard, Limits, proxy_networks
from .problems import body, public_message, status_of

WEB_DIR = DATA_DIR / "web"
log = logging.getLogger("dyads.web")


def check_store(db: str) -> None:
    """Raise E801 (missing) or E301 (not a readable dyads store) before serving.

    A store a writer holds (E305) is served once the writer is done: 503 until then.
    """
    if not Path(db).is_file():
        raise StoreError(Errors.E801, path=db, detail="the file does not exist")
    try:
        Store(db, read_only=True).close()
    except StoreError as exc:
        if exc.code != "E305":
            raise


def is_loopback(host: str) -> bool:
    """True when binding ``host`` reaches this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_options(host: str, port: int) -> dict[str, Any]:
    """uvicorn's settings for ``dyads serve``.

    uvicorn would otherwise replace the client address with X-Forwarded-For for
    any request from 127.0.0.1, letting a local client (or anything behind a
    local proxy) choose its own rate limit bucket; the Guard decides instead.
    """
    return {
        "host": host, "port": port, "log_level": "warning", "server_header": False,
        "proxy_headers": False,
    }  # fmt: skip


def create_app(
    db: str | os.PathLike[str],
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    options: Options | None = None,
    host: str = "127.0.0.1",
) -> FastAPI:
    """The FastAPI app serving ``db``: pages at /, JSON at /api/, the reference at /docs.

    ``host`` is where the server will listen: off loopback, /api/export needs
    ``token`` too (and is refused without one).
    """
    path = os.fspath(db)
    check_store(path)
    if allow_ingest and not token:
        raise ConfigError(Errors.E806, detail="--allow-ingest needs a --token")
    options = options or load_options()
    limits = Limits(trusted_proxies=_trusted_proxies(options))
    if options.serve_max_exports < 1:
        raise ConfigError(
            Errors.E401, key="serve_max_exports", path="<options>", detail="must be at least 1"
        )
    access = StoreAccess(path, options)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        access.shutdown()  # no linger timer may outlive the server

    app = FastAPI(
        lifespan=lifespan,
        title="dyads",
        version=__version__,
        description="Political event data from news: the JSON API over one dyads store.",
        docs_url=None,  # Swagger UI loads from a CDN: /docs is our own page instead
        redoc_url=None,
    )
    app.state.db = path
    app.state.token = token
    app.state.public = not is_loopback(host)
    app.state.options = options
    app.state.access = access
    app.state.limits = limits
    app.state.export_slots = threading.BoundedSemaphore(options.serve_max_exports)
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True)
    env.globals["version"] = __version__
    app.state.templates = Jinja2Templates(env=env)
    app.include_router(api.router)
    app.include_router(corrections.router)
    if allow_ingest:
        app.include_router(ingest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    _errors(app)
    app.add_middleware(Guard, limits=app.state.limits)
    return app


def _trusted_proxies(options: Options) -> tuple[Any, ...]:
    try:
        return proxy_networks(options.serve_trusted_proxies)
    except ValueError as exc:
        raise ConfigError(
            Errors.E401, key="serve_trusted_proxies", path="<options>", detail=str(exc)
        ) from None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _respond(request: Request, message: str, status: int) -> Response:
    if _wants_json(request):
        return JSONResponse(body(message, status), status_code=status)
    templates = request.app.state.templates
    context = {"message": message, "status": status, "nav": request.url.path}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(DyadsError)
    async def coded(request: Request, exc: DyadsError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        message = public_message(exc, request.url.path, status, request.app.state.db)
        response = _respond(request, message, status)
        response.headers.update(getattr(exc, "headers", {}))  # Retry-After on a 503
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        )
        message = Errors.E802.format(route=request.url.path, detail=reasons)
        return _respond(request, message, 400)

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            message = Errors.E803.format(kind="page", value=request.url.path)
        else:
            message = Errors.E802.format(route=request.url.path, detail=exc.detail)
        return _respond(request, message, exc.status_code)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.error("%s %s crashed", request.method, request.url.path, exc_info=exc)
        message = Errors.E807.format(route=request.url.path, detail=type(exc).__name__)
        return _respond(request, message, 500)
