"""Model objects to flat table rows and back: the one place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..model import (
    Actor,
    ActorMention,
    Document,
    Event,
    Evidence,
    Location,
    Magnitude,
    Rejection,
    Sentence,
    Span,
    stable_hash,
)
from .tables import LOCATION, MAGNITUDES

ACTOR_ROLES: tuple[str, ...] = ("attributed_to", "source", "target")
_ACTOR_KEYS: tuple[str, ...] = ("text", "start", "end", "country", "sector", "name", "code")


def _iso(value: Any) -> str | None:
    """DuckDB hands back ``datetime.date``; the model keeps ISO strings."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_ROLE_COLUMNS: dict[str, tuple[str, ...]] = {
    role: tuple(f"{role}_{key}" for key in _ACTOR_KEYS) for role in ACTOR_ROLES
}
_NO_ACTOR = (None,) * len(_ACTOR_KEYS)


def _actor_values(actor: Actor | None) -> tuple[Any, ...]:
    if actor is None:
        return _NO_ACTOR
    return (actor.text, actor.start, actor.end, actor.country, actor.sector, actor.name, actor.code)


def _actor_from(prefix: str, row: Mapping[str, Any]) -> Actor | None:
    # An actor always has offsets; a null start means there was none.
    names = _ROLE_COLUMNS[prefix]
    if row[names[1]] is None:
        return None
    return Actor(*(row[name] for name in names))


def _magnitude_values(name: str, found: Magnitude | None) -> dict[str, Any]:
    if found is None:
        return dict.fromkeys((name, f"{name}_text", f"{name}_start", f"{name}_end"))
    return {name: found.value, f"{name}_text": found.text, f"{name}_start": found.start,
            f"{name}_end": found.end}  # fmt: skip


def _magnitude_from(name: str, row: Mapping[str, Any]) -> Magnitude | None:
    """None for a store or Parquet file from before magnitudes, or with none stated."""
    if row.get(name) is None:
        return None
    return Magnitude(row[name], row[f"{name}_text"], row[f"{name}_start"], row[f"{name}_end"])


def _location_values(found: Location | None) -> dict[str, Any]:
    if found is None:
        return {column: None for column, _, _ in LOCATION}
    return {column: getattr(found, name) for column, name, _ in LOCATION}


def _location_from(row: Mapping[str, Any]) -> Location | None:
    """None for a store or Parquet file from before locations, or an event with none."""
    if row.get("location_name") is None:
        return None
    return Location(**{name: row[column] for column, name, _ in LOCATION})


def to_event_row(event: Event) -> dict[str, Any]:
    """Flatten an event: trigger and actors become prefixed columns."""
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_id": event.sentence_id,
        "sentence": event.sentence,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "goldstein": event.goldstein,
        "modality": event.modality,
    }
    for role in ACTOR_ROLES:
        row.update(zip(_ROLE_COLUMNS[role], _actor_values(getattr(event, role)), strict=True))
    row.update(
        date=event.date,
        date_precision=event.date_precision,
        mention_id=event.mention_id,
        confidence=event.confidence,
        rule=event.rule,
        mentions=event.mentions,
        source_via=event.source_via,
        target_via=event.target_via,
    )
    for name in MAGNITUDES:
        row.update(_magnitude_values(name, getattr(event, name)))
    row.update(_location_values(event.location))
    return row


def from_event_row(row: Mapping[str, Any]) -> Event:
    """Rebuild the event ``to_event_row`` flattened (extra keys are ignored)."""
    return Event(
        event_id=row["event_id"],
        doc_id=row["doc_id"],
        sentence_id=row["sentence_id"],
        sentence=row["sentence"],
        trigger=Span(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        type=row["type"],
        mode=row["mode"],
        cameo=row["cameo"],
        quad_class=row["quad_class"],
        intensity=row["intensity"],
        goldstein=row["goldstein"],
        modality=row["modality"],
        attributed_to=_actor_from("attributed_to", row),
        source=_actor_from("source", row),
        target=_actor_from("target", row),
        date=_iso(row["date"]),
        date_precision=row["date_precision"],
        mention_id=row["mention_id"],
        confidence=row["confidence"],
        rule=row["rule"],
        mentions=row["mentions"],
        source_via=row.get("source_via"),
        target_via=row.get("target_via"),
        dead=_magnitude_from("dead", row),
        injured=_magnitude_from("injured", row),
        size=_magnitude_from("size", row),
        location=_location_from(row),
    )


def to_document_row(doc: Document, coded_at: dt.datetime) -> dict[str, Any]:
    """Paragraphs are kept as offsets only: their text is the document's own."""
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "url": doc.url,
        "title": doc.title,
        "byline": doc.byline,
        "site": doc.site,
        "published": doc.published,
        "date_source": doc.date_source,
        "source": doc.source,
        "text": doc.text,
        "credits": list(doc.credits),
        "language": doc.language,
        "warnings": list(doc.warnings),
        "paragraph_starts": [p.start for p in doc.paragraphs],
        "paragraph_ends": [p.end for p in doc.paragraphs],
        "coded_at": coded_at,
        "content_hash": content_hash(doc),
        "fetched_at": None,
        "story_id": None,
        "copy_of": None,
    }


def content_hash(doc: Document) -> str:
    """What a rerun compares to decide a stored document is unchanged: its clean text."""
    return stable_hash(doc.text)


def from_document_row(row: Mapping[str, Any]) -> Document:
    text = row["text"] or ""
    starts = row["paragraph_starts"] or []
    ends = row["paragraph_ends"] or []
    return Document(
        doc_id=row["doc_id"],
        text=text,
        title=row["title"],
        byline=row["byline"],
        site=row["site"],
        url=row["url"],
        path=row["path"],
        published=_iso(row["published"]),
        date_source=row["date_source"],
        source=row["source"],
        credits=list(row["credits"] or []),
        paragraphs=[Span(text[s:e], s, e) for s, e in zip(starts, ends, strict=True)],
        language=row["language"],
        warnings=list(row["warnings"] or []),
    )


def to_sentence_row(doc_id: str, sentence: Sentence) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence_id": sentence.sentence_id,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "paragraph": sentence.paragraph,
    }


def from_sentence_row(row: Mapping[str, Any]) -> Sentence:
    return Sentence(
        sentence_id=row["sentence_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        paragraph=row["paragraph"],
    )


def to_mention_row(mention: ActorMention) -> dict[str, Any]:
    """Token indexes are spaCy-internal and not stored; character offsets are."""
    actor = mention.actor
    return {
        "doc_id": mention.doc_id,
        "sentence_id": mention.sentence_id,
        **dict(zip(_ACTOR_KEYS, _actor_values(actor), strict=True)),
        "entity_label": mention.entity_label,
        "matched": mention.matched,
        "reason": mention.reason,
        "actor_id": mention.actor_id,
        "antecedent_start": mention.antecedent_start,
        "antecedent_text": mention.antecedent_text,
    }


def from_mention_row(row: Mapping[str, Any]) -> ActorMention:
    return ActorMention(
        doc_id=row["doc_id"],
        sentence_id=row["sentence_id"],
        actor=Actor(**{key: row[key] for key in _ACTOR_KEYS}),
        entity_label=row["entity_label"],
        matched=row["matched"],
        reason=row["reason"],
        actor_id=row["actor_id"],
        antecedent_start=row.get("antecedent_start"),
        antecedent_text=row.get("antecedent_text"),
    )


def to_rejection_row(run_id: str | None, rejection: Rejection) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "doc_id": rejection.doc_id,
        "sentence_id": rejection.sentence_id,
        "input": rejection.input,
        "code": rejection.code,
        "reason": rejection.reason,
    }


def from_rejection_row(row: Mapping[str, Any]) -> Rejection:
    return Rejection(
        code=row["code"],
        reason=row["reason"],
        doc_id=row["doc_id"],
        sentence_id=row["sentence_id"],
        input=row["input"],
    )


def to_evidence_row(event: Event, evidence: Evidence) -> dict[str, Any]:
    """One mention of a (merged) event: its sentence and trigger offsets."""
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_id": evidence.sentence_id,
        "trigger_text": evidence.text,
        "trigger_start": evidence.start,
        "trigger_end": evidence.end,
    }


def from_evidence_row(row: Mapping[str, Any]) -> Evidence:
    return Evidence(
        row["sentence_id"], row["trigger_text"], row["trigger_start"], row["trigger_end"]
    )
