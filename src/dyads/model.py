"""The one data model passed between dyads' stages.

Plain dataclasses, so records pickle cleanly across processes and Dask workers
(spaCy Docs never leave the process that made them). ``to_dict`` gives the
JSON shape documented in ``schemas/event.schema.json``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

Modality = Literal["asserted", "negated", "future", "hypothetical", "alleged", "denied"]
MODALITIES: tuple[str, ...] = (
    "asserted", "negated", "future", "hypothetical", "alleged", "denied",
)  # fmt: skip

# day/month/year: from the event's clause; document: the document's date; none: no date
DatePrecision = Literal["day", "month", "year", "document", "none"]


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short, deterministic id from its parts (same input, same id, any machine)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@dataclass(slots=True)
class Span:
    """A stretch of the document's clean text, by character offsets (end exclusive)."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """Who acts or is acted on, resolved to country and sector where the dictionary knows."""

    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    code: str | None = None

    @staticmethod
    def make_code(country: str | None, sector: str | None, group: str | None = None) -> str | None:
        """CAMEO-style code: ``RUS`` + ``GOV`` -> ``RUSGOV``; ``NATO`` + ``IGO`` -> ``NATOIGO``;
        a named group adds its own code: ``SYR`` + ``REB`` + ``SDF`` -> ``SYRREBSDF``."""
        if not country and not sector:
            return None
        return f"{country or ''}{sector or ''}{group or ''}"

    def relocate(self, country: str | None) -> None:
        """Give the actor a country, keeping a named group's own code in its code."""
        old = Actor.make_code(self.country, self.sector) or ""
        group = self.code[len(old) :] if self.code and self.code.startswith(old) else ""
        self.country = country
        self.code = Actor.make_code(country, self.sector, group or None)


@dataclass(slots=True)
class ActorMention:
    """One actor found in the text, with how it was resolved (or why it was not)."""

    doc_id: str
    sentence_id: int
    actor: Actor
    entity_label: str | None = None
    matched: str | None = None
    reason: str | None = None
    actor_id: str | None = None
    token_start: int = -1
    token_end: int = -1
    head_token: int = -1
    antecedent_start: int | None = None  # coreference: where the mention it refers to starts
    antecedent_text: str | None = None  # and its text ("De Mistura" for "he")


@dataclass(slots=True)
class Evidence:
    """One mention of an event in its document: the sentence and the trigger's offsets."""

    sentence_id: int
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Magnitude:
    """A count the sentence states (PLOVER's dead, injured, size), by character offsets.

    ``value`` is the number; for a vague word it is the lower bound of
    ``data/events/magnitudes.yaml`` ("thousands" 1000, "dozens" 12, as ACLED codes them).
    """

    value: int
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Location:
    """Where an event happened: a gazetteer place named in its document (``dyads.places``).

    ``precision`` is city, division, country or region (a sea, a region, a continent);
    ``via`` says how it was chosen: clause (a place of the trigger's own clause),
    sentence, dateline, source (a statement's source country) or document (the
    document's main place, or its city or division refining a country). ``text``/``start``/
    ``end`` are the mention it was read from (the dateline's or the first mention of the
    document's main place for those two). ``geonameid`` is None for dyads' own places.
    """

    name: str
    precision: str
    via: str
    geonameid: int | None
    feature_code: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # GeoNames first-order division code (US: state code)
    lat: float
    lon: float
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One dyadic event record, with provenance back to its sentence and trigger."""

    event_id: str
    doc_id: str
    sentence_id: int
    sentence: str
    trigger: Span
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int
    intensity: float
    goldstein: float | None
    modality: str
    attributed_to: Actor | None
    source: Actor | None
    target: Actor | None
    date: str | None
    date_precision: str | None
    mention_id: str
    confidence: float
    rule: str
    mentions: int = 1
    evidence: list[Evidence] = field(default_factory=list)
    source_via: str | None = None  # the role strategy that filled the source ("subject", ...)
    target_via: str | None = None
    dead: Magnitude | None = None  # PLOVER magnitudes, where the event's clause states them
    injured: Magnitude | None = None
    size: Magnitude | None = None
    location: Location | None = None  # where it happened (dyads.event_locator.v1)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def source_code(self) -> str | None:
        return self.source.code if self.source else None

    @property
    def target_code(self) -> str | None:
        return self.target.code if self.target else None


@dataclass(slots=True)
class Sentence:
    sentence_id: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Document:
    """An article as the coder sees it: clean text plus the metadata taken out of it."""

    doc_id: str
    text: str
    title: str | None = None
    byline: str | None = None
    site: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None
    date_source: str | None = None
    source: str | None = None
    credits: list[str] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    @staticmethod
    def content_id(text: str) -> str:
        return stable_hash(text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Rejection:
    """Why a document or sentence produced nothing: counted, never silent."""

    code: str
    reason: str
    doc_id: str | None = None
    sentence_id: int | None = None
    input: str | None = None


@dataclass(slots=True)
class CodedDocument:
    """Everything coding one document produced: the unit a store writes in one transaction."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Resolution:
    """A name resolved against the actor dictionary on a date (``dyads actors resolve``)."""

    text: str
    date: str | None
    country: str | None
    sector: str | None
    name: str | None
    code: str | None
    matched: str | None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Toponym:
    """A place mention resolved to a gazetteer entry (``dyads.places``; end exclusive).

    ``geonameid`` is None for places of dyads' own ``data/places/extra.yaml`` (seas,
    regions, disputed areas); ``how`` says what found the mention: ner, gazetteer or
    dateline.
    """

    text: str
    start: int
    end: int
    geonameid: int | None
    name: str
    feature_class: str
    feature_code: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    lat: float
    lon: float
    how: str = "ner"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
