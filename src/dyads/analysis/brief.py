"""A Markdown brief on one actor: its main events per counterpart, grouped by type.

Template-based (``data/analysis/brief.md.j2``, Jinja2), no language model. Each
line cites its document and sentence; events the text does not assert (denied,
alleged, negated, future, hypothetical) are labelled so, and the cooperation and
conflict counts are over asserted events only. Counterparts are countries
(``by="country"``, the default: ``SYR`` and ``SYRGOV`` are one) or full codes;
countryless ones are grouped as "(no country)", events without a counterpart as
"(no counterpart)", both after the others. Within a type, events with more
mentions and stronger intensity come first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import jinja2

from ..config import DATA_DIR
from ..errors import Errors, QueryError
from ..model import MODALITIES
from .connection import Db, connect, db_name
from .filters import (
    NO_COUNTRY,
    EventFilter,
    actor_sql,
    check_actor,
    check_level,
    group_sql,
    normalize_code,
    parse_date,
)
from .network import country_name

TEMPLATES = DATA_DIR / "analysis"
NO_COUNTERPART = "(no counterpart)"
PLACEHOLDERS = (NO_COUNTRY, NO_COUNTERPART)


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
    by: str = "country",
) -> dict[str, Any]:
    """What the brief shows, as plain data (the template's variables)."""
    code = normalize_code(actor, "--actor")
    check_level(by)
    start = parse_date(since, "--since")
    if start is None:
        raise QueryError(Errors.E704, value="", option="--since", detail="a date is required")
    where, params = EventFilter(actor=code, modality=modality, since=start, until=until).where()
    is_source, source_params = actor_sql("source", code)
    sql = f"""
        SELECT *, CASE WHEN {is_source} THEN coalesce({group_sql("target", by)}, '{NO_COUNTERPART}')
                       ELSE coalesce({group_sql("source", by)}, '{NO_COUNTERPART}') END
                  AS counterpart,
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
        name = labels.most_common(1)[0][0] if labels else None
        if by == "country" and counterpart not in PLACEHOLDERS:
            name = country_name(counterpart) or name  # EU: its actors' name
        counterparts.append(
            {
                "code": counterpart,
                "name": name,
                "total": len(group),
                "types": types,
            }
        )
    last = {code: i for i, code in enumerate(PLACEHOLDERS, 1)}
    counterparts.sort(key=lambda c: (last.get(c["code"], 0), -c["total"], c["code"]))
    quads = Counter(r["quad_class"] for r in rows if r["modality"] == "asserted")
    others = Counter(r["modality"] for r in rows if r["modality"] != "asserted")
    return {
        "actor": code,
        "name": found[0][0] if found else None,
        "since": start.isoformat(),
        "until": end.isoformat(),
        "by": by,
        "total": len(rows),
        "asserted": len(rows) - sum(others.values()),
        "quads": {
            "cooperation": quads[1] + quads[2],
            "conflict": quads[3] + quads[4],
        },
        "not_asserted": {m: others[m] for m in MODALITIES if others[m]},
        "counterparts": counterparts,
    }


def brief_markdown(
    db: Db,
    actor: str,
    since: str | dt.date,
    until: str | dt.date | None = None,
    per_type: int = 5,
    modality: str | None = None,
    by: str = "country",
) -> str:
    """The brief as Markdown text."""
    data = brief_data(db, actor, since, until, per_type, modality, by)
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
