"""`dyads eval DATASET`: score dyads against public gold in ../shared/benchmarks.

A thin layer over :mod:`dyads.eval`: parse flags, run, print a rich table or
one JSON object. A missing dataset is a visible skip (E501, exit 0), never a pass.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from typer.core import TyperGroup

from ..errors import DyadsError, Errors
from ..eval.registry import DATASETS

DATASET_HELP = {
    "news": "news_gold: real articles, every event coded; precision, recall, modality, errors.",
    "constructions": "Short texts by linguistic phenomenon: P/R/F1 and modality per phenomenon.",
    "cameo": "CAMEO codebook examples: PLOVER type recall per example sentence.",
    "plover": "PLOVER gold records: type, source/target country and sector accuracy.",
    "magnitudes": "PLOVER gold records with size/dead/injured: exact-match accuracy, coverage.",
    "actors": "NGEC actor-resolution gold: country and sector of names on a date.",
    "petrarch": "PETRARCH2 unit tests coded with their own converted dictionaries.",
    "attribution": "PolNeAR attribution: source and cue span P/R/F1 (dev split by default).",
    "extraction": "Zyte article-extraction benchmark: extract_html vs six published extractors.",
    "geo": "Geoparsing gold (GWN, LGL, TR-News, GeoVirus): toponym P/R/F1, km errors, AUC.",
    "geo-events": "Event locations on hand-annotated news_gold sentences: country, city/division.",
    "stories": "Story clustering: same-story pair P/R on rewrites + Guardian sample, fixtures.",
    "throughput": "Words/s of code_documents vs spaCy's full pipeline on the same texts.",
    "all": "Every available dataset; rewrites the block in EVALUATION.md.",
}


out = Console()
err = Console(stderr=True)


class _DatasetGroup(TyperGroup):
    """Unknown dataset names get the catalogue message (E502), not click's."""

    def resolve_command(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            err.print(
                f"[red]{Errors.E502.format(name=args[0], choices=', '.join(DATASET_HELP))}[/red]"
            )
            raise typer.Exit(2)
        return super().resolve_command(ctx, args)


app = typer.Typer(
    help="Score dyads against public gold data (../shared/benchmarks).",
    cls=_DatasetGroup,
    no_args_is_help=True,
)


def _print_report(report, show_errors: int) -> None:
    from ..eval.report import summary_table

    err.print(f"[bold]{report.used()}[/bold]")
    if report.skipped:
        err.print(f"[yellow]{escape(report.skipped)}[/yellow]")
        return
    for table in [summary_table(report), *report.tables]:
        rich_table = RichTable(title=escape(table.title))
        for column in table.columns:
            rich_table.add_column(column)
        from ..eval.report import fmt

        for row in table.rows:
            rich_table.add_row(*[escape(fmt(c)) for c in row])
        out.print(rich_table)
    for note in report.notes:
        out.print(f"- {escape(note)}")
    if show_errors:
        out.print(
            f"[bold]{min(show_errors, len(report.errors))} of {len(report.errors)} errors[/bold]"
        )
        for case in report.errors[:show_errors]:
            out.print(f"[bold]{escape(case.item)}[/bold]: {escape(case.sentence)}")
            out.print(f"  gold:   {escape(case.gold)}")
            out.print(f"  system: {escape(case.system)}")
            out.print(f"  rule:   {escape(case.rule or '-')}")


def _run(
    name: str,
    data: Path | None,
    limit: int | None,
    split: str | None,
    as_json: bool,
    show_errors: int,
    markdown: Path | None,
    config: Path | None = None,
) -> None:
    from ..config import load_options
    from ..eval import markdown as md
    from ..eval.paths import repo_root
    from ..eval.registry import run_all, run_dataset

    try:
        options = load_options(config) if config else None
        if name == "all":
            reports = run_all(data, limit, options=options)
        else:
            if name == "attribution" and split == "test":
                err.print("[yellow]Warning: the test split is for final reporting only.[/yellow]")
            reports = [run_dataset(name, data, limit, split, options)]
        if as_json:
            payload = [r.to_json() for r in reports]
            out.print_json(json.dumps(payload[0] if name != "all" else payload, default=str))
            for r in reports:
                err.print(r.used() + (f" (skipped: {r.skipped})" if r.skipped else ""))
        else:
            for r in reports:
                _print_report(r, show_errors)
        if name == "all":
            target = markdown or repo_root() / "EVALUATION.md"
            command = "dyads eval all" + (f" --limit {limit}" if limit else "")
            md.update(target, reports, command, md.commit_label(repo_root()))
            err.print(f"Updated {target}")
    except DyadsError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from exc


def _register(name: str) -> None:
    def command(
        data: Annotated[
            Path | None,
            typer.Option("--data", help="Benchmarks folder (default: <shared>/benchmarks)."),
        ] = None,
        limit: Annotated[
            int | None,
            typer.Option("--limit", min=1, help="First N items (throughput: N articles, 200)."),
        ] = None,
        split: Annotated[
            str | None, typer.Option("--split", help="train|dev|test (attribution: dev).")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print one JSON object of figures on stdout.")
        ] = False,
        show_errors: Annotated[
            int, typer.Option("--show-errors", min=0, help="List N errors with gold and rule.")
        ] = 0,
        markdown: Annotated[
            Path | None, typer.Option("--markdown", help="'all' only: the EVALUATION.md to update.")
        ] = None,
        config: Annotated[
            Path | None,
            typer.Option("--config", help="User settings file (TOML).", dir_okay=False),
        ] = None,
    ) -> None:
        if split is not None and split not in ("train", "dev", "test"):
            raise typer.BadParameter("choose train, dev or test", param_hint="--split")
        _run(name, data, limit, split, as_json, show_errors, markdown, config)

    command.__doc__ = DATASET_HELP[name]
    app.command(name, help=DATASET_HELP[name])(command)


for _name in [*DATASETS, "all"]:
    _register(_name)
