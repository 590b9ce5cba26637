"""Within-document merging: one record per dyad and event, every mention kept.

An article repeats itself ("Putin's visit to Pyongyang" in four paragraphs).
Records with the same type, mode, modality, and source and target country (or code,
for actors without one) become one, whose
``mentions`` counts them and whose ``evidence`` keeps each mention's sentence and
trigger offsets. A record missing its target (or source) joins a record of the same
type and modality that has it, when that record's other side matches: "the visit"
later in the text is the visit already coded with its destination.
"""

from __future__ import annotations

from ..model import Event, Evidence


def _code(actor) -> str | None:
    """Country-level identity: "North Korea" and "Pyongyang" are one side of one visit."""
    if actor is None:
        return None
    return actor.country or actor.code


def _key(event: Event) -> tuple:
    return (event.type, event.mode, event.modality, _code(event.source), _code(event.target))


def _unknown_source(event: Event) -> bool:
    """An attacker guessed from where an attack happened, not named."""
    return (event.source_via or "").startswith("unknown_at_place")


def _evidence(event: Event) -> Evidence:
    return Evidence(event.sentence_id, event.trigger.text, event.trigger.start, event.trigger.end)


def _absorb(keeper: Event, other: Event, seen: dict[int, set[tuple]]) -> None:
    """Add ``other``'s evidence to ``keeper``; ``seen`` keeps each keeper's evidence keys
    so that an event mentioned m times costs m, not m squared."""
    keys = seen.get(id(keeper))
    if keys is None:
        keys = seen[id(keeper)] = {(e.sentence_id, e.start) for e in keeper.evidence}
    for ev in other.evidence or [_evidence(other)]:
        if (ev.sentence_id, ev.start) not in keys:
            keeper.evidence.append(ev)
            keys.add((ev.sentence_id, ev.start))
    keeper.mentions = len(keeper.evidence)
    keeper.confidence = max(keeper.confidence, other.confidence)


def merge_document_events(events: list[Event]) -> list[Event]:
    """Merge repeated mentions of the same event in one document (order kept)."""
    ordered = sorted(events, key=lambda e: (e.sentence_id, e.trigger.start))
    for event in ordered:
        if not event.evidence:
            event.evidence = [_evidence(event)]
            event.mentions = 1
    kept: list[Event] = []
    by_key: dict[tuple, Event] = {}
    seen: dict[int, set[tuple]] = {}
    for event in ordered:
        key = _key(event)
        if key in by_key:
            keeper = by_key[key]
            if _unknown_source(keeper) and not _unknown_source(event):
                # "A car bomb hit a checkpoint in Baghdad. Islamic State claimed the attack":
                # the attacker named later is the record's, not "unknown forces in Iraq"
                _absorb(event, keeper, seen)
                kept[kept.index(keeper)] = by_key[key] = event
                continue
            _absorb(keeper, event, seen)
            continue
        by_key[key] = event
        kept.append(event)
    # a one-sided record joins the full dyad of the same event when there is exactly one
    full: dict[tuple, list[Event]] = {}
    for other in kept:
        if other.source is not None and other.target is not None:
            full.setdefault((other.type, other.mode, other.modality), []).append(other)
    result: list[Event] = []
    for event in kept:
        if event.target is None or event.source is None:
            partners = [
                other for other in full.get((event.type, event.mode, event.modality), [])
                if other is not event
                and (event.source is None or _code(other.source) == _code(event.source))
                and (event.target is None or _code(other.target) == _code(event.target))
            ]  # fmt: skip
            if len({(_code(p.source), _code(p.target)) for p in partners}) == 1:
                _absorb(partners[0], event, seen)
                continue
        result.append(event)
    return result
