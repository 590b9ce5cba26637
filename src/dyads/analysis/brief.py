"""A Markdown brief on one actor: its main events per counterpart, grouped by type.

Template-based (``data/analysis/brief.md.j2``, Jinja2), no language model. Each
line cites its document and sentence; events the text does not assert (denied,
alleged, negated, future, hypothetical) are labelled so. Within a type, events
with more mentions and stronger intensity come first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import jinja2

from ..config import DATA_DIR
from ..errors import Errors, QueryError
from .connection import Db, connect, db_name
from .filters import EventFilter, actor_sql, check_actor, normalize_code, parse_date

TEMPLATES = DATA_DIR / "analysis"
NO_COUNTERPART = "(none)"


def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(TEMPLATES))
    return jinja2.Environment(loader=loader, autoescape=False, trim_blocks=True, lstrip_blocks=True)


def brief_data(
    db: Db,
    actor: str,
    since: str | dt.date,
    until: str | dt.date | None = None,
    per_type: int = 5,
    modality: str | None = None,
) -> dict[str, Any]:
    """What the brief shows, as plain data (the template's variables)."""
    code = normalize_code(actor, "--actor")
    start = parse_date(since, "--since")
    if start is None:
        raise QueryError(Errors.E704, value="", option="--since", detail="a date is required")
    where, params = EventFilter(actor=code, modality=modality, since=start, until=until).where()
    is_source, source_params = actor_sql("source", code)
    sql = f"""
        SELECT *, CASE WHEN {is_source} THEN coalesce(target_code, '{NO_COUNTERPART}')
                       ELSE coalesce(source_code, '{NO_COUNTERPART}') END AS counterpart,
                  CASE WHEN {is_source} THEN target_name ELSE source_name END AS counterpart_name
        FROM events WHERE {where}
        ORDER BY mentions DESC, abs(intensity) DESC, date, doc_id, sentence_id"""
    with connect(db) as con:
        cursor = con.execute(sql, [*source_params, *source_params, *params])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        if not rows:
            check_actor(con, code, db_name(db))
        found = con.execute("SELECT name FROM actors WHERE code = ?", [code]).fetchall()
        latest = con.execute("SELECT max(date) FROM events").fetchone()[0]
    end = parse_date(until, "--until") or max(latest or start, start)
    by_counterpart: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        by_type = by_counterpart.setdefault(row["counterpart"], {})
        by_type.setdefault(row["type"], []).append(row)
    counterparts = []
    for counterpart, by_type in by_counterpart.items():
        types = [
            {
                "type": kind,
                "total": len(events),
                "more": max(0, len(events) - per_type),
                "events": [_event(r) for r in events[:per_type]],
            }
            for kind, events in by_type.items()
        ]
        types.sort(key=lambda t: (-t["total"], t["type"]))
        group = [r for events in by_type.values() for r in events]
        labels = Counter(r["counterpart_name"] for r in group if r["counterpart_name"])
        counterparts.append(
            {
                "code": counterpart,
                "name": labels.most_common(1)[0][0] if labels else None,
                "total": len(group),
                "types": types,
            }
        )
    counterparts.sort(key=lambda c: (-c["total"], c["code"]))
    quads = Counter(r["quad_class"] for r in rows)
    return {
        "actor": code,
        "name": found[0][0] if found else None,
        "since": start.isoformat(),
        "until": end.isoformat(),
        "total": len(rows),
        "quads": {
            "cooperation": quads[1] + quads[2],
            "conflict": quads[3] + quads[4],
        },
        "counterparts": counterparts,
    }


def brief_markdown(
    db: Db,
    actor: str,
    since: str | dt.date,
    until: str | dt.date | None = None,
    per_type: int = 5,
    modality: str | None = None,
) -> str:
    """The brief as Markdown text."""
    data = brief_data(db, actor, since, until, per_type, modality)
    return _environment().get_template("brief.md.j2").render(**data)


def _event(row: dict[str, Any]) -> dict[str, Any]:
    date = row["date"]
    return {
        "date": date.isoformat() if date else None,
        "modality": row["modality"],
        "source": row["source_code"] or row["source_text"],
        "target": row["target_code"] or row["target_text"],
        "type": row["type"],
        "mode": row["mode"],
        "attributed_to": row["attributed_to_code"] or row["attributed_to_text"],
        "sentence": " ".join(str(row["sentence"]).split()),
        "doc_id": row["doc_id"],
        "sentence_id": row["sentence_id"],
    }
