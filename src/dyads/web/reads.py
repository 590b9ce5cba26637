"""What the pages and the API read from a store, beyond dyads.analysis.

Filtering, series, networks, alerts and exports are dyads.analysis's; this
module adds the lookups a dashboard needs (one event, one document, counts for
the overview), each a parameterised query on a read-only connection.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Any

import pandas as pd

from ..analysis import EventFilter, connect, corrections, find_events
from ..analysis.connection import Db
from ..analysis.corrections import corrected_view
from ..config import DATA_DIR
from ..errors import Errors, QueryError
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
    db: Db, limit: int, offset: int, apply_corrections: bool = False, **filters: str | None
) -> tuple[list[dict[str, Any]], bool]:
    """One page of ``find_events`` (oldest first) and whether more follow."""
    frame = find_events(
        db, limit=limit + 1, offset=offset, apply_corrections=apply_corrections, **filters
    )
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


MAP_CELL_DEGREES = 2.0  # clusters: events whose locations fall in one 2-degree cell


def map_data(
    db: Db, cell: float = MAP_CELL_DEGREES, top: int = 50, **filters: str | None
) -> dict[str, Any]:
    """Located events the filters select, for the map: clusters (one per ``cell``-degree
    cell: count, mean point, the cell's centre and a radius holding it, for a link to its
    events), and counts by location country and by first-order division (the ``top``
    largest)."""
    from ..places.gazetteer import division_names

    where, params = EventFilter(**filters).where()
    located = f"({where}) AND latitude IS NOT NULL AND longitude IS NOT NULL"
    with connect(db) as con:
        clusters = _rows(
            con,
            f"SELECT count(*) AS events, avg(latitude) AS latitude, avg(longitude) AS longitude, "
            f"floor(latitude / {cell}) AS row, floor(longitude / {cell}) AS col, "
            f"any_value(location_name) AS place, count(DISTINCT location_name) AS places "
            f"FROM events WHERE {located} GROUP BY row, col ORDER BY events DESC, row, col",
            params,
        )
        countries = _rows(
            con,
            f"SELECT location_country AS iso3, count(*) AS events FROM events "
            f"WHERE {located} AND location_country IS NOT NULL "
            f"GROUP BY location_country ORDER BY events DESC, iso3 LIMIT ?",
            [*params, top],
        )
        divisions = _rows(
            con,
            f"SELECT location_country AS iso3, location_adm1 AS adm1, count(*) AS events, "
            f"any_value(CASE WHEN location_precision = 'division' THEN location_name END) "
            f"AS name, avg(latitude) AS latitude, avg(longitude) AS longitude "
            f"FROM events WHERE {located} AND location_adm1 IS NOT NULL "
            f"GROUP BY location_country, location_adm1 ORDER BY events DESC, iso3, adm1 LIMIT ?",
            [*params, top],
        )
        total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    names = division_names()
    for division in divisions:
        division["name"] = division["name"] or names.get(
            (division["iso3"], division["adm1"]), division["adm1"]
        )
    half_diagonal = cell * 111.2 * 0.75  # km: a cell's centre to its corners, and a margin
    for cluster in clusters:
        cluster["centre"] = [(cluster["row"] + 0.5) * cell, (cluster["col"] + 0.5) * cell]
        cluster["radius_km"] = round(half_diagonal, 1)
    located_count = sum(c["events"] for c in clusters)
    return {
        "clusters": clusters,
        "countries": countries,
        "divisions": divisions,
        "located": located_count,
        "events": int(total),
    }


# -- the events page: newest first, sortable, with a total and actor names -------------

SORTS: dict[str, str] = {
    "date": "date", "type": "type", "source": "source_code", "target": "target_code",
    "confidence": "confidence",
}  # fmt: skip
ORDERS = ("desc", "asc")
PAGE_COLUMNS = (
    "event_id", "date", "type", "modality", "source_code", "source_name", "target_code",
    "target_name", "confidence", "trigger_text", "sentence", "doc_id", "title",
)  # fmt: skip


def events_page(
    db: Db,
    limit: int,
    offset: int,
    sort: str = "date",
    order: str = "desc",
    apply_corrections: bool = False,
    **filters: str | None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of events (newest first by default) and how many match in all."""
    if sort not in SORTS:
        detail = "choose from " + ", ".join(SORTS)
        raise QueryError(Errors.E706, value=sort, option="sort", detail=detail)
    if order not in ORDERS:
        raise QueryError(Errors.E706, value=order, option="order", detail="asc or desc")
    where, params = EventFilter(**filters).where()  # actor: a code or words of a name
    direction = order.upper()
    ordering = (
        f"{SORTS[sort]} {direction} NULLS LAST, date DESC NULLS LAST, doc_id, sentence_id, "
        "trigger_start, event_id"
    )
    with connect(db) as con, corrected_view(con, apply_corrections):
        total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()
        rows = _rows(
            con,
            f"SELECT {', '.join(PAGE_COLUMNS)} FROM events WHERE {where} "
            f"ORDER BY {ordering} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    return rows, int(total[0][0])


# -- the overview's timeline -------------------------------------------------------

TIMELINE_DAYS = 120


def timeline(db: Db, days: int = TIMELINE_DAYS) -> list[dict[str, Any]]:
    """Events per day and quad class over the last ``days`` days of the store (zeros kept)."""
    with connect(db) as con:
        rows = _rows(
            con,
            """WITH bounds AS (SELECT max(date) AS last FROM events),
               span AS (
                   SELECT unnest(generate_series(last - (? - 1) * INTERVAL 1 DAY,
                                                 last::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day
                   FROM bounds WHERE last IS NOT NULL)
               SELECT span.day,
                   count(e.event_id) FILTER (WHERE e.quad_class = 1) AS q1,
                   count(e.event_id) FILTER (WHERE e.quad_class = 2) AS q2,
                   count(e.event_id) FILTER (WHERE e.quad_class = 3) AS q3,
                   count(e.event_id) FILTER (WHERE e.quad_class = 4) AS q4
               FROM span LEFT JOIN events e ON e.date = span.day
               GROUP BY span.day ORDER BY span.day""",
            [days],
        )
    first = next((i for i, r in enumerate(rows) if r["q1"] + r["q2"] + r["q3"] + r["q4"]), None)
    return rows[first:] if first is not None else []


# -- the network page: countries by default, the strongest edges only ---------------

NO_COUNTRY = "(no country)"


def network_view(
    db: Db,
    since: str | None,
    until: str | None,
    type: str | None,
    modality: str | None,
    by: str = "country",
    top: int = 100,
    min_weight: int = 1,
    countryless: bool = False,
) -> dict[str, Any]:
    """Nodes and links for the page: actors grouped by country (``USAGOV`` and ``USAMIL``
    are ``USA``; actors without a country are one ``(no country)`` node, left out unless
    ``countryless``) or by code; the ``top`` heaviest edges of at least ``min_weight``."""
    if by not in ("country", "code"):
        raise QueryError(Errors.E706, value=by, option="by", detail="country or code")
    links = _grouped_links(db, since, until, type, modality, by)
    if not countryless:
        links = [lk for lk in links if NO_COUNTRY not in (lk["source"], lk["target"])]
    links = [lk for lk in links if lk["source"] != lk["target"] and lk["weight"] >= min_weight]
    total = len(links)
    links.sort(key=lambda lk: (-lk["weight"], lk["source"], lk["target"]))
    links = links[:top]
    nodes: dict[str, dict[str, Any]] = {}
    for link in links:
        for end in ("source", "target"):
            node = nodes.setdefault(link[end], {"id": link[end], "events": 0})
            node["events"] += link["weight"]
    return {"nodes": list(nodes.values()), "links": links, "edges_total": total, "by": by}


def _grouped_links(
    db: Db, since: str | None, until: str | None, type: str | None, modality: str | None, by: str
) -> list[dict[str, Any]]:
    """Edges between groups of actors, with weight and quad counts: the grouping of
    ``analysis.actor_network`` (by country or code), plus one ``(no country)`` group the
    page can show on request (the library leaves countryless actors out)."""
    where, params = EventFilter(type=type, modality=modality, since=since, until=until).where()
    key = {
        role: f"{role}_code" if by == "code" else f"coalesce({role}_country, '{NO_COUNTRY}')"
        for role in ("source", "target")
    }
    with connect(db) as con:
        return _rows(
            con,
            f"""SELECT {key["source"]} AS source, {key["target"]} AS target,
                   count(*) AS weight,
                   count(*) FILTER (WHERE quad_class = 1) AS quad1,
                   count(*) FILTER (WHERE quad_class = 2) AS quad2,
                   count(*) FILTER (WHERE quad_class = 3) AS quad3,
                   count(*) FILTER (WHERE quad_class = 4) AS quad4
               FROM events
               WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND {where}
               GROUP BY ALL""",
            params,
        )


# -- one event in context ------------------------------------------------------------


def neighbours(db: Db, doc_id: str, sentence_id: int | None) -> dict[str, str | None]:
    """The sentences before and after an event's sentence in its document."""
    if sentence_id is None:
        return {"previous": None, "next": None}
    with connect(db, views=False) as con:
        found = con.execute(
            f"SELECT sentence_id, text FROM {corrections.store_schema(con)}.sentences "
            "WHERE doc_id = ? AND sentence_id IN (?, ?)",
            [doc_id, sentence_id - 1, sentence_id + 1],
        ).fetchall()
    by_id = dict(found)
    return {"previous": by_id.get(sentence_id - 1), "next": by_id.get(sentence_id + 1)}


def cameo_label(code: str | None) -> str | None:
    """The CAMEO codebook's name for ``code`` (or its three- or two-digit parent)."""
    if not code:
        return None
    labels = _cameo_labels()
    for end in (len(code), 3, 2):
        if code[:end] in labels:
            return labels[code[:end]]
    return None


@lru_cache(maxsize=1)
def _cameo_labels() -> dict[str, str]:
    import csv

    path = DATA_DIR / "analysis" / "cameo_labels.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["code"]: row["label"] for row in rows}


def event_corrections(db: Db, event_id: str) -> list[dict[str, Any]]:
    return [
        {k: plain(v) for k, v in row.items()} for row in corrections.list_corrections(db, event_id)
    ]
