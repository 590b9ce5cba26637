"""Analysts' corrections of coded events: record them, apply them, export them as gold.

A correction is kept beside the coded rows (the store's ``corrections`` table),
never over them, and re-coding a document leaves it in place. Its ``verdict``:

* ``right``: the record is right as coded;
* ``wrong``: the record is wrong, and ``type``, ``source_code``, ``target_code``
  and ``modality`` say what is right (a field left empty keeps the coded value);
* ``not_event``: the sentence reports no such event.

The latest correction of an event counts. Queries and exports apply them only
when asked (``apply_corrections``): a ``wrong`` event is shown as corrected (its
quad class and intensity follow the corrected type; CAMEO, Goldstein and mode,
which belonged to the coded type, are emptied), a ``not_event`` one is dropped.
``gold_records`` writes the corrected records in the ``news_gold`` format, so
analysts grow their own evaluation set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow as pa

from ..errors import Errors, QueryError
from ..model import MODALITIES, PLOVER_TYPES
from ..store import Store
from .connection import Db, connect
from .filters import normalize_code, split_choices

VERDICTS: tuple[str, ...] = ("right", "wrong", "not_event")
MAX_NOTE = 1000
NOTES = {"right": "confirmed by an analyst", "wrong": "corrected by an analyst"}

LATEST = """
    SELECT * FROM {base}.corrections
    QUALIFY row_number() OVER (
        PARTITION BY event_id, doc_id ORDER BY created_at DESC, correction_id DESC) = 1"""


@dataclass(frozen=True, slots=True)
class Correction:
    """What an analyst says about one event, before it is checked and stored."""

    event_id: str
    verdict: str
    type: str | None = None
    source_code: str | None = None
    target_code: str | None = None
    modality: str | None = None
    note: str | None = None

    def checked(self, coded: dict[str, Any], path: str) -> dict[str, Any]:
        """The row to store, against the coded event ``coded``; E706 or E810 if it is not one."""
        verdict = (self.verdict or "").strip().lower()
        if verdict not in VERDICTS:
            detail = "choose from " + ", ".join(VERDICTS)
            raise QueryError(Errors.E706, value=self.verdict, option="verdict", detail=detail)
        values = {
            "type": _one(self.type, PLOVER_TYPES, "type"),
            "source_code": _code(self.source_code, "source_code"),
            "target_code": _code(self.target_code, "target_code"),
            "modality": _one(self.modality, MODALITIES, "modality"),
        }
        note = (self.note or "").strip() or None
        if note is not None and len(note) > MAX_NOTE:
            detail = f"at most {MAX_NOTE} characters"
            raise QueryError(Errors.E706, value=note[:40] + "…", option="note", detail=detail)
        given = {k: v for k, v in values.items() if v is not None}
        if verdict == "wrong":
            changed = {k: v for k, v in given.items() if v != coded.get(k)}
            if not changed:
                detail = (
                    "a 'wrong' verdict needs the right type, source, target or modality "
                    "(one that differs from the coded record); 'not_event' drops a record"
                )
                raise QueryError(Errors.E810, event_id=self.event_id, path=path, detail=detail)
        elif given:
            detail = f"a '{verdict}' verdict takes no {', '.join(given)}; use 'wrong'"
            raise QueryError(Errors.E810, event_id=self.event_id, path=path, detail=detail)
        return {
            "event_id": coded["event_id"], "doc_id": coded["doc_id"],
            "sentence_id": coded.get("sentence_id"), "verdict": verdict, **values, "note": note,
        }  # fmt: skip


def _one(value: str | None, choices: tuple[str, ...], option: str) -> str | None:
    if value is None or not value.strip():
        return None
    items = split_choices(value, choices, option)
    if len(items) != 1:
        raise QueryError(Errors.E706, value=value, option=option, detail="give one value")
    return items[0]


def _code(value: str | None, option: str) -> str | None:
    if value is None or not value.strip():
        return None
    return normalize_code(value, option)


def add_correction(db: str | Path | Store, correction: Correction) -> dict[str, Any]:
    """Check ``correction`` against its stored event and store it; return the stored row.

    ``db`` is a store path (opened for writing) or a ``Store`` opened read-write.
    An unknown event is E810; bad values are E706.
    """
    if isinstance(db, Store):
        return _add(db, correction)
    with Store(db) as store:
        return _add(store, correction)


def _add(store: Store, correction: Correction) -> dict[str, Any]:
    found = store.con.execute(
        "SELECT event_id, doc_id, sentence_id, type, source_code, target_code, modality "
        "FROM events WHERE event_id = ? ORDER BY doc_id LIMIT 1",
        [correction.event_id],
    )
    names = [d[0] for d in found.description]
    rows = found.fetchall()
    row = rows[0] if rows else None
    if row is None:
        detail = "no such event in this store"
        raise QueryError(Errors.E810, event_id=correction.event_id, path=store.path, detail=detail)
    return store.add_correction(correction.checked(dict(zip(names, row, strict=True)), store.path))


def store_schema(con: duckdb.DuckDBPyConnection) -> str:
    """The store's main schema, qualified by its catalog (as the views read it)."""
    catalog = con.execute("SELECT current_database()").fetchall()[0][0]
    return '"' + catalog.replace('"', '""') + '".main'


def has_corrections(con: duckdb.DuckDBPyConnection) -> bool:
    """Does this store have a ``corrections`` table (older stores do not)?"""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'corrections'"
    ).fetchall()
    return bool(found[0][0])


def list_corrections(db: Db, event_id: str | None = None) -> list[dict[str, Any]]:
    """Stored corrections, newest first (all, or one event's), as plain dicts."""
    with connect(db, views=False) as con:
        if not has_corrections(con):
            return []
        cursor = con.execute(
            f"SELECT * FROM {store_schema(con)}.corrections WHERE ? IS NULL OR event_id = ? "
            "ORDER BY created_at DESC, correction_id DESC",
            [event_id, event_id],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- applying corrections ------------------------------------------------------


@cache
def _types() -> pa.Table:
    from ..events.patterns import load_types

    types = load_types()
    return pa.table({
        "type": list(types),
        "quad_class": pa.array([t.quad_class for t in types.values()], pa.int32()),
        "intensity": pa.array([t.intensity for t in types.values()], pa.float64()),
    })  # fmt: skip


def _actors(con: duckdb.DuckDBPyConnection, base: str) -> pa.Table:
    """Country, name and sector of every code a correction gives, as stored events know it."""
    codes = sorted({
        code
        for (code,) in con.execute(
            f"SELECT DISTINCT unnest([source_code, target_code]) FROM {base}.corrections"
        ).fetchall()
        if code
    })  # fmt: skip
    known = actor_facts(con, base, codes)
    return pa.table({
        "code": pa.array(codes, pa.string()),
        "country": pa.array([known[c][0] for c in codes], pa.string()),
        "name": pa.array([known[c][1] for c in codes], pa.string()),
        "sector": pa.array([known[c][2] for c in codes], pa.string()),
    })  # fmt: skip


def actor_facts(
    con: duckdb.DuckDBPyConnection, base: str, codes: list[str]
) -> dict[str, tuple[str | None, str | None, str | None]]:
    """(country, name, sector) per code: from stored events, else its first three letters
    when they are a country's ISO 3166-1 alpha-3 code (``USAGOV`` -> ``USA``)."""
    import pycountry

    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    rows = con.execute(
        f"""SELECT code, any_value(country), mode(name), any_value(sector) FROM (
                SELECT source_code AS code, source_country AS country, source_name AS name,
                       source_sector AS sector FROM {base}.events
                UNION ALL
                SELECT target_code, target_country, target_name, target_sector
                FROM {base}.events) WHERE code IN (SELECT unnest(?::VARCHAR[])) GROUP BY code""",
        [codes],
    ).fetchall()
    stored = {code: (country, name, sector) for code, country, name, sector in rows}
    for code in codes:
        if code in stored:
            out[code] = stored[code]
            continue
        country = pycountry.countries.get(alpha_3=code[:3]) if len(code) >= 3 else None
        out[code] = (country.alpha_3 if country else None, None, None)
    return out


def corrected_sql(source: str, base: str) -> str:
    """A SELECT over ``source`` (rows with the events table's columns) with the latest
    correction of each event applied; it reads the temp tables ``register_lookups`` adds."""
    changed_type = "(c.type IS NOT NULL AND c.type IS DISTINCT FROM e.type)"
    roles = []
    for role, alias in (("source", "sa"), ("target", "ta")):
        changed = f"(c.{role}_code IS NOT NULL AND c.{role}_code IS DISTINCT FROM e.{role}_code)"
        roles += [
            f"coalesce(c.{role}_code, e.{role}_code) AS {role}_code",
            *(
                f"CASE WHEN {changed} THEN {alias}.{field} ELSE e.{role}_{field} END "
                f"AS {role}_{field}"
                for field in ("country", "name", "sector")
            ),
        ]
    replaced = ",\n            ".join([
        "coalesce(c.type, e.type) AS type",
        f"CASE WHEN {changed_type} THEN q.quad_class ELSE e.quad_class END AS quad_class",
        f"CASE WHEN {changed_type} THEN q.intensity ELSE e.intensity END AS intensity",
        f"CASE WHEN {changed_type} THEN NULL ELSE e.cameo END AS cameo",
        f"CASE WHEN {changed_type} THEN NULL ELSE e.goldstein END AS goldstein",
        f"CASE WHEN {changed_type} THEN NULL ELSE e.mode END AS mode",
        "coalesce(c.modality, e.modality) AS modality",
        *roles,
    ])  # fmt: skip
    latest = LATEST.format(base=base)
    return f"""
        SELECT e.* REPLACE (
            {replaced})
        FROM {source} e
        LEFT JOIN ({latest}) c ON c.event_id = e.event_id AND c.doc_id = e.doc_id
        LEFT JOIN _dyads_correction_types q ON q.type = c.type
        LEFT JOIN _dyads_correction_actors sa ON sa.code = c.source_code
        LEFT JOIN _dyads_correction_actors ta ON ta.code = c.target_code
        WHERE c.verdict IS DISTINCT FROM 'not_event'"""


@contextmanager
def register_lookups(con: duckdb.DuckDBPyConnection, base: str) -> Iterator[None]:
    """The types and actors ``corrected_sql`` reads, registered on ``con`` meanwhile."""
    con.register("_dyads_correction_types", _types())
    con.register("_dyads_correction_actors", _actors(con, base))
    try:
        yield
    finally:
        con.unregister("_dyads_correction_types")
        con.unregister("_dyads_correction_actors")


@contextmanager
def corrected_table(con: duckdb.DuckDBPyConnection, apply: bool = True) -> Iterator[str]:
    """The name to read the events *table* from: corrected while inside, when asked."""
    base = store_schema(con)
    if not apply or not has_corrections(con):
        yield f"{base}.events"
        return
    name = "_dyads_corrected_events"
    with register_lookups(con, base):
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS {corrected_sql(f'{base}.events', base)}"
        )
        try:
            yield name
        finally:
            con.execute(f"DROP VIEW IF EXISTS {name}")


@contextmanager
def corrected_view(con: duckdb.DuckDBPyConnection, apply: bool = True) -> Iterator[None]:
    """Inside, the connection's ``events`` view shows events as corrected (when asked).

    The documented view is set aside under another name and put back on the way
    out, so a connection kept for later (a server's) sees the coded events again.
    """
    if not apply or not has_corrections(con):
        yield
        return
    coded = "_dyads_coded_events"
    base = store_schema(con)
    with register_lookups(con, base):
        con.execute(f"ALTER VIEW events RENAME TO {coded}")
        try:
            con.execute(f"CREATE TEMP VIEW events AS {corrected_sql(coded, base)}")
            yield
        finally:
            con.execute("DROP VIEW IF EXISTS events")
            con.execute(f"ALTER VIEW {coded} RENAME TO events")


# -- gold ---------------------------------------------------------------------


def gold_records(db: Db) -> Iterator[dict[str, Any]]:
    """Corrected and confirmed events as ``news_gold`` records (its README's fields).

    One record per event whose latest correction is ``right`` or ``wrong``, as
    corrected: ``types``, ``sources`` and ``targets`` (countries; ``[]`` for no
    target), ``modality``, ``required: true``; ``note`` is the analyst's. A
    ``not_event`` verdict is not a record (news_gold has no negative records).
    ``event_id`` and ``correction_id`` are added, to trace each record back.
    """
    with connect(db) as con:
        if not has_corrections(con):
            return
        base = store_schema(con)
        with corrected_view(con):
            cursor = con.execute(
                f"""SELECT c.correction_id, c.verdict, c.note, c.created_at, e.event_id,
                       e.doc_id, e.sentence_id, s.start AS sent_start, s."end" AS sent_end,
                       e.trigger_text, e.trigger_start, e.trigger_end, e.type, e.modality,
                       e.source_code, e.source_country, e.target_code, e.target_country
                FROM ({LATEST.format(base=base)}) c
                JOIN events e ON e.event_id = c.event_id AND e.doc_id = c.doc_id
                LEFT JOIN {base}.sentences s
                    ON s.doc_id = e.doc_id AND s.sentence_id = e.sentence_id
                WHERE c.verdict IN ('right', 'wrong')
                ORDER BY e.doc_id, e.sentence_id, e.trigger_start, e.event_id"""
            )
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        note = row["note"] or NOTES[row["verdict"]]
        yield {
            "doc_id": row["doc_id"], "sent": row["sentence_id"],
            "sent_start": row["sent_start"], "sent_end": row["sent_end"],
            "trigger": row["trigger_text"], "trigger_start": row["trigger_start"],
            "trigger_end": row["trigger_end"], "types": [row["type"]],
            "sources": [_country(row, "source")],
            "targets": [_country(row, "target")] if row["target_code"] else [],
            "symmetric": False, "modality": [row["modality"]], "required": True, "note": note,
            "event_id": row["event_id"], "correction_id": row["correction_id"],
        }  # fmt: skip


def _country(row: dict[str, Any], role: str) -> str | None:
    return row[f"{role}_country"] or None


def export_gold(db: Db, out: TextIO | str | Path, articles: str | Path | None = None) -> int:
    """Write ``gold_records`` as JSON Lines to a stream or path; return the records written.

    With ``articles``, also write the documents they come from in the format of
    ``news_gold/articles.jsonl`` (``id``, ``date``, ``source``, ``text``, ``title``).
    """
    records = list(gold_records(db))
    _write_jsonl(records, out)
    if articles is not None:
        _write_jsonl(_articles(db, sorted({r["doc_id"] for r in records})), articles)
    return len(records)


def _articles(db: Db, doc_ids: list[str]) -> list[dict[str, Any]]:
    with connect(db, views=False) as con:
        rows = con.execute(
            "SELECT doc_id, published, coalesce(source, site), text, title "
            f"FROM {store_schema(con)}.documents "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id",
            [doc_ids],
        ).fetchall()
    return [
        {"id": doc_id, "date": published.isoformat() if published else None,
         "source": source, "text": text, "title": title}
        for doc_id, published, source, text, title in rows
    ]  # fmt: skip


def _write_jsonl(records: list[dict[str, Any]], out: TextIO | str | Path) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    if isinstance(out, str | Path):
        try:
            Path(out).write_text(lines, encoding="utf-8")
        except OSError as exc:
            raise QueryError(Errors.E707, path=str(out), detail=str(exc)) from exc
        return
    out.write(lines)
