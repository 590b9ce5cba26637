"""The compiled attribute ruler gives spaCy's AttributeRuler output, token for token."""

import spacy

from dyads.nlp import load_model
from dyads.nlp.attributes import CompiledAttributeRuler, compile_attribute_ruler

TEXTS = [
    "Y'all ain't gonna believe it. Let's go, c'mon! There is a way out, and there were two.",
    "I'd say the minister could have been told. Nobody knows anything about something.",
    "The talks, which began in Geneva, were cancelled because the envoys didn't arrive.",
    "Whether or not they agree, those officials must decide; these are hard times.\n\n\n",
    "Gotta see it: he himself said that it is theirs, not ours.  Done.",
    "They got nothin' and nuthin' more; nobody said nothing.",
]


def _annotations(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_pipeline_uses_the_compiled_ruler():
    nlp = load_model()
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert nlp.get_pipe("attribute_ruler").patterns  # the sentence filter reads them


def test_same_output_as_spacy_ruler():
    name = load_model().meta["dyads_model_name"]
    stock = spacy.load(name)
    compiled = spacy.load(name)
    compile_attribute_ruler(compiled)
    for text in TEXTS:
        assert _annotations(compiled(text)) == _annotations(stock(text)), text


def test_rules_it_cannot_compile_still_apply():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"IS_TITLE": True, "OP": "+"}]], {"LEMMA": "NEW"})
    ruler.add([[{"LOWER": "old"}]], {"LEMMA": "OLD"})
    ruler.add([[{"LOWER": "old"}]], {"LEMMA": "OLDER"})  # the later rule wins
    before = [t.lemma_ for t in nlp("new York is old")]
    compile_attribute_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert len(nlp.get_pipe("attribute_ruler").matcher) == 1  # the OP rule, by Matcher
    assert [t.lemma_ for t in nlp("new York is old")] == before == ["NEW", "", "", "OLDER"]
