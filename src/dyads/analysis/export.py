"""Export stored events as GDELT 2.0, ICEWS or POLECAT tables, or as Parquet, CSV, JSONL.

The foreign layouts (exact column names and order, types, and how each column
is filled) are data: ``data/analysis/exports.yaml``, documented in
docs/exports.md. Columns dyads has no value for are left empty. Those formats
carry asserted events only by default: a denied attack is not an attack.

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
from .connection import Db, connect
from .filters import modalities

LAYOUTS_FILE = DATA_DIR / "analysis" / "exports.yaml"
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


def _countries() -> pa.Table:
    rows = [(c.alpha_3, c.name) for c in pycountry.countries]
    return pa.table({"iso3": [r[0] for r in rows], "name": [r[1] for r in rows]})


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
    return f"""
        SELECT e.*, {docs}, sc.name AS source_country_name, tc.name AS target_country_name,
               ? AS dyads_version, {_GID_SQL} AS gid
        FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN _dyads_countries sc ON sc.iso3 = e.source_country
        LEFT JOIN _dyads_countries tc ON tc.iso3 = e.target_country
        WHERE {where}"""


def export_sql(fmt: str, modality: str | None = "asserted") -> tuple[str, list[Any]]:
    """The SELECT producing a foreign layout, and its parameters."""
    layout = layouts()[fmt]
    mods = modalities(modality)
    where = f"e.modality IN ({', '.join('?' * len(mods))})" if mods else "TRUE"
    select = ", ".join(
        f"{c['sql'] or 'NULL'} AS " + '"' + c["name"] + '"' for c in layout["columns"]
    )
    base = _base_sql(layout["base"], where)
    params: list[Any] = [] if layout["base"] == "mentions" else [__version__]
    order = "ORDER BY gid, sentence_id, trigger_start"
    return f"SELECT {select} FROM ({base}) {order}", [*params, *mods]


def export(db: Db, fmt: str, out: TextIO | str | Path, modality: str | None = "asserted") -> int:
    """Write every stored event in ``fmt`` to a stream or path; return the rows written.

    ``parquet`` needs a directory path (one partition per month of the event date,
    ``month=YYYY-MM``, undated events under ``month=undated``). ``csv`` and
    ``jsonl`` hold the ``events`` view's columns, all modalities.
    """
    if fmt not in FORMATS:
        raise QueryError(Errors.E402, value=fmt, choices=", ".join(FORMATS))
    with connect(db) as con:
        if fmt == "parquet":
            return _parquet(con, out)
        return _write_rows(_chunks(con, fmt, modality, 10_000), out)


def export_lines(
    db: Db, fmt: str, modality: str | None = "asserted", batch: int = 1000
) -> Iterator[str]:
    """The text of ``export`` in pieces of ``batch`` rows, for a server to stream.

    Rows are fetched from DuckDB ``batch`` at a time and let go once yielded, so
    memory stays flat whatever the store's size. Parquet is a directory, not a
    stream. Bad formats raise at once; query errors at the first piece.
    """
    if fmt not in FORMATS or fmt == "parquet":
        choices = ", ".join(f for f in FORMATS if f != "parquet")
        raise QueryError(Errors.E402, value=fmt, choices=choices)
    return _lines(db, fmt, modality, batch)


def _lines(db: Db, fmt: str, modality: str | None, batch: int) -> Iterator[str]:
    with connect(db) as con:
        for text, _ in _chunks(con, fmt, modality, batch):
            yield text


def _chunks(con, fmt: str, modality: str | None, batch: int) -> Iterator[tuple[str, int]]:
    """(text, rows) per ``batch`` rows of ``fmt``, the header with the first piece."""
    if fmt in ("csv", "jsonl"):
        cursor = con.execute(
            "SELECT * FROM events ORDER BY date NULLS LAST, doc_id, sentence_id, event_id"
        )
        yield from _stream(cursor, fmt, True, batch)
        return
    con.register("_dyads_countries", _countries())
    try:
        sql, params = export_sql(fmt, modality)
        cursor = con.execute(sql, params)
        yield from _stream(cursor, fmt, layouts()[fmt]["header"], batch)
    finally:
        con.unregister("_dyads_countries")


def _parquet(con, out: TextIO | str | Path) -> int:
    if not isinstance(out, str | Path):
        detail = "Parquet is written to a directory: give -o DIR"
        raise QueryError(Errors.E707, path="<stdout>", detail=detail)
    table = con.sql(
        "SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS month FROM events"
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
