"""golden: our own sentence suite, so every pattern change shows which events it gains and loses.

The suite (``tests/golden/golden.yaml``) holds short texts we wrote, each with the exact set
of records a careful coder expects: ``{type, source, target, modality}`` with country codes.
:func:`run` codes every item in one batch and compares, per item, the set of
``(type, source country, target country, modality)`` produced with the expected set.
An expected record may be ``optional`` (the guide's ``required: false``: neither lost when
missing nor gained when produced), and its ``source``, ``target`` and ``modality`` may each
list every acceptable value, as the guide's gold does (an implied target: ``[PRK, null]``).
Items marked ``known_gap`` are reported, never asserted. :func:`compare` checks a result
against the stored baseline (the ids that passed at the last accepted state).

    dyads events golden                   # report, with changes since the baseline
    dyads events golden --write-baseline  # accept the current state
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

import yaml

from ..config import Options
from ..model import MODALITIES, PLOVER_TYPES, Document, Event
from .paths import repo_root

Record = tuple[str, str | None, str | None, str]  # (type, source country, target country, modality)

ID_PATTERN = re.compile(r"^g\d{3,}$")
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
ITEM_KEYS = frozenset({"id", "phenomenon", "date", "text", "events", "known_gap"})
EVENT_KEYS = frozenset({"type", "source", "target", "modality", "optional"})


def default_suite() -> Path:
    """``tests/golden/golden.yaml`` in the checkout."""
    return repo_root() / "tests" / "golden" / "golden.yaml"


def default_baseline() -> Path:
    """``tests/golden/baseline.json`` in the checkout."""
    return repo_root() / "tests" / "golden" / "baseline.json"


class GoldenError(ValueError):
    """The suite file is malformed; the message names the item and the field."""


@dataclass(frozen=True, slots=True)
class Expected:
    """One expected record; each field holds every acceptable value (``None``: no country)."""

    type: str
    sources: tuple[str | None, ...]
    targets: tuple[str | None, ...]
    modalities: tuple[str, ...]
    optional: bool = False

    def matches(self, record: Record) -> bool:
        """Whether a produced record is this one: its type, an accepted dyad and modality."""
        kind, source, target, modality = record
        return (
            kind == self.type
            and source in self.sources
            and target in self.targets
            and modality in self.modalities
        )

    def show(self) -> str:
        def alts(values: tuple[str | None, ...]) -> str:
            return "|".join(v or "-" for v in values)

        return f"{self.type} {alts(self.sources)}->{alts(self.targets)} {'|'.join(self.modalities)}"


@dataclass(frozen=True, slots=True)
class Item:
    """One text of the suite with its expected records."""

    id: str
    phenomenon: str
    date: str
    text: str
    events: tuple[Expected, ...]
    known_gap: str | None = None


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What coding one item produced, and how it differs from the expected set."""

    item: Item
    produced: frozenset[Record]
    gained: tuple[Record, ...]  # produced, matching no expected record
    lost: tuple[Expected, ...]  # required, matched by nothing produced
    rules: dict[Record, tuple[str, ...]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.gained and not self.lost

    def describe(self) -> str:
        """A readable diff: id, phenomenon, text, then each gained and lost record."""
        gap = f"  [known gap: {self.item.known_gap}]" if self.item.known_gap else ""
        lines = [f"{self.item.id} ({self.item.phenomenon}, {self.item.date}){gap}"]
        lines.append(f"  text: {' '.join(self.item.text.split())}")
        for record in self.gained:
            rules = ", ".join(self.rules.get(record, ()))
            lines.append(f"  + gained {show_record(record)}" + (f"  ({rules})" if rules else ""))
        lines += [f"  - lost   {e.show()}" for e in self.lost]
        return "\n".join(lines)


@dataclass(slots=True)
class SuiteResult:
    """Per-item results of one run of the suite."""

    items: list[ItemResult]

    @property
    def passing(self) -> list[str]:
        return sorted(r.item.id for r in self.items if r.passed)

    @property
    def failing(self) -> list[ItemResult]:
        return [r for r in self.items if not r.passed]

    def unexpected_failures(self) -> list[ItemResult]:
        """Failing items not marked ``known_gap``: the suite asserts these pass."""
        return [r for r in self.failing if not r.item.known_gap]

    def gaps_now_passing(self) -> list[ItemResult]:
        """Items still marked ``known_gap`` that pass: their mark can go."""
        return [r for r in self.items if r.passed and r.item.known_gap]

    def counts(self) -> dict[str, int]:
        gaps = sum(1 for r in self.items if r.item.known_gap)
        return {
            "items": len(self.items),
            "passed": len(self.passing),
            "failed": len(self.failing),
            "known_gap": gaps,
            "gained": sum(len(r.gained) for r in self.items),
            "lost": sum(len(r.lost) for r in self.items),
        }

    def by_phenomenon(self) -> dict[str, tuple[int, int]]:
        """``phenomenon -> (passed, items)`` in the suite's order."""
        total: Counter[str] = Counter()
        passed: Counter[str] = Counter()
        for r in self.items:
            total[r.item.phenomenon] += 1
            passed[r.item.phenomenon] += r.passed
        return {p: (passed[p], n) for p, n in total.items()}

    def report(self) -> str:
        """Counts overall and per phenomenon, then the diff of every failing item."""
        c = self.counts()
        lines = [
            f"golden: {c['passed']}/{c['items']} items pass, {c['known_gap']} marked known_gap, "
            f"{c['gained']} records gained, {c['lost']} lost"
        ]
        lines += [f"  {p:<16} {ok}/{n}" for p, (ok, n) in self.by_phenomenon().items()]
        lines += [r.describe() for r in self.failing]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BaselineDiff:
    """Items whose outcome changed since the baseline."""

    newly_passing: list[str]
    newly_failing: list[str]

    @property
    def regressed(self) -> bool:
        return bool(self.newly_failing)


def show_record(record: Record) -> str:
    kind, source, target, modality = record
    return f"{kind} {source or '-'}->{target or '-'} {modality}"


def _fail(where: str, message: str) -> GoldenError:
    return GoldenError(f"{where}: {message}")


def _codes(value: Any, where: str, name: str) -> tuple[str | None, ...]:
    values = value if isinstance(value, list) else [value]
    for v in values:
        if v is not None and (not isinstance(v, str) or not CODE_PATTERN.match(v)):
            raise _fail(where, f"{name} must be a country or IGO code or null, got {v!r}")
    if not values or len(set(values)) != len(values):
        raise _fail(where, f"{name} must list distinct values, got {value!r}")
    return tuple(values)


def _expected(raw: Any, where: str) -> Expected:
    if not isinstance(raw, dict):
        raise _fail(where, f"an event must be a mapping, got {raw!r}")
    unknown = set(raw) - EVENT_KEYS
    if unknown:
        raise _fail(where, f"unknown event keys {sorted(unknown)}")
    kind = raw.get("type")
    if kind not in PLOVER_TYPES:
        raise _fail(where, f"type must be a PLOVER type, got {kind!r}")
    for key in ("source", "target", "modality"):
        if key not in raw:
            raise _fail(where, f"event {kind} lacks {key!r}")
    modality = raw["modality"]
    modalities = tuple(modality) if isinstance(modality, list) else (modality,)
    if not modalities or any(m not in MODALITIES for m in modalities):
        raise _fail(where, f"modality must be one of {', '.join(MODALITIES)}, got {modality!r}")
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        raise _fail(where, f"optional must be true or false, got {optional!r}")
    return Expected(
        kind,
        _codes(raw["source"], where, "source"),
        _codes(raw["target"], where, "target"),
        modalities,
        optional,
    )


def _item(raw: Any, index: int) -> Item:
    if not isinstance(raw, dict):
        raise GoldenError(f"item #{index + 1}: must be a mapping, got {raw!r}")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        raise GoldenError(f"item #{index + 1}: id must look like 'g001', got {item_id!r}")
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        raise _fail(item_id, f"unknown keys {sorted(unknown)}")
    for key in ("phenomenon", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(item_id, f"{key} must be a non-empty string")
    day = raw.get("date")
    if isinstance(day, Date):
        day = day.isoformat()
    try:
        Date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        day = None
    if not isinstance(day, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise _fail(item_id, f"date must be YYYY-MM-DD, got {raw.get('date')!r}")
    events = raw.get("events")
    if not isinstance(events, list):
        raise _fail(item_id, "events must be a list (empty for no event)")
    expected = tuple(_expected(e, f"{item_id} event {n + 1}") for n, e in enumerate(events))
    keys = [(e.type, e.sources, e.targets) for e in expected]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise _fail(item_id, f"two records for {duplicate}: list the modalities in one")
    gap = raw.get("known_gap")
    if gap is not None and (not isinstance(gap, str) or not gap.strip()):
        raise _fail(item_id, "known_gap must be a one-line reason")
    return Item(item_id, raw["phenomenon"], day, raw["text"], expected, gap)


def parse(data: Any) -> list[Item]:
    """Validate the suite's parsed YAML; a GoldenError names the item and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise GoldenError("the suite must be a mapping with an 'items' list")
    items = [_item(raw, n) for n, raw in enumerate(data["items"])]
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise _fail(item.id, "duplicate id")
        seen.add(item.id)
    return items


def load(path: Path | None = None) -> list[Item]:
    """Read and validate the suite (default ``tests/golden/golden.yaml``)."""
    path = path or default_suite()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldenError(f"{path}: not valid YAML: {exc}") from exc
    return parse(data)


def _sort_key(record: Record) -> tuple[str, ...]:
    return tuple(value or "" for value in record)


def record_of(event: Event) -> Record:
    """The compared key of an event: type, source and target country, modality."""
    source = event.source.country if event.source else None
    target = event.target.country if event.target else None
    return (event.type, source, target, event.modality)


def judge(item: Item, events: Iterable[Event]) -> ItemResult:
    """Compare what one item's coding produced with its expected records."""
    rules: dict[Record, set[str]] = {}
    for event in events:
        rules.setdefault(record_of(event), set()).add(event.rule)
    produced = frozenset(rules)
    unmatched = (r for r in produced if not any(e.matches(r) for e in item.events))
    gained = tuple(sorted(unmatched, key=_sort_key))
    lost = tuple(
        e for e in item.events if not e.optional and not any(e.matches(r) for r in produced)
    )
    return ItemResult(item, produced, gained, lost, {r: tuple(sorted(rules[r])) for r in gained})


def run(items: Sequence[Item], options: Options | None = None) -> SuiteResult:
    """Code every item in one batch through ``dyads.code_documents`` and judge each.

    The suite judges what the coder decides, so records are kept whatever their
    confidence (``min_confidence = 0``): the threshold is a separate, measured output
    filter (``dyads eval news`` prints precision per confidence band), and a refitted
    confidence model must not show up here as patterns gained or lost."""
    from dataclasses import replace

    from ..pipeline import code_documents

    options = replace(options or Options(), min_confidence=0.0)
    documents = [Document(doc_id=i.id, text=i.text, published=i.date) for i in items]
    coded = code_documents(documents, options)
    return SuiteResult([judge(i, c.events) for i, c in zip(items, coded, strict=True)])


def load_baseline(path: Path | None = None) -> set[str]:
    """The ids that passed at the last accepted state (empty when there is no baseline)."""
    path = path or default_baseline()
    if not path.is_file():
        return set()
    data = json.loads(path.read_text(encoding="utf-8"))
    return set(data.get("passing", []))


def compare(result: SuiteResult, baseline: Iterable[str]) -> BaselineDiff:
    """Items passing now but not in the baseline, and baseline items that now fail."""
    before = set(baseline)
    now = set(result.passing)
    present = {r.item.id for r in result.items}
    return BaselineDiff(sorted(now - before), sorted((before & present) - now))


def write_baseline(result: SuiteResult, path: Path | None = None) -> Path:
    """Store the passing ids (sorted) and the counts as the accepted state."""
    path = path or default_baseline()
    data = {"passing": result.passing, "counts": result.counts()}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path
