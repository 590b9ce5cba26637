"""Parse skipping: sentences that cannot yield an event are never tagged, parsed or NER'd.

Most of the cost of coding is spaCy's statistical components, and most news
sentences hold no event. A cheap pass (tokenizer + rule-based sentence splitter)
finds the sentences that could yield one: they hold a *trigger candidate* (a
word that some pattern's lemma could be, with the pattern's required object or
particle present, or an obligation cue) and an *actor candidate* (a dictionary
name, alias, demonym or adjective written with a capital, a title or agent noun,
a pronoun / "both" / "the two ..." that coreference links back, or the surname of
a titled name read earlier; unknown names never fill event roles). Before a kept
sentence with a coreference cue, the sentences back to the nearest one holding a
possible antecedent are kept too, so "He" and "the two leaders" still find theirs.

The statistical components then run on a *condensed* Doc: the kept sentences'
tokens unchanged, every run of skipped sentences replaced by one whitespace token
of exactly the same length. Character offsets in the condensed Doc are therefore
the original document's offsets: no span ever needs mapping back.

Everything here is decided from the pattern and dictionary data, never from
word lists of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_PUNCT, ORTH, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..actors.mentions import GROUP_SENTENCES
from ..actors.normalize import token_key
from ..model import Rejection, Sentence
from .model import paragraph_starts, per_doc

SKIP_CODE = "R007"
SKIP_REASON = "no trigger and actor candidate: not parsed"
CONTEXT_SENTENCES = 1  # sentences with a possible antecedent kept before a coreference cue
ENTITY_CONTEXT = 1  # the same, for entity recognition
_FACTS = "dyads_sentence_facts"  # Doc.user_data key: per-sentence facts entity choice reuses


@dataclass(slots=True)
class Condensed:
    """One document after the cheap pass: what to parse, and what was skipped."""

    doc: Doc
    skipped: list[tuple[int, int]] = field(default_factory=list)  # char spans, untrimmed
    kept_tokens: int = 0
    skipped_tokens: int = 0
    kept_sentences: int = 0


class SentenceFilter:
    """Decides, per sentence of a tokenized Doc, whether parsing it can pay off."""

    def __init__(self, nlp: Language, resolver: Any, coder: Any) -> None:
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.sentencizer = Sentencizer()
        # the coder's own trigger model: the same patterns and constraints, asked of words
        self.model = coder.triggers
        self.by_verb: dict[str, list[Any]] = dict(coder.patterns.by_verb)
        self.noun_patterns = self.model.noun_patterns

        self.coder = coder
        self.dictionary = resolver.dictionary
        words = resolver.words
        # "the two leaders": the pair logic drops "the" and reads the next word
        pair_words = {k.split()[-1] for k in words.pair_openers} | {"both"}
        # every word the discourse (actors.coref) reads back: the same lists it uses
        self.pronouns = frozenset(
            set(words.person_pronouns) | pair_words | words.thing_pronouns
            | words.plural_pronouns | words.speaker_pronouns
        )  # fmt: skip
        self.possessives = frozenset(words.possessive_pronouns)
        self.coref_cues = frozenset(
            self.pronouns | {k.split()[-1] for k in words.leader_nouns}
            | set(words.descriptions) | words.counterparts
        )  # fmt: skip
        # "these countries", "the five nations": a list named up to GROUP_SENTENCES back
        self.group_openers = frozenset(words.group_openers) | frozenset(words.group_numbers)
        self.state_plurals = frozenset(k for k, v in words.pairs.items() if v == "state")
        self.stop_words = nlp.Defaults.stop_words
        self._lemma_tables(nlp)
        self._verb_cache: dict[str, tuple[str, ...]] = {}
        self._noun_cache: dict[str, tuple[str, ...]] = {}
        self._forms_cache: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------ lemma forms
    def _lemma_tables(self, nlp: Language) -> None:
        lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
        self.rules: dict[str, list[tuple[str, str]]] = {}
        self.exc: dict[str, dict[str, list[str]]] = {}
        for pos in ("verb", "noun", "aux"):
            if lookups is not None and lookups.has_table("lemma_rules"):
                self.rules[pos] = [tuple(r) for r in lookups.get_table("lemma_rules").get(pos, [])]
                self.exc[pos] = dict(lookups.get_table("lemma_exc").get(pos, {}))
        self.ruled: dict[str, set[str]] = {}  # attribute_ruler lemma exceptions by lower form
        if "attribute_ruler" in nlp.pipe_names:
            for rule in nlp.get_pipe("attribute_ruler").patterns:
                lemma = rule["attrs"].get("LEMMA")
                if not lemma:
                    continue
                for pattern in rule["patterns"]:
                    index = rule.get("index", 0)
                    if not -len(pattern) <= index < len(pattern):
                        continue
                    spec = pattern[index]  # the token the rule sets the lemma of
                    form = spec.get("LOWER") or spec.get("ORTH")
                    forms = form.get("IN", []) if isinstance(form, dict) else [form]
                    for one in forms:
                        if isinstance(one, str):
                            self.ruled.setdefault(one.lower(), set()).add(lemma.lower())

    def forms(
        self, word: str, kinds: Sequence[str] = ("verb", "noun", "aux"), verb_keys: bool = True
    ) -> frozenset[str]:
        """Every lemma the pipeline could give this lowercase word, whatever its tag.

        A superset of the rule lemmatizer's output (all rules, not only those whose
        result is in its index) and of the attribute ruler's fixed lemmas; with
        ``verb_keys``, also the regular de-inflections the coder tries for verbs
        (``events.lemmas.verb_keys``).
        """
        out = {word} | self.ruled.get(word, set())
        for pos in kinds:
            out.update(self.exc.get(pos, {}).get(word, ()))
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old):
                    out.add(word[: len(word) - len(old)] + new)
        if not verb_keys:
            return frozenset(out)
        if word.endswith("ed"):
            out |= {word[:-1], word[:-2]}
        if word.endswith("s"):
            out |= {word[:-1], word[:-2]}
        if word.endswith("ing"):
            out |= {word[:-3], word[:-3] + "e"}
        return frozenset(out)

    def _all_forms(self, word: str) -> frozenset[str]:
        found = self._forms_cache.get(word)
        if found is None:
            found = self._forms_cache[word] = self.forms(word)
        return found

    def _verb_lemmas(self, word: str) -> tuple[str, ...]:
        found = self._verb_cache.get(word)
        if found is None:
            found = self._verb_cache[word] = tuple(
                f for f in self._all_forms(word) if f in self.by_verb
            )
        return found

    def _noun_lemmas(self, word: str) -> tuple[str, ...]:
        found = self._noun_cache.get(word)
        if found is None:
            forms = self.forms(word, ("noun",), verb_keys=False)
            found = self._noun_cache[word] = tuple(f for f in forms if f in self.noun_patterns)
        return found

    # -------------------------------------------------------------- the tests
    def has_trigger(self, lows: Sequence[str]) -> bool:
        """Could some pattern fire here? Its lemma, required object and particle all present."""
        return bool(self.triggers(lows, first=True))

    def triggers(self, lows: Sequence[str], first: bool = False) -> list[str]:
        """The words here that some pattern could fire on (``first``: stop at one)."""
        lowset = set(lows)
        found: list[str] = []
        context = _Context(self, lows, lowset)
        if self.model.obliged(context.lows, context.lowset, self._all_forms):
            found.append("<obligation>")  # "X must do Y": that rule needs no pattern trigger
            if first:
                return found
        if self.model.evaluative(context.forms, lambda: context.text):
            found.append("<evaluation>")  # "X said Y's move was a violation": no pattern either
            if first:
                return found
        for word in lowset:
            if self.model.word_fires(
                word, context.forms, lowset, lambda: context.text, self._verb_lemmas,
                self._noun_lemmas,
            ):  # fmt: skip
                found.append(word)
                if first:
                    break
        return found

    def has_actor(self, texts: Sequence[str], lows: Sequence[str]) -> bool:
        """Could a *resolved* actor be mentioned here? Only resolved mentions fill event
        roles (``events.roles.MentionIndex``), so: a dictionary name, alias, demonym or
        adjective written with a capital, a title or agent noun, or a word coreference
        resolves (pronoun, "both", "the two ..."). Unknown names never make an event."""
        if self.pronouns.intersection(lows):
            return True
        keys = [token_key(t) for t in texts]
        first = self.dictionary.first_pieces
        lexicon = self.dictionary.lexicon
        limit = self.dictionary.max_pieces
        n = len(keys)
        caps: list[bool] | None = None
        for i, key in enumerate(keys):
            if not key or key.split(" ", 1)[0] not in first:
                continue
            parts: list[str] = []
            j = i
            while j < n and len(parts) < limit:
                if keys[j]:
                    parts.append(keys[j])
                lex = lexicon.get(" ".join(parts))
                j += 1
                if lex is None:
                    continue
                if lex.title is not None or lex.agent is not None:
                    return True
                if caps is None:
                    caps = [t[:1].isupper() for t in texts]
                named = lex.names or lex.surnames
                if any(caps[i:j]) and (named or lex.demonym or lex.adjective):
                    return True
        return False

    def split_name(self, sent: Any, named: Sequence[tuple[int, int]]) -> bool:
        """A dictionary name of three or more tokens in this parsed sentence that no
        resolved mention (``named``: character spans) covers: the parser split it over
        several noun chunks, and only an entity joins it (``mentions._split_names``)."""
        texts = [t.text for t in sent]
        idx = [t.idx for t in sent]
        keys = [token_key(t) for t in texts]
        first, lexicon = self.dictionary.first_pieces, self.dictionary.lexicon
        for i, key in enumerate(keys):
            if not key or key.split(" ", 1)[0] not in first:
                continue
            if any(a <= idx[i] < b for a, b in named):
                continue
            parts: list[str] = []
            for j in range(i, min(len(keys), i + 3 * self.dictionary.max_pieces)):
                if keys[j]:
                    parts.append(keys[j])
                if len(parts) > self.dictionary.max_pieces:
                    break
                lex = lexicon.get(" ".join(parts))
                if lex is not None and lex.names and j - i >= 2:
                    return True
        return False

    def has_name(self, texts: Sequence[str], lows: Sequence[str]) -> bool:
        """A capitalised word past the first: a name NER may tag, a possible antecedent."""
        if any(t[:1].isupper() for t in texts[1:]):
            return True
        return bool(texts) and texts[0][:1].isupper() and lows[0] not in self.stop_words

    def _cue(self, texts: Sequence[str], lows: Sequence[str], a: int, b: int) -> bool:
        """Could a mention here be read through earlier ones? A person pronoun, a pair
        ("both", "the two leaders"), a leader noun, or a possessive before an agent or
        title ("their government": the country of the last person named)."""
        if self.coref_cues.intersection(lows[a:b]):
            return True
        lexicon = self.dictionary.lexicon
        for i in range(a, b):
            if lows[i] in self.possessives:
                for j in range(i + 1, min(b, i + 4)):
                    lex = lexicon.get(token_key(texts[j]))
                    if lex is not None and (lex.agent is not None or lex.title is not None):
                        return True
        return False

    def _group_cue(self, lows: Sequence[str], a: int, b: int) -> bool:
        """'these countries', 'the five nations' (``actors.mentions`` reads them back to a
        list of states named before)."""
        return any(
            lows[i] in self.state_plurals and lows[i - 1] in self.group_openers
            for i in range(a + 1, b)
        )

    def _surnames(
        self, texts: Sequence[str], a: int, b: int, names: dict[str, int], k: int
    ) -> list[int]:
        """Sentences where a capitalised word here ended a titled name before: the
        mention finder copies a person resolved by title ("Sgt. John Kosinski") to a
        later bare surname ("Kosinski", ``mentions._copy``). Names in the dictionary
        need no antecedent, and untitled unknown names resolve to nothing, so only
        titled names are recorded (in ``names``)."""
        earlier: list[int] = []
        for i in range(a, b):
            text = texts[i]
            if not text[:1].isupper():
                continue
            key = token_key(text)
            seen = names.get(key)
            if seen is not None and seen < k:
                earlier.append(seen)
            elif (
                seen is None and i > a and texts[i - 1][:1].isupper() and self._titled(texts, a, i)
            ):
                names[key] = k
        return earlier

    def _titled(self, texts: Sequence[str], a: int, i: int) -> bool:
        """Is there a title in the capitalised run ending at ``i``, or just before it?"""
        start = i
        while start > a and texts[start - 1][:1].isupper():
            start -= 1
        lexicon = self.dictionary.lexicon
        keys = [token_key(t) for t in texts[max(a, start - 3) : i]]
        for j, key in enumerate(keys):
            for joined in (key, " ".join(keys[j : j + 2]), " ".join(keys[j : j + 3])):
                lex = lexicon.get(joined) if joined else None
                if lex is not None and lex.title is not None:
                    return True
        return False

    # ------------------------------------------------------------- condensing
    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of sentences by punctuation and blank lines (no statistics)."""
        tokens = _Tokens(doc)
        return self._split(tokens.texts, tokens.punct)

    def _split(self, texts: Sequence[str], punct: Sequence[int]) -> list[tuple[int, int]]:
        """spaCy's ``Sentencizer`` rule, plus a start after every blank line, on plain
        lists: a sentence starts at the first token that is no punctuation after one of
        its sentence-final characters. Reading arrays instead of Tokens makes the
        pre-pass 5x cheaper; ``tests/nlp/test_skip.py`` checks both agree."""
        n = len(texts)
        if not n:
            return []
        final = self.sentencizer.punct_chars
        starts = [0]
        seen_final = False
        for i, text in enumerate(texts):
            if text in final:
                seen_final = True
            elif seen_final and not punct[i]:
                starts.append(i)
                seen_final = False
        breaks = paragraph_starts(texts)
        if breaks:
            starts = sorted(set(starts).union(breaks))
        return list(zip(starts, [*starts[1:], n], strict=True))

    def _surname_sources(
        self, texts: Sequence[str], ranges: Sequence[tuple[int, int]]
    ) -> list[list[int]]:
        """Per sentence, the earlier sentences whose titled names its surnames continue."""
        names: dict[str, int] = {}  # last word of a multiword name -> sentence first seen
        return [self._surnames(texts, a, b, names, k) for k, (a, b) in enumerate(ranges)]

    def keep(self, doc: Doc, ranges: Sequence[tuple[int, int]]) -> list[bool]:
        """Per sentence range: parse it? Trigger and actor, plus the context coreference
        needs (``_with_context``)."""
        return self._keep(_Tokens(doc).texts, ranges)

    def _keep(self, texts: Sequence[str], ranges: Sequence[tuple[int, int]]) -> list[bool]:
        lows = [t.lower() for t in texts]
        earlier = self._surname_sources(texts, ranges)
        seeds = [
            (bool(earlier[k]) or self.has_actor(texts[a:b], lows[a:b]))
            and self.has_trigger(lows[a:b])
            for k, (a, b) in enumerate(ranges)
        ]
        return self._with_context(texts, lows, ranges, seeds, earlier)

    def _with_context(
        self,
        texts: Sequence[str],
        lows: Sequence[str],
        ranges: Sequence[tuple[int, int]],
        seeds: Sequence[bool],
        earlier: Sequence[Sequence[int]],
        context: int = CONTEXT_SENTENCES,
    ) -> list[bool]:
        """The seed sentences, the sentences where their surnames' titled names were read
        ("McKinney said": where "Sen. John McKinney" was), and, before any of these with a
        coreference cue ("he", "their", "the two leaders"), the sentences back to the
        ``context``-th one holding a possible antecedent."""
        keep = list(seeds)
        for k, seed in enumerate(seeds):
            if seed:
                for j in earlier[k]:
                    keep[j] = True
        if not context:
            return keep
        named: list[bool | None] = [None] * len(ranges)
        for k, (a, b) in enumerate(ranges):
            if keep[k] and self._group_cue(lows, a, b):
                for j in range(max(0, k - GROUP_SENTENCES), k):
                    keep[j] = True  # the list "these countries" reads back to
            if not keep[k] or not self._cue(texts, lows, a, b):
                continue
            found = 0
            for j in range(k - 1, -1, -1):
                if named[j] is None:
                    c, d = ranges[j]
                    named[j] = self.has_name(texts[c:d], lows[c:d]) or self.has_actor(
                        texts[c:d], lows[c:d]
                    )
                keep[j] = True
                if named[j]:
                    found += 1
                    if found >= context:
                        break
        return keep

    def condense(self, doc: Doc) -> Condensed:
        """The tokens of kept sentences; each skipped run becomes one same-length space token."""
        from ..actors.locate import PROFILE_KEY, country_profile

        tokens = _Tokens(doc)
        ranges = self._split(tokens.texts, tokens.punct)
        out = self._condense(doc, tokens, ranges, self._keep(tokens.texts, ranges))
        # the states the whole text names, read before any sentence is dropped
        out.doc.user_data[PROFILE_KEY] = country_profile(tokens.texts, self.dictionary)
        return out

    def entity_doc(self, doc: Doc, coded_at: Collection[int] | None = None) -> Condensed | None:
        """What entity recognition should read (``_entity_sentences``), condensed like
        ``condense``; None if nothing."""
        chosen = self._entity_sentences(doc, coded_at)
        if chosen is None:
            return None
        tokens, ranges, keep = chosen
        return self._condense(doc, tokens, ranges, keep)

    def _entity_sentences(
        self, doc: Doc, coded_at: Collection[int] | None = None
    ) -> tuple[_Tokens, list[tuple[int, int]], list[bool]] | None:
        """What entity recognition should read in a parsed Doc coded without entities:
        None if nothing, else the Doc's tokens, its sentence ranges and which to read.

        Entities cost half of the statistical pipeline. They change coding only where a
        pattern fires with its slots (``EventCoder.could_code``) and either the coding
        without entities already found a candidate there (``coded_at``: first tokens of
        those sentences), or a person only entity labels resolve could fill a role: a
        surname of a titled name read earlier, a titled name here ("Gov. John Hoeven"),
        or a coreference cue after a titled name (``_facts``: then the coding without
        entities is not needed). Their surname and coreference context is read too.
        Without ``coded_at``: the undecided sentences, those only that coding can
        decide (a pattern, an actor candidate, no titled name), with their context."""
        facts = per_doc(doc, _FACTS, self._facts)  # the same Doc is asked twice (``unread``)
        codable, ranges, tokens, lows, earlier, labelled = facts
        if not any(codable):
            return None
        texts = tokens.texts
        if coded_at is None:  # undecided: only coding without entities can tell
            seeds = [
                can
                and not labelled[k]
                and (bool(earlier[k]) or self.has_actor(texts[a:b], lows[a:b]))
                for k, ((a, b), can) in enumerate(zip(ranges, codable, strict=True))
            ]
        else:
            seeds = [
                can and (a in coded_at or labelled[k])
                for k, ((a, b), can) in enumerate(zip(ranges, codable, strict=True))
            ]
        if not any(seeds):
            return None
        keep = self._with_context(texts, lows, ranges, seeds, earlier, ENTITY_CONTEXT)
        return tokens, ranges, keep

    def _facts(self, doc: Doc) -> tuple[Any, ...]:
        """Per sentence: can a pattern code it, its token range, surname sources, and
        whether entity labels decide it by themselves (a titled name, a surname of one,
        a coreference cue after one: then it is read with entities whatever the coding
        without them finds)."""
        spans = list(doc.sents)
        codable = [self.coder.could_code(span) for span in spans]
        ranges = [(span.start, span.end) for span in spans]
        tokens = _Tokens(doc)
        texts = tokens.texts
        lows = [t.lower() for t in texts]
        if not any(codable):
            return codable, ranges, tokens, lows, [], []
        earlier = self._surname_sources(texts, ranges)
        labelled = []
        titled_before = False
        for k, (a, b) in enumerate(ranges):
            titled = any(
                texts[i][:1].isupper() and self._titled(texts, a, i) for i in range(a + 1, b)
            )
            labelled.append(
                bool(earlier[k]) or titled or (titled_before and self._cue(texts, lows, a, b))
            )
            titled_before = titled_before or titled
        return codable, ranges, tokens, lows, earlier, labelled

    def unread(self, doc: Doc) -> list[tuple[int, int]] | None:
        """Character spans of the parsed sentences coding without entities need not read:
        all but the undecided pattern sentences (an actor candidate, and no titled name
        or surname that entities decide anyway) and their context; None if no sentence
        is undecided, so that coding can be skipped."""
        chosen = self._entity_sentences(doc)
        if chosen is None:
            return None
        tokens, ranges, keep = chosen
        texts, idx, spaces = tokens.texts, tokens.idx, tokens.spaces
        return [
            (idx[a], idx[b - 1] + len(texts[b - 1]) + spaces[b - 1])
            for (a, b), kept in zip(ranges, keep, strict=True)
            if not kept
        ]

    def _condense(
        self, doc: Doc, tokens: _Tokens, ranges: Sequence[tuple[int, int]], keep: Sequence[bool]
    ) -> Condensed:
        texts, idx, spaces = tokens.texts, tokens.idx, tokens.spaces
        words: list[str] = []
        space_after: list[bool] = []
        starts: list[bool | None] = []
        skipped: list[tuple[int, int]] = []
        out = Condensed(doc)
        gap: int | None = None  # token where the current skipped run began
        for (a, b), kept in zip(ranges, keep, strict=True):
            span_start = idx[a]
            span_end = idx[b - 1] + len(texts[b - 1]) + spaces[b - 1]
            if not kept:
                skipped.append((span_start, span_end))
                out.skipped_tokens += b - a
                if gap is None:
                    gap = a
                continue
            if gap is not None:
                words.append(_blank_run(texts, spaces, gap, a))
                space_after.append(False)
                starts.append(None)
                gap = None
            first = len(words)
            words.extend(texts[a:b])
            space_after.extend(bool(x) for x in spaces[a:b])
            starts.extend([None] * (b - a))
            lead = next((i for i in range(first, len(words)) if words[i].strip()), first)
            starts[lead] = True
            out.kept_tokens += b - a
            out.kept_sentences += 1
        if gap is not None:
            words.append(_blank_run(texts, spaces, gap, len(texts)))
            space_after.append(False)
            starts.append(None)
        if not skipped:
            return out  # nothing skipped: parse the tokenized Doc as it is
        if starts:
            starts[0] = True
        out.doc = Doc(self.vocab, words=words, spaces=space_after, sent_starts=starts)
        out.skipped = skipped
        return out

    def condense_all(self, texts: Iterable[str], batch_size: int) -> Iterable[Condensed]:
        for doc in self.tokenizer.pipe(texts, batch_size=batch_size):
            yield self.condense(doc)


class _Tokens:
    """A Doc's tokens as plain lists, read through arrays: no Token objects are made."""

    __slots__ = ("idx", "punct", "spaces", "texts")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        orth, punct, idx, spaces = doc.to_array([ORTH, IS_PUNCT, IDX, SPACY]).T.tolist()
        self.texts: list[str] = [strings[h] for h in orth]
        self.punct: list[int] = punct
        self.idx: list[int] = idx
        self.spaces: list[int] = spaces


class _Context:
    """A sentence's words, with the costlier views computed on first use."""

    def __init__(self, owner: SentenceFilter, lows: Sequence[str], lowset: set[str]) -> None:
        self.owner = owner
        self.lows = lows
        self.lowset = lowset
        self._forms: set[str] | None = None
        self._text: str | None = None

    @property
    def forms(self) -> set[str]:
        """Every word here and every lemma it could have."""
        if self._forms is None:
            self._forms = set(self.lowset).union(*(self.owner._all_forms(w) for w in self.lowset))
        return self._forms

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(self.lows)
        return self._text


def _blank(text: str) -> str:
    """Whitespace of the same length, line breaks kept (paragraphs stay paragraphs)."""
    return "".join(c if c == "\n" else " " for c in text)


def _blank_run(texts: Sequence[str], spaces: Sequence[int], a: int, b: int) -> str:
    """Tokens a..b with their trailing spaces, as whitespace of the same length."""
    return _blank("".join(texts[i] + " " * spaces[i] for i in range(a, b)))


def skipped_sentences(spans: Sequence[tuple[int, int]], text: str) -> list[Sentence]:
    """Sentences (trimmed, not yet numbered) for the skipped character spans."""
    sentences: list[Sentence] = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        begin = start + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(-1, begin, begin + len(stripped), stripped))
    return sentences


def skip_rejection(sentence: Sentence) -> Rejection:
    return Rejection(SKIP_CODE, SKIP_REASON, sentence_id=sentence.sentence_id)
