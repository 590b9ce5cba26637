"""`dyads load-parquet`, and the `--engine dask` branch of `dyads code` and `dyads ingest`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


class Engine(StrEnum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[
    Engine, typer.Option("--engine", help="local (this process) or dask (a Dask cluster).")
]
AddressOpt = Annotated[
    str, typer.Option("--address", help="Dask scheduler: 'local' or tcp://HOST:8786.")
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", help="Folder (or fsspec URL) for the Dask engine's Parquet."),
]
PartitionOpt = Annotated[
    int | None,
    typer.Option("--partition-size", help="Records per Dask task (default 4 x batch_size)."),
]


def _report(summary, what: str) -> None:
    for error in summary.errors:
        typer.echo(error.reason, err=True)
    for warning in summary.warnings:
        typer.echo(warning, err=True)
    skipped = f", {summary.skipped} already stored" if summary.skipped else ""
    typer.echo(
        f"{what} {summary.documents} document(s), {summary.events} event(s) into "
        f"{summary.output} in {summary.partitions} partition(s), {summary.elapsed:.1f}s; "
        f"{len(summary.errors)} input error(s){skipped}.",
        err=True,
    )


def run_on_dask(
    sources: list[str],
    options,
    *,
    mode: str,
    output: str | None,
    db: str | None,
    address: str,
    workers: int | None,
    partition_size: int | None,
    default_date: str | None,
    text_column: str = "text",
    command: str,
) -> int:
    """Code on Dask into Parquet, then load it into ``db`` if given. Returns the exit code."""
    from ..errors import ConfigError, Errors
    from ..scale.engine import run_dask
    from ..scale.parquet import load_parquet

    if output is None:
        detail = "--engine dask writes Parquet: give --output DIR (a folder or s3://... URL)"
        raise ConfigError(Errors.E905, detail=detail)
    summary = run_dask(
        sources, options, output, address=address, workers=workers, mode=mode,
        partition_size=partition_size, default_date=default_date, text_column=text_column,
        command=command, db=db,
    )  # fmt: skip
    _report(summary, "Coded" if mode == "code" else "Ingested")
    if db:
        loaded = load_parquet(output, db, options=options)
        typer.echo(
            f"Loaded {loaded.documents} document(s), {loaded.events} event(s) into {db}; "
            f"{loaded.stories} stories, {loaded.groups} event groups.",
            err=True,
        )
    return 1 if summary.errors else 0


@app.command("load-parquet")
def load_parquet_command(
    directory: Annotated[str, typer.Argument(help="Parquet folder written by --engine dask.")],
    db: Annotated[str, typer.Option(help="DuckDB file to load into (created if missing).")],
    views: Annotated[
        bool,
        typer.Option("--views", help="Create views over the Parquet instead of copying it."),
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="User settings file (TOML).", dir_okay=False)
    ] = None,
) -> None:
    """Load Dask Parquet output into a store, then group stories and events (second stage)."""
    from ..config import load_options
    from ..errors import DyadsError
    from ..scale.parquet import load_parquet

    try:
        summary = load_parquet(directory, db, options=load_options(config), views=views)
    except DyadsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    how = "Created views over" if summary.views else "Loaded"
    typer.echo(
        f"{how} {summary.documents} document(s), {summary.events} event(s) into {db}; "
        f"{summary.duplicates} duplicate(s), {len(summary.errors)} ingest error(s); "
        f"{summary.stories} stories, {summary.groups} event groups.",
        err=True,
    )
