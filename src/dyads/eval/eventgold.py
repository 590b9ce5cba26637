"""Scoring against exhaustively coded event gold (``news_gold``, ``constructions``).

Both datasets list *every* event of a text, so a system is judged both ways:
events it misses (recall) and events it invents (precision). The rules are the
ones in ``news_gold/README.md`` and ``constructions/README.md``, implemented
once here so the two commands count the same way:

- a system record is (type, source country, target country); ``None`` stands
  for no actor or an actor without a country, and an empty gold list for
  ``[None]``;
- it matches a gold record when the type is one of the record's types and the
  countries are among its sources and targets (either way round for symmetric
  records);
- each distinct record of a unit (a gold sentence, or a constructions item) is
  counted once; it is correct when it matches a gold record whose modality list
  holds the system's modality (every modality, when the coder gave the same
  record twice with different modalities);
- wrong records are put in one bucket each: wrong modality, spurious (no gold
  record in its unit), wrong type (no gold record of the unit has its type),
  wrong source/target;
- recall: required gold records matched (type and roles) by some system record;
  modality accuracy over those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Event
from . import codes
from .report import ratio

WORDS = re.compile(r"\w+")
ERROR_KINDS = ("wrong_modality", "spurious", "wrong_type", "wrong_roles")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold record: every acceptable type, country and modality."""

    unit: str
    types: tuple[str, ...]
    sources: tuple[str | None, ...]
    targets: tuple[str | None, ...]
    symmetric: bool
    modality: tuple[str, ...]
    required: bool
    trigger: str = ""
    note: str = ""

    @classmethod
    def from_json(cls, unit: str, rec: dict[str, Any]) -> GoldEvent:
        return cls(
            unit=unit,
            types=tuple(rec.get("types") or ()),
            sources=_countries(rec.get("sources")),
            targets=_countries(rec.get("targets")),
            symmetric=bool(rec.get("symmetric")),
            modality=tuple(rec.get("modality") or ()),
            required=bool(rec.get("required", True)),
            trigger=rec.get("trigger") or "",
            note=rec.get("note") or "",
        )

    def matches(self, key: tuple[str, str | None, str | None]) -> bool:
        """Type and roles agree (modality not asked)."""
        type_, source, target = key
        if type_ not in self.types:
            return False
        if source in self.sources and target in self.targets:
            return True
        return self.symmetric and target in self.sources and source in self.targets

    def describe(self) -> str:
        def side(values: tuple[str | None, ...]) -> str:
            return "/".join(v or "-" for v in values)

        arrow = "<->" if self.symmetric else "->"
        flag = "" if self.required else " (optional)"
        return (
            f"{'/'.join(self.types)} {side(self.sources)} {arrow} {side(self.targets)} "
            f"[{'/'.join(self.modality)}]{flag} '{self.trigger}'"
        )


def _countries(values: Iterable[str | None] | None) -> tuple[str | None, ...]:
    """Gold codes as ours (``ARABLEAGUE`` -> ``LAS``); empty means no actor expected."""
    out = tuple(codes.country(v) if v else None for v in values or ())
    return out or (None,)


def key_of(event: Event) -> tuple[str, str | None, str | None]:
    """What the gold compares: type, source country, target country."""
    source = event.source.country if event.source else None
    target = event.target.country if event.target else None
    return event.type, source, target


@dataclass(slots=True)
class Judged:
    """One distinct system record of a unit, with its verdict."""

    unit: str
    key: tuple[str, str | None, str | None]
    events: list[Event]
    verdict: str  # "correct" or one of ERROR_KINDS
    gold: list[GoldEvent] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


def judge_unit(unit: str, events: Sequence[Event], gold: Sequence[GoldEvent]) -> list[Judged]:
    """Every distinct system record of one unit, judged against its gold records."""
    grouped: dict[tuple[str, str | None, str | None], list[Event]] = {}
    for event in events:
        grouped.setdefault(key_of(event), []).append(event)
    out = []
    for key, group in grouped.items():
        matching = [g for g in gold if g.matches(key)]
        modalities = {e.modality for e in group}
        if matching and all(any(m in g.modality for g in matching) for m in modalities):
            verdict = "correct"
        elif matching:
            verdict = "wrong_modality"
        elif not gold:
            verdict = "spurious"
        elif not any(key[0] in g.types for g in gold):
            verdict = "wrong_type"
        else:
            verdict = "wrong_roles"
        out.append(Judged(unit, key, group, verdict, list(gold)))
    return out


@dataclass(slots=True)
class Recalled:
    """One required gold record and the system events that match it."""

    gold: GoldEvent
    events: list[Event]

    @property
    def found(self) -> bool:
        return bool(self.events)

    @property
    def modality_ok(self) -> bool:
        return any(e.modality in self.gold.modality for e in self.events)


def recall_unit(events: Sequence[Event], gold: Sequence[GoldEvent]) -> list[Recalled]:
    return [Recalled(g, [e for e in events if g.matches(key_of(e))]) for g in gold if g.required]


def figures(judged: Sequence[Judged], recalled: Sequence[Recalled]) -> dict[str, Any]:
    """Precision, recall, F1, modality accuracy and error counts of a set of units."""
    correct = sum(j.correct for j in judged)
    found = [r for r in recalled if r.found]
    precision = ratio(correct, len(judged))
    recall = ratio(len(found), len(recalled))
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    kinds = Counter(j.verdict for j in judged if not j.correct)
    out: dict[str, Any] = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "modality_accuracy": ratio(sum(r.modality_ok for r in found), len(found)),
        "system_records": len(judged),
        "correct_records": correct,
        "required_gold": len(recalled),
        "required_found": len(found),
    }
    out.update({kind: kinds.get(kind, 0) for kind in ERROR_KINDS})
    return out


def via_of(event: Event) -> tuple[str, str]:
    """How the source and target were filled (``-`` when the role is empty)."""
    return event.source_via or "-", event.target_via or "-"


def role_correct(j: Judged, role: str) -> bool | None:
    """Is this side of a record right, judged against the gold records of its unit that
    have its type (None when none has: the type is wrong, so the role cannot be judged)?"""
    type_, source, target = j.key
    same = [g for g in j.gold if type_ in g.types]
    if not same:
        return None
    value = source if role == "source" else target
    for g in same:
        own, other = (g.sources, g.targets) if role == "source" else (g.targets, g.sources)
        if value in own or (g.symmetric and value in other):
            return True
    return False


def strategy_precision(judged: Sequence[Judged]) -> list[list[Any]]:
    """Each role strategy: records it filled, how many of those records are right, and
    its own precision: the share of its roles that are right where the record's type has
    gold (so a wrong type or a wrong other side does not count against it).

    A record counts for the strategies of its first event (records are distinct keys;
    their events almost always share how they were filled)."""
    seen: Counter[tuple[str, str]] = Counter()
    good: Counter[tuple[str, str]] = Counter()
    judged_roles: Counter[tuple[str, str]] = Counter()
    right_roles: Counter[tuple[str, str]] = Counter()
    for j in judged:
        source_via, target_via = via_of(j.events[0])
        for role, via in (("source", source_via), ("target", target_via)):
            key = (role, via)
            seen[key] += 1
            good[key] += j.correct
            verdict = role_correct(j, role)
            if verdict is not None:
                judged_roles[key] += 1
                right_roles[key] += verdict
    return [
        [role, via, n, good[(role, via)], ratio(good[(role, via)], n),
         judged_roles[(role, via)], ratio(right_roles[(role, via)], judged_roles[(role, via)])]
        for (role, via), n in sorted(seen.items(), key=lambda kv: (kv[0][0], -kv[1]))
    ]  # fmt: skip


STRATEGY_COLUMNS = ["role", "strategy", "records", "correct", "record_precision",
                    "judged", "role_precision"]  # fmt: skip


BANDS = ((0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8),
         (0.8, 1.01))  # fmt: skip


def confidence_bands(*groups: Sequence[Judged]) -> list[list[Any]]:
    """Precision per confidence band, for each group of records (records, precision per
    group): does confidence predict correctness, also where the model was not fitted?"""
    rows = []
    for low, high in BANDS:
        row: list[Any] = [f"{low:.1f}-{min(high, 1.0):.1f}"]
        for judged in groups:
            inside = [j for j in judged if low <= max(e.confidence for e in j.events) < high]
            row += [len(inside), ratio(sum(j.correct for j in inside), len(inside))]
        rows.append(row)
    return rows


def words(text: str) -> set[str]:
    return {w.lower() for w in WORDS.findall(text)}


def overlap(a: set[str], b: set[str]) -> float:
    """|A∩B| / min(|A|, |B|): how much of the shorter sentence the other holds."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
