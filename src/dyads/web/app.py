"""Build the dashboard and API app for one store: ``create_app("news.duckdb")``.

The store is checked once at startup (a missing or broken file is a coded
error, not a server that fails on every request); requests then read a private
snapshot of it (``access.StoreAccess``), so an ingest writing the store never
makes a page fail.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
from . import api, ingest, pages
from .access import StoreAccess
from .guard import Guard, Limits
from .problems import body, status_of

WEB_DIR = DATA_DIR / "web"


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


def create_app(
    db: str | os.PathLike[str],
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    options: Options | None = None,
) -> FastAPI:
    """The FastAPI app serving ``db``: pages at /, JSON at /api/, the reference at /docs."""
    path = os.fspath(db)
    check_store(path)
    if allow_ingest and not token:
        raise ConfigError(Errors.E806, detail="--allow-ingest needs a --token")
    options = options or load_options()
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
    app.state.token = token if allow_ingest else None
    app.state.options = options
    app.state.access = access
    app.state.limits = Limits()
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True)
    env.globals["version"] = __version__
    app.state.templates = Jinja2Templates(env=env)
    app.include_router(api.router)
    if allow_ingest:
        app.include_router(ingest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    _errors(app)
    app.add_middleware(Guard, limits=app.state.limits)
    return app


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
        response = _respond(request, str(exc), status_of(exc))
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
        message = Errors.E807.format(route=request.url.path, detail=type(exc).__name__)
        return _respond(request, message, 500)
