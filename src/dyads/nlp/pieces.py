"""Long documents in pieces: bounded Docs, records re-based onto the whole text.

Coding a document as one spaCy Doc costs memory in proportion to its length, and
some steps of the coder read the whole Doc once per sentence or per event, so a
multi-megabyte page (a transcript, a report, a scraped archive) took minutes and
gigabytes. ``split_pieces`` cuts such a text into pieces of at most ``piece_chars``
characters, at a blank line where it can, else at a sentence end or a space; each
piece is coded as a document of its own, and ``join_pieces`` moves every offset
and number back onto the whole document, so a record of a piece is a record of it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ..config import Options
from ..events.merge import merge_document_events
from ..model import Actor, CodedDocument, Document, Rejection, Sentence, Span

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")


def split_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) spans covering ``text`` in order, none longer than ``size``
    characters; one span for a short text or ``size`` 0. A piece ends after a
    blank line in its second half, else after the last sentence end there, else
    after the last space, else at ``size`` (a text without spaces)."""
    if size <= 0 or len(text) <= size:
        return [(0, len(text))]
    size = max(size, 2)
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, low: int, high: int) -> int:
    """Where a piece ending between ``low`` and ``high`` ends (after the spaces that
    follow the cut, so the next piece starts on a word)."""
    at = text.rfind("\n\n", low, high)
    if at < 0:
        last = None
        for last in _SENTENCE_END.finditer(text, low, high):  # noqa: B007
            pass
        if last is not None:
            return last.end()
        at = max(text.rfind(" ", low, high), text.rfind("\n", low, high))
        if at < 0:
            return high
    while at < high and text[at].isspace():
        at += 1
    return at


def piece_document(document: Document, start: int, end: int) -> Document:
    """The part ``start:end`` of a document, as a document of its own: offsets from 0,
    its paragraphs clipped, the same metadata (date, title, source). Pieces after
    the first get the id ``doc_id@start``, so the ids the coder derives from the
    document id and offsets stay unique across pieces."""
    paragraphs = []
    for para in document.paragraphs:
        a, b = max(para.start, start), min(para.end, end)
        if a < b:
            paragraphs.append(Span(document.text[a:b], a - start, b - start))
    return replace(
        document,
        doc_id=document.doc_id if start == 0 else f"{document.doc_id}@{start}",
        text=document.text[start:end],
        paragraphs=paragraphs,
        warnings=[],
    )


class _Rebase:
    """Moves one piece's records onto the whole document: characters by ``chars``,
    sentence numbers by ``sentences``, token indices by ``tokens``. Records share
    objects (one trigger Span for every dyad of a candidate, an Actor on a mention
    and an event), so each object is moved once."""

    def __init__(self, doc_id: str, chars: int, sentences: int, tokens: int) -> None:
        self.doc_id, self.chars, self.sentences, self.tokens = doc_id, chars, sentences, tokens
        self.moved: set[int] = set()

    def _first(self, record: object) -> bool:
        if id(record) in self.moved:
            return False
        self.moved.add(id(record))
        return True

    def span(self, span: Span | Actor | None) -> None:
        if span is not None and self._first(span):
            span.start += self.chars
            span.end += self.chars

    def coded(self, coded: CodedDocument) -> None:
        for sentence in coded.sentences:
            sentence.sentence_id += self.sentences
            sentence.start += self.chars
            sentence.end += self.chars
        for mention in coded.mentions:
            mention.doc_id = self.doc_id
            mention.sentence_id += self.sentences
            self.span(mention.actor)
            for name in ("token_start", "token_end", "head_token"):
                if getattr(mention, name) >= 0:
                    setattr(mention, name, getattr(mention, name) + self.tokens)
            if mention.antecedent_start is not None:
                mention.antecedent_start += self.chars
        for event in coded.events:
            event.doc_id = self.doc_id
            event.sentence_id += self.sentences
            for span in (event.trigger, event.source, event.target, event.attributed_to,
                         event.dead, event.injured, event.size, event.location):  # fmt: skip
                self.span(span)
            for evidence in event.evidence:
                if self._first(evidence):
                    evidence.sentence_id += self.sentences
                    evidence.start += self.chars
                    evidence.end += self.chars
        for rejection in coded.rejections:
            rejection.doc_id = self.doc_id
            if rejection.sentence_id is not None:
                rejection.sentence_id += self.sentences


def _paragraphs(sentences: list[Sentence], paragraphs: list[Span]) -> None:
    """Number each sentence's paragraph in the whole document (0 when in none)."""
    starts = [p.start for p in paragraphs]
    ordered = all(a.end <= b.start for a, b in pairwise(paragraphs))
    for sentence in sentences:
        at = sentence.start
        if ordered:  # extraction's paragraphs: in order, apart; found by bisection
            i = bisect.bisect_right(starts, at) - 1
            sentence.paragraph = i if i >= 0 and at < paragraphs[i].end else 0
        else:
            sentence.paragraph = next(
                (n for n, p in enumerate(paragraphs) if p.start <= at < p.end), 0
            )


def join_pieces(
    document: Document, parts: Sequence[tuple[int, CodedDocument, int]], options: Options
) -> CodedDocument:
    """One document's coding from its pieces' (start, coding, Doc length), in order.

    Offsets, sentence and paragraph numbers and token indices are the whole
    document's; events are merged across pieces as within one (``merge_document_events``).
    What a piece does not see of the others, so what is lost at a cut: a pronoun,
    surname or "the two leaders" whose antecedent is in an earlier piece stays
    unresolved; "the drills" cannot refer to an event coded in an earlier piece;
    the country a piece is about is that piece's, not the document's; a wire
    dateline is seen only by the first piece; a record missing one side joins a
    full dyad of another piece only if its own piece had none; and an event below
    ``min_confidence`` in one piece is dropped before a confident repeat in a later
    piece can lift it. The document date, title and source are every piece's.
    """
    sentences: list[Sentence] = []
    coded = CodedDocument(document)
    tokens = 0
    for start, part, length in parts:
        _Rebase(document.doc_id, start, len(sentences), tokens).coded(part)
        sentences.extend(part.sentences)
        coded.mentions.extend(part.mentions)
        coded.events.extend(part.events)
        coded.rejections.extend(r for r in part.rejections if r.code != "R000")
        tokens += length
    _paragraphs(sentences, document.paragraphs)
    coded.sentences = sentences
    events = merge_document_events(coded.events)
    coded.events = [e for e in events if e.confidence >= options.min_confidence]
    if not coded.events:
        coded.rejections.append(Rejection("R000", "no events in document", document.doc_id))
    return coded
