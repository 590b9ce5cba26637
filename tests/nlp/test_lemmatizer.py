"""The compiled lemmatizer gives spaCy's rule lemmatizer output, token for token."""

import pickle

import spacy

from dyads.nlp import load_model
from dyads.nlp.lemmatizer import CompiledLemmatizer, compile_lemmatizer

TEXTS = [
    "The ministers met in Geneva and agreed to resume talks; the envoys didn't arrive.",
    "Troops were shelling the villages while rebels fled, leaving the wounded behind.",
    "She is happier now: the better offer was accepted, and the best one is yet to come.",
    "Geese, mice and children watched as the oxen ran. Leaves fell; he leaves tomorrow.",
    "They'd been told it's done.  Gotta go!\n\nIsn't it? Women's rights, criteria, data.",
    "",
]


def _lemmas(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_pipeline_uses_the_compiled_lemmatizer():
    nlp = load_model()
    compiled = nlp.get_pipe("lemmatizer")
    assert isinstance(compiled, CompiledLemmatizer)
    assert compiled.lookups.has_table("lemma_rules")  # the sentence filter reads them


def test_same_lemmas_as_spacy():
    name = load_model().meta["dyads_model_name"]
    stock = spacy.load(name)
    compiled = spacy.load(name)
    compile_lemmatizer(compiled)
    assert type(compiled.get_pipe("lemmatizer").stock) is type(stock.get_pipe("lemmatizer"))
    for _ in range(2):  # the second round is answered from the cache
        for text in TEXTS:
            assert _lemmas(compiled(text)) == _lemmas(stock(text)), text


def test_lemmas_already_set_are_kept_unless_overwrite():
    nlp = spacy.load(load_model().meta["dyads_model_name"], exclude=["ner"])
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "shelled"}]], {"LEMMA": "bombard"})
    compile_lemmatizer(nlp)
    assert [t.lemma_ for t in nlp("Troops shelled it")][1] == "bombard"
    nlp.get_pipe("lemmatizer").stock.overwrite = True
    assert [t.lemma_ for t in nlp("Troops shelled it")][1] == "shell"


def test_other_lemmatizer_modes_are_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    compile_lemmatizer(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), CompiledLemmatizer)


def test_a_doc_with_its_own_vocab_gets_its_lemma_strings():
    nlp = load_model()
    nlp("The envoys were meeting.")  # fills the cache
    doc = nlp.make_doc("The envoys were meeting.")
    doc = pickle.loads(pickle.dumps(doc))  # its own Vocab, without the lemma strings
    for name, proc in nlp.pipeline:
        if name != "ner":
            doc = proc(doc)
    assert [t.lemma_ for t in doc] == ["the", "envoy", "be", "meet", "."]
