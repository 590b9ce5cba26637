"""Geometry of the dashboard's server-rendered SVG charts: the overview timeline and the
dyad series. Numbers only; the templates draw them (autoescaped, no script), and each
bar links to the events it counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from ..analysis.dyad import QUADS
from ..model import PLOVER_TYPES

MAX_TICKS = 8
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}  # fmt: skip
COOPERATION = ",".join(PLOVER_TYPES[:7])  # quad classes 1 and 2
CONFLICT = ",".join(PLOVER_TYPES[7:])  # quad classes 3 and 4


def ticks(count: int, most: int = MAX_TICKS) -> list[int]:
    """Indexes of at most ``most`` evenly spaced labels among ``count`` periods."""
    if count <= 0:
        return []
    step = max(1, -(-count // most))
    return list(range(0, count, step))


def events_link(**params: str | None) -> str:
    return "/events?" + urlencode({k: v for k, v in params.items() if v})


def timeline(rows: Sequence[dict[str, Any]], width: int = 800, height: int = 160) -> dict:
    """Stacked bars per day (quad classes 1-4 from the bottom), each linking to its day."""
    left, bottom, top_pad = 30, 20, 6
    plot = height - bottom - top_pad
    top = max([1, *(r["q1"] + r["q2"] + r["q3"] + r["q4"] for r in rows)])
    step = (width - left - 4) / max(1, len(rows))
    bar = max(1.0, min(step * 0.85, 24))
    days = []
    for i, row in enumerate(rows):
        x = left + i * step
        y = height - bottom
        parts = []
        for q in (1, 2, 3, 4):
            h = plot * row[f"q{q}"] / top
            if row[f"q{q}"]:
                y -= h
                parts.append({"quad": q, "y": round(y, 1), "height": round(h, 1),
                              "count": row[f"q{q}"]})  # fmt: skip
        total = sum(row[f"q{q}"] for q in (1, 2, 3, 4))
        days.append({
            "day": row["day"], "x": round(x, 1), "total": total, "parts": parts,
            "href": events_link(since=row["day"], until=row["day"]),
        })  # fmt: skip
    labels = [{"x": round(left + i * step, 1), "text": rows[i]["day"]} for i in ticks(len(rows), 6)]
    return {
        "width": width, "height": height, "bar": round(bar, 1), "days": days, "labels": labels,
        "top": top, "axis": height - bottom, "left": left, "plot_top": top_pad,
    }  # fmt: skip


def period_end(start: str, freq: str) -> str:
    """The last day of the period starting ``start`` (day, week from Monday, month)."""
    day = dt.date.fromisoformat(start)
    if freq == "week":
        return (day + dt.timedelta(days=6)).isoformat()
    if freq == "month":
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return (following - dt.timedelta(days=1)).isoformat()
    return start


def dyad(
    rows: Sequence[dict[str, Any]], a: str, b: str, freq: str, modality: str, width: int = 800
) -> dict:
    """One panel per direction (cooperation up, conflict down) sharing one x axis."""
    periods = sorted({r["period"] for r in rows})
    directions = [f"{a}->{b}", f"{b}->{a}"]
    by_key = {(r["period"], r["direction"]): r for r in rows}
    left, panel, half = 40, 130, 55
    top = max(
        [1] + [r[QUADS[0]] + r[QUADS[1]] for r in rows] + [r[QUADS[2]] + r[QUADS[3]] for r in rows]
    )
    step = (width - left - 6) / max(1, len(periods))
    bar = max(1.0, min(step * 0.8, 40))
    panels = []
    for n, direction in enumerate(directions):
        source, target = direction.split("->")
        mid = 10 + n * panel + half + 5
        bars = []
        for i, period in enumerate(periods):
            row = by_key.get((period, direction))
            if row is None:
                continue
            x = round(left + i * step, 1)
            until = period_end(period, freq)
            for kind, count, types in (
                ("coop", row[QUADS[0]] + row[QUADS[1]], COOPERATION),
                ("conflict", row[QUADS[2]] + row[QUADS[3]], CONFLICT),
            ):
                if not count:
                    continue
                h = round(half * count / top, 1)
                y = mid - h if kind == "coop" else mid
                href = events_link(source=source, target=target, since=period, until=until,
                                   type=types, modality=modality)  # fmt: skip
                bars.append({"x": x, "y": y, "height": h, "kind": kind, "count": count,
                             "period": period, "until": until, "href": href})  # fmt: skip
        panels.append({"direction": direction, "mid": mid, "bars": bars, "half": half})
    axis = 10 + len(directions) * panel
    labels = [
        {"x": round(left + i * step + bar / 2, 1), "text": periods[i]} for i in ticks(len(periods))
    ]
    return {
        "width": width, "height": axis + 22, "bar": round(bar, 1), "panels": panels,
        "labels": labels, "axis": axis, "left": left, "top": top, "periods": len(periods),
    }  # fmt: skip
