"""A compiled attribute ruler: spaCy's rules, applied by table lookup.

spaCy's ``AttributeRuler`` maps fine-grained tags to POS and morphology, and sets a
few lemma and POS exceptions, by running a ``Matcher`` with every rule over every
token. In ``en_core_web_sm`` that is 179 rules, and the matcher took 12% of all
statistical-pipeline time on news text (more than the tagger and as much as the
parser: ``bench/RESULTS.md``). Almost every rule is one token whose conditions are
equalities on the tag, the lowercase form, the dependency label or ``IS_SPACE``, so
the rules that apply to a token depend only on those four values: we look them up
once per distinct combination and cache the result. Rules of any other shape
(several tokens, operators, other attributes) still go through a spaCy ``Matcher``.
Matches are applied in the ruler's own order (later rules win), so the output is
exactly spaCy's: ``tests/nlp/test_attributes.py`` compares every token's POS,
morphology and lemma with the stock component.

Written here rather than taken from a library because no library provides it; it
reads the rules from the loaded pipeline, so it keeps working if they change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

FACTORY = "dyads_compiled_attribute_ruler"
_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # positions in a token's key
_LOWER = _KEYS["LOWER"]

# (key position, kind, values): kind "in", "not" (NOT_IN) or "re" (REGEX)
Check = tuple[int, str, Any]


def _checks(spec: dict[str, Any]) -> tuple[Check, ...] | None:
    """One token's conditions as checks on its key; None if not of a shape compiled here."""
    out: list[Check] = []
    for attr, value in spec.items():
        position = _KEYS.get(attr)
        if position is None:
            return None
        if isinstance(value, dict):
            if set(value) == {"IN"}:
                out.append((position, "in", frozenset(value["IN"])))
            elif set(value) == {"NOT_IN"}:
                out.append((position, "not", frozenset(value["NOT_IN"])))
            elif set(value) == {"REGEX"} and position != _KEYS["IS_SPACE"]:
                out.append((position, "re", re.compile(value["REGEX"])))
            else:
                return None
        elif isinstance(value, str | bool):
            out.append((position, "in", frozenset([value])))
        else:
            return None
    return tuple(out)


def _holds(checks: tuple[Check, ...], values: tuple[Any, ...]) -> bool:
    for position, kind, accepted in checks:
        value = values[position]
        if kind == "in":
            if value not in accepted:
                return False
        elif kind == "not":
            if value in accepted:
                return False
        elif not accepted.search(value):  # spaCy's REGEX predicate searches
            return False
    return True


def _exact_lowers(checks: tuple[Check, ...]) -> frozenset[Any] | None:
    return next((v for p, kind, v in checks if p == _LOWER and kind == "in"), None)


class CompiledAttributeRuler:
    """Same rules and output as a spaCy ``AttributeRuler``, by lookup instead of matching.

    Single-token rules are resolved once per distinct (tag, lower, dep, is_space) key;
    several-token rules are tried only where one of their tokens' exact lowercase
    forms occurs (the anchor); anything else falls back to a ``Matcher``.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.simple: list[tuple[int, tuple[Check, ...]]] = []
        self.by_lower: dict[str, list[int]] = {}  # lowercase form -> simple rules naming it
        self.general: list[int] = []  # simple rules that do not name a lowercase form
        # lowercase hash -> (rule, every token's checks, anchor position, target index)
        self.anchors: dict[int, list[tuple[int, list[tuple[Check, ...]], int, int]]] = {}
        self.matcher = Matcher(self.vocab)
        for rule_id, rule in enumerate(ruler.patterns):
            compiled = [self._compile(p, rule["index"]) for p in rule["patterns"]]
            if not rule["patterns"] or not all(compiled):
                self.matcher.add(str(rule_id), rule["patterns"])
                continue
            for pattern in rule["patterns"]:
                self._add(rule_id, pattern, rule["index"])
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self._place = {attr: j for j, attr in enumerate(self.columns)}
        self._cache: dict[tuple[int, ...], tuple[int, ...]] = {}
        # a lowercase form no rule names or matches is keyed as 0, so the cache holds one
        # entry per tag, dependency and space flag, not one per word
        self._named_lowers = set(self.by_lower)
        self._lower_regexes = []
        for n in self.general:
            for position, kind, accepted in self.simple[n][1]:
                if position == _LOWER and kind == "not":
                    self._named_lowers.update(accepted)
                elif position == _LOWER and kind == "re":
                    self._lower_regexes.append(accepted)
        self._lower_keys: dict[int, int] = {}
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}

    @staticmethod
    def _compile(pattern: list[dict[str, Any]], index: int) -> bool:
        """Can this pattern be compiled? Fixed length, known attributes, and (for
        several tokens) one token with exact lowercase forms to anchor it."""
        if any("OP" in spec for spec in pattern) or not -len(pattern) <= index < len(pattern):
            return False
        checks = [_checks(spec) for spec in pattern]
        if any(c is None for c in checks):
            return False
        return len(pattern) == 1 or any(_exact_lowers(c) for c in checks if c is not None)

    def _add(self, rule_id: int, pattern: list[dict[str, Any]], index: int) -> None:
        checks = [_checks(spec) or () for spec in pattern]
        if len(pattern) == 1:
            n = len(self.simple)
            self.simple.append((rule_id, checks[0]))
            lowers = _exact_lowers(checks[0])
            if lowers is None:
                self.general.append(n)
            for lower in lowers or ():
                self.by_lower.setdefault(lower, []).append(n)
            return
        anchor = next(k for k, c in enumerate(checks) if _exact_lowers(c))
        target = index if index >= 0 else len(pattern) + index
        for lower in _exact_lowers(checks[anchor]) or ():
            entry = (rule_id, checks, anchor, target)
            self.anchors.setdefault(self.vocab.strings.add(lower), []).append(entry)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        return self.ruler.patterns

    def _lower_key(self, lower: int, strings: Any) -> int:
        """The lowercase hash, or 0 when no rule names or matches this word."""
        found = self._lower_keys.get(lower)
        if found is None:
            word = strings[lower]
            named = word in self._named_lowers or any(r.search(word) for r in self._lower_regexes)
            found = self._lower_keys[lower] = lower if named else 0
        return found

    def _rules_for(self, key: tuple[int, int, int, int], strings: Any) -> tuple[int, ...]:
        """The simple rules matching a token, by its (tag, lower, dep, is_space) hashes."""
        found = self._cache.get(key)
        if found is None:
            values = _strings(key, strings)
            candidates = [*self.general, *self.by_lower.get(values[1], ())]
            found = tuple(
                sorted({self.simple[n][0] for n in candidates if _holds(self.simple[n][1], values)})
            )
            self._cache[key] = found
        return found

    def _attrs(self, rule_ids: tuple[int, ...]) -> dict[int, int]:
        """The rules' attributes merged in order: a later rule overrides an earlier one."""
        merged = self._merged.get(rule_ids)
        if merged is None:
            merged = {}
            for rule_id in rule_ids:
                merged.update(self.ruler.attrs[rule_id])
            self._merged[rule_ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra: dict[int, list[int]] = {}
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule_id = int(doc.vocab.strings[match_id])
                index = self.ruler.indices[rule_id]
                extra.setdefault(start + index if index >= 0 else end + index, []).append(rule_id)
        strings = doc.vocab.strings
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        anchors = self.anchors
        for i, key in enumerate(keys):
            for rule_id, checks, anchor, target in anchors.get(key[1], ()):
                start = i - anchor
                if start < 0 or start + len(checks) > len(keys):
                    continue
                if all(_holds(c, _strings(keys[start + k], strings)) for k, c in enumerate(checks)):
                    extra.setdefault(start + target, []).append(rule_id)
        values = doc.to_array(self.columns).reshape(len(doc), len(self.columns))
        rows = values.tolist()
        place = self._place
        for i, key in enumerate(keys):
            key[1] = self._lower_key(key[1], strings)
            rule_ids = self._rules_for(tuple(key), strings)
            more = extra.get(i)
            if more:
                rule_ids = tuple(sorted({*rule_ids, *more}))
            if rule_ids:
                row = rows[i]
                for attr, value in self._attrs(rule_ids).items():
                    row[place[attr]] = value
        doc.from_array(self.columns, numpy.asarray(rows, dtype=values.dtype))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _strings(key: list[int] | tuple[int, ...], strings: Any) -> tuple[Any, ...]:
    return (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))


@Language.factory(FACTORY, default_config={"patterns": []})
def make_compiled_attribute_ruler(
    nlp: Language, name: str, patterns: list[dict[str, Any]]
) -> CompiledAttributeRuler:
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    return CompiledAttributeRuler(ruler)


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Swap the pipeline's spaCy attribute ruler for the compiled one, same name and rules."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return
    patterns = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, FACTORY, config={"patterns": patterns})
