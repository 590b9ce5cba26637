"""What the pages and the API read from a store, beyond dyads.analysis.

Filtering, series, networks, alerts and exports are dyads.analysis's; this
module adds the lookups a dashboard needs (one event, one document, counts for
the overview), each a parameterised query on a read-only connection.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from ..analysis import connect, find_events
from ..analysis.connection import Db
from ..errors import Errors
from .problems import ApiError

LATEST = 10
TOP_DYADS = 10


def plain(value: Any) -> Any:
    """A JSON-ready value: ISO dates, None for NaN/NaT, Python scalars for numpy ones."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat() if _midnight(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return plain(value.item())
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _midnight(value: dt.datetime) -> bool:
    return value.hour == value.minute == value.second == value.microsecond == 0


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    names = [str(c) for c in frame.columns]
    return [
        {name: plain(v) for name, v in zip(names, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def _rows(con, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def page_events(
    db: Db, limit: int, offset: int, **filters: str | None
) -> tuple[list[dict[str, Any]], bool]:
    """One page of ``find_events`` (oldest first) and whether more follow."""
    frame = find_events(db, limit=limit + 1, offset=offset, **filters)
    return records(frame.iloc[:limit]), len(frame) > limit


def overview(db: Db) -> dict[str, Any]:
    """Counts, the latest events, the busiest dyads and the modality mix."""
    with connect(db) as con:
        counts = _rows(
            con,
            "SELECT (SELECT count(*) FROM documents) AS documents, "
            "(SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM actors) AS actors, "
            "(SELECT count(*) FROM stories) AS stories, "
            "(SELECT min(date) FROM events) AS first_date, "
            "(SELECT max(date) FROM events) AS last_date",
        )[0]
        latest = _rows(
            con,
            "SELECT event_id, date, type, modality, source_code, target_code, trigger_text, "
            "doc_id, title FROM events ORDER BY date DESC NULLS LAST, doc_id, trigger_start "
            "LIMIT ?",
            [LATEST],
        )
        dyads = _rows(
            con,
            "SELECT source_code, target_code, count(*) AS events, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
            "FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, source_code, target_code LIMIT ?",
            [TOP_DYADS],
        )
        modality = _rows(
            con,
            "SELECT modality, count(*) AS events FROM events GROUP BY ALL "
            "ORDER BY events DESC, modality",
        )
    return {"counts": counts, "latest": latest, "top_dyads": dyads, "modality": modality}


def event_detail(db: Db, event_id: str) -> dict[str, Any]:
    """One event with its sentence's offset, every mention and its document."""
    with connect(db) as con:
        found = _rows(
            con, "SELECT * FROM events WHERE event_id = ? ORDER BY doc_id LIMIT 1", [event_id]
        )
        if not found:
            raise ApiError(Errors.E803, 404, kind="event", value=event_id)
        event = found[0]
        start = con.execute(
            "SELECT start FROM sentences WHERE doc_id = ? AND sentence_id = ?",
            [event["doc_id"], event["sentence_id"]],
        ).fetchone()
        mentions = _rows(
            con,
            "SELECT * FROM mentions WHERE event_id = ? ORDER BY doc_id, sentence_id, trigger_start",
            [event_id],
        )
    event["sentence_start"] = start[0] if start else None
    return {"event": event, "mentions": mentions}


def document_detail(db: Db, doc_id: str) -> dict[str, Any]:
    """One document with its events and the other members of its story."""
    with connect(db) as con:
        found = _rows(con, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not found:
            raise ApiError(Errors.E803, 404, kind="document", value=doc_id)
        document = found[0]
        events = _rows(
            con,
            "SELECT event_id, sentence_id, type, modality, source_code, target_code, "
            "attributed_to_code, trigger_text, trigger_start, trigger_end, source_start, "
            "source_end, target_start, target_end, date, quad_class FROM events "
            "WHERE doc_id = ? ORDER BY trigger_start, event_id",
            [doc_id],
        )
        story_id = document.get("story_id")
        story = None
        if story_id:
            stories = _rows(con, "SELECT * FROM stories WHERE story_id = ?", [story_id])
            members = _rows(
                con,
                "SELECT doc_id, title, published, publisher, copy_of FROM ("
                "SELECT doc_id, title, published, coalesce(source, site) AS publisher, "
                "copy_of, story_id FROM documents) WHERE story_id = ? AND doc_id <> ? "
                "ORDER BY published NULLS LAST, doc_id",
                [story_id, doc_id],
            )
            story = {**(stories[0] if stories else {"story_id": story_id}), "members": members}
    return {"document": document, "events": events, "story": story}


def latest_date(db: Db) -> str | None:
    with connect(db) as con:
        value = con.execute("SELECT max(date) FROM events").fetchone()[0]
    return plain(value)


def country_counts(db: Db) -> dict[str, dict[str, Any]]:
    """Events per country (as source or target), keyed by ISO 3166-1 alpha-2 for the map."""
    import pycountry

    with connect(db) as con:
        rows = con.execute(
            "SELECT country, count(*) FROM ("
            " SELECT source_country AS country FROM events WHERE source_country IS NOT NULL"
            " UNION ALL"
            " SELECT target_country FROM events WHERE target_country IS NOT NULL"
            ") GROUP BY country"
        ).fetchall()
    out: dict[str, dict[str, Any]] = {}
    for iso3, count in rows:
        country = pycountry.countries.get(alpha_3=iso3) if len(iso3) == 3 else None
        if country is not None:
            out[country.alpha_2.lower()] = {"iso3": iso3, "name": country.name, "events": count}
    return out


def located_events(db: Db, limit: int = 5000) -> list[dict[str, Any]]:
    """Events with coordinates, once the store has them (``latitude``/``longitude``)."""
    with connect(db) as con:
        columns = {row[0] for row in con.execute("DESCRIBE events").fetchall()}
        if not {"latitude", "longitude"} <= columns:
            return []
        return _rows(
            con,
            "SELECT event_id, type, date, source_code, target_code, latitude, longitude "
            "FROM events WHERE latitude IS NOT NULL AND longitude IS NOT NULL LIMIT ?",
            [limit],
        )
