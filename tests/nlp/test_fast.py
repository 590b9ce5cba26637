"""The array-level attribute ruler and lemmatizer give exactly spaCy's output."""

from dyads.nlp import load_model
from dyads.nlp.fast import FastRules

TEXTS = [
    "Russia's forces didn't withdraw; they'd said they would. Protesters were staging rallies.",
    "I know we're asking a great deal of them, but I'm looking to the coming budget year.",
    "The U.S. and its allies imposed sanctions on Iran's oil exports in 2019, officials said.",
    "  \n\nWhether or not talks resume, the ministers met in Geneva and agreed to a cease-fire.",
]


def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_fast_rules_equal_the_stock_components():
    nlp = load_model()
    assert FastRules.applies(nlp)
    fast = FastRules(nlp)
    stock = [_attrs(d) for d in nlp.pipe(TEXTS)]
    quick = [_attrs(d) for d in fast.pipe(nlp, TEXTS, batch_size=2)]
    assert quick == stock
    assert [_attrs(d) for d in fast.pipe(nlp, TEXTS, batch_size=2)] == stock  # from the cache
