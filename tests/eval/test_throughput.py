import pytest

from dyads.eval.throughput import rates, words


def test_rates_and_ratio():
    f = rates(1000, dyads_s=2.0, spacy_s=1.0)
    assert f["dyads_words_per_s"] == 500 and f["spacy_words_per_s"] == 1000
    assert f["ratio"] == pytest.approx(0.5)  # < 1: dyads slower than plain spaCy


def test_words_counts_whitespace_tokens():
    assert words(["a b  c", "", "d\ne"]) == 5


def test_zero_time_gives_no_rate():
    assert rates(10, 0.0, 0.0)["ratio"] is None


def _coded(events):
    from dyads.model import Actor, CodedDocument, Document, Event, Sentence, Span

    document = Document(doc_id="d", text="One. Two.")
    sentences = [Sentence(0, 0, 4, "One."), Sentence(1, 5, 9, "Two.")]
    out = []
    for start, type_ in events:
        out.append(
            Event(
                event_id=f"{start}{type_}",
                doc_id="d",
                sentence_id=0,
                sentence="One.",
                trigger=Span("One", start, start + 3),
                type=type_,
                mode=None,
                cameo=None,
                quad_class=4,
                intensity=-5.0,
                goldstein=None,
                modality="asserted",
                attributed_to=None,
                source=Actor("One", 0, 3, "RUS", None, None, "RUS"),
                target=None,
                date=None,
                date_precision=None,
                mention_id="m",
                confidence=0.8,
                rule="pattern:x",
            )
        )
    return [CodedDocument(document, sentences, [], out, [])]


def test_compare_events_counts_lost_and_gained():
    from dyads.eval.throughput import compare_events

    full = _coded([(0, "ASSAULT"), (5, "PROTEST")])
    skipping = _coded([(0, "ASSAULT"), (5, "ACCUSE")])
    figures = compare_events(full, skipping)
    assert figures["events_without_skipping"] == 2 and figures["events"] == 2
    assert figures["events_lost_by_skipping"] == 1 and figures["events_gained_by_skipping"] == 1


def test_parsed_shares_from_stage_counts():
    from dyads.eval.throughput import parsed_shares

    shares = parsed_shares(
        {
            "parsed_tokens": 30,
            "skipped_tokens": 10,
            "parsed_sentences": 1,
            "skipped_sentences": 1,
            "entity_tokens": 20,
        }
    )
    assert shares == {
        "parsed_token_share": 0.75,
        "parsed_sentence_share": 0.5,
        "entity_token_share": 0.5,
    }
    assert parsed_shares({"nlp": 1.0}) == {
        "parsed_token_share": None,
        "parsed_sentence_share": None,
        "entity_token_share": None,
    }
