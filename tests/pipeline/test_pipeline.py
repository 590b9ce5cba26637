"""The pipeline boundary: pure, picklable, offsets into the clean text."""

import pickle

import dyads
from dyads.nlp import load_model
from dyads.pipeline import document_from_text, split_sentences


def test_code_documents_is_picklable_and_deterministic():
    docs = [document_from_text("Russia attacked Ukraine.\n\nFrance praised Germany.", "2024-01-02")]
    first = dyads.code_documents(docs)
    second = dyads.code_documents(pickle.loads(pickle.dumps(docs)))
    assert pickle.loads(pickle.dumps(first)) == first
    assert [e.event_id for e in first[0].events] == [e.event_id for e in second[0].events]


def test_sentences_never_cross_blank_lines():
    text = "Officials met in Paris\n\nThe talks ended without a deal."
    document = document_from_text(text)
    sentences, _ = split_sentences(load_model()(text), document)
    assert [s.text for s in sentences] == [
        "Officials met in Paris",
        "The talks ended without a deal.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_typographic_apostrophes_keep_offsets():
    text = "Putin\u2018s visit to Pyongyang angered Seoul."
    events = dyads.code_text(text, date="2024-06-19")
    visit = [e for e in events if e.type == "CONSULT"]
    assert visit and visit[0].source is not None
    assert text[visit[0].source.start : visit[0].source.end] == visit[0].source.text


def test_long_and_capitals_sentences_are_skipped_with_a_reason():
    shout = "RUSSIA ATTACKED UKRAINE AND POLAND CONDEMNED THE ATTACK IN THE STRONGEST TERMS."
    result = dyads.code_documents([document_from_text(shout)])[0]
    assert result.events == []
    assert "R003" in {r.code for r in result.rejections}


def test_event_needs_an_actor():
    result = dyads.code_documents([document_from_text("The attack was condemned.")])[0]
    assert result.events == []
    assert {r.code for r in result.rejections} & {"R001", "R000"}


def test_table_rows_are_skipped_with_a_reason():
    table = "| 2023 | 14.2 | 15.9 | 17.1 | 18.0 | 19.4 | 20.2 | 21.7 | 22.3 |"
    result = dyads.code_documents([document_from_text(table)])[0]
    assert "R006" in {r.code for r in result.rejections}
