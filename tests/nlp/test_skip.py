"""Parse skipping: what is skipped is counted, offsets stay exact, events stay the same."""

import pytest

from dyads.config import Options
from dyads.events.lemmas import verb_keys
from dyads.nlp import load_model
from dyads.pipeline import _components, _filter, code_documents, document_from_text

ON = Options()
OFF = Options(skip_unlikely_sentences=False)

# event sentences between sentences no pattern could code (weather, sport, prices)
MIXED = (
    "It rained all day in the capital and the streets were quiet. "
    "Russia attacked Ukraine on Monday. "
    "Prices of bread rose by two percent over the month. "
    "France condemned the attack. "
    "The weather is expected to improve by the weekend.\n\n"
    "Vladimir Putin arrived in Beijing on Tuesday. "
    "He accused NATO of provoking the war. "
    "Traffic was heavy on the main roads."
)


def _key(event):
    return (
        event.sentence_id,
        event.type,
        event.trigger.start,
        event.trigger.end,
        event.source.code if event.source else None,
        event.target.code if event.target else None,
        event.modality,
    )


def _code(text, options):
    return code_documents([document_from_text(text, "2024-06-19")], options)[0]


@pytest.fixture(scope="module")
def both():
    return _code(MIXED, OFF), _code(MIXED, ON)


def test_skipping_keeps_every_event(both):
    full, skipping = both
    assert full.events, "the fixture must hold events"
    assert sorted(map(_key, skipping.events)) == sorted(map(_key, full.events))


def test_skipped_sentences_are_counted_rejections(both):
    full, skipping = both
    skipped = [r for r in skipping.rejections if r.code == "R007"]
    assert len(skipped) >= 3  # rain, bread prices, weather, traffic
    by_id = {s.sentence_id: s for s in skipping.sentences}
    texts = {by_id[r.sentence_id].text for r in skipped}
    assert "Prices of bread rose by two percent over the month." in texts
    assert "Russia attacked Ukraine on Monday." not in texts
    assert not any(r.code == "R007" for r in full.rejections)


def test_sentences_and_offsets_are_those_of_the_original_text(both):
    full, skipping = both
    assert [(s.sentence_id, s.start, s.end, s.text, s.paragraph) for s in skipping.sentences] == [
        (s.sentence_id, s.start, s.end, s.text, s.paragraph) for s in full.sentences
    ]
    for event in skipping.events:
        assert MIXED[event.trigger.start : event.trigger.end] == event.trigger.text
        sentence = skipping.sentences[event.sentence_id]
        assert sentence.text == event.sentence
        for actor in (event.source, event.target):
            if actor is not None:
                assert MIXED[actor.start : actor.end] == actor.text
    for mention in skipping.mentions:
        assert MIXED[mention.actor.start : mention.actor.end] == mention.actor.text
        sentence = skipping.sentences[mention.sentence_id]
        assert sentence.start <= mention.actor.start < sentence.end


def test_coreference_context_is_parsed(both):
    _, skipping = both
    he = [e for e in skipping.events if e.source and e.source.text == "He"]
    assert he and he[0].source.country == "RUS"  # "He" is Putin, from the sentence before


def test_condensed_doc_has_the_original_length_and_offsets():
    nlp = load_model()
    doc = nlp.make_doc(MIXED)
    condensed = _filter(ON).condense(doc)
    assert condensed.skipped and len(condensed.doc.text) == len(MIXED)
    for token in condensed.doc:
        if not token.is_space:
            assert MIXED[token.idx : token.idx + len(token.text)] == token.text
    assert condensed.kept_tokens + condensed.skipped_tokens == len(doc)


def test_nothing_to_skip_parses_the_tokenized_doc():
    doc = load_model().make_doc("Russia attacked Ukraine. France condemned the attack.")
    condensed = _filter(ON).condense(doc)
    assert condensed.doc is doc and condensed.skipped == []


def test_required_object_is_needed_for_a_trigger():
    sentence_filter = _filter(ON)
    coder = _components(ON)[2]
    lemma, pattern = next(
        (k, ps[0])
        for k, ps in sorted(coder.patterns.by_verb.items())
        if len(ps) == 1 and ps[0].objects and not ps[0].particles and " " not in k
        and k not in coder.patterns.by_noun and k not in coder.patterns.noun_phrases
    )  # fmt: skip
    obj = sorted(o for o in pattern.objects if " " not in o)[0]
    assert not sentence_filter.has_trigger(["they", lemma, "the", "xyzzy"])
    assert sentence_filter.has_trigger(["they", lemma, "the", obj])


def test_lemma_forms_cover_the_pipeline_lemmas():
    """Every lemma (and coder key) the pipeline gives a verb or noun is among the filter's
    forms of its surface word: otherwise a trigger could be skipped unseen."""
    sentence_filter = _filter(ON)
    doc = load_model()(
        MIXED + " Protesters were staging rallies and the police arrested dozens of students. "
        "Officials went to Geneva, where talks began and both sides made concessions. "
        "The army has been shelling villages; rebels are fleeing and houses were burnt."
    )
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            forms = sentence_filter.forms(tok.lower_)
            assert tok.lemma_.lower() in forms, tok.text
            assert set(verb_keys(tok)) <= forms, tok.text


def test_setting_turns_skipping_off():
    result = _code("It rained all day. Russia attacked Ukraine.", OFF)
    assert not any(r.code == "R007" for r in result.rejections)


def test_titled_name_is_parsed_for_a_later_surname():
    text = (
        "Police Sergeant John Kosinski walked into the building on Monday. "
        "The rain stopped at noon. "
        "Kosinski arrested the protesters."
    )
    full, skipping = _code(text, OFF), _code(text, ON)
    assert sorted(map(_key, skipping.events)) == sorted(map(_key, full.events))
    skipped = {r.sentence_id for r in skipping.rejections if r.code == "R007"}
    assert 0 not in skipped and 1 in skipped  # the name is read; the rain is not


# ---------------------------------------------------------------- entity stage

NO_ENTITIES = Options(entities_where_codable=False)

# a parsed sentence with a trigger word but no pattern slots ("press ahead": excluded),
# between codable ones; the last sentence is codable only through "He"
ENTITY_MIXED = (
    "Northwind Holdings, which its founders will press ahead with, will be based near Chicago. "
    "Russia attacked Ukraine on Monday.\n\n"
    "Senator John Carver met reporters in Boston after the vote. "
    "He criticized Iran for the strike."
)


def test_entities_only_where_codable_keep_every_event():
    full = _code(ENTITY_MIXED, OFF)
    apart = _code(ENTITY_MIXED, ON)
    together = _code(ENTITY_MIXED, NO_ENTITIES)
    assert full.events
    assert sorted(map(_key, apart.events)) == sorted(map(_key, full.events))
    assert sorted(map(_key, together.events)) == sorted(map(_key, full.events))


def test_entity_doc_reads_codable_sentences_and_their_context():
    from dyads.pipeline import _first_pass

    nlp = load_model(ON)
    doc = nlp(ENTITY_MIXED, disable=["ner"])
    _, read = _first_pass(document_from_text(ENTITY_MIXED, "2024-06-19"), doc, ON, [])
    assert read is not None and len(read.doc.text) == len(ENTITY_MIXED)
    kept = read.doc.text
    assert "Russia attacked Ukraine" in kept
    assert "He criticized Iran" in kept
    assert "Senator John Carver met reporters" in kept  # the antecedent of "He"
    assert "Northwind" not in kept  # "press ahead" here has no pattern slots


def test_no_codable_sentence_reads_no_entities():
    nlp = load_model(ON)
    doc = nlp("It rained in the capital. The streets were quiet.", disable=["ner"])
    assert _filter(ON).entity_doc(doc) is None


def test_rule_splitter_matches_spacy_sentencizer():
    from spacy.pipeline import Sentencizer

    text = (
        'He said: "We will go." Then?! They left... "Fine," she said.\n\n'
        "A new paragraph without a full stop\n\nand (another one). End"
    )
    filt = _filter(ON)
    doc = Sentencizer()(filt.tokenizer(text))
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    assert filt.sentences(filt.tokenizer(text)) == [(s.start, s.end) for s in doc.sents]


def test_mentions_come_only_from_sentences_read_with_entities():
    first_end = ENTITY_MIXED.index("Russia")
    apart = _code(ENTITY_MIXED, ON)
    together = _code(ENTITY_MIXED, NO_ENTITIES)
    assert any(m.actor.start < first_end for m in together.mentions)  # "Chicago"
    assert not any(m.actor.start < first_end for m in apart.mentions)
    assert any(m.actor.code == "RUS" for m in apart.mentions)


def test_a_name_only_entities_join_still_codes():
    # the parser splits the movement's full name over several noun chunks; only the
    # entity makes it one dictionary name, which is the target
    text = (
        "Police in Enugu arrested twelve members of the Movement for the Actualization "
        "of the Sovereign State of Biafra during a march on Saturday."
    )
    full = _code(text, OFF)
    assert full.events
    assert sorted(map(_key, _code(text, ON).events)) == sorted(map(_key, full.events))


def test_nothing_codable_reads_no_entities_and_keeps_no_mentions():
    # parsed (a trigger word and an actor candidate), but no pattern codes it
    text = "The fire in the French factory was put out by noon."
    assert [r.code for r in _code(text, ON).rejections] == ["R000"]  # parsed, not R007
    assert not _code(text, ON).mentions
    assert _code(text, NO_ENTITIES).mentions  # "French", read without the entity stage
