"""Hand-made model objects for the store tests (no spaCy needed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyads.model import (
    Actor,
    ActorMention,
    CodedDocument,
    Document,
    Event,
    Rejection,
    Sentence,
    Span,
    stable_hash,
)

PARA_1 = "Norway's foreign minister met African Union envoys in Oslo on 3 March 2024."
PARA_2 = "Chad rejected the proposal the next day."
TEXT = PARA_1 + "\n\n" + PARA_2


def _actor(text: str, doc_text: str, country: str | None, sector: str | None) -> Actor:
    start = doc_text.index(text)
    return Actor(
        text=text,
        start=start,
        end=start + len(text),
        country=country,
        sector=sector,
        name=text.title(),
        code=Actor.make_code(country, sector),
    )


def make_coded_document(doc_id: str = "doc-1", n_events: int = 2) -> CodedDocument:
    """A small but complete coded document: two paragraphs, sentences, mentions, events."""
    text = TEXT
    p2 = text.index(PARA_2)
    document = Document(
        doc_id=doc_id,
        text=text,
        title="Talks in Oslo",
        byline="A. Writer",
        site="example.org",
        url=f"https://example.org/{doc_id}",
        path=f"/data/{doc_id}.html",
        published="2024-03-04",
        date_source="meta",
        source="Example News",
        credits=["Photo: Somebody"],
        paragraphs=[Span(text[: len(PARA_1)], 0, len(PARA_1)), Span(text[p2:], p2, len(text))],
        language="en",
        warnings=["W003"],
    )
    sentences = [
        Sentence(0, 0, len(PARA_1), text[: len(PARA_1)], 0),
        Sentence(1, p2, len(text), text[p2:], 1),
    ]
    norway = _actor("Norway's foreign minister", text, "NOR", "GOV")
    union = _actor("African Union envoys", text, "AU", "IGO")
    chad = _actor("Chad", text, "TCD", None)
    mentions = [
        ActorMention(doc_id, 0, norway, "GPE", "norway", None, "a-nor"),
        ActorMention(doc_id, 0, union, "ORG", "african union", None, "a-au"),
        ActorMention(doc_id, 1, chad, "GPE", "chad", None, "a-tcd"),
        ActorMention(doc_id, 1, Actor("the proposal", 0, 0), None, None, "not an actor"),
    ]
    met = text.index("met")
    rejected = text.index("rejected")
    events = []
    for i in range(n_events):
        if i % 2 == 0:
            events.append(
                Event(
                    event_id=stable_hash(doc_id, "e", i),
                    doc_id=doc_id,
                    sentence_id=0,
                    sentence=sentences[0].text,
                    trigger=Span("met", met, met + 3),
                    type="CONSULT",
                    mode="visit",
                    cameo="040",
                    quad_class=1,
                    intensity=1.0,
                    goldstein=1.0,
                    modality="asserted",
                    attributed_to=None,
                    source=norway,
                    target=union,
                    date="2024-03-03",
                    date_precision="day",
                    mention_id=stable_hash(doc_id, "m", i),
                    confidence=0.9,
                    rule="consult.meet",
                    mentions=1 + i,
                )
            )
        else:
            events.append(
                Event(
                    event_id=stable_hash(doc_id, "e", i),
                    doc_id=doc_id,
                    sentence_id=1,
                    sentence=sentences[1].text,
                    trigger=Span("rejected", rejected, rejected + 8),
                    type="REJECT",
                    mode=None,
                    cameo=None,
                    quad_class=3,
                    intensity=-4.5,
                    goldstein=None,
                    modality="negated",
                    attributed_to=chad,
                    source=chad,
                    target=None,
                    date=None,
                    date_precision=None,
                    mention_id=stable_hash(doc_id, "m", i),
                    confidence=0.55,
                    rule="reject.verb",
                )
            )
    rejections = [Rejection("R101", "no actor in sentence", doc_id, 1, None)]
    return CodedDocument(document, sentences, mentions, events, rejections)


@pytest.fixture
def make_coded() -> Callable[..., CodedDocument]:
    return make_coded_document


@pytest.fixture
def coded() -> CodedDocument:
    return make_coded_document()
