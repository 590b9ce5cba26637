"""`dyads ingest` and `dyads status`: thin commands over dyads.ingest.run and the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import scale as scale_cli

app = typer.Typer()


def _fail(exc: Exception) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(2)


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, globs, feeds (file or URL) or page URLs."),
    ] = None,
    db: Annotated[str, typer.Option(help="DuckDB file to store into (resumable).")] = "",
    urls: Annotated[str | None, typer.Option("--urls", help="A file of URLs, one a line.")] = None,
    workers: Annotated[int, typer.Option(help="Local coding processes.")] = 1,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Fetch private and loopback addresses too.")
    ] = False,
    date: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    text_column: Annotated[str, typer.Option(help="CSV column holding the text.")] = "text",
    config: Annotated[
        Path | None, typer.Option("--config", help="User settings file (TOML).", dir_okay=False)
    ] = None,
    engine: scale_cli.EngineOpt = scale_cli.Engine.local,
    address: scale_cli.AddressOpt = "local",
    output: scale_cli.OutputOpt = None,
    partition_size: scale_cli.PartitionOpt = None,
) -> None:
    """Extract, code and store sources, then group stories and events: resumable."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..config import load_options
    from ..errors import DyadsError
    from ..ingest.run import ingest as run_ingest
    from . import _check_date

    if not db:
        typer.echo("Error: --db FILE is required.", err=True)
        raise typer.Exit(2)
    if not sources and not urls:
        typer.echo("Error: give at least one SOURCE or --urls FILE.", err=True)
        raise typer.Exit(2)
    if engine is scale_cli.Engine.dask:
        from ..ingest.sources import read_url_list

        try:
            exit_code = scale_cli.run_on_dask(
                [*(sources or []), *(read_url_list(urls) if urls else [])], load_options(config),
                mode="ingest", output=output or db + ".parquet", db=db, address=address,
                workers=workers if workers > 1 else None, partition_size=partition_size,
                default_date=_check_date(date) if date else None, text_column=text_column,
                command="dyads ingest --engine dask " + " ".join(sources or []),
            )  # fmt: skip
        except DyadsError as exc:
            _fail(exc)
            return
        raise typer.Exit(exit_code)
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    shown = 0
    try:
        options = load_options(config)
        default_date = _check_date(date) if date else None
        with Progress(
            *columns, console=console, transient=True, disable=not sys.stderr.isatty()
        ) as progress:
            task = progress.add_task("ingesting", total=None)

            def tick(summary) -> None:
                nonlocal shown
                for error in summary.errors[shown:]:
                    progress.console.print(error.reason, markup=False, highlight=False)
                shown = len(summary.errors)
                progress.update(
                    task,
                    description=(
                        f"{summary.documents} documents, {summary.events} events, "
                        f"{len(summary.errors)} errors, {summary.rate:.1f} docs/s"
                    ),
                )

            summary = run_ingest(
                sources or [], options, db, urls_file=urls, workers=workers,
                allow_private=allow_private, date=default_date, progress=tick,
                text_column=text_column,
            )  # fmt: skip
    except DyadsError as exc:
        _fail(exc)
        return
    for error in summary.errors[shown:]:
        typer.echo(error.reason, err=True)
    typer.echo(
        f"Ingested {summary.documents} document(s), {summary.events} event(s) into {db} "
        f"in {summary.elapsed:.1f}s; {summary.skipped} already stored, "
        f"{summary.duplicates} duplicate(s), {summary.non_english} not English, "
        f"{len(summary.errors)} error(s); {summary.stories} stories, "
        f"{summary.groups} event groups; {summary.undated} undated "
        f"({summary.unreadable_dates} unreadable date(s), W004).",
        err=True,
    )
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def status(db: Annotated[str, typer.Option(help="DuckDB file written by dyads.")]) -> None:
    """Counts, sources, errors by code and the last run of a store."""
    from rich.console import Console
    from rich.table import Table

    from ..errors import DyadsError
    from ..store.status import store_status

    try:
        info = store_status(db)
    except DyadsError as exc:
        _fail(exc)
        return
    console = Console()
    counts = Table(title=f"dyads store {db}")
    counts.add_column("what")
    counts.add_column("count", justify="right")
    for name, value in info["counts"].items():
        counts.add_row(name, str(value))
    console.print(counts)
    for title, rows in (("sources", info["sources"]), ("errors by code", info["errors"])):
        table = Table(title=title)
        table.add_column(title.split()[0][:-1])
        table.add_column("count", justify="right")
        for name, value in rows:
            table.add_row(str(name), str(value))
        console.print(table)
    last = info["last_run"]
    if last:
        console.print(
            f"last run {last['run_id']}: {last['command']!r} started {last['started_at']}, "
            f"finished {last['finished_at'] or '(not finished)'}, "
            f"{last['documents'] or 0} documents, {last['events'] or 0} events",
            markup=False,
        )
