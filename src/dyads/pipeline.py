"""The coding pipeline: Document -> sentences -> actor mentions -> events.

``code_documents`` is pure and picklable at its boundary: plain dataclasses in,
plain dataclasses out; spaCy Docs never leave it, so the same function runs in
local worker processes or on Dask workers. Components are created from the
registry by the names in the Options object, once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from . import registry
from .config import Options, load_options
from .events.merge import merge_document_events
from .model import CodedDocument, Document, Event, Rejection, Sentence, Span

_MIN_CAPS_SHARE = 0.8
_MIN_LETTER_SHARE = 0.4  # below this share of letters a "sentence" is a table row


@registry.register("dyads.actor_resolver.v1")
def _actor_resolver(options: Options) -> Any:
    from .actors.resolver import ActorResolver

    return ActorResolver.from_options(options)


@registry.register("dyads.event_coder.v1")
def _event_coder(options: Options) -> Any:
    from .events.coder import EventCoder

    return EventCoder(options)


@lru_cache(maxsize=4)
def _components(options: Options) -> tuple[Any, Any, Any]:
    from .nlp import load_model

    return (
        load_model(options),
        registry.create(options.actor_resolver, options),
        registry.create(options.event_coder, options),
    )


def _paragraph_of(start: int, paragraphs: list[Span]) -> int:
    for i, para in enumerate(paragraphs):
        if para.start <= start < para.end:
            return i
    return 0


def split_sentences(doc: Doc, document: Document) -> tuple[list[Sentence], list[Any]]:
    """Sentences with whitespace trimmed, numbered from 0, plus their spaCy spans."""
    sentences: list[Sentence] = []
    spans: list[Any] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        sentences.append(
            Sentence(
                sentence_id=len(sentences),
                start=start,
                end=end,
                text=document.text[start:end],
                paragraph=_paragraph_of(start, document.paragraphs),
            )
        )
        spans.append(sent)
    return sentences, spans


def _skip_reason(sentence: Sentence, options: Options) -> Rejection | None:
    if len(sentence.text) > options.max_sentence_chars:
        return Rejection(
            "R002",
            f"sentence longer than {options.max_sentence_chars} characters (table or run-on)",
            sentence_id=sentence.sentence_id,
        )
    letters = [c for c in sentence.text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > _MIN_CAPS_SHARE:
        return Rejection("R003", "sentence in capitals (parser unreliable)", sentence.sentence_id)
    if len(sentence.text) >= 40 and len(letters) / len(sentence.text) < _MIN_LETTER_SHARE:
        return Rejection("R006", "table or list of figures, not prose", sentence.sentence_id)
    return None


def _code_one(document: Document, doc: Doc, options: Options) -> CodedDocument:
    _, resolver, coder = _components(options)
    from .events.roles import MentionIndex

    sentences, spans = split_sentences(doc, document)
    mentions = resolver.find_mentions(doc, sentences, document.doc_id, document.published)
    for mention in mentions:  # offsets are shared; the text shown is the original's
        mention.actor.text = document.text[mention.actor.start : mention.actor.end]
    index = MentionIndex(mentions)
    events: list[Event] = []
    rejections: list[Rejection] = []
    for sentence, sent in zip(sentences, spans, strict=True):
        skipped = _skip_reason(sentence, options)
        if skipped is not None:
            skipped.doc_id = document.doc_id
            rejections.append(skipped)
            continue
        candidates, rejected = coder.code_sentence(sent, sentence, index, document.published)
        for rejection in rejected:
            rejection.doc_id = document.doc_id
        rejections.extend(rejected)
        for cand in candidates:
            events.extend(
                coder.to_events(cand, sentence, document.doc_id, document.published, index)
            )
    events = merge_document_events(events)
    events = [e for e in events if e.confidence >= options.min_confidence]
    if not events:
        rejections.append(Rejection("R000", "no events in document", document.doc_id))
    return CodedDocument(document, sentences, mentions, events, rejections)


def code_documents(
    documents: Sequence[Document], options: Options | None = None
) -> list[CodedDocument]:
    """Code a batch of documents. Pure: same input, same output, in any process."""
    from .ingest import normalize_for_nlp

    options = options or load_options()
    nlp, _, _ = _components(options)
    texts = (normalize_for_nlp(d.text) for d in documents)
    docs = nlp.pipe(texts, batch_size=options.batch_size)
    return [
        _code_one(document, doc, options) for document, doc in zip(documents, docs, strict=True)
    ]


def iter_coded(
    documents: Iterable[Document], options: Options | None = None, batch: int = 32
) -> Iterable[CodedDocument]:
    """Stream documents through ``code_documents`` in batches."""
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) >= batch:
            yield from code_documents(pending, options)
            pending = []
    if pending:
        yield from code_documents(pending, options)


def document_from_text(text: str, date: str | None = None, doc_id: str | None = None) -> Document:
    """A Document for already-clean text: paragraphs are split at blank lines."""
    paragraphs: list[Span] = []
    pos = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = text.index(stripped, pos)
            paragraphs.append(Span(stripped, start, start + len(stripped)))
            pos = start + len(stripped)
    return Document(
        doc_id=doc_id or Document.content_id(text),
        text=text,
        published=date,
        date_source="input" if date else None,
        paragraphs=paragraphs,
    )


def code_text(text: str, date: str | None = None, options: Options | None = None) -> list[Event]:
    """Events in one piece of clean text: ``dyads.code_text("Russia attacked Ukraine.")``."""
    return code_documents([document_from_text(text, date)], options)[0].events
