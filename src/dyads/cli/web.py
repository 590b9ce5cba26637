"""The web dashboard and JSON API: `dyads serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DyadsError

app = typer.Typer()


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to serve.", dir_okay=False)],
    host: Annotated[str, typer.Option(help="Address to bind (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(help="Bearer token for POST /api/ingest, and for /api/export off loopback."),
    ] = None,
) -> None:
    """Dashboard and JSON API over a store: `dyads serve --db news.duckdb`, then open the URL."""
    import uvicorn

    from ..web import create_app
    from ..web.app import server_options

    try:
        app_ = create_app(db, allow_ingest=allow_ingest, token=token, host=host)
    except DyadsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        warning = f"Warning: serving on {host}: anyone who can reach it can read the store."
        typer.echo(warning, err=True)
    typer.echo(f"dyads: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app_, **server_options(host, port))
