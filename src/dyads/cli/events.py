"""`dyads events ...`: query stored events (`dyads events --db FILE [filters]`) and
validate event patterns (`dyads events lint`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DyadsError
from .analysis import (
    FormatOpt,
    LocationCountryOpt,
    NearOpt,
    RadiusOpt,
    empty,
    fail,
    print_frame,
)

app = typer.Typer(
    help="Stored events (--db FILE with filters) and event patterns (lint).",
    invoke_without_command=True,
)

TABLE_COLUMNS = (
    "date", "type", "mode", "modality", "source_code", "target_code", "trigger_text",
    "location_name", "location_country", "doc_id", "sentence_id", "sentence",
)  # fmt: skip


@app.callback()
def events_query(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option("--db", help="The store to query.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor as source or target.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor code.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code.")] = None,
    type: Annotated[str | None, typer.Option(help="PLOVER type(s), comma-separated.")] = None,
    modality: Annotated[str | None, typer.Option(help="Modality(ies), comma-separated.")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the sentence or trigger.")] = None,
    location_country: LocationCountryOpt = None,
    near: NearOpt = None,
    radius_km: RadiusOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    apply_corrections: Annotated[
        bool, typer.Option(help="Show events as analysts corrected them (dyads corrections).")
    ] = False,
    output: FormatOpt = None,
) -> None:
    """Filtered events with sentence and document: `dyads events --db news.duckdb --actor RUS`.

    Codes match by prefix or country: USA matches USA, USAGOV, USAMIL.
    """
    if ctx.invoked_subcommand is not None:
        return
    if db is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
    from ..analysis import EventFilter, find_events

    filters = {
        "actor": actor, "source": source, "target": target, "type": type,
        "modality": modality, "since": since, "until": until, "text": text,
        "location_country": location_country, "near": near, "radius_km": radius_km,
    }  # fmt: skip
    try:
        frame = find_events(db, limit=limit, apply_corrections=apply_corrections, **filters)
    except DyadsError as exc:
        fail(exc)
        return
    if frame.empty:
        empty(EventFilter(**filters).describe(), db)
        return
    print_frame(frame, output, columns=TABLE_COLUMNS)


@app.command("lint")
def events_lint(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Pattern files (default: built-in).")
    ] = None,
    examples: Annotated[
        bool,
        typer.Option(
            "--examples/--no-examples",
            help="Also code each pattern's examples and counter-examples (loads spaCy).",
        ),
    ] = True,
) -> None:
    """Validate event pattern files; print path:line: problem for each error, then code
    every pattern's examples (must code) and counter-examples (must not)."""
    from ..events.patterns import (
        builtin_pattern_files,
        lint_patterns,
        load_pattern_files,
        load_types,
    )

    targets = files or builtin_pattern_files()
    problems = lint_patterns(list(targets))
    if not problems and examples:
        from ..config import load_options
        from ..events.lint import check_examples

        patterns = load_pattern_files(list(targets), load_types())
        extra = [str(p) for p in targets] if files else []
        options = load_options(pattern_files=tuple(extra)) if extra else load_options()
        problems = check_examples(patterns, options)
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{len(targets)} pattern file(s) OK.")


@app.command("calibrate")
def events_calibrate(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Benchmarks folder (default: <shared>/benchmarks)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the model here (default: the packaged one)."),
    ] = None,
) -> None:
    """Fit the confidence model on news_gold's training half; print held-out figures.

    Run after changing patterns or role strategies: confidence then predicts how often
    such records are right (`dyads eval news` prints precision per confidence band).
    """
    from ..eval.calibrate import calibrate
    from ..eval.paths import benchmarks_dir

    try:
        run = calibrate(benchmarks_dir(data), out)
    except DyadsError as exc:
        fail(exc)
        return
    typer.echo(f"Wrote {run.path} ({run.train_records} training records, "
               f"{len(run.calibration.weights)} weights).")  # fmt: skip
    for name, figures in run.summary.items():
        typer.echo(f"  {name}: precision {figures['precision']}, recall {figures['recall']}, "
                   f"{figures['records']} records")  # fmt: skip


@app.command("golden")
def events_golden(
    suite: Annotated[
        Path | None, typer.Option("--suite", help="Suite YAML (default: tests/golden/golden.yaml).")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Baseline JSON of passing ids.")
    ] = None,
    write_baseline: Annotated[
        bool, typer.Option("--write-baseline", help="Accept the current state as the baseline.")
    ] = False,
) -> None:
    """Code the golden sentence suite: every item's gained and lost records, and which
    items pass or fail since the baseline (exit 1 when a passing item regressed)."""
    from ..eval import golden

    try:
        result = golden.run(golden.load(suite))
    except (DyadsError, golden.GoldenError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(result.report())
    diff = golden.compare(result, golden.load_baseline(baseline))
    typer.echo(f"since baseline: newly passing {', '.join(diff.newly_passing) or '-'}; "
               f"newly failing {', '.join(diff.newly_failing) or '-'}")  # fmt: skip
    if write_baseline:
        typer.echo(f"wrote {golden.write_baseline(result, baseline)}")
        return
    if diff.regressed:
        raise typer.Exit(1)
