"""PLOVER magnitudes: dead, injured and size against the PLOVER gold records.

Gold: the records of ``plover/plover_examples.jsonl`` with a ``size``, ``dead`` or
``injured`` value (numbers such as "1000", or words such as "Thousands"). Every record
is coded (dated 2000-01-01, like ``plover``); per field, the system value is the field
of the record's events, from an event of the gold type first (labels mapped as in
``plover``), else the first event that has one.

Definitions, per field:

- ``<field>_n``: gold records with a value for the field;
- ``<field>_coverage``: of those, the share where the system gives one;
- ``<field>_accuracy``: of those, the share where it is the same number. A gold word
  is read with the system's own number words ("Thousands" is 1000, "Tens of thousands"
  10000); a gold value that is no number ("group") matches only the same words;
- ``<field>_spurious``: records without a gold value where the system gives one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..events.magnitudes import FIELDS, MagnitudeReader
from ..model import Event, Magnitude
from . import codes
from .paths import require
from .report import ErrorCase, Report, ratio
from .system import code_items

EXAMPLES = Path("plover") / "plover_examples.jsonl"


@dataclass(slots=True)
class MagnitudeRecord:
    id: str
    text: str
    type: str | None
    gold: dict[str, str] = field(default_factory=dict)  # field -> the gold value as written


def parse(rec: dict[str, Any]) -> MagnitudeRecord | None:
    """One gold record (None for the manual's text-only auxiliary examples)."""
    if "size" not in rec:
        return None
    gold = {name: str(rec[name]).strip() for name in FIELDS if rec.get(name) not in (None, "")}
    return MagnitudeRecord(rec["id"], rec["text"], codes.plover_label(rec.get("event")), gold)


def load(data: Path, limit: int | None = None) -> list[MagnitudeRecord]:
    out = []
    with require(data / EXAMPLES, "magnitudes").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and (rec := parse(json.loads(line))) is not None:
                out.append(rec)
    return out[:limit] if limit else out


def system_value(record: MagnitudeRecord, events: Sequence[Event], name: str) -> Magnitude | None:
    """The field from an event of the gold type first, else from the first event with it."""
    ranked = sorted(events, key=lambda e: e.type != record.type)
    return next((getattr(e, name) for e in ranked if getattr(e, name) is not None), None)


def matches(gold: str, found: Magnitude, reader: MagnitudeReader) -> bool:
    """Same number; a gold value that reads as no number matches the same words."""
    words = gold.lower().replace(",", "").replace("-", " - ").split()
    number = reader.value(words)
    if number is None:
        return found.text.lower() == gold.lower()
    return found.value == number


def score(
    records: Sequence[MagnitudeRecord], events: dict[str, list[Event]], reader: MagnitudeReader
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name in FIELDS:
        gold = [r for r in records if name in r.gold]
        found = [system_value(r, events.get(r.id, []), name) for r in gold]
        right = sum(
            f is not None and matches(r.gold[name], f, reader)
            for r, f in zip(gold, found, strict=True)
        )
        spurious = sum(
            system_value(r, events.get(r.id, []), name) is not None
            for r in records
            if name not in r.gold
        )
        figures[f"{name}_n"] = len(gold)
        figures[f"{name}_coverage"] = ratio(sum(f is not None for f in found), len(gold))
        figures[f"{name}_accuracy"] = ratio(right, len(gold))
        figures[f"{name}_spurious"] = spurious
    return figures


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    records = load(data, limit)
    events = code_items(((r.id, r.text, "2000-01-01") for r in records), options, "magnitudes")
    reader = MagnitudeReader()
    scored = [r for r in records if r.gold]
    report = Report("magnitudes", "all", len(scored), score(records, events, reader))
    report.notes.append(
        f"Gold: {len(scored)} of {len(records)} PLOVER records carry size, dead or injured; "
        "all records are coded (spurious counts the rest). Gold words are read with "
        "data/events/magnitudes.yaml ('Thousands' = 1000); all dates 2000-01-01."
    )
    for record in records:
        evs = events.get(record.id, [])
        for name in FIELDS:
            found = system_value(record, evs, name)
            want = record.gold.get(name)
            if want is None and found is None:
                continue
            if want is not None and found is not None and matches(want, found, reader):
                continue
            report.errors.append(
                ErrorCase(
                    item=record.id,
                    sentence=record.text,
                    gold=f"{name}={want or '-'}",
                    system=f"{name}={found.value} ({found.text!r})" if found else f"{name}=-",
                    rule=", ".join(sorted({e.type for e in evs})) or "no event",
                )
            )
    return report
