"""The `dyads` command line: thin commands over library functions.

Each command parses its arguments, calls one library function and turns a
DyadsError into a one-line message on stderr with exit code 2.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..config import load_options
from ..errors import DyadsError
from . import actors as actors_cli
from . import analysis as analysis_cli
from . import corrections as corrections_cli
from . import eval as eval_cli
from . import events as events_cli
from . import ingest as ingest_cli
from . import scale as scale_cli
from . import web as web_cli
from .output import EventWriter, OutputFormat, default_format, progress_bar

app = typer.Typer(
    help="dyads: political event data from news, every record traced to its sentence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(actors_cli.app, name="actors")
app.add_typer(corrections_cli.app, name="corrections")
app.add_typer(eval_cli.app, name="eval")
app.add_typer(events_cli.app, name="events")
app.add_typer(ingest_cli.app)
app.add_typer(analysis_cli.app)
app.add_typer(web_cli.app)
app.add_typer(scale_cli.app)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="User settings file (TOML).", dir_okay=False)
]


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"dyads {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """dyads: political event data from news, every record traced to its sentence."""


def fail(exc: DyadsError, code: int = 2) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(code)


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or '-' for stdin.")],
    db: Annotated[
        str | None, typer.Option(help="DuckDB file to store documents, mentions and events.")
    ] = None,
    output: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (default when piped), table, csv or none; with --db: none unless given.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD of every input; wins over dates found in them."
        ),
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse input files larger than this many bytes.")
    ] = None,
    actors: Annotated[
        list[str] | None, typer.Option("--actors", help="Extra actor dictionary (repeatable).")
    ] = None,
    patterns: Annotated[
        list[str] | None, typer.Option("--patterns", help="Extra pattern file (repeatable).")
    ] = None,
    config: ConfigOpt = None,
    engine: scale_cli.EngineOpt = scale_cli.Engine.local,
    address: scale_cli.AddressOpt = "local",
    parquet: scale_cli.OutputOpt = None,
    workers: Annotated[int | None, typer.Option(help="Dask workers for a local cluster.")] = None,
    partition_size: scale_cli.PartitionOpt = None,
) -> None:
    """Code articles into events: `dyads code article.html --db news.duckdb`."""
    from ..runner import code_paths

    try:
        options = load_options(config, max_bytes=max_bytes)
        if actors:
            options = options.with_(actor_files=(*options.actor_files, *actors))
        if patterns:
            options = options.with_(pattern_files=(*options.pattern_files, *patterns))
        if engine is scale_cli.Engine.dask:
            exit_code = scale_cli.run_on_dask(
                paths, options, mode="code", output=parquet, db=db, address=address,
                workers=workers, partition_size=partition_size,
                default_date=_check_date(date) if date else None,
                command="dyads code --engine dask " + " ".join(paths),
            )  # fmt: skip
            raise typer.Exit(exit_code)
        fmt = output or (OutputFormat.none if db else default_format())  # --db: the summary
        writer = EventWriter(fmt, sys.stdout)
        default_date = _check_date(date) if date else None

        def sink(result) -> None:
            writer.write(result)

        with progress_bar(enabled=fmt is not OutputFormat.table and sys.stderr.isatty()) as tick:
            summary = code_paths(
                paths, options, db=db, sink=sink, progress=tick, default_date=default_date,
                command="dyads code " + " ".join(paths),
            )  # fmt: skip
        writer.close()
    except DyadsError as exc:
        fail(exc)
        return
    for rejection in summary.errors:
        typer.echo(rejection.reason, err=True)
    for warning in summary.warnings:
        typer.echo(warning, err=True)
    where = f" into {db}" if db else ""
    typer.echo(
        f"Coded {summary.documents} document(s), {summary.events} event(s){where}; "
        f"{summary.failed_inputs} input(s) rejected.",
        err=True,
    )
    if summary.failed_inputs:
        raise typer.Exit(1)


def _check_date(value: str) -> str:
    import datetime as dt

    from ..errors import ConfigError, Errors

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(Errors.E203, value=value, detail=str(exc)) from exc


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A .txt, .html or .jsonl file, or '-'.")],
    output: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    config: ConfigOpt = None,
) -> None:
    """Show what the coder sees: clean text, title, byline, date, site, credits, paragraphs."""
    from ..ingest import iter_inputs
    from ..model import Rejection

    try:
        options = load_options(config)
        items = list(iter_inputs([path], options))
    except DyadsError as exc:
        fail(exc)
        return
    failed = False
    for item in items:
        if isinstance(item, Rejection):
            typer.echo(item.reason, err=True)
            failed = True
        elif output is ExtractFormat.text:
            typer.echo(item.text)
        else:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


@app.command()
def components() -> None:
    """List the registered pipeline components."""
    from .. import pipeline  # noqa: F401  (registers the built-in components)
    from ..registry import names

    for name in names():
        typer.echo(name)


def main() -> None:
    app()
