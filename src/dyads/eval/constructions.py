"""constructions: short texts grouped by the linguistic phenomenon they test.

Gold: ``constructions/constructions.jsonl`` (168 items, 7 for each of 24
phenomena: passives, negation, requested actions, denials, coreference,
compound actors, false friends ...), every event of each item coded. Each item
is coded as one document (its id and date) and scored as one unit, as the
dataset's README says (see :mod:`dyads.eval.eventgold`): precision, recall, F1
and modality accuracy overall and per phenomenon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import Event
from .eventgold import (
    ERROR_KINDS,
    STRATEGY_COLUMNS,
    GoldEvent,
    Judged,
    Recalled,
    figures,
    judge_unit,
    recall_unit,
    strategy_precision,
)
from .news import _describe
from .paths import require
from .report import ErrorCase, Report, Table
from .system import code_records

FILE = Path("constructions") / "constructions.jsonl"


@dataclass(slots=True)
class Item:
    id: str
    phenomenon: str
    date: str | None
    text: str
    gold: list[GoldEvent] = field(default_factory=list)


def load(data: Path, limit: int | None = None) -> list[Item]:
    out = []
    with require(data / FILE, "constructions").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            item = Item(str(rec["id"]), rec.get("phenomenon") or "-", rec.get("date"), rec["text"])
            item.gold = [GoldEvent.from_json(item.id, e) for e in rec.get("events") or []]
            out.append(item)
    return out[:limit] if limit else out


def score(items: list[Item], events: dict[str, list[Event]]) -> tuple[list[Judged], list[Recalled]]:
    judged: list[Judged] = []
    recalled: list[Recalled] = []
    for item in items:
        mine = events.get(item.id, [])
        judged += judge_unit(item.id, mine, item.gold)
        recalled += recall_unit(mine, item.gold)
    return judged, recalled


ROW_FIGURES = ("precision", "recall", "f1", "modality_accuracy", "system_records",
               "required_gold", *ERROR_KINDS)  # fmt: skip


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    items = load(data, limit)
    coded = code_records(
        ({"id": i.id, "text": i.text, "date": i.date} for i in items), options, "constructions"
    )
    events = {i.id: (coded[i.id].events if i.id in coded else []) for i in items}
    judged, recalled = score(items, events)
    report = Report("constructions", "all", len(items), figures(judged, recalled))
    rows = []
    by_id = {i.id: i for i in items}
    phenomena = sorted({i.phenomenon for i in items}, key=lambda p: [i.phenomenon for i in items]
                       .index(p))  # fmt: skip
    for phenomenon in phenomena:
        f = figures(
            [j for j in judged if by_id[j.unit].phenomenon == phenomenon],
            [r for r in recalled if by_id[r.gold.unit].phenomenon == phenomenon],
        )
        n = sum(i.phenomenon == phenomenon for i in items)
        rows.append([phenomenon, n, *(f[k] for k in ROW_FIGURES)])
    report.tables.append(
        Table("constructions: by phenomenon", ["phenomenon", "items", *ROW_FIGURES], rows)
    )
    report.tables.append(
        Table(
            "constructions: precision of each role strategy",
            STRATEGY_COLUMNS,
            strategy_precision(judged),
        )
    )
    report.notes.append(
        "Scored as constructions/README.md says: per item, each distinct (type, source "
        "country, target country) once, correct when a gold event matches it with its modality."
    )
    for j in judged:
        if not j.correct:
            item = by_id[j.unit]
            report.errors.append(
                ErrorCase(
                    item=f"{item.id} {item.phenomenon} {j.verdict}",
                    sentence=item.text,
                    gold="; ".join(g.describe() for g in item.gold) or "no event",
                    system=" | ".join(_describe(e) for e in j.events),
                    rule=", ".join(sorted({e.rule for e in j.events})),
                )
            )
    for r in recalled:
        if not r.found:
            item = by_id[r.gold.unit]
            report.errors.append(
                ErrorCase(
                    item=f"{item.id} {item.phenomenon} missed",
                    sentence=item.text,
                    gold=r.gold.describe(),
                    system="; ".join(_describe(e) for e in events.get(item.id, [])) or "no event",
                )
            )
    return report
