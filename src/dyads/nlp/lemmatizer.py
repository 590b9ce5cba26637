"""A compiled rule lemmatizer: spaCy's own lemmatizer, asked once per distinct word.

spaCy's rule lemmatizer makes a Token object for every token and caches its answer
by (form, POS, morphology), except for base forms: a singular noun, an infinitive
or a positive adjective returns early, uncached, and is worked out again each time.
Those are most tokens of news text, so on our bench the lemmatizer took about 8% of
the statistical pipeline's time. The answer depends only on those three values and
the lookup tables, so this component reads them through arrays, asks the stock
lemmatizer once per distinct triple (its own code, so the rules stay spaCy's) and
writes every lemma back in one array call. Tokens that already carry a lemma (the
attribute ruler's exceptions) keep it, as in spaCy unless ``overwrite`` is set.
``tests/nlp/test_lemmatizer.py`` compares every lemma with the stock component.

Written here because no library provides it; it wraps the loaded lemmatizer, so a
pipeline with other tables or another language's rules keeps its own behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

FACTORY = "dyads_compiled_lemmatizer"


class CompiledLemmatizer:
    """Set lemmas from a (form, POS, morphology) cache filled by the stock lemmatizer."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self._cache: dict[tuple[int, int, int], int] = {}
        self._texts: dict[int, str] = {}  # lemma hash -> text, for a Doc with its own Vocab

    @property
    def lookups(self):  # the sentence filter reads the lemma tables through this
        return self.stock.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        overwrite = self.stock.overwrite
        cache = self._cache
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                text = self.stock.lemmatize(doc[i])[0]
                found = cache[key] = strings.add(text)
                self._texts[found] = text
            lemmas.append(found)
        if doc.vocab is not self.stock.vocab:  # a copied Doc: its strings may lack a lemma
            for found in set(lemmas):
                if found not in strings:
                    strings.add(self._texts[found])
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY, default_config={"overwrite": False})
def make_compiled_lemmatizer(nlp: Language, name: str, overwrite: bool) -> CompiledLemmatizer:
    """The language's own rule lemmatizer (``EnglishLemmatizer`` for English), wrapped.
    Its tables are empty until ``compile_lemmatizer`` hands over the loaded ones."""
    stock = nlp.create_pipe("lemmatizer", name, config={"mode": "rule", "overwrite": overwrite})
    return CompiledLemmatizer(stock)


def compile_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Swap a rule-mode spaCy lemmatizer for the compiled one, same tables and class."""
    if name not in nlp.pipe_names:
        return
    loaded = nlp.get_pipe(name)
    if not isinstance(loaded, Lemmatizer) or loaded.mode != "rule":
        return
    compiled = nlp.replace_pipe(name, FACTORY, config={"overwrite": loaded.overwrite})
    loaded.lookups = _indexed(loaded.lookups)
    compiled.stock = loaded  # the loaded instance: its class, tables and settings


def _indexed(lookups: Lookups) -> Lookups:
    """A copy of the tables with each part of speech's known lemmas (``lemma_index``) as a
    set: spaCy keeps them as lists (57,528 nouns) and scans one for every candidate form of
    every word it has not cached, which made a cold lemmatizer 25x slower than a warm one."""
    out = Lookups()
    for table_name in lookups.tables:
        table = lookups.get_table(table_name)
        copy = out.add_table(table_name)
        for key, value in table.items():
            indexed = table_name == "lemma_index" and isinstance(value, list)
            copy[key] = frozenset(value) if indexed else value
    return out
