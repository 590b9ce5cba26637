"""Export stored events as GDELT 2.0, ICEWS or POLECAT tables, or as Parquet, CSV, JSONL.

The foreign layouts (exact column names and order, types, and how each column
is filled) are data: ``data/analysis/exports.yaml``, documented in
docs/exports.md, with the lookup tables they read (CAMEO names, ICEWS sector
names, PLOVER contexts) beside it. Columns dyads has no value for are left
empty. Those formats carry asserted events only by default: a denied attack is
not an attack. Every export takes the filters of ``dyads events`` and says
which it holds: ``export_meta`` (a ``.meta.json`` sidecar, an HTTP header).

GLOBALEVENTID (and ICEWS's Event ID) must be an integer: it is the first 16 hex
digits of SHA-256(event_id) read as an unsigned integer, masked to 63 bits, so
the same event always gets the same id, on any machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.dataset as ds
import pycountry
import yaml

from .. import __version__
from ..config import DATA_DIR
from ..errors import Errors, QueryError
from ..places.gazetteer import country_points, division_names
from .connection import Db, connect
from .corrections import corrected_view
from .filters import EventFilter, modalities

LAYOUTS_FILE = DATA_DIR / "analysis" / "exports.yaml"
CAMEO_FILE = DATA_DIR / "analysis" / "cameo_labels.csv"
SECTORS_FILE = DATA_DIR / "analysis" / "sectors.yaml"
CONTEXTS_FILE = DATA_DIR / "analysis" / "contexts.yaml"
FOREIGN: tuple[str, ...] = ("gdelt", "gdelt-mentions", "icews", "polecat")
PARQUET_META = "_dyads.meta.json"  # inside the directory: Parquet readers skip names with '_'
FORMATS: tuple[str, ...] = (
    "gdelt",
    "gdelt-mentions",
    "icews",
    "polecat",
    "parquet",
    "csv",
    "jsonl",
)
MASK_63 = (1 << 63) - 1
_GID_SQL = (
    "(('0x' || substr(sha256(e.event_id), 1, 16))::UBIGINT & 9223372036854775807::UBIGINT)::BIGINT"
)
_CLEAN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def global_event_id(event_id: str) -> int:
    """The stable 63-bit integer id of an event (as GLOBALEVENTID)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:16], 16) & MASK_63


@cache
def layouts() -> dict[str, dict[str, Any]]:
    """The foreign formats' column layouts, from the packaged YAML."""
    with LAYOUTS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def column_names(fmt: str) -> list[str]:
    return [c["name"] for c in layouts()[fmt]["columns"]]


# where: the event's location read through the country and division tables (GDELT's
# geography type, FIPS country code and full name; the division's name), and each actor's
# country as a place (GDELT's ActorGeo where the actor is not in the event's country)
GEO_COMPUTED = (
    "action_geo_type", "action_geo_name", "location_fips", "location_country_name",
    "location_province", "source_fips", "source_geo_lat", "source_geo_lon", "source_geo_id",
    "target_fips", "target_geo_lat", "target_geo_lon", "target_geo_id",
)  # fmt: skip
# GDELT's geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
_GEO_TYPE = """CASE e.location_precision WHEN 'country' THEN 1
    WHEN 'division' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
    WHEN 'city' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END
    WHEN 'region' THEN CASE WHEN e.location_country IS NOT NULL THEN 5 END END"""
_GEO_NAME = """CASE WHEN e.location_precision = 'country' OR lp.name IS NULL THEN e.location_name
    ELSE concat_ws(', ', e.location_name, CASE WHEN e.location_precision = 'city'
    THEN dv.name END, lp.name) END"""

# base-row columns the export computes (the rest are stored fields, copied as they are)
COMPUTED = frozenset({
    "gid", "dyads_version", "doc_len", "primary_mention", "cameo_label", "contexts",
    "source_country_name", "target_country_name", "source_sector_name", "target_sector_name",
    *GEO_COMPUTED,
})  # fmt: skip


def column_fill(column: dict[str, Any]) -> str:
    """How a layout column is filled: ``filled`` (a stored field as it is), ``derived``
    (computed from stored fields or lookup tables) or ``empty`` (dyads has no value)."""
    sql = column["sql"]
    if sql is None:
        return "empty"
    if sql.isidentifier() and sql not in COMPUTED:
        return "filled"
    return "derived"


@cache
def cameo_labels() -> dict[str, str]:
    """CAMEO code -> its codebook name (ICEWS's 'Event Text')."""
    with CAMEO_FILE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["code"]: row["label"] for row in rows}


@cache
def sector_names() -> dict[str, str]:
    """Actor sector code -> its name as ICEWS writes it (GOV -> Government)."""
    with SECTORS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)["names"]


@cache
def context_rules() -> dict[str, Any]:
    """The PLOVER context rules: by CAMEO code prefix, by mode, by trigger word."""
    with CONTEXTS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def cameo_contexts(code: str) -> list[str]:
    """The contexts of a CAMEO code: those of its longest listed prefix."""
    table = context_rules()["cameo"]
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return list(table[code[:end]])
    return []


def _lookups() -> dict[str, pa.Table]:
    """The tables an export joins: country names, CAMEO names and contexts, sector
    names, mode contexts. Registered on the connection for one export only."""
    countries = [(c.alpha_3, getattr(c, "common_name", c.name)) for c in pycountry.countries]
    labels = cameo_labels()
    sectors = sector_names()
    modes = context_rules()["modes"]
    points = country_points()
    divisions = division_names()
    return {
        "_dyads_places": pa.table(
            {
                "iso3": [c.iso3 for c in points],
                "fips": [c.fips for c in points],
                "name": [c.name for c in points],
                "lat": [c.lat for c in points],
                "lon": [c.lon for c in points],
                "geonameid": pa.array([c.geonameid for c in points], pa.int64()),
            }
        ),
        "_dyads_divisions": pa.table(
            {
                "country": [k[0] for k in divisions],
                "code": [k[1] for k in divisions],
                "name": list(divisions.values()),
            }
        ),
        "_dyads_countries": pa.table(
            {"iso3": [r[0] for r in countries], "name": [r[1] for r in countries]}
        ),
        "_dyads_cameo": pa.table(
            {
                "code": list(labels),
                "label": list(labels.values()),
                "contexts": [cameo_contexts(code) for code in labels],
            }
        ),
        "_dyads_sectors": pa.table({"code": list(sectors), "name": list(sectors.values())}),
        "_dyads_modes": pa.table(
            {"mode": list(modes), "contexts": [list(v) for v in modes.values()]},
            schema=pa.schema([("mode", pa.string()), ("contexts", pa.list_(pa.string()))]),
        ),
    }


def _trigger_contexts_sql(column: str) -> str:
    """A list of the contexts whose trigger words start a word of ``column``."""
    cases = []
    for context, stems in context_rules()["triggers"].items():
        pattern = "|".join(stem.replace("'", "''") for stem in stems)
        cases.append(
            f"CASE WHEN regexp_matches(lower({column}), '\\b({pattern})') THEN '{context}' END"
        )
    return f"list_filter([{', '.join(cases)}], lambda x: x IS NOT NULL)"


def _base_sql(kind: str, where: str) -> str:
    """The rows a layout's expressions read: events (or mentions) with document fields."""
    docs = "d.coded_at, d.language, length(d.text) AS doc_len, d.path, d.site"
    if kind == "mentions":
        return f"""
            SELECT m.event_id, m.doc_id, m.sentence_id, m.trigger_start,
                   m.sentence_id = e.sentence_id AND m.trigger_start = e.trigger_start
                       AS primary_mention,
                   e.source_start, e.target_start, e.date, e.confidence, e.published,
                   e.url, e.publisher, {docs}, {_GID_SQL} AS gid
            FROM mentions m JOIN events e ON e.event_id = m.event_id AND e.doc_id = m.doc_id
            LEFT JOIN documents d ON d.doc_id = m.doc_id
            WHERE {where}"""
    contexts = (
        "list_concat(coalesce(cm.contexts, []), coalesce(md.contexts, []), "
        f"{_trigger_contexts_sql('e.trigger_text')})"
    )
    return f"""
        SELECT e.*, {docs}, sc.name AS source_country_name, tc.name AS target_country_name,
               ss.name AS source_sector_name, ts.name AS target_sector_name,
               coalesce(cm.label, c3.label, c2.label) AS cameo_label,
               nullif(array_to_string(list_sort(list_distinct({contexts})), ';'), '')
                   AS contexts,
               ? AS dyads_version, {_GID_SQL} AS gid,
               {_GEO_TYPE} AS action_geo_type, {_GEO_NAME} AS action_geo_name,
               lp.fips AS location_fips, lp.name AS location_country_name,
               CASE WHEN e.location_precision = 'division' THEN e.location_name
                    ELSE dv.name END AS location_province,
               sp.fips AS source_fips, sp.lat AS source_geo_lat, sp.lon AS source_geo_lon,
               sp.geonameid AS source_geo_id, tp.fips AS target_fips,
               tp.lat AS target_geo_lat, tp.lon AS target_geo_lon, tp.geonameid AS target_geo_id
        FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN _dyads_places lp ON lp.iso3 = e.location_country
        LEFT JOIN _dyads_divisions dv
            ON dv.country = e.location_country AND dv.code = e.location_adm1
        LEFT JOIN _dyads_places sp ON sp.iso3 = e.source_country
        LEFT JOIN _dyads_places tp ON tp.iso3 = e.target_country
        LEFT JOIN _dyads_countries sc ON sc.iso3 = e.source_country
        LEFT JOIN _dyads_countries tc ON tc.iso3 = e.target_country
        LEFT JOIN _dyads_sectors ss ON ss.code = e.source_sector
        LEFT JOIN _dyads_sectors ts ON ts.code = e.target_sector
        LEFT JOIN _dyads_cameo cm ON cm.code = e.cameo
        LEFT JOIN _dyads_cameo c3 ON c3.code = left(e.cameo, 3)
        LEFT JOIN _dyads_cameo c2 ON c2.code = left(e.cameo, 2)
        LEFT JOIN _dyads_modes md ON md.mode = e.mode
        WHERE {where}"""


def export_filter(fmt: str, filters: EventFilter | None = None) -> EventFilter:
    """``filters`` with the format's default modality: asserted for GDELT, ICEWS and
    POLECAT, every modality for Parquet, CSV and JSONL. A modality given wins."""
    spec = EventFilter(**(filters.to_dict() if filters is not None else {}))
    if spec.modality is None:
        spec.modality = "asserted" if fmt in FOREIGN else "all"
    return spec


def export_meta(fmt: str, filters: EventFilter | None = None) -> dict[str, Any]:
    """What an export holds: its format, filters and modalities (``all`` or a list)."""
    spec = export_filter(fmt, filters)
    held = {k: v for k, v in spec.to_dict().items() if k != "modality"}
    return {
        "format": fmt,
        "filters": held,
        "modality": modalities(spec.modality) or "all",
        "dyads_version": __version__,
    }


# ACLED's fatalities: the dead the event's clause states, 0 where it states none.
FATALITIES = "coalesce(dead, 0) AS fatalities"


def export_sql(fmt: str, filters: EventFilter | None = None) -> tuple[str, list[Any]]:
    """The SELECT producing a foreign layout, and its parameters. Events without a date
    are left out (a GDELT, ICEWS or POLECAT row needs one): ``undated_count`` says how many."""
    layout = layouts()[fmt]
    where, params = export_filter(fmt, filters).where("e.")
    where = f"({where}) AND e.date IS NOT NULL"
    select = ", ".join(
        f"{c['sql'] or 'NULL'} AS " + '"' + c["name"] + '"' for c in layout["columns"]
    )
    base = _base_sql(layout["base"], where)
    version: list[Any] = [] if layout["base"] == "mentions" else [__version__]
    order = "ORDER BY gid, sentence_id, trigger_start"
    return f"SELECT {select} FROM ({base}) {order}", [*version, *params]


def export(
    db: Db,
    fmt: str,
    out: TextIO | str | Path,
    filters: EventFilter | None = None,
    apply_corrections: bool = False,
) -> int:
    """Write the stored events ``filters`` select in ``fmt``; return the rows written.

    ``apply_corrections`` exports events as analysts corrected them, without those
    marked not an event (``analysis.corrections``).

    ``parquet`` needs a directory path (one partition per month of the event date,
    ``month=YYYY-MM``, undated events under ``month=undated``). ``csv``, ``jsonl``
    and ``parquet`` hold the ``events`` view's columns. Written to a path, the
    export gets a sidecar saying what it holds (``export_meta`` and ``rows``):
    ``FILE.meta.json``, or ``DIR/_dyads.meta.json`` for Parquet.
    """
    if fmt not in FORMATS:
        raise QueryError(Errors.E402, value=fmt, choices=", ".join(FORMATS))
    with connect(db) as con, corrected_view(con, apply_corrections):
        if fmt == "parquet":
            count = _parquet(con, out, filters)
        else:
            count = _write_rows(_chunks(con, fmt, filters, 10_000), out)
    if isinstance(out, str | Path):
        _write_meta(fmt, filters, out, count)
    return count


def undated_count(db: Db, fmt: str, filters: EventFilter | None = None) -> int:
    """Events ``filters`` select that a GDELT, ICEWS or POLECAT export leaves out for want
    of a date (their document has none: ``date_precision`` ``none``); 0 for other formats,
    which keep them."""
    if fmt not in FOREIGN:
        return 0
    where, params = export_filter(fmt, filters).where()
    with connect(db) as con:
        sql = f"SELECT count(*) FROM events WHERE ({where}) AND date IS NULL"
        return int(con.execute(sql, params).fetchone()[0])


def meta_path(fmt: str, out: str | Path) -> Path:
    """Where the sidecar of an export written to ``out`` goes."""
    if fmt == "parquet":
        return Path(out) / PARQUET_META
    return Path(f"{out}.meta.json")


def _write_meta(fmt: str, filters: EventFilter | None, out: str | Path, rows: int) -> None:
    path = meta_path(fmt, out)
    meta = {**export_meta(fmt, filters), "rows": rows}
    try:
        path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise QueryError(Errors.E707, path=str(path), detail=str(exc)) from exc


def export_lines(
    db: Db,
    fmt: str,
    filters: EventFilter | None = None,
    batch: int = 1000,
    apply_corrections: bool = False,
) -> Iterator[str]:
    """The text of ``export`` in pieces of ``batch`` rows, for a server to stream.

    Rows are fetched from DuckDB ``batch`` at a time and let go once yielded, so
    memory stays flat whatever the store's size. Parquet is a directory, not a
    stream. Bad formats and filters raise at once; query errors at the first piece.
    """
    if fmt not in FORMATS or fmt == "parquet":
        choices = ", ".join(f for f in FORMATS if f != "parquet")
        raise QueryError(Errors.E402, value=fmt, choices=choices)
    export_filter(fmt, filters).where()  # a bad filter is an error before any piece
    return _lines(db, fmt, filters, batch, apply_corrections)


def _lines(
    db: Db, fmt: str, filters: EventFilter | None, batch: int, apply_corrections: bool = False
) -> Iterator[str]:
    with connect(db) as con, corrected_view(con, apply_corrections):
        for text, _ in _chunks(con, fmt, filters, batch):
            yield text


def _chunks(con, fmt: str, filters: EventFilter | None, batch: int) -> Iterator[tuple[str, int]]:
    """(text, rows) per ``batch`` rows of ``fmt``, the header with the first piece."""
    if fmt in ("csv", "jsonl"):
        where, params = export_filter(fmt, filters).where()
        cursor = con.execute(
            f"SELECT *, {FATALITIES} FROM events WHERE {where} "
            "ORDER BY date NULLS LAST, doc_id, sentence_id, event_id",
            params,
        )
        yield from _stream(cursor, fmt, True, batch)
        return
    tables = _lookups()
    for name, table in tables.items():
        con.register(name, table)
    try:
        sql, params = export_sql(fmt, filters)
        cursor = con.execute(sql, params)
        yield from _stream(cursor, fmt, layouts()[fmt]["header"], batch)
    finally:
        for name in tables:
            con.unregister(name)


def _parquet(con, out: TextIO | str | Path, filters: EventFilter | None) -> int:
    if not isinstance(out, str | Path):
        detail = "Parquet is written to a directory: give -o DIR"
        raise QueryError(Errors.E707, path="<stdout>", detail=detail)
    where, params = export_filter("parquet", filters).where()
    table = con.sql(
        f"SELECT *, {FATALITIES}, coalesce(strftime(date, '%Y-%m'), 'undated') AS month "
        "FROM events "
        f"WHERE {where}",
        params=params,
    ).to_arrow_table()
    try:
        ds.write_dataset(
            table,
            str(out),
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
            existing_data_behavior="overwrite_or_ignore",
        )
    except OSError as exc:
        raise QueryError(Errors.E707, path=str(out), detail=str(exc)) from exc
    return table.num_rows


def _write_rows(chunks: Iterator[tuple[str, int]], out: TextIO | str | Path) -> int:
    if isinstance(out, str | Path):
        try:
            with Path(out).open("w", encoding="utf-8", newline="") as fh:
                return _write(chunks, fh)
        except OSError as exc:
            raise QueryError(Errors.E707, path=str(out), detail=str(exc)) from exc
    return _write(chunks, out)


def _write(chunks: Iterator[tuple[str, int]], fh: TextIO) -> int:
    count = 0
    for text, rows in chunks:
        fh.write(text)
        count += rows
    return count


def _stream(cursor, fmt: str, header: bool, batch: int) -> Iterator[tuple[str, int]]:
    """(text, rows) for each ``batch`` rows fetched; the header rides on the first."""
    names = [d[0] for d in cursor.description]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(names)
    elif fmt != "jsonl" and header:
        buffer.write("\t".join(names) + "\n")
    while rows := cursor.fetchmany(batch):
        for row in rows:
            if fmt == "jsonl":
                record = dict(zip(names, (_json(v) for v in row), strict=True))
                buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif writer is not None:
                writer.writerow(["" if v is None else _json(v) for v in row])
            else:
                buffer.write("\t".join(_cell(v) for v in row) + "\n")
        yield buffer.getvalue(), len(rows)
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # a header and no rows
        yield buffer.getvalue(), 0


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _cell(value: Any) -> str:
    """A tab-separated cell: empty for nulls, no tabs or newlines inside."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(_json(value)).translate(_CLEAN)
