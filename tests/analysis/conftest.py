"""Stores for the analysis tests: our examples coded for real, and hand-made events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyads.config import load_options
from dyads.model import (
    Actor,
    CodedDocument,
    Document,
    Event,
    Evidence,
    Location,
    Sentence,
    Span,
    stable_hash,
)
from dyads.runner import code_paths
from dyads.store import Store

from ..conftest import EXAMPLES

# (date, source, target, type, quad_class, intensity, modality)
HAND_EVENTS: list[tuple[str, str, str, str, int, float, str]] = [
    # a quiet baseline of RUS-PRK cooperation, then a burst in the current week
    ("2025-01-06", "RUSGOV", "PRKGOV", "CONSULT", 1, 2.5, "asserted"),
    ("2025-01-20", "RUSGOV", "PRKGOV", "AGREE", 1, 2.5, "asserted"),
    ("2025-02-10", "PRKGOV", "RUSGOV", "CONSULT", 1, 2.5, "asserted"),
    ("2025-03-03", "RUSGOV", "PRKGOV", "AID", 2, 10.0, "asserted"),
    ("2025-03-04", "RUSGOV", "PRKGOV", "COOPERATE", 2, 9.5, "asserted"),
    ("2025-03-05", "RUS", "PRK", "AGREE", 1, 2.5, "asserted"),
    ("2025-03-06", "RUSMIL", "PRKMIL", "COOPERATE", 2, 9.5, "asserted"),
    ("2025-03-06", "PRKGOV", "RUSGOV", "SUPPORT", 1, 5.0, "asserted"),
    ("2025-03-07", "PRKGOV", "RUSGOV", "AID", 2, 10.0, "denied"),
    # steady conflict with no change: never an alert
    ("2025-01-07", "UKRGOV", "RUSGOV", "ACCUSE", 3, -3.0, "asserted"),
    ("2025-02-11", "UKRGOV", "RUSGOV", "ACCUSE", 3, -3.0, "asserted"),
    ("2025-03-04", "UKRGOV", "RUSGOV", "ACCUSE", 3, -3.0, "alleged"),
]

# Grouping: one country under several codes, countryless actors, a domestic burst in a
# week of heavy news (FILLER documents without events), an event without a target.
AGGREGATE_EVENTS: list[tuple[str, str, str | None, str, int, float, str]] = [
    ("2025-01-14", "RUSGOV", "SYRGOV", "CONSULT", 1, 2.5, "asserted"),
    ("2025-02-11", "USAGOV", "USAMIL", "CONSULT", 1, 2.5, "asserted"),
    ("2025-03-03", "RUSGOV", "SYRGOV", "AID", 2, 10.0, "asserted"),
    ("2025-03-04", "RUS", "SYR", "SUPPORT", 1, 5.0, "asserted"),
    ("2025-03-04", "RUS", "SYR", "SUPPORT", 1, 5.0, "negated"),
    ("2025-03-05", "RUSMIL", "REB", "ASSAULT", 4, -9.0, "asserted"),
    ("2025-03-05", "GOV", "REB", "ASSAULT", 4, -9.0, "asserted"),
    ("2025-03-06", "GOV", "CVL", "COERCE", 4, -7.0, "asserted"),
    ("2025-03-06", "RUSGOV", None, "REJECT", 3, -4.0, "asserted"),
    *[("2025-03-07", "USAGOV", "USAMIL", "CONSULT", 1, 2.5, "asserted")] * 5,
]
# Where some hand-made events happened (by their index in HAND_EVENTS): a city abroad, a
# US city (ICEWS Province from its state), a division, a country.
HAND_LOCATIONS: dict[int, Location] = {
    0: Location("Pyongyang", "city", "clause", 1871859, "PPL", "PRK", "12", 39.03, 125.75,
                "Pyongyang", 0, 9),
    3: Location("Austin", "city", "dateline", 4671654, "PPL", "USA", "TX", 30.27, -97.74,
                "AUSTIN", 0, 6),
    4: Location("Texas", "division", "sentence", 4736286, "ADM1", "USA", "TX", 31.25, -99.25,
                "Texas", 0, 5),
    9: Location("Ukraine", "country", "document", 690791, "PCLI", "UKR", None, 49.0, 32.0,
                "Ukraine", 0, 7),
}  # fmt: skip
FILLER = 12  # documents without events published in the current week
COUNTRYLESS = frozenset({"GOV", "REB", "CVL", "MIL"})


def _actor(code: str, text: str, start: int) -> Actor:
    if code in COUNTRYLESS:
        return Actor(text, start, start + len(text), None, code, None, code)
    country, sector = code[:3], code[3:] or None
    return Actor(text, start, start + len(text), country, sector, code.title(), code)


def hand_documents(events: list[tuple] = HAND_EVENTS, prefix: str = "hand") -> list[CodedDocument]:
    """One small document per hand-made event, so each has a sentence and offsets."""
    out = []
    for i, (date, src, tgt, kind, quad, intensity, modality) in enumerate(events):
        text = f"{src} did {kind.lower()} to {tgt or 'nobody'} on {date}."
        doc_id = f"{prefix}-{i:02d}"
        trigger_start = text.index(kind.lower())
        trigger = Span(kind.lower(), trigger_start, trigger_start + len(kind))
        event = Event(
            event_id=stable_hash(doc_id, "event"), doc_id=doc_id, sentence_id=0,
            sentence=text, trigger=trigger, type=kind, mode=None, cameo=None,
            quad_class=quad, intensity=intensity, goldstein=None, modality=modality,
            attributed_to=None, source=_actor(src, src, 0),
            target=_actor(tgt, tgt, text.index(tgt)) if tgt else None, date=date,
            date_precision="day",
            mention_id=stable_hash(doc_id, "mention"), confidence=0.8, rule="hand",
            evidence=[Evidence(0, trigger.text, trigger.start, trigger.end)],
            location=HAND_LOCATIONS.get(i) if prefix == "hand" else None,
        )  # fmt: skip
        document = Document(
            doc_id=doc_id, text=text, published=date, source="Hand Wire",
            url=f"https://hand.example/{doc_id}", language="en",
        )  # fmt: skip
        out.append(CodedDocument(document, [Sentence(0, 0, len(text), text)], [], [event], []))
    return out


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """The bundled examples, coded by the real pipeline into a store."""
    db = tmp_path_factory.mktemp("analysis") / "examples.duckdb"
    code_paths([str(EXAMPLES)], load_options(), db=str(db))
    return db


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory) -> Path:
    """Hand-made events with known counts (no spaCy)."""
    db = tmp_path_factory.mktemp("analysis") / "hand.duckdb"
    with Store(db) as store:
        store.write(hand_documents())
    return db


@pytest.fixture(scope="session")
def aggregate_db(tmp_path_factory) -> Path:
    """AGGREGATE_EVENTS and FILLER documents (no spaCy)."""
    db = tmp_path_factory.mktemp("analysis") / "aggregate.duckdb"
    calm = "Markets were calm."
    sentences = [Sentence(0, 0, len(calm), calm)]
    filler = [
        CodedDocument(Document(f"filler-{i:02d}", calm, published="2025-03-05"), sentences)
        for i in range(FILLER)
    ]
    with Store(db) as store:
        store.write(hand_documents(AGGREGATE_EVENTS, "agg") + filler)
    return db


CURRENT_WEEK = dt.date(2025, 3, 3)
