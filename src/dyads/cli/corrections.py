"""`dyads corrections ...`: record, list and export analysts' corrections of coded events.
Parse, call ``dyads.analysis.corrections``, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DyadsError
from .analysis import DbOpt, fail
from .output import plain_value

app = typer.Typer(
    help="Analysts' corrections of coded events: add, list, export as news_gold.",
    no_args_is_help=True,
)


@app.command("add")
def corrections_add(
    db: DbOpt,
    event: Annotated[str, typer.Option("--event", help="The event id.")],
    verdict: Annotated[str, typer.Option(help="right, wrong (give what is right) or not_event.")],
    type: Annotated[str | None, typer.Option(help="The right PLOVER type.")] = None,
    source: Annotated[str | None, typer.Option(help="The right source actor code.")] = None,
    target: Annotated[str | None, typer.Option(help="The right target actor code.")] = None,
    modality: Annotated[str | None, typer.Option(help="The right modality.")] = None,
    note: Annotated[str | None, typer.Option(help="Why, in one line.")] = None,
) -> None:
    """Record a correction of one event; the coded record stays as it is.

    `dyads corrections add --db news.duckdb --event ID --verdict wrong --type ACCUSE`
    """
    from ..analysis.corrections import Correction, add_correction

    correction = Correction(event, verdict, type, source, target, modality, note)
    try:
        row = add_correction(db, correction)
    except DyadsError as exc:
        fail(exc)
        return
    typer.echo(json.dumps({k: plain_value(v) for k, v in row.items()}, ensure_ascii=False))


@app.command("list")
def corrections_list(
    db: DbOpt,
    event: Annotated[str | None, typer.Option("--event", help="One event's only.")] = None,
) -> None:
    """Stored corrections as JSON Lines, newest first."""
    from ..analysis.corrections import list_corrections

    try:
        rows = list_corrections(db, event)
    except DyadsError as exc:
        fail(exc)
        return
    for row in rows:
        sys.stdout.write(
            json.dumps({k: plain_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
        )
    typer.echo(f"{len(rows)} correction(s).", err=True)


@app.command("export")
def corrections_export(
    db: DbOpt,
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="gold.jsonl (default stdout).")
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option(help="Also write their documents as news_gold's articles.jsonl here."),
    ] = None,
) -> None:
    """Corrected and confirmed events as news_gold records (gold.jsonl).

    Score dyads on your own sentences: `dyads corrections export --db news.duckdb -o gold.jsonl`.
    """
    from ..analysis.corrections import export_gold

    try:
        count = export_gold(db, out if out is not None else sys.stdout, articles)
    except DyadsError as exc:
        fail(exc)
        return
    where = f" to {out}" if out is not None else ""
    typer.echo(f"Exported {count} gold record(s){where}.", err=True)
