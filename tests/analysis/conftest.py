"""Stores for the analysis tests: our examples coded for real, and hand-made events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyads.config import load_options
from dyads.model import Actor, CodedDocument, Document, Event, Evidence, Sentence, Span, stable_hash
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


def _actor(code: str, text: str, start: int) -> Actor:
    country, sector = code[:3], code[3:] or None
    return Actor(text, start, start + len(text), country, sector, code.title(), code)


def hand_documents() -> list[CodedDocument]:
    """One small document per hand-made event, so each has a sentence and offsets."""
    out = []
    for i, (date, src, tgt, kind, quad, intensity, modality) in enumerate(HAND_EVENTS):
        text = f"{src} did {kind.lower()} to {tgt} on {date}."
        doc_id = f"hand-{i:02d}"
        trigger_start = text.index(kind.lower())
        trigger = Span(kind.lower(), trigger_start, trigger_start + len(kind))
        event = Event(
            event_id=stable_hash(doc_id, "event"), doc_id=doc_id, sentence_id=0,
            sentence=text, trigger=trigger, type=kind, mode=None, cameo=None,
            quad_class=quad, intensity=intensity, goldstein=None, modality=modality,
            attributed_to=None, source=_actor(src, src, 0),
            target=_actor(tgt, tgt, text.index(tgt)), date=date, date_precision="day",
            mention_id=stable_hash(doc_id, "mention"), confidence=0.8, rule="hand",
            evidence=[Evidence(0, trigger.text, trigger.start, trigger.end)],
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


CURRENT_WEEK = dt.date(2025, 3, 3)
