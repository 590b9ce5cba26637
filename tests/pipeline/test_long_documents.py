"""Long documents are coded in bounded pieces, and every offset is the whole text's."""

from __future__ import annotations

from itertools import pairwise

import pytest

import dyads
from dyads import pipeline
from dyads.config import load_options
from dyads.nlp.pieces import split_pieces
from dyads.pipeline import document_from_text

PARAGRAPHS = (
    "Ukraine on Wednesday accused Iran of supplying Russia with attack drones, saying "
    "wreckage recovered after overnight strikes carried Iranian components.",
    "Iran's foreign ministry rejected the accusation. A spokesman said the claim was "
    '"baseless" and that Iran had not sent any weapons to either side.',
    "Fuel prices rose for the {n}th week, and shops along the main avenue stayed open late.",
    "China condemned the joint drills as a provocation and warned that it would defend its "
    "sovereignty. The Philippines said the exercise would go ahead.",
    "The president of France met the German chancellor in Berlin on Monday, and the two "
    "leaders signed an agreement on energy cooperation.",
    "He said the talks had been useful. Protesters gathered outside the Russian embassy in "
    "Warsaw, and police arrested {n} people.",
)
PIECE = 3000


def long_text(paragraphs: int) -> str:
    """Our paragraphs in turn; numbers vary, so no two stretches of the text are alike."""
    chosen = (PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(paragraphs))
    return "\n\n".join(p.replace("{n}", str(10 + i)) for i, p in enumerate(chosen)) + "\n"


@pytest.fixture(scope="module")
def options():
    return load_options(piece_chars=PIECE)


@pytest.fixture(scope="module")
def coded(options):
    """A document of about 5.5 pieces, and the length of every text the model was given."""
    document = document_from_text(long_text(120), date="2025-03-12", doc_id="long")
    seen: list[int] = []
    whole = pipeline._code_whole

    def spy(documents, options, tokens=None):
        seen.extend(len(d.text) for d in documents)
        return whole(documents, options, tokens)

    pipeline._code_whole = spy
    try:
        result = dyads.code_documents([document], options)[0]
    finally:
        pipeline._code_whole = whole
    return document, result, seen


def test_split_pieces_are_bounded_and_cover_the_text():
    text = long_text(200)
    spans = split_pieces(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(0 < end - start <= 1000 for start, end in spans)
    assert all(text[start - 2 : start] == "\n\n" for start, _ in spans[1:])  # at blank lines


def test_split_pieces_falls_back_to_sentences_then_spaces_then_anywhere():
    one_paragraph = " ".join(["Russia attacked Ukraine."] * 100)
    spans = split_pieces(one_paragraph, 500)
    assert all(one_paragraph[start - 2 : start] == ". " for start, _ in spans[1:])
    words = " ".join(["word"] * 500)
    assert all(words[start - 1] == " " for start, _ in split_pieces(words, 300)[1:])
    blob = "x" * 2500
    assert split_pieces(blob, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]
    assert split_pieces(blob, 0) == [(0, 2500)]
    assert split_pieces("short", 1000) == [(0, 5)]


def test_a_long_document_is_coded_in_bounded_pieces(coded):
    document, _, seen = coded
    assert len(seen) >= 5
    assert max(seen) <= PIECE
    assert sum(seen) == len(document.text)


def test_offsets_point_into_the_whole_text(coded):
    document, result, _ = coded
    text = document.text
    assert result.document is document
    assert [s.sentence_id for s in result.sentences] == list(range(len(result.sentences)))
    assert [s.start for s in result.sentences] == sorted(s.start for s in result.sentences)
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        para = document.paragraphs[sentence.paragraph]
        assert para.start <= sentence.start < para.end
    for mention in result.mentions:
        actor = mention.actor
        assert text[actor.start : actor.end] == actor.text
        assert mention.doc_id == "long"
        sentence = result.sentences[mention.sentence_id]
        assert sentence.start <= actor.start < sentence.end
    assert result.events
    late = max(ev.start for e in result.events for ev in e.evidence)
    assert late > 4 * PIECE  # mentions from the last pieces, merged into the first's records
    for event in result.events:
        assert event.doc_id == "long"
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert result.sentences[event.sentence_id].text == event.sentence
        for actor in (event.source, event.target, event.attributed_to):
            if actor is not None:
                assert text[actor.start : actor.end] == actor.text
        for evidence in event.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
            sentence = result.sentences[evidence.sentence_id]
            assert sentence.start <= evidence.start < sentence.end
    assert len({e.event_id for e in result.events}) == len(result.events)
    for rejection in result.rejections:
        assert rejection.doc_id == "long"
        assert rejection.sentence_id is None or rejection.sentence_id < len(result.sentences)


def test_repeats_across_pieces_merge_into_one_record(coded):
    _, result, _ = coded
    keys = [(e.type, e.mode, e.modality, e.source_code, e.target_code) for e in result.events]
    assert len(keys) == len(set(keys))
    assert max(e.mentions for e in result.events) > 5  # one paragraph recurs in every piece


def test_documents_under_the_piece_size_are_coded_whole(options):
    text = long_text(6)
    assert len(text) < PIECE
    document = document_from_text(text, date="2025-03-12")
    cut = dyads.code_documents([document], options)[0]
    whole = dyads.code_documents([document], options.with_(piece_chars=0))[0]
    assert cut == whole
