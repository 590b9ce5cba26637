"""How two actors treat each other over time, in both directions.

Per period (day, week starting Monday, month) and direction (A->B, B->A): the
number of events, counts per quad class and PLOVER type, mean intensity, and
net cooperation = (verbal + material cooperation) - (verbal + material conflict),
and ``dead``: the sum of the dead the events' clauses state (0 where none is stated).
Asserted events only by default; periods without events are filled with zeros.
"""

from __future__ import annotations

import pandas as pd

from ..errors import Errors, QueryError
from ..model import PLOVER_TYPES
from .connection import Db, connect, db_name
from .filters import EventFilter, actor_sql, check_actor, normalize_code

FREQS: dict[str, str] = {"day": "D", "week": "W-MON", "month": "MS"}
QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)  # fmt: skip


def dyad_series(
    db: Db,
    a: str,
    b: str,
    freq: str = "week",
    modality: str | None = "asserted",
    since: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """One row per period and direction; columns ``period``, ``direction``, counts."""
    if freq not in FREQS:
        detail = "choose from " + ", ".join(FREQS)
        raise QueryError(Errors.E706, value=freq, option="--freq", detail=detail)
    a, b = normalize_code(a, "A"), normalize_code(b, "B")
    if a == b:
        raise QueryError(Errors.E706, value=b, option="B", detail="a dyad needs two actors")
    where, params = EventFilter(modality=modality, since=since, until=until).where()
    src_a, p_src_a = actor_sql("source", a)
    tgt_b, p_tgt_b = actor_sql("target", b)
    src_b, p_src_b = actor_sql("source", b)
    tgt_a, p_tgt_a = actor_sql("target", a)
    forward, backward = f"{a}->{b}", f"{b}->{a}"
    quads = ", ".join(
        f"count(*) FILTER (WHERE quad_class = {i}) AS {name}" for i, name in enumerate(QUADS, 1)
    )
    types = ", ".join(f"count(*) FILTER (WHERE type = '{t}') AS {t}" for t in PLOVER_TYPES)
    sql = f"""
        SELECT date_trunc('{freq}', date)::DATE AS period,
               CASE WHEN {src_a} AND {tgt_b} THEN ? ELSE ? END AS direction,
               count(*) AS events, {quads}, avg(intensity) AS mean_intensity,
               coalesce(sum(dead), 0)::BIGINT AS dead, {types}
        FROM events
        WHERE date IS NOT NULL AND {where}
          AND (({src_a} AND {tgt_b}) OR ({src_b} AND {tgt_a}))
        GROUP BY ALL ORDER BY period, direction"""
    values = [
        *p_src_a, *p_tgt_b, forward, backward, *params,
        *p_src_a, *p_tgt_b, *p_src_b, *p_tgt_a,
    ]  # fmt: skip
    with connect(db) as con:
        frame = con.execute(sql, values).df()
        if frame.empty:
            check_actor(con, a, db_name(db))
            check_actor(con, b, db_name(db))
            return _finish(frame)
    return _fill(_finish(frame), freq, (forward, backward))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame["net_cooperation"] = (
        frame["verbal_cooperation"] + frame["material_cooperation"]
        - frame["verbal_conflict"] - frame["material_conflict"]
    )  # fmt: skip
    head = ["period", "direction", "events", *QUADS, "net_cooperation", "mean_intensity", "dead"]
    return frame[head + list(PLOVER_TYPES)]


def _fill(frame: pd.DataFrame, freq: str, directions: tuple[str, str]) -> pd.DataFrame:
    """Add zero rows for periods (between the first and last) without events."""
    frame["period"] = pd.to_datetime(frame["period"])
    periods = pd.date_range(frame["period"].min(), frame["period"].max(), freq=FREQS[freq])
    full = pd.MultiIndex.from_product([periods, directions], names=["period", "direction"])
    out = frame.set_index(["period", "direction"]).reindex(full)
    counts = [c for c in out.columns if c != "mean_intensity"]
    out[counts] = out[counts].fillna(0).astype("int64")
    out = out.reset_index()
    out["period"] = out["period"].dt.date
    return out
