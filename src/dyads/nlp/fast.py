"""Array-level stand-ins for spaCy's two rule components, with identical output.

In ``en_core_web_sm`` the ``attribute_ruler`` (tag -> POS/MORPH/LEMMA exceptions)
and the rule ``lemmatizer`` are cheap rules behind costly per-token Python: a
Span and a Token object per match, a Token per lemma. Together they take about a
quarter of the pipeline's time. Here the ruler's own Matcher still finds the
matches, but each rule's effect is computed once (on a probe token, by spaCy's
own ``set_token_attrs``) and written as array columns; lemmas are computed by the
pipeline's own lemmatizer once per (word, POS, morphology) and cached. NER reads
neither, so both run after it. ``tests/nlp/test_fast.py`` checks equality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
_COLUMNS = {"POS": 0, "MORPH": 1, "LEMMA": 2}
_NAMES = {POS: "POS", MORPH: "MORPH", LEMMA: "LEMMA"}


class FastRules:
    """Applies the pipeline's attribute ruler and lemmatizer to parsed Docs."""

    def __init__(self, nlp: Language) -> None:
        self.ruler = nlp.get_pipe(RULER)
        self.lemmatizer = nlp.get_pipe(LEMMATIZER)
        self.strings = nlp.vocab.strings
        self.vocab = nlp.vocab
        self.plans: dict[int, tuple[int, dict[int, int]] | None] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.overwrite = bool(getattr(self.lemmatizer, "overwrite", False))

    @staticmethod
    def applies(nlp: Language) -> bool:
        """Both components present, in the order the stock pipeline has them."""
        names = nlp.pipe_names
        return (
            RULER in names
            and LEMMATIZER in names
            and names.index(RULER) < names.index(LEMMATIZER)
            and getattr(nlp.get_pipe(LEMMATIZER), "mode", "") == "rule"
        )

    def skipped(self) -> list[str]:
        """The components ``nlp.pipe`` must leave out: this object runs them instead."""
        return [RULER, LEMMATIZER]

    # ------------------------------------------------------------ attributes
    def _plan(self, attr_id: int) -> tuple[int, dict[int, int]] | None:
        """(token index in the match, column -> value) for a rule; None if it sets more."""
        if attr_id in self.plans:
            return self.plans[attr_id]
        from spacy.tokens._retokenize import set_token_attrs

        attrs = self.ruler.attrs[attr_id]
        plan: tuple[int, dict[int, int]] | None = None
        names = {_NAMES.get(k, "?") if isinstance(k, int) else str(k).upper() for k in attrs}
        if names <= set(_COLUMNS):
            probe = Doc(self.vocab, words=["probe"])
            set_token_attrs(probe[0], attrs)
            row = probe.to_array([POS, MORPH, LEMMA])[0]
            plan = (
                int(self.ruler.indices[attr_id]),
                {_COLUMNS[n]: int(row[_COLUMNS[n]]) for n in names},
            )
        self.plans[attr_id] = plan
        return plan

    def attributes(self, doc: Doc) -> None:
        """What ``AttributeRuler.__call__`` does, in rule order, on arrays."""
        from spacy.tokens._retokenize import set_token_attrs

        matches = self.ruler.match(doc)
        if not matches:
            return
        cols = doc.to_array([POS, MORPH, LEMMA])
        dirty = False
        for attr_id, _match_id, start, end in matches:
            plan = self._plan(attr_id)
            if plan is None:  # a rule setting TAG or DEP: flush, apply as spaCy does, reload
                if dirty:
                    doc.from_array([POS, MORPH, LEMMA], cols)
                index = self.ruler.indices[attr_id]
                set_token_attrs(doc[start:end][index], self.ruler.attrs[attr_id])
                cols = doc.to_array([POS, MORPH, LEMMA])
                dirty = False
                continue
            index, values = plan
            row = (start + index) if index >= 0 else (end + index)
            if not start <= row < end:
                raise IndexError(f"attribute rule index {index} outside match {start}:{end}")
            for column, value in values.items():
                cols[row, column] = value
            dirty = True
        if dirty:
            doc.from_array([POS, MORPH, LEMMA], cols)

    # ---------------------------------------------------------------- lemmas
    def lemmatize(self, doc: Doc) -> None:
        """What the rule ``Lemmatizer.__call__`` does, once per (word, POS, morphology)."""
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self.lemmas
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = self.strings.add(lemmatizer.lemmatize(doc[i])[0])
            table[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.ascontiguousarray(table[:, 3:4]))

    def __call__(self, doc: Doc) -> Doc:
        self.attributes(doc)
        self.lemmatize(doc)
        return doc

    def pipe(self, nlp: Language, inputs: Iterable[str | Doc], batch_size: int) -> Iterator[Doc]:
        """``nlp.pipe`` without the two rule components, then both, per Doc."""
        for doc in nlp.pipe(inputs, batch_size=batch_size, disable=self.skipped()):
            yield self(doc)
