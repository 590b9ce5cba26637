"""Claim attribution on sentences we wrote, and (when present) PolNeAR dev."""

import json
import os
from pathlib import Path

import pytest

from dyads import attribution as public
from dyads.events.attribution import (
    Attribution,
    find_attributions,
    find_attributions_text,
    load_cues,
    quoted_tokens,
)
from dyads.ingest import normalize_for_nlp
from dyads.nlp import load_model

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DYADS_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "benchmarks" / "polnear" / "polnear_attributions.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def find(nlp):
    """(source text, cue text, content text) triples for one text."""

    def run(text: str) -> list[tuple[str | None, str, str | None]]:
        return [
            (a.source.text if a.source else None, a.cue.text, a.content.text if a.content else None)
            for a in find_attributions(nlp(normalize_for_nlp(text)))
        ]

    return run


def test_said_with_titled_subject(find):
    out = find("U.S. Secretary of State Antony Blinken said on Monday that Russia had lost.")
    assert out[0] == (
        "U.S. Secretary of State Antony Blinken",
        "said",
        "that Russia had lost",
    )


def test_quote_then_speaker(find):
    assert find('"We will not retreat," the minister said.') == [
        ("the minister", "said", "We will not retreat")
    ]


def test_inverted_speaker(find):
    source, cue, content = find('"The talks failed," said Foreign Minister Sergei Lavrov.')[0]
    assert (source, cue, content) == ("Foreign Minister Sergei Lavrov", "said", "The talks failed")


def test_tell_keeps_clause_as_content(find):
    source, cue, content = find("Officials told Reuters that the border was closed.")[0]
    assert (source, cue) == ("Officials", "told")
    assert content is not None and "the border was closed" in content


def test_according_to(find):
    assert find("According to the Health Ministry, 20 people died.") == [
        ("the Health Ministry", "According to", "20 people died")
    ]


def test_quoted_as_saying(find):
    assert find("The general was quoted as saying that the offensive had stalled.") == [
        ("The general", "was quoted as saying", "that the offensive had stalled")
    ]


def test_passive_without_agent_has_no_source(find):
    out = find("The president is expected to visit Kyiv next week.")
    assert [(s, c) for s, c, _ in out] == [(None, "is expected")]


def test_apposition_stays_in_source(find):
    out = find("Jane Doe, a spokeswoman for the ministry, said the talks would resume.")
    source, cue, _ = out[0]
    assert source == "Jane Doe, a spokeswoman for the ministry,"
    assert cue == "said"


def test_auxiliaries_join_the_cue(find):
    assert find("The senator has repeatedly denied the report.")[0][:2] == (
        "The senator",
        "has repeatedly denied",
    )


def test_participle_inherits_speaker(find):
    out = find("Smith spoke to reporters on Friday, adding that the vote was close.")
    assert ("Smith", "adding", "that the vote was close") in out


def test_possessive_claim_noun(find):
    assert ("Moscow", "criticism", "of the sanctions") in find(
        "Moscow's criticism of the sanctions was swift."
    )


def test_report_as_source(find):
    assert find("The report said the ceasefire had collapsed.")[0][:2] == ("The report", "said")


def test_statement_saying(find):
    assert find("The ministry issued a statement saying the talks had failed.") == [
        ("a statement", "saying", "the talks had failed")
    ]


def test_phrasal_cue(find):
    assert find("The mayor pointed out that crime had fallen.")[0][:2] == (
        "The mayor",
        "pointed out",
    )


def test_cues_inside_a_quote_are_content(find):
    out = find('"I said no to them," the mayor recalled.')
    assert [(s, c) for s, c, _ in out] == [("the mayor", "recalled")]


@pytest.mark.parametrize(
    "text",
    [
        "The river runs through the city.",
        "Prices rose by three percent in March.",
        "The senator talked to reporters outside the building.",
        "They think about lunch every day.",
    ],
)
def test_no_attribution(find, text):
    assert find(text) == []


def test_offsets_index_the_original_text():
    text = "\u201cWe won\u2019t go,\u201d the envoy said."
    att = find_attributions_text(text)[0]
    assert text[att.cue.start : att.cue.end] == att.cue.text == "said"
    assert att.source is not None and text[att.source.start : att.source.end] == "the envoy"
    assert att.content is not None and att.content.text == "We won\u2019t go"


def test_public_function_takes_text_or_doc(nlp):
    text = "Officials said the bridge was destroyed."
    from_text = public.find_attributions(text)
    from_doc = public.find_attributions(nlp(text))
    assert from_text == from_doc
    source, cue, content = from_text[0]  # unpacks as the eval harness expects
    assert isinstance(from_text[0], Attribution)
    assert (source.text, cue.text) == ("Officials", "said")
    assert content.text == "the bridge was destroyed"


def test_quoted_tokens_close_at_paragraph_end(nlp):
    doc = nlp('He said "we will win.\n\nThen he left.')
    inside = {doc[i].text for i in quoted_tokens(doc)}
    assert "win" in inside and "left" not in inside


def test_lexicon_is_data():
    cues = load_cues()
    assert "say" in cues.verbs and ("according", "to") in cues.prepositions
    assert "think" not in cues.verbs  # "I think" is rarely a PolNeAR cue: measured, left out


def test_polnear_dev_sample(nlp):
    """A floor on overlap F1 over the first dev articles (full figures: dyads eval attribution)."""
    if not POLNEAR.is_file():
        pytest.skip(f"PolNeAR not found at {POLNEAR} (set DYADS_SHARED)")
    from dyads.eval.attribution import parse
    from dyads.eval.spans import score_documents

    docs = []
    with POLNEAR.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["compartment"] == "dev":
                docs.append(parse(rec))
            if len(docs) == 8:
                break
    pairs = []
    for gold in docs:
        found = find_attributions(nlp(normalize_for_nlp(gold.text)))
        pairs.append((gold.sources, [[(a.source.start, a.source.end)] for a in found if a.source]))
    assert score_documents(pairs)["overlap_f1"] > 0.55
