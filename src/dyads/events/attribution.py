"""Claim attribution: who said what, read off the dependency parse.

An attribution is a *source* (who), a *cue* (the word that attributes: "said",
"according to", "claim") and a *content* (what was said), as in PolNeAR
(Newell et al. 2018). Cues are words from ``data/events/attribution.yaml``;
sources and contents are the subtrees the parse hangs on them. Pure tree
walks over an already parsed Doc: no extra model, no second pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..config import DATA_DIR, Options
from ..errors import DictionaryError, Errors
from ..model import Span

LEXICON_FILE = DATA_DIR / "events" / "attribution.yaml"

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# clauses that take their speaker from the verb they hang on: "he spoke, *adding* that"
INHERITING = frozenset({"conj", "advcl", "xcomp", "ccomp", "parataxis"})
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
EDGE_PUNCT = frozenset({",", ";", ":", "-", "--", "(", ")", "—", "–"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who (source), by which word (cue), said what (content); offsets into ``doc.text``.

    Unpacks as ``source, cue, content`` so callers can treat it as a triple.
    """

    source: Span | None
    cue: Span
    content: Span | None
    rule: str = "verb"

    def __iter__(self) -> Iterator[Span | None]:
        yield self.source
        yield self.cue
        yield self.content


@dataclass(frozen=True, slots=True)
class CueLexicon:
    verbs: frozenset[str]
    complement_verbs: frozenset[str]
    passive_verbs: frozenset[str]
    speaker_passives: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    phrasal_verbs: dict[str, frozenset[str]]
    prepositions: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    documents: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon (cached: read once per process)."""
    try:
        data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))["attribution"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise DictionaryError(Errors.E202, path=LEXICON_FILE, line=0, detail=str(exc)) from exc

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    def particles(key: str) -> dict[str, frozenset[str]]:
        return {
            str(k).lower(): frozenset(str(p).lower() for p in v)
            for k, v in (data.get(key) or {}).items()
        }

    return CueLexicon(
        verbs=words("verbs"),
        complement_verbs=words("complement_verbs"),
        passive_verbs=words("passive_verbs"),
        speaker_passives=words("speaker_passives"),
        phrasal=particles("phrasal"),
        phrasal_verbs=particles("phrasal_verbs"),
        prepositions=tuple(tuple(p.lower().split()) for p in data.get("prepositions") or []),
        nouns=words("nouns"),
        documents=words("documents"),
    )


def find_attributions(doc: Doc | str, cues: CueLexicon | None = None) -> list[Attribution]:
    """Every attribution in a parsed Doc (or a text, parsed here), in text order of cues."""
    if isinstance(doc, str):
        return find_attributions_text(doc, cues)
    return _attributions(doc, doc, cues or load_cues())


def attributions_in(sent: SpacySpan, cues: CueLexicon | None = None) -> list[Attribution]:
    """The attributions whose cue is in one sentence (the event coder's question: who
    says what this sentence reports)."""
    return _attributions(sent.doc, sent, cues or load_cues())


def _attributions(doc: Doc, tokens, cues: CueLexicon) -> list[Attribution]:
    found: list[Attribution] = []
    taken: set[int] = set()
    quoted = quoted_tokens(doc)
    for token in tokens:
        if token.i in quoted:  # "I said no," he recalled: the quote's own cues are content
            continue
        att = (
            _preposition(token, cues)
            or _verb(token, cues)
            or _noun(token, cues)
            or _document(token, cues)
        )
        if att is not None and att.cue.start not in taken:
            taken.add(att.cue.start)
            found.append(att)
    found.sort(key=lambda a: a.cue.start)
    return found


def find_attributions_text(
    text: str, cues: CueLexicon | None = None, options: Options | None = None
) -> list[Attribution]:
    """Parse ``text`` with the shared pipeline and find its attributions.

    Quotes are normalised first (length-preserving), so offsets index ``text``.
    """
    from ..ingest.normalize import normalize_for_nlp
    from ..nlp import load_model

    doc = load_model(options)(normalize_for_nlp(text))
    return [_retext(a, text) for a in find_attributions(doc, cues)]


def _retext(att: Attribution, text: str) -> Attribution:
    """The same offsets, with surface strings from the original (unnormalised) text."""

    def fix(span: Span | None) -> Span | None:
        return None if span is None else Span(text[span.start : span.end], span.start, span.end)

    cue = fix(att.cue)
    assert cue is not None
    return Attribution(fix(att.source), cue, fix(att.content), att.rule)


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks; an unclosed quote ends with its paragraph.
    Read once per Doc (the coder asks for every sentence)."""
    cached = doc.user_data.get(_QUOTED)
    if cached is None:
        cached = doc.user_data[_QUOTED] = _quoted(doc)
    return cached


_QUOTED = "dyads_quoted_tokens"


def _quoted(doc: Doc) -> set[int]:
    inside: set[int] = set()
    is_open = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            is_open = False
        elif token.text == '"':
            is_open = not is_open
        elif token.text == "``":
            is_open = True
        elif token.text == "''":
            is_open = False
        elif is_open:
            inside.add(token.i)
    return inside


# --- cues -------------------------------------------------------------------------


def _verb(token: Token, cues: CueLexicon) -> Attribution | None:
    """A reporting verb with its speaker: "Blinken *said* ...", "..., *said* the minister"."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass", "amod"):
        return None
    lemma = token.lemma_.lower()
    if lemma in cues.speaker_passives and _is_passive(token):
        return _quoted_as(token, cues)
    content = _content(token)
    if lemma in cues.verbs:
        pass
    elif lemma in cues.complement_verbs:
        if not _has_clause(token):
            return None
    elif lemma in cues.phrasal_verbs:
        if _particle(token, cues.phrasal_verbs[lemma]) is None:
            return None
    elif not (lemma in cues.passive_verbs and _is_passive(token)):
        return None
    source = _speaker(token)
    if source is None and not (lemma in cues.passive_verbs and _is_passive(token)):
        return None
    cue = _cue_span(token, cues)
    if source is None:
        return Attribution(None, cue, content, "passive")
    return Attribution(_source_span(source, token), cue, content, "verb")


def _quoted_as(verb: Token, cues: CueLexicon) -> Attribution | None:
    """ "X was quoted as saying ...": X is the source of what follows."""
    subject = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS), None)
    if subject is None:
        return None
    last, content = verb, _content(verb)
    for child in verb.children:  # "as saying": prep + pcomp, or an adverbial clause
        said = next((c for c in child.children if c.dep_ == "pcomp"), child)
        if child.dep_ in ("prep", "advcl") and said.lemma_.lower() in cues.verbs:
            last, content = said, _content(said)
    cue = _cue_span(verb, cues)
    end = last.idx + len(last.text)
    tokens = verb.doc.char_span(cue.start, end, alignment_mode="expand")  # token bounds
    cue = Span(tokens.text, cue.start, end)
    return Attribution(_source_span(subject), cue, content, "quoted")


def _preposition(token: Token, cues: CueLexicon) -> Attribution | None:
    """ "*according to* X": the phrase is the cue, X the source, the clause the content."""
    for words in cues.prepositions:
        n = len(words)
        window = token.doc[token.i : token.i + n]
        if len(window) < n or tuple(t.lower_ for t in window) != words:
            continue
        obj = next((c for c in window[-1].children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        head = token.head
        while head.dep_ not in ("ROOT",) and head.head.i != head.i and head.pos_ == "ADP":
            head = head.head
        content = _clause_without(head, window[0], obj)
        return Attribution(_span(obj), _tokens_span(window[0], window[-1]), content, "according_to")
    return None


def _noun(token: Token, cues: CueLexicon) -> Attribution | None:
    """A claim noun with its owner: "Trump's *claim* that ...", "*criticism* by Democrats"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in cues.nouns:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                break
    if owner is None:
        return None
    content = next(
        (_span(c) for c in token.children if c.dep_ in ("acl", "ccomp", "prep") and c != owner),
        None,
    )
    source = _span(owner, drop_possessive=True)
    return Attribution(source, _tokens_span(token, token), content, "noun")


def _document(token: Token, cues: CueLexicon) -> Attribution | None:
    """ "*in* a CNN poll": a figure attributed to a poll, survey or text by "in"."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in cues.documents:
        return None
    head = token.head
    if head.lemma_.lower() in cues.verbs:  # "said in a statement": the verb is the cue
        return None
    content = _clause_without(head, token, obj)
    return Attribution(_span(obj), _tokens_span(token, token), content, "document")


# --- parse helpers ----------------------------------------------------------------


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _has_clause(verb: Token) -> bool:
    """A clause, infinitive or quote as complement: "thinks *that* ...", "wants *to* ..."."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return True
    return verb.dep_ in ("parataxis",) or (
        verb.dep_ == "ROOT" and any(t.is_quote for t in verb.sent)
    )


def _speaker(verb: Token) -> Token | None:
    """Who the verb attributes to: subject, "by" agent, or inherited from the governing verb."""
    for _ in range(6):  # a few hops up a chain of conjuncts and participles is enough
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child
        if _is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            return None
        if verb.dep_ == "relcl" or verb.dep_ == "acl":
            return verb.head if verb.dep_ == "acl" and verb.tag_ == "VBG" else None
        if verb.dep_ in INHERITING and verb.head.i != verb.i:
            if verb.dep_ in ("ccomp", "xcomp") and verb.tag_ not in ("VBG",):
                return None
            verb = verb.head
            continue
        return None
    return None


def _content(verb: Token) -> Span | None:
    """What is attributed: the complement clause or object, else the rest of the sentence."""
    for dep in CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep:
                return _span(child)
    sent = verb.sent
    own = list(verb.subtree)
    before = sent.doc[sent.start : own[0].i] if own[0].i > sent.start else None
    after = sent.doc[own[-1].i + 1 : sent.end] if own[-1].i + 1 < sent.end else None
    best = max((s for s in (before, after) if s is not None), key=len, default=None)
    return _trim(best) if best is not None else None


def _clause_without(head: Token, first: Token, last: Token) -> Span | None:
    """The clause under ``head`` minus the attribution phrase ``first``..``last`` subtree."""
    tokens = [t for t in head.subtree]
    phrase = {t.i for t in first.subtree} | {t.i for t in last.subtree}
    rest = [t for t in tokens if t.i not in phrase and not t.is_punct]
    if not rest:
        return None
    return _tokens_span(rest[0], rest[-1])


def _cue_span(verb: Token, cues: CueLexicon) -> Span:
    """The verb, plus its particle or preposition when the lexicon joins them ("called for")."""
    lemma = verb.lemma_.lower()
    extras = cues.phrasal.get(lemma) or cues.phrasal_verbs.get(lemma) or frozenset()
    first = verb
    while first.i > 0:
        prev = verb.doc[first.i - 1]
        if prev.head == verb and prev.dep_ in ("aux", "auxpass", "neg", "advmod"):
            first = prev
        else:
            break
    return _tokens_span(first, _particle(verb, extras) or verb)


def _particle(verb: Token, particles: frozenset[str]) -> Token | None:
    """The particle or preposition right after the verb, when it is one of ``particles``."""
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.head != verb or nxt.dep_ not in ("prt", "prep", "agent"):
        return None
    return nxt if nxt.lower_ in particles else None


def _source_span(token: Token, verb: Token | None = None) -> Span:
    """The speaker's phrase; an apposition keeps its closing comma, as PolNeAR marks it.

    When the cue hangs inside the speaker's phrase ("a statement *saying* ..."), the
    phrase stops before it.
    """
    doc = token.doc
    if verb is not None and token.left_edge.i <= verb.i <= token.right_edge.i:
        end = max(verb.left_edge.i, token.i + 1)
        return _trim(doc[token.left_edge.i : end])
    span = _span(token)
    for i in (token.right_edge.i, token.right_edge.i + 1):
        if i < len(doc) and doc[i].text == "," and doc[i].idx == span.end and "," in span.text:
            return Span(span.text + ",", span.start, span.end + 1)
    return span


def _span(token: Token, drop_possessive: bool = False) -> Span:
    """A token's whole phrase (subtree), without edge punctuation or a trailing "'s"."""
    sub = token.doc[token.left_edge.i : token.right_edge.i + 1]
    if drop_possessive and len(sub) > 1 and sub[-1].tag_ == "POS":
        sub = sub[:-1]
    return _trim(sub)


def _trim(span: SpacySpan) -> Span:
    """Drop edge punctuation and space, but keep a closing bracket that closes inside."""
    doc, start, end = span.doc, span.start, span.end

    def loose(i: int) -> bool:
        tok = doc[i]
        if tok.text == ")":
            return "(" not in {t.text for t in doc[start:i]}
        return tok.text in EDGE_PUNCT or tok.is_space

    while end - start > 1 and loose(end - 1):
        end -= 1
    while end - start > 1 and loose(start):
        start += 1
    return _tokens_span(doc[start], doc[end - 1])


def _tokens_span(first: Token, last: Token) -> Span:
    # the tokens' own text: ``doc.text`` is rebuilt from every token of the Doc on each
    # read, which made long documents quadratic
    start, end = first.idx, last.idx + len(last.text)
    return Span(first.doc[first.i : last.i + 1].text, start, end)
