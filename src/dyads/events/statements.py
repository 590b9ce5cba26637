"""Criticism and praise said aloud: "X said Y's comments were a blatant violation".

PLOVER codes what an actor says about another as an event: criticism is ACCUSE,
praise SUPPORT (the coders' guide of ``news_gold``: "Criticism said aloud is
ACCUSE"). No verb of the sentence names the act, so no pattern fires; what marks it
is a statement verb whose content evaluates someone:

- "said (that) CLAUSE", "adding that CLAUSE", a quotation attributed to the speaker:
  the evaluated actor is the clause's subject (or who owns it: "Trump's comments");
- "described X as ...", "called X ...", "branded X a ...": the evaluated actor is X.

The evaluation is read from cue words of the clause (``lexicon.yaml``,
``evaluation``), never across a nested statement or a negation ("was not a threat").
The speaker and the evaluated must be different actors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .lexicon import lexicon_data
from .roles import verb_subjects

MAX_CLAUSE_TOKENS = 40  # an evaluation is read from a clause, not from a whole paragraph


@dataclass(frozen=True, slots=True)
class EvaluationCues:
    statement_verbs: frozenset[str]  # say, add, claim ... (a clause follows)
    naming_verbs: frozenset[str]  # describe, call, brand ... (an object and how it is named)
    negative: frozenset[str]
    positive: frozenset[str]
    phrases_negative: tuple[tuple[str, ...], ...]
    negative_type: str
    negative_cameo: str
    positive_type: str
    positive_cameo: str
    dismissal_type: str  # criticism of a charge ("called the accusations baseless")
    dismissal_cameo: str
    result_verbs: frozenset[str] = frozenset()  # "tested positive": a result, not praise
    # naming someone a target threatens them: "British jihadists are a legitimate target"
    threat_phrases: tuple[tuple[str, ...], ...] = ()
    threat_type: str = "THREATEN"
    threat_cameo: str = "138"


@lru_cache(maxsize=1)
def load_cues() -> EvaluationCues:
    e = lexicon_data()["evaluation"]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in e.get(key, []) if " " not in str(w))

    return EvaluationCues(
        statement_verbs=words("statement_verbs"),
        naming_verbs=words("naming_verbs"),
        negative=words("negative"),
        positive=words("positive"),
        phrases_negative=tuple(
            tuple(str(w).lower().split()) for w in e.get("negative", []) if " " in str(w)
        ),
        negative_type=e["negative_event"]["type"],
        negative_cameo=str(e["negative_event"]["cameo"]),
        positive_type=e["positive_event"]["type"],
        positive_cameo=str(e["positive_event"]["cameo"]),
        dismissal_type=e["dismissal_event"]["type"],
        dismissal_cameo=str(e["dismissal_event"]["cameo"]),
        result_verbs=words("result_verbs"),
        threat_phrases=tuple(tuple(str(w).lower().split()) for w in e.get("threat", [])),
        threat_type=(e.get("threat_event") or {}).get("type", "THREATEN"),
        threat_cameo=str((e.get("threat_event") or {}).get("cameo", "138")),
    )


@dataclass(slots=True)
class Evaluation:
    """One statement that evaluates someone: who speaks, the verb, whom it is about, and
    whether it criticises (negative) or praises."""

    verb: Token
    evaluated: list[Token]
    negative: bool
    speakers: tuple[Token, ...] = ()  # given for a passive ("was described as ... by X")
    threat: bool = False  # "X is a legitimate target": a threat to X, not criticism


def polarity(tokens: list[Token], cues: EvaluationCues) -> bool | None:
    """True if the words criticise, False if they praise, None if neither (or both, or
    the evaluation is negated)."""
    tokens = [t for t in tokens if t.head.lemma_.lower() not in cues.result_verbs]
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    neg = any(w in cues.negative for w in lemmas) or any(w in cues.negative for w in lowers)
    if not neg and cues.phrases_negative:
        text = " ".join(lowers)
        neg = any(" ".join(p) in text for p in cues.phrases_negative)
    pos = any(w in cues.positive for w in lemmas) or any(w in cues.positive for w in lowers)
    if neg == pos:
        return None
    if any(t.dep_ == "neg" for t in tokens):
        return None  # "was not a threat", "did not violate"
    return neg


def _names_target(tokens: list[Token], cues: EvaluationCues) -> bool:
    """'British nationals fighting for Isis are a "legitimate target"': the clause names
    its subject a target (``evaluation.threat``), unless negated."""
    if not cues.threat_phrases or any(t.dep_ == "neg" for t in tokens):
        return False
    words = [t.lower_ for t in tokens if not t.is_punct]
    text = " " + " ".join(words) + " "
    return any(f" {' '.join(p)} " in text for p in cues.threat_phrases)


def _clause(root: Token) -> list[Token]:
    """The words of a clause, without clauses nested under another statement verb or
    describing one of its nouns."""
    out: list[Token] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in ("ccomp", "parataxis") and child is not root:
                continue
            if child.dep_ in ("acl", "relcl", "appos"):
                continue  # "arrested men suspected of sabotage": describes them, not the subject
            stack.append(child)
    return sorted(out, key=lambda t: t.i)[:MAX_CLAUSE_TOKENS]


def _pronominal(tok: Token) -> bool:
    """'they', 'all of them', 'each of them': a subject that only points elsewhere."""
    if tok.pos_ == "PRON":
        return True
    return tok.pos_ in ("DET", "NUM", "ADJ") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PRON" for o in c.children)
        for c in tok.children
    )


def find_evaluations(sent, cues: EvaluationCues | None = None) -> list[Evaluation]:
    """Statements in a sentence that evaluate someone, from the parse alone."""
    cues = cues or load_cues()
    out: list[Evaluation] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        if lemma in cues.naming_verbs:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            named = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp")]
            # "the move was described as alarming by Russia's envoy": named by the agent,
            # whose "by" the parser may hang on the naming words ("as very alarming by")
            passive = not objects and any(c.dep_ == "auxpass" for c in verb.children)
            agents = tuple(
                o for a in [*verb.children, *(t for n in verb.children if n.dep_ == "prep"
                                              and n.lower_ == "as" for t in n.subtree)]
                if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by")
                for o in a.children if o.dep_ == "pobj"
            ) if passive else ()  # fmt: skip
            if agents:
                objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not objects:
                # "considered the intrusion an act of provocation": a verbless clause whose
                # subject is what is named
                for small in (c for c in verb.children if c.dep_ in ("ccomp", "oprd")):
                    if small.pos_ in ("NOUN", "ADJ"):
                        # "called the attack barbaric", parsed as one noun phrase: its
                        # compound is what is named
                        dep = "nsubj" if small.dep_ == "ccomp" else "compound"
                        said = [c for c in small.children if c.dep_ == dep]
                        if said:
                            objects = said
                            kept = {t.i for o in said for t in o.subtree}
                            found = polarity([t for t in small.subtree if t.i not in kept], cues)
                            if found is not None:
                                out.append(Evaluation(verb, objects, found, agents))
                if objects:
                    continue
            named += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
            # "described the US move as provocative": the parser may hang "as" on the object
            named += [
                c for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "as"
            ]
            if objects and named:
                words = [t for n in named for t in n.subtree]
                found = polarity(words, cues)
                if found is not None:
                    out.append(Evaluation(verb, objects, found, agents))
            continue
        if lemma not in cues.statement_verbs:
            continue
        for comp in verb.children:
            if comp.dep_ not in ("ccomp", "parataxis") or comp.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [s for s in verb_subjects(comp) if s.pos_ != "PRON" or s.lower_ in (
                "it", "they", "he", "she")]  # fmt: skip
            if [s.lower_ for s in subjects] == ["it"]:
                # "it was tantamount to a black comedy that these countries were seeking
                # ...": an extraposed clause's subject is whom the evaluation is about
                # (the parser may hang it on the evaluating noun: "a comedy that ...")
                subjects = next((
                    found for c in comp.subtree if c.dep_ in ("ccomp", "relcl") and c is not comp
                    if (found := [s for s in verb_subjects(c) if s.pos_ != "PRON"])
                ), subjects)  # fmt: skip
            about = [
                o for p in verb.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"
            ]  # fmt: skip
            if about and all(_pronominal(t) for t in subjects):
                # "'All of them have participated in the bloodshed,' he said of the five
                # nations": whom the words are about is named after "of"
                subjects = about
            if not subjects:
                continue
            clause = _clause(comp)
            if _names_target(clause, cues):
                out.append(Evaluation(verb, subjects, True, threat=True))
                continue
            found = polarity(clause, cues)
            if found is not None:
                out.append(Evaluation(verb, subjects, found))
    return out
