"""Query, analysis and exports over a store: `dyads query`, `dyad`, `network`, `alerts`,
`brief`, `export` (and `dyads events --db`, in events.py). Parse, call, print."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import DyadsError, Errors, QueryError
from .output import plain_value

app = typer.Typer()

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store to read.", dir_okay=False)]


class FrameFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class NetworkFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


class Freq(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class By(StrEnum):
    country = "country"
    code = "code"


ByOpt = Annotated[
    By,
    typer.Option(
        "--by", help="Group actors by 'country' (USA, USAGOV, USAMIL are one) or full 'code'."
    ),
]


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    icews = "icews"
    polecat = "polecat"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


FormatOpt = Annotated[
    FrameFormat | None,
    typer.Option("--format", "-f", help="table (default at a terminal), jsonl or csv."),
]


def fail(exc: DyadsError, code: int = 2) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(code)


def empty(detail: str, db: Path) -> None:
    """Nothing matched: say so on stderr, exit 0."""
    typer.echo(Errors.E702.format(detail=detail, path=db), err=True)


def print_frame(frame, fmt: FrameFormat | None, columns: Sequence[str] | None = None) -> None:
    """A DataFrame as a rich table, JSON Lines or CSV on stdout."""
    fmt = fmt or (FrameFormat.table if sys.stdout.isatty() else FrameFormat.jsonl)
    names = [str(c) for c in frame.columns]
    rows = [[plain_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    if fmt is FrameFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
            sys.stdout.write("\n")
    elif fmt is FrameFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    else:
        shown = [names.index(c) for c in columns] if columns else list(range(len(names)))
        table = Table(title=f"{len(rows)} row(s)")
        for i in shown:
            table.add_column(names[i], overflow="fold")
        for row in rows:
            table.add_row(*(_short(row[i]) for i in shown))
        Console().print(table)
    sys.stdout.flush()


def _short(value: Any, width: int = 100) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="One SELECT/WITH/DESCRIBE/SHOW/EXPLAIN statement.")],
    db: DbOpt,
    output: FormatOpt = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Stop the query after this many seconds (setting query_timeout)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="User settings file (TOML).", dir_okay=False)
    ] = None,
) -> None:
    """Read-only SQL over the views events, mentions, documents, stories, actors."""
    from ..analysis import run_query
    from ..config import load_options

    try:
        options = load_options(config, query_timeout=timeout)
        frame = run_query(db, sql, options)
    except DyadsError as exc:
        fail(exc)
        return
    print_frame(frame, output)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="First actor code (USA matches USAGOV too).")],
    b: Annotated[str, typer.Argument(help="Second actor code.")],
    db: DbOpt,
    freq: Annotated[Freq, typer.Option(help="Period: day, week (from Monday) or month.")] = (
        Freq.week
    ),
    modality: Annotated[
        str, typer.Option(help="Modalities to count (comma list) or 'all'.")
    ] = "asserted",
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw a chart (.png or .svg).")] = None,
    output: FormatOpt = None,
) -> None:
    """Counts by type and quad class, net cooperation, mean intensity: A->B and B->A per period."""
    from ..analysis import dyad_series

    try:
        frame = dyad_series(db, a, b, freq.value, modality, since, until)
        if frame.empty:
            empty(f"the dyad {a.upper()}-{b.upper()} ({modality})", db)
            return
        if plot is not None:
            from ..analysis.plot import plot_dyad

            plot_dyad(frame, plot, title=f"{a.upper()} / {b.upper()} ({freq.value})")
            typer.echo(f"Chart written to {plot}.", err=True)
    except DyadsError as exc:
        fail(exc)
        return
    used = [c for c in frame.columns[9:] if frame[c].sum() > 0]
    print_frame(frame, output, columns=[*map(str, frame.columns[:9]), *used])


@app.command()
def network(
    db: DbOpt,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    type: Annotated[str | None, typer.Option(help="PLOVER type(s), comma-separated.")] = None,
    modality: Annotated[str, typer.Option(help="Modalities (comma list) or 'all'.")] = "asserted",
    output: Annotated[
        NetworkFormat, typer.Option("--format", "-f", help="json (node-link), graphml or gexf.")
    ] = NetworkFormat.json,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="File (default stdout).")] = (
        None
    ),
    by: ByOpt = By.country,
) -> None:
    """The actor graph: nodes are countries (or codes), edges weighted by events, type and quad
    class; countryless actors (GOV, REB) are left out and counted."""
    from ..analysis import actor_network, write_network

    try:
        graph = actor_network(db, since, until, type, modality, by.value)
        if out is None:
            write_network(graph, output.value, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as fh:
                write_network(graph, output.value, fh)
    except DyadsError as exc:
        fail(exc)
        return
    except OSError as exc:
        typer.echo(f"Error: {Errors.E707.format(path=out, detail=exc)}", err=True)
        raise typer.Exit(2) from exc
    nodes = "countries" if by is By.country else "actor(s)"
    typer.echo(
        f"{graph.number_of_nodes()} {nodes}, {graph.number_of_edges()} edge(s); "
        f"{graph.graph['no_country_events']} event(s) with a countryless actor left out.",
        err=True,
    )


@app.command()
def alerts(
    db: DbOpt,
    since: Annotated[str, typer.Option(help="Start of the current period, YYYY-MM-DD.")],
    until: Annotated[str | None, typer.Option(help="End (default: latest event date).")] = None,
    baseline_days: Annotated[int, typer.Option(help="Days of history before --since.")] = 84,
    threshold: Annotated[float, typer.Option(help="Alert when |z| reaches this.")] = 2.0,
    min_count: Annotated[int, typer.Option(help="Fewest events for an alert.")] = 3,
    by: ByOpt = By.country,
    domestic: Annotated[
        bool, typer.Option(help="--no-domestic: leave out dyads within one country (USA -> USA).")
    ] = True,
    per_documents: Annotated[
        bool, typer.Option(help="Scale each period's count to the mean number of documents.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one alert a line.")] = False,
) -> None:
    """Dyads whose conflict or cooperation this period departs from their own baseline (z-score)."""
    from ..analysis import find_alerts

    try:
        found = find_alerts(
            db, since, until, baseline_days, threshold, min_count, by.value,
            domestic=domestic, per_documents=per_documents,
        )  # fmt: skip
    except DyadsError as exc:
        fail(exc)
        return
    if not found:
        empty(f"an alert (threshold {threshold}, at least {min_count} events) since {since}", db)
        return
    for alert in found:
        if as_json:
            typer.echo(json.dumps(alert.to_dict(), ensure_ascii=False))
            continue
        scaled = (
            f" ({alert.adjusted} at the mean volume; {alert.documents} document(s))"
            if alert.adjusted is not None
            else ""
        )
        typer.echo(
            f"{alert.source} -> {alert.target}: {alert.kind} {alert.change}, {alert.current} "
            f"event(s){scaled} vs baseline mean {alert.baseline_mean} (sd {alert.baseline_sd}), "
            f"z = {alert.z}"
        )
        for event in alert.events:
            typer.echo(
                f"  {event['date']} {event['type']} {event['source_code']} -> "
                f"{event['target_code']} [{event['doc_id']}#{event['sentence_id']}] "
                f"{event['sentence']}"
            )


@app.command()
def brief(
    db: DbOpt,
    actor: Annotated[str, typer.Option(help="Actor code, e.g. RUS or RUSGOV.")],
    since: Annotated[str, typer.Option(help="First date, YYYY-MM-DD.")],
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    per_type: Annotated[int, typer.Option(help="Events shown per counterpart and type.")] = 5,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="File (default stdout).")] = (
        None
    ),
    by: ByOpt = By.country,
) -> None:
    """A Markdown brief on one actor: main events per counterpart (country or code), grouped by
    type, cited; cooperation and conflict counted over asserted events only."""
    from ..analysis import brief_markdown

    try:
        text = brief_markdown(db, actor, since, until, per_type, by=by.value)
    except DyadsError as exc:
        fail(exc)
        return
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


ActorOpt = Annotated[str | None, typer.Option(help="Actor as source or target.")]
SourceOpt = Annotated[str | None, typer.Option(help="Source actor code.")]
TargetOpt = Annotated[str | None, typer.Option(help="Target actor code.")]
TypeOpt = Annotated[str | None, typer.Option(help="PLOVER type(s), comma-separated.")]
SinceOpt = Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")]
TextOpt = Annotated[str | None, typer.Option(help="Words in the sentence or trigger.")]
LocationCountryOpt = Annotated[
    str | None,
    typer.Option(help="Where events happened: ISO alpha-3 country code(s), comma-separated."),
]
NearOpt = Annotated[
    str | None,
    typer.Option(help="Events located within --radius-km of this point: LAT,LON (degrees)."),
]
RadiusOpt = Annotated[
    float | None, typer.Option(help="Kilometres around --near (great-circle distance).")
]


@app.command()
def export(
    db: DbOpt,
    output: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="File, or directory for parquet.")
    ] = None,
    actor: ActorOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    type: TypeOpt = None,
    modality: Annotated[
        str | None,
        typer.Option(
            help="Modalities (comma list) or 'all' (default: asserted for "
            "GDELT/ICEWS/POLECAT, all for parquet/csv/jsonl)."
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    location_country: LocationCountryOpt = None,
    near: NearOpt = None,
    radius_km: RadiusOpt = None,
    all_modalities: Annotated[bool, typer.Option(help="Same as --modality all.")] = False,
    apply_corrections: Annotated[
        bool, typer.Option(help="Export events as analysts corrected them (dyads corrections).")
    ] = False,
) -> None:
    """Export events as GDELT 2.0 events or mentions, ICEWS, POLECAT, Parquet, CSV or JSONL,
    with the filters of `dyads events`; -o FILE also writes FILE.meta.json saying what it holds."""
    from ..analysis import EventFilter
    from ..analysis import export as export_events
    from ..analysis.export import export_meta, undated_count

    try:
        if all_modalities and modality not in (None, "all"):
            detail = "--all-modalities is --modality all; give one of them"
            raise QueryError(Errors.E706, value=modality, option="--modality", detail=detail)
        spec = EventFilter(
            actor=actor, source=source, target=target, type=type,
            modality="all" if all_modalities else modality, since=since, until=until, text=text,
            location_country=location_country, near=near, radius_km=radius_km,
        )  # fmt: skip
        target_file = out if out is not None else sys.stdout
        count = export_events(db, output.value, target_file, spec, apply_corrections)
    except DyadsError as exc:
        fail(exc)
        return
    meta = export_meta(output.value, spec)
    held = (
        " ".join(f"--{k.replace('_', '-')} {v}" for k, v in meta["filters"].items()) or "no filters"
    )
    mods = meta["modality"] if meta["modality"] == "all" else ",".join(meta["modality"])
    where = f" to {out}" if out is not None else ""
    typer.echo(
        f"Exported {count} row(s) as {output.value}{where} ({held}; modality {mods}).", err=True
    )
    undated = undated_count(db, output.value, spec)
    if undated:
        typer.echo(
            f"Left out {undated} undated event(s): {output.value} rows need a date.", err=True
        )
