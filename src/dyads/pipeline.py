"""The coding pipeline: Document -> sentences -> actor mentions -> events.

``code_documents`` is pure and picklable at its boundary: plain dataclasses in,
plain dataclasses out; spaCy Docs never leave it, so the same function runs in
local worker processes or on Dask workers. Components are created from the
registry by the names in the Options object, once per process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from . import registry
from .config import Options, load_options
from .events.merge import merge_document_events
from .model import CodedDocument, Document, Event, Rejection, Sentence, Span
from .nlp.pieces import join_pieces, piece_document, split_pieces

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


@registry.register("dyads.magnitudes.v1")
def _magnitudes(options: Options) -> Any:
    from .events.magnitudes import MagnitudeReader

    return MagnitudeReader.from_options(options)


@lru_cache(maxsize=4)
def _magnitude_reader(options: Options) -> Any:
    return registry.create(options.magnitude_reader, options)


@registry.register("dyads.event_locator.v1")
def _event_locator(options: Options) -> Any:
    from .places.locate import EventLocator

    return EventLocator.from_options(options)


@lru_cache(maxsize=4)
def _locator(options: Options) -> Any:
    return registry.create(options.event_locator, options)


@registry.register("dyads.sentence_filter.v1")
def _sentence_filter(options: Options) -> Any:
    from .nlp.skip import SentenceFilter

    return SentenceFilter(*_components(options))


@lru_cache(maxsize=4)
def _filter(options: Options) -> Any:
    return registry.create(options.sentence_filter, options)


def _parse(options: Options) -> Callable[[Iterable[Any]], Iterator[Doc]]:
    """The statistical pipeline over texts or pre-tokenized Docs, in batches."""
    nlp = _components(options)[0]
    return lambda inputs: nlp.pipe(inputs, batch_size=options.batch_size)


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
    text = sentence.text
    letters = sum(map(str.isalpha, text))  # counted in C: this runs on every sentence
    if letters >= 20 and sum(map(str.isupper, text)) / letters > _MIN_CAPS_SHARE:
        reason = "sentence in capitals (parser unreliable)"
        return Rejection("R003", reason, sentence_id=sentence.sentence_id)
    if len(text) >= 40 and letters / len(text) < _MIN_LETTER_SHARE:
        reason = "table or list of figures, not prose"
        return Rejection("R006", reason, sentence_id=sentence.sentence_id)
    return None


def _with_skipped(
    parsed: list[Sentence], skipped: list[Sentence], document: Document
) -> list[Sentence]:
    """Parsed and skipped sentences in text order, numbered from 0 (the objects are renumbered
    in place, so the parsed list stays paired with its spaCy spans)."""
    every = sorted([*parsed, *skipped], key=lambda s: s.start)
    for i, sentence in enumerate(every):
        sentence.sentence_id = i
        sentence.paragraph = _paragraph_of(sentence.start, document.paragraphs)
    return every


def _code_one(
    document: Document,
    doc: Doc,
    options: Options,
    skipped: Sequence[Sentence] = (),
    coded_at: set[int] | None = None,
    unread: Sequence[tuple[int, int]] = (),
    find_actors: bool = True,
) -> CodedDocument:
    """Code one parsed Doc. ``skipped``: sentences left out of the Doc (parse skipping);
    its character offsets are the document's either way. ``coded_at`` collects the
    first token of every sentence where the coder found a candidate event, or called
    it sports; candidates then make no events (that coding only chooses what entity
    recognition reads, and a sentence with one is coded again after it). ``unread``:
    character spans entity recognition did not read, which give no mentions;
    ``find_actors=False``: find no mentions (no sentence here can code)."""
    _, resolver, coder = _components(options)
    from .events.roles import MentionIndex
    from .nlp.skip import skip_rejection

    sentences, spans = split_sentences(doc, document)
    rejections: list[Rejection] = []
    every = sentences
    if skipped:
        every = _with_skipped(sentences, list(skipped), document)
        for sentence in skipped:  # a table row or a shout keeps its own, sharper reason
            rejection = _skip_reason(sentence, options) or skip_rejection(sentence)
            rejection.doc_id = document.doc_id
            rejections.append(rejection)
    mentions = (
        resolver.find_mentions(
            doc,
            every,
            document.doc_id,
            document.published,
            unread,
            outlet=document.source or document.site,
        )
        if find_actors
        else []
    )
    for mention in mentions:  # offsets are shared; the text shown is the original's
        mention.actor.text = document.text[mention.actor.start : mention.actor.end]
    index = MentionIndex(mentions)
    named = (
        [] if coded_at is None else [(m.actor.start, m.actor.end) for m in mentions if m.actor.code]
    )
    events: list[Event] = []
    coder.begin_document()
    for sentence, sent in zip(sentences, spans, strict=True):
        skipped = _skip_reason(sentence, options)
        if skipped is not None:
            skipped.doc_id = document.doc_id
            rejections.append(skipped)
            continue
        candidates, rejected = coder.code_sentence(
            sent, sentence, index, document.published, first_only=coded_at is not None
        )
        if coded_at is not None and _entities_could_matter(
            candidates, rejected, sent, named, options
        ):
            coded_at.add(sent.start)
        for rejection in rejected:
            rejection.doc_id = document.doc_id
        rejections.extend(rejected)
        if coded_at is not None:
            continue  # coding to choose: with a candidate, entities are read and it is redone
        for cand in candidates:
            coded = coder.to_events(cand, sentence, document.doc_id, document.published, index)
            if not coded:  # no side named by state or name, or no one in a feared attack
                reason = f"trigger '{cand.trigger.text}' has no actor named by state or name"
                rejections.append(Rejection("R001", reason, document.doc_id, sentence.sentence_id))
            events.extend(coded)
    events = merge_document_events(events)
    events = [e for e in events if e.confidence >= options.min_confidence]
    if events:
        _magnitude_reader(options).annotate(doc, events)
        if options.locate_events:
            _locator(options).annotate(doc, document.text, events, mentions)
    if not events:
        rejections.append(Rejection("R000", "no events in document", document.doc_id))
    return CodedDocument(document, every, mentions, events, rejections)


def _entities_could_matter(
    candidates: Sequence[Any],
    rejected: Sequence[Rejection],
    sent: Any,
    named: Sequence[tuple[int, int]],
    options: Options,
) -> bool:
    """Coded without entities, could this sentence code differently with them? Yes if
    it gave a candidate; if it was called sports (entity labels decide that); or if a
    trigger found no actors and the sentence holds a dictionary name the parser split
    and no resolved mention covers: only an entity makes it one name ("the Movement for
    the Actualization of the Sovereign State of Biafra"). Titled people and their
    surnames, which need entity labels too, are chosen by ``SentenceFilter.entity_doc``.
    ``named``: character spans of resolved mentions."""
    if candidates or any(r.code in ("R005", "R008") for r in rejected):
        return True  # R008: a source found, and an entity may name the missing target
    if not any(r.code == "R001" for r in rejected):
        return False
    return _filter(options).split_name(sent, named)


def _entity_stage(options: Options) -> bool:
    nlp = _components(options)[0]
    return (
        options.skip_unlikely_sentences
        and options.entities_where_codable
        and ("ner" in nlp.pipe_names)
    )


def _copy_entities(doc: Doc, read: Doc) -> None:
    """Entities found in ``read`` (a condensed copy, same character offsets) onto ``doc``."""
    if read is doc:
        return
    spans = [doc.char_span(e.start_char, e.end_char, label=e.label) for e in read.ents]
    doc.set_ents([span for span in spans if span is not None], default="outside")


def _first_pass(
    document: Document, doc: Doc, options: Options, skipped: Sequence[Sentence]
) -> tuple[CodedDocument | None, Any]:
    """Code a Doc parsed without entities, and choose what entity recognition reads:
    (the coding, None) when nothing needs entities, so the coding stands (it has no
    events, and its mentions, found without entity labels, are dropped: mentions are
    kept only where entities were read); else (the coding or None, the ``Condensed``
    Doc to run entity recognition on). Sentences whose entity labels
    decide by themselves (``SentenceFilter._facts``) are not coded here."""
    coded_at: set[int] = set()
    filt = _filter(options)
    unread = filt.unread(doc)
    if unread is None:  # nothing undecided: entity labels alone choose
        read = filt.entity_doc(doc, coded_at)
        if read is not None:
            return None, read
        return _code_one(document, doc, options, skipped, coded_at, find_actors=False), None
    first = _code_one(document, doc, options, skipped, coded_at, unread=unread)
    read = filt.entity_doc(doc, coded_at)
    if read is None:
        first.mentions.clear()
    return first, read


def _coded_stream(
    documents: Sequence[Document],
    texts: Iterable[str],
    options: Options,
    tokens: list[int] | None = None,
) -> Iterator[CodedDocument]:
    """Parse skipping, streamed: condense, parse, then (``entities_where_codable``)
    code without entities, run entity recognition only where that found candidates or
    a name only entities resolve, and code those documents again. ``tokens``, when
    given, gets each document's Doc length, in order."""
    from .nlp.skip import skipped_sentences

    nlp = _components(options)[0]
    filt = _filter(options)
    pending: deque[Any] = deque()  # condensed ahead of the parser: about one batch

    def feed() -> Iterator[Doc]:
        for condensed in filt.condense_all(texts, options.batch_size):
            pending.append(condensed)
            yield condensed.doc

    apart = _entity_stage(options)
    parsed = nlp.pipe(feed(), batch_size=options.batch_size, disable=["ner"] if apart else [])
    if not apart:
        for document, doc in zip(documents, parsed, strict=True):
            if tokens is not None:
                tokens.append(len(doc))
            skipped = skipped_sentences(pending.popleft().skipped, document.text)
            yield _code_one(document, doc, options, skipped)
        return
    waiting: deque[tuple[Any, ...]] = deque()

    def entity_inputs() -> Iterator[Doc]:
        for document, doc in zip(documents, parsed, strict=True):
            if tokens is not None:
                tokens.append(len(doc))
            skipped = skipped_sentences(pending.popleft().skipped, document.text)
            first, read = _first_pass(document, doc, options, skipped)
            if read is None:
                waiting.append((first,))
                yield Doc(nlp.vocab, words=[])  # keeps NER batches aligned; costs nothing
            else:
                waiting.append((document, doc, skipped, read))
                yield read.doc

    for _ in nlp.get_pipe("ner").pipe(entity_inputs(), batch_size=options.batch_size):
        item = waiting.popleft()
        if len(item) == 1:
            yield item[0]
            continue
        document, doc, skipped, read = item
        _copy_entities(doc, read.doc)
        yield _code_one(document, doc, options, skipped, unread=read.skipped)


def code_documents(
    documents: Sequence[Document], options: Options | None = None
) -> list[CodedDocument]:
    """Code a batch of documents. Pure: same input, same output, in any process.

    A document longer than ``piece_chars`` is coded in pieces (``split_pieces``), so
    time and memory grow linearly with its length; see ``join_pieces`` for what a
    piece does not see of the rest of its document.
    """
    options = options or load_options()
    cuts = [split_pieces(d.text, options.piece_chars) for d in documents]
    if all(len(spans) == 1 for spans in cuts):
        return _code_whole(documents, options)
    inputs = [
        document if len(spans) == 1 else piece_document(document, start, end)
        for document, spans in zip(documents, cuts, strict=True)
        for start, end in spans
    ]
    tokens: list[int] = []
    coded = iter(_code_whole(inputs, options, tokens))
    sizes = iter(tokens)
    out: list[CodedDocument] = []
    for document, spans in zip(documents, cuts, strict=True):
        parts = [(start, next(coded), next(sizes)) for start, _ in spans]
        out.append(parts[0][1] if len(parts) == 1 else join_pieces(document, parts, options))
    return out


def _code_whole(
    documents: Sequence[Document], options: Options, tokens: list[int] | None = None
) -> list[CodedDocument]:
    """Code each document as one spaCy Doc; ``tokens`` gets each Doc's length."""
    from .ingest import normalize_for_nlp

    texts = (normalize_for_nlp(d.text) for d in documents)
    if not options.skip_unlikely_sentences:
        out = []
        for document, doc in zip(documents, _parse(options)(texts), strict=True):
            if tokens is not None:
                tokens.append(len(doc))
            out.append(_code_one(document, doc, options))
        return out
    return list(_coded_stream(documents, texts, options, tokens))


def code_documents_timed(
    documents: Sequence[Document], options: Options | None = None
) -> tuple[list[CodedDocument], dict[str, float]]:
    """``code_documents`` one stage at a time, for benchmarks: seconds per stage.

    Stages: ``prepass`` (tokenize, split sentences, choose and condense; 0 without
    skipping), ``nlp`` (the statistical components on what is kept; without entity
    recognition when it runs apart), ``entity_select`` (coding without entities and
    choosing what entity recognition reads), ``entities`` (running it; both 0 when
    it runs with the rest) and ``coding`` (actor mentions and events; with entities
    apart, only the documents entity recognition read are coded again). Each stage
    is materialised, so memory is higher. With skipping, the dict also counts parsed
    and skipped tokens and sentences, and the tokens entity recognition read. Documents
    are coded whole, never in pieces: this times articles, not long documents.
    """
    from time import perf_counter

    from .ingest import normalize_for_nlp
    from .nlp.skip import Condensed, skipped_sentences

    options = options or load_options()
    nlp = _components(options)[0]
    texts = [normalize_for_nlp(d.text) for d in documents]
    seconds: dict[str, float] = dict.fromkeys(("entity_select", "entities"), 0.0)
    start = perf_counter()
    condensed: list[Condensed] | None = None
    if options.skip_unlikely_sentences:
        condensed = list(_filter(options).condense_all(texts, options.batch_size))
    seconds["prepass"] = perf_counter() - start
    start = perf_counter()
    inputs = texts if condensed is None else [c.doc for c in condensed]
    apart = _entity_stage(options)
    disable = ["ner"] if apart else []
    docs = list(nlp.pipe(inputs, batch_size=options.batch_size, disable=disable))
    seconds["nlp"] = perf_counter() - start
    entity_tokens = 0
    skipped = [
        skipped_sentences(condensed[i].skipped, document.text) if condensed else ()
        for i, document in enumerate(documents)
    ]
    if not apart:
        start = perf_counter()
        coded = [
            _code_one(document, doc, options, skipped[i])
            for i, (document, doc) in enumerate(zip(documents, docs, strict=True))
        ]
        seconds["coding"] = perf_counter() - start
    else:
        start = perf_counter()
        firsts = [
            _first_pass(document, doc, options, skipped[i])
            for i, (document, doc) in enumerate(zip(documents, docs, strict=True))
        ]
        seconds["entity_select"] = perf_counter() - start
        start = perf_counter()
        ner = nlp.get_pipe("ner")
        reads = [read.doc if read is not None else Doc(nlp.vocab, words=[]) for _, read in firsts]
        for doc, (_, read), done in zip(
            docs, firsts, ner.pipe(reads, batch_size=options.batch_size), strict=True
        ):
            if read is not None:
                _copy_entities(doc, done)
                entity_tokens += read.kept_tokens
        seconds["entities"] = perf_counter() - start
        start = perf_counter()
        coded = [
            first
            if read is None
            else _code_one(document, doc, options, skipped[i], unread=read.skipped)
            for i, (document, doc, (first, read)) in enumerate(
                zip(documents, docs, firsts, strict=True)
            )
        ]
        seconds["coding"] = perf_counter() - start
    if condensed is not None:  # what was parsed: counts, not seconds
        seconds["parsed_tokens"] = sum(c.kept_tokens for c in condensed)
        seconds["skipped_tokens"] = sum(c.skipped_tokens for c in condensed)
        seconds["parsed_sentences"] = sum(c.kept_sentences for c in condensed)
        seconds["skipped_sentences"] = sum(len(c.skipped) for c in condensed)
        seconds["entity_tokens"] = entity_tokens if apart else seconds["parsed_tokens"]
    return coded, seconds


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
