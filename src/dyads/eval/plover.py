"""PLOVER gold records: event type plus source and target country and sector.

Gold: ``plover/plover_examples.jsonl`` (PLOVER v0.5b1 records; labels mapped
to PLOVER 2021 with ``data/eval/codes.yaml``). For each record the system event
that best matches is chosen: the gold type first, then source country, target
country, sectors; ties go to the earlier event.

Definitions (all over records with a gold event):

- source correct: the event's source country matches a gold actor's code;
- target correct: gold targets are the recipients plus, for reciprocal
  records (markup ``SRC/TAR``), the other actors; with no gold target the
  system target must be empty (None);
- all three: type, source and target correct;
- sector accuracy: over source/target slots where a gold actor has a scored
  sector (records without a sector, ``***`` and unknown codes are not
  scored), the system sector is one of them (no event counts as wrong).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import Actor, Event
from . import codes
from .paths import require
from .report import ErrorCase, Report, ratio
from .system import code_items, describe, rules

EXAMPLES = Path("plover") / "plover_examples.jsonl"


@dataclass(frozen=True, slots=True)
class GoldActor:
    code: str | None
    sector: str | None
    text: str = ""


@dataclass(slots=True)
class PloverRecord:
    id: str
    text: str
    type: str
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)


def _actors(value: Any) -> list[GoldActor]:
    if isinstance(value, dict):
        value = [value]
    return [
        GoldActor(a.get("code"), a.get("sector"), a.get("actorText", ""))
        for a in value or []
        if isinstance(a, dict)
    ]


def parse(rec: dict[str, Any]) -> PloverRecord | None:
    """One gold record, or None for the manual's text-only auxiliary examples."""
    label = codes.plover_label(rec.get("event"))
    if not label:
        return None
    sources = _actors(rec.get("actor"))
    targets = _actors(rec.get("recipient"))
    if "SRC/TAR" in (rec.get("markup") or ""):
        targets = targets + [a for a in sources if a not in targets]
    return PloverRecord(rec["id"], rec["text"], label, sources, targets)


def load(data: Path, limit: int | None = None) -> list[PloverRecord]:
    out = []
    with require(data / EXAMPLES, "plover").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and (rec := parse(json.loads(line))) is not None:
                out.append(rec)
    return out[:limit] if limit else out


def _country_ok(gold: list[GoldActor], actor: Actor | None) -> bool:
    if not gold:
        return actor is None
    if actor is None:
        return False
    return any(codes.country_matches(g.code, actor.country, actor.sector) for g in gold)


def _sector_ok(gold: list[GoldActor], actor: Actor | None) -> bool | None:
    scored = [g for g in gold if g.sector and codes.sector(g.sector) != codes.UNSCORED]
    if not scored:
        return None
    have = actor.sector if actor else None
    return any(codes.sector_matches(g.sector, have) for g in scored)


def judge(record: PloverRecord, event: Event | None) -> dict[str, bool | None]:
    """Per-record verdicts for one chosen event (None event: nothing produced)."""
    if event is None:
        src_sec = _sector_ok(record.sources, None)
        tgt_sec = _sector_ok(record.targets, None)
        return {
            "type": False,
            "source": False,
            "target": False,
            "source_sector": None if src_sec is None else False,
            "target_sector": None if tgt_sec is None else False,
        }
    return {
        "type": event.type == record.type,
        "source": _country_ok(record.sources, event.source),
        "target": _country_ok(record.targets, event.target),
        "source_sector": _sector_ok(record.sources, event.source),
        "target_sector": _sector_ok(record.targets, event.target),
    }


def best_event(record: PloverRecord, events: Sequence[Event]) -> Event | None:
    """The event that best matches the record: type, then countries, then sectors."""
    best, best_key = None, None
    for event in events:
        v = judge(record, event)
        key = (
            v["type"],
            v["source"],
            v["target"],
            bool(v["source_sector"]),
            bool(v["target_sector"]),
        )
        if best_key is None or key > best_key:
            best, best_key = event, key
    return best


def score(records: Sequence[PloverRecord], chosen: Sequence[Event | None]) -> dict[str, Any]:
    n = len(records)
    t = s = g = a = 0
    sec_ok = sec_n = 0
    for record, event in zip(records, chosen, strict=True):
        v = judge(record, event)
        t += bool(v["type"])
        s += bool(v["source"])
        g += bool(v["target"])
        a += bool(v["type"] and v["source"] and v["target"])
        for slot in ("source_sector", "target_sector"):
            if v[slot] is not None:
                sec_n += 1
                sec_ok += bool(v[slot])
    return {
        "n": n,
        "type_accuracy": ratio(t, n),
        "source_country_accuracy": ratio(s, n),
        "target_country_accuracy": ratio(g, n),
        "all_three_accuracy": ratio(a, n),
        "sector_accuracy": ratio(sec_ok, sec_n),
        "n_sector_slots": sec_n,
    }


def _gold_text(record: PloverRecord) -> str:
    def side(actors: list[GoldActor]) -> str:
        return "/".join(f"{a.code or '-'}{a.sector or ''}" for a in actors) or "-"

    return f"{record.type} {side(record.sources)} -> {side(record.targets)}"


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    records = load(data, limit)
    events = code_items(((r.id, r.text, "2000-01-01") for r in records), options, "plover")
    chosen = [best_event(r, events.get(r.id, [])) for r in records]
    report = Report("plover", "all", len(records), score(records, chosen))
    report.notes.append(
        "Labels mapped DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT, INVESTIGATE->ACCUSE; "
        "old codes (JAP, ITL, IGO...) normalised with data/eval/codes.yaml; all dates 2000-01-01."
    )
    for record, event in zip(records, chosen, strict=True):
        v = judge(record, event)
        if not (v["type"] and v["source"] and v["target"]):
            evs = events.get(record.id, [])
            report.errors.append(
                ErrorCase(
                    item=record.id,
                    sentence=record.text,
                    gold=_gold_text(record),
                    system=describe(event) if event else "no event",
                    rule=event.rule if event else rules(evs),
                )
            )
    return report
