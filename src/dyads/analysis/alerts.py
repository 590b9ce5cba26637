"""Dyads whose conflict or cooperation this period departs from their own past.

The statistic, per directed dyad (source -> target, by country, countryless
actors as "(no country)", or by full actor code) and kind (cooperation = quad
classes 1-2, conflict = 3-4):

* the current period is ``since`` .. ``until`` (inclusive, W days; ``until``
  defaults to the latest event date in the store);
* the baseline is the N = max(1, baseline_days // W) periods of W days right
  before ``since``; m and s are the mean and (population) standard deviation of
  the dyad's counts over those N periods, zeros included;
* z = (x - m) / max(s, 1), with x the current count (the floor of 1 stops a
  dyad with a flat baseline from alerting on a single event);
* a rise is alerted when z >= threshold and x >= min_count; a drop when
  z <= -threshold and m >= min_count.

With ``domestic=False`` dyads within one country (``USA -> USA``, ``USAGOV ->
USAMIL``), or between two countryless actors, are left out. With
``per_documents`` each period's count is scaled to the mean news volume,
x * D / d (d: documents published in that period, at least 1; D: their mean over
the current and baseline periods), so a week with twice the articles does not
alert on twice the events; m, s and z are then in those units and ``adjusted``
holds the scaled current count (``current`` stays the raw one, which min_count
reads).

Each alert lists the events behind it: the current period's events for a rise,
the baseline's for a drop.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Errors, QueryError
from .connection import Db, connect
from .filters import EventFilter, check_level, group_sql, parse_date

KINDS: dict[str, tuple[int, ...]] = {"cooperation": (1, 2), "conflict": (3, 4)}
EVENT_FIELDS: tuple[str, ...] = (
    "event_id", "date", "type", "modality", "source_code", "target_code", "doc_id",
    "sentence_id", "sentence",
)  # fmt: skip


@dataclass(slots=True)
class Alert:
    source: str
    target: str
    kind: str
    change: str
    current: int
    baseline_mean: float
    baseline_sd: float
    z: float
    period: tuple[str, str]
    baseline: tuple[str, str]
    events: list[dict[str, Any]] = field(default_factory=list)
    documents: int | None = None  # documents published in the current period (per_documents)
    adjusted: float | None = None  # the current count at the mean news volume (per_documents)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_alerts(
    db: Db,
    since: str | dt.date,
    until: str | dt.date | None = None,
    baseline_days: int = 84,
    threshold: float = 2.0,
    min_count: int = 3,
    by: str = "country",
    modality: str | None = "asserted",
    domestic: bool = True,
    per_documents: bool = False,
) -> list[Alert]:
    """Alerts, strongest first (see the module docstring for the statistic)."""
    start = parse_date(since, "--since")
    if start is None:
        raise QueryError(Errors.E704, value="", option="--since", detail="a date is required")
    if start == dt.date.min:
        detail = "the baseline is the days before it, and there are none"
        raise QueryError(Errors.E704, value=str(start), option="--since", detail=detail)
    check_level(by)
    if baseline_days < 1:
        detail = "at least one day"
        raise QueryError(Errors.E706, value=baseline_days, option="--baseline-days", detail=detail)
    end = parse_date(until, "--until")
    mod_where, mod_params = EventFilter(modality=modality).where()
    key = (group_sql("source", by), group_sql("target", by))
    if not domestic:
        mod_where += " AND source_country IS DISTINCT FROM target_country"
    with connect(db) as con:
        if end is None:
            latest = con.execute("SELECT max(date) FROM events").fetchone()[0]
            end = max(latest or start, start)
        if end < start:
            raise QueryError(Errors.E704, value=str(end), option="--until", detail="before --since")
        width = (end - start).days + 1
        periods = max(1, baseline_days // width)
        # clamped at 0001-01-01: a period to 9999-12-31 would put the baseline before year 1
        first = start - dt.timedelta(days=min(width * periods, (start - dt.date.min).days))
        base = f"""
            SELECT *, {key[0]} AS dyad_source, {key[1]} AS dyad_target,
                   CASE WHEN quad_class IN (1, 2) THEN 'cooperation' ELSE 'conflict' END AS kind,
                   floor(datediff('day', ?::DATE, date) / {width})::INTEGER AS bin
            FROM events
            WHERE date BETWEEN ? AND ? AND {key[0]} IS NOT NULL AND {key[1]} IS NOT NULL
              AND quad_class BETWEEN 1 AND 4 AND {mod_where}"""
        base_params = [start, first, end, *mod_params]
        counts = con.execute(
            f"SELECT dyad_source, dyad_target, kind, bin, count(*) FROM ({base}) GROUP BY ALL",
            base_params,
        ).fetchall()
        table: dict[tuple[str, str, str], dict[int, int]] = {}
        for source, target, kind, bin_, n in counts:
            table.setdefault((source, target, kind), {})[bin_] = n
        scale = _volume(con, start, first, end, width, periods) if per_documents else None
        alerts = []
        for (source, target, kind), bins in table.items():
            raw = bins.get(0, 0)
            x: float = raw * scale[0] if scale else raw
            history = [bins.get(-k, 0) * (scale[k] if scale else 1) for k in range(1, periods + 1)]
            mean = sum(history) / periods
            sd = math.sqrt(sum((h - mean) ** 2 for h in history) / periods)
            z = (x - mean) / max(sd, 1.0)
            if z >= threshold and raw >= min_count:
                change = "rise"
            elif z <= -threshold and mean >= min_count:
                change = "drop"
            else:
                continue
            alerts.append(
                Alert(
                    source,
                    target,
                    kind,
                    change,
                    raw,
                    round(mean, 3),
                    round(sd, 3),
                    round(z, 3),
                    (start.isoformat(), end.isoformat()),
                    (first.isoformat(), (start - dt.timedelta(days=1)).isoformat()),
                    documents=scale.documents if scale else None,
                    adjusted=round(x, 3) if scale else None,
                )
            )
        fields = ", ".join(EVENT_FIELDS)
        for alert in alerts:
            bins = "bin = 0" if alert.change == "rise" else "bin < 0"
            rows = con.execute(
                f"SELECT {fields} FROM ({base}) WHERE dyad_source = ? AND dyad_target = ? "
                f"AND kind = ? AND {bins} ORDER BY date, doc_id, sentence_id",
                [*base_params, alert.source, alert.target, alert.kind],
            ).fetchall()
            alert.events = [_row(dict(zip(EVENT_FIELDS, row, strict=True))) for row in rows]
    alerts.sort(key=lambda a: (-abs(a.z), a.source, a.target, a.kind))
    return alerts


class _Scale(dict[int, float]):
    """Period k (0 current, 1.. back) -> the factor D / d_k; ``documents`` = d_0."""

    documents: int = 0


def _volume(con, start: dt.date, first: dt.date, end: dt.date, width: int, periods: int) -> _Scale:
    """Each period's factor to the mean news volume (documents by publication date)."""
    rows = con.execute(
        f"SELECT floor(datediff('day', ?::DATE, published) / {width})::INTEGER AS bin, count(*) "
        "FROM documents WHERE published BETWEEN ? AND ? GROUP BY bin",
        [start, first, end],
    ).fetchall()
    counts = {-bin_: n for bin_, n in rows}
    docs = [counts.get(k, 0) for k in range(periods + 1)]
    mean = sum(docs) / len(docs)
    scale = _Scale({k: (mean / max(d, 1) if mean else 1.0) for k, d in enumerate(docs)})
    scale.documents = docs[0]
    return scale


def _row(row: dict[str, Any]) -> dict[str, Any]:
    if isinstance(row.get("date"), dt.date):
        row["date"] = row["date"].isoformat()
    return row
