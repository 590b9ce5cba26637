"""How the text presents an event: asserted, negated, future, hypothetical, alleged, denied.

Scope comes from the dependency parse: cues on the trigger itself always apply;
cues on a governing word apply only when the trigger sits on its complement
side (object, complement clause, prepositional object), never when the trigger
is the subject ("Putin's visit could reshape alliances" keeps the visit asserted).
When several cues apply, the strongest wins: denied > alleged > negated >
hypothetical > future.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lemmas import is_one_of
from .lexicon import Lexicon
from .roles import (
    coordination_head,
    demanded_clause,
    fired_by,
    hung_on_object,
    intended_by,
    reduced_participle,
    requested_of,
)

# what is offered, as the object of an answer ("dismissed Trump's offer of talks")
OFFER_NOUNS = frozenset({"offer", "proposal", "invitation", "overture", "initiative"})
PRIORITY = ("denied", "alleged", "negated", "hypothetical", "future")
# dependency labels through which a governing word's cues reach the trigger
COMPLEMENT_DEPS = {
    "dobj", "pobj", "prep", "xcomp", "ccomp", "pcomp", "attr", "acomp", "oprd", "conj",
    "nsubjpass", "acl", "compound", "dative", "agent", "appos", "advcl",
}  # fmt: skip
PREDICATE_DEPS = {
    "xcomp", "dobj", "pobj", "prep", "attr", "pcomp", "conj", "nsubjpass", "oprd", "acomp",
}  # fmt: skip
MAX_CLIMB = 8
# marks of a clause that has not happened yet when the main clause holds ("ruled out talks
# until it lifts the sanctions"): it keeps the main clause's negation
OPEN_MARKS = frozenset({"until", "before", "once"})


@dataclass(slots=True)
class ModalityResult:
    modality: str
    cue: str | None = None
    reporter: Token | None = None  # the subject of a reporting or alleging verb
    denier: Token | None = None  # the verb that denies this event (its subject denies)
    accuser: Token | None = None  # the verb or noun that alleges this event
    cues: dict[str, str] | None = None  # every cue found, by modality (lowercased lemma)
    own_condition: bool = False  # an if-clause hangs on the trigger itself ("warned ... if")


def _indefinite(noun: Token) -> bool:
    """'an attack', 'any attack': a noun that names no particular act."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in noun.children)


def _unreal(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb's own clause is negated, future or hypothetical ("will not watch",
    "could face"), through the verb it is coordinated with ("will not stand by and watch")."""
    found: dict[str, str] = {}
    for v in (verb, *([verb.head] if verb.dep_ == "conj" else [])):
        _own_cues(v, lex, found, nominal=False)
    return bool(found.keys() & {"negated", "future", "hypothetical"})


def _own_cues(tok: Token, lex: Lexicon, found: dict[str, str], nominal: bool) -> None:
    for child in tok.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "neg" or (child.dep_ == "det" and lemma == "no"):
            found.setdefault("negated", child.text)
        elif (
            not nominal
            and child.dep_ in ("nsubj", "nsubjpass")
            and any(d.dep_ in ("det", "preconj") and d.lower_ == "neither" for d in child.children)
        ):
            found.setdefault("negated", "neither")  # "Neither China nor India has joined"
        elif (
            child.dep_ == "advmod"
            and child.lower_ in ("longer", "more")
            and any(c.lower_ == "no" for c in child.children)
        ):
            found.setdefault("negated", "no " + child.text)  # "would no longer demand"
        elif child.dep_ == "det" and nominal and lemma in lex.hypothetical_modifiers:
            found.setdefault("hypothetical", child.text)  # "any attack on Iran"
        elif (
            child.dep_ == "advcl"
            and any(
                m.dep_ == "mark" and m.lower_ in lex.hypothetical_marks and m.lower_ != "whether"
                for m in child.children
            )  # "criticised X for refusing to explain ..., whether ...": a question the
            # parser hung on the verb, no condition of it
            and not any(c.dep_ == "conj" and tok.i < c.i < child.i for c in tok.children)
        ):
            # "would attack if they refused" (not "summon the envoy and warn of consequences
            # if ...": the condition belongs to the last conjunct the parser hung it past)
            found.setdefault("hypothetical", child.text)
        elif child.dep_ == "aux":
            if lemma in lex.future_aux or (lemma == "would" and _reported_future(tok, lex)):
                found.setdefault("future", child.text)
            elif lemma in lex.hypothetical_aux:
                found.setdefault("hypothetical", child.text)
        elif child.dep_ == "mark" and lemma in lex.hypothetical_marks:
            found.setdefault("hypothetical", child.text)
        elif child.dep_ == "npadvmod" and (when := _future_modifier(child, lex)) is not None:
            found.setdefault("future", f"{when.text} {child.text}")  # "protests next month"
        elif child.dep_ in ("advmod", "amod", "npadvmod"):
            if lemma in lex.alleged_adverbs or child.lower_ in lex.alleged_adverbs:
                found.setdefault("alleged", child.text)
            elif child.lower_ in lex.hypothetical_modifiers or lemma in lex.hypothetical_modifiers:
                found.setdefault("hypothetical", child.text)
            elif nominal and (child.lower_ in lex.future_modifiers):
                found.setdefault("future", child.text)
            elif nominal and lemma == "alleged":
                found.setdefault("alleged", child.text)
        elif (
            nominal
            and child.dep_ == "acl"
            and child.tag_ == "VBN"
            and any(a.dep_ == "advmod" and a.lower_ in lex.alleged_adverbs for a in child.children)
        ):
            found.setdefault("alleged", child.text)  # "a deal reportedly brokered by ..."
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and (child.lower_, obj.lemma_.lower()) in lex.future_phrases:
                    found.setdefault("future", f"{child.text} {obj.text}")


def _future_modifier(time_noun: Token, lex: Lexicon) -> Token | None:
    """'next' in "next month", 'coming' in "the coming week"."""
    return next(
        (g for g in time_noun.children if g.dep_ == "amod" and g.lower_ in lex.future_modifiers),
        None,
    )


def _admission(verb: Token) -> bool:
    """'claimed responsibility for', 'claimed credit for': the claimant owns the act."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")
               for c in verb.children)  # fmt: skip


def _reported_future(verb: Token, lex: Lexicon) -> bool:
    """'said troops would take part': "would" in a reported clause is the future of the
    past ('will' in the speaker's words), unless a condition makes it hypothetical."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lex.reporting_verbs:
        return False
    return not any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.hypothetical_marks
                                  for m in c.children)
        for c in verb.children
    )  # fmt: skip


def _complement_clause(verb: Token) -> bool:
    """'claims that it had supplied drones': a that-clause the parser labelled relcl."""
    has_mark = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return has_mark and subj is not None and subj.tag_ not in ("WDT", "WP")


def _disowning_clause(noun: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """'the chemical attack in Douma, which Syrian forces have denied carrying out',
    'the bombing, which Iran accused Israel of carrying out': a relative clause that denies
    or alleges the noun's event, the relative pronoun being what is denied or alleged.
    The parser often hangs the clause on the last noun of the event's phrase; a place
    there cannot be denied, and nothing but an act can be "carried out"."""
    hosts = [(noun, True)]
    level = [noun]
    for _ in range(2):
        level = [o for t in level for p in t.children if p.dep_ == "prep"
                 for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        hosts += [(o, o.ent_type_ in ("GPE", "LOC", "FAC")) for o in level]
    for host, direct in hosts:
        for clause in host.children:
            if clause.dep_ != "relcl" or clause.pos_ not in ("VERB", "AUX"):
                continue
            lemma = clause.lemma_.lower()
            if lemma in lex.denial_heads:
                kind = "denied"
            elif lemma in lex.accusing_heads:
                kind = "alleged"
            else:
                continue
            # "denied [carrying out] which", "accused X [of carrying out] which"
            chain = [clause]
            for depth in range(3):
                if (direct or depth > 0) and any(
                    c.dep_ in ("dobj", "pobj", "nsubjpass") and c.tag_ in ("WDT", "WP")
                    for t in chain
                    for c in t.children
                ):
                    return kind, clause
                chain = [
                    c for t in chain for c in t.children
                    if c.dep_ in ("xcomp", "pcomp", "prep") and c.tag_ not in ("WDT", "WP")
                ]  # fmt: skip
    return None


def _denied_existence(noun: Token, lex: Lexicon) -> bool:
    """'no evidence', 'there was no sign', 'has no intention', 'did not find evidence'."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    verb = noun.head
    return noun.dep_ in ("dobj", "attr") and any(
        c.dep_ == "neg" or c.lower_ in lex.negation for c in verb.children if c.dep_ != "nsubj"
    )


def _question(trigger: Token) -> bool:
    """The trigger is in the main clause of a question ("Will Iran strike Israel?")."""
    sent = trigger.sent
    last = sent[-1] if len(sent) else None
    # closing quotes, and the blanks a skipped next sentence leaves (nlp/skip.py)
    while last is not None and (
        last.is_space or (last.is_punct and last.text in ('"', "”", "’", "'", ")"))
    ):
        last = trigger.doc[last.i - 1] if last.i > sent.start else None
    if last is None or last.text != "?":
        return False
    root = sent.root
    cur = trigger
    for _ in range(8):
        if cur == root:
            return True
        if cur.dep_ in ("ccomp", "advcl", "relcl", "acl") and cur.head.lemma_ != "be":
            return cur.head == root and any(c.dep_ == "aux" for c in root.children)
        cur = cur.head
    return False


def _subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.pos_ in ("VERB", "AUX"):
        # "Ri told reporters ..., adding that Pyongyang had every right to ...": the one
        # who told adds
        return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return None


def _necessary(verb: Token) -> bool:
    """'said it is critical that Russia withdraw', 'it is time for Iran to return': what an
    impersonal frame says must happen has not happened (``derive.necessity_frame``)."""
    from .derive import load_rules, necessity_frame  # derive imports this module

    return necessity_frame(verb, load_rules()) is not None


def _accused_of(trigger: Token, lex: Lexicon) -> Token | None:
    """'accusing his counterpart of refusing to commit': the accusing verb, when the parser
    hangs "of" and the act on the accused (its object) rather than on the verb."""
    hung = hung_on_object(trigger)
    if hung is not None and hung[1].lemma_.lower() in lex.accusing_heads:
        return hung[1]
    return None


def classify(trigger: Token, lex: Lexicon, nominal: bool) -> ModalityResult:
    found: dict[str, str] = {}
    result = ModalityResult("asserted")
    _own_cues(trigger, lex, found, nominal)
    own_hypothesis = "hypothetical" in found  # "will not accept refugees if war starts"
    if nominal and (disowned := _disowning_clause(trigger, lex)) is not None:
        kind, verb = disowned
        found.setdefault(kind, verb.lemma_)
        if kind == "denied":
            result.denier = verb
        else:
            result.accuser = verb
    if (accuser := _accused_of(trigger, lex)) is not None:
        found.setdefault("alleged", accuser.lemma_)  # "accuses the LTTE of using civilians"
        result.accuser = accuser
    result.own_condition = not nominal and any(  # "warned ... if", not "If Iran warns ..."
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.hypothetical_marks
                                  for m in c.children)
        for c in trigger.children
    )  # fmt: skip
    if nominal and trigger.dep_ == "pobj" and trigger.head.lower_ in lex.presupposing_preps:
        # "has not joined sanctions over its invasion of Ukraine": the reason given for an
        # act is taken as fact, whatever is said of the act
        return _settle(found, result)
    cur = trigger
    verb_seen = False  # a nominal trigger takes cues only through its first (light) verb
    noun_passed = False  # a noun's infinitive scopes over its own clause, not a larger one
    inside_noun_phrase = False
    # "failed to agree ... after China withheld its support": a clause of time or reason
    # is not negated with the clause it hangs on (negation found below it still counts)
    negated_below: bool | None = None
    for _ in range(MAX_CLIMB):
        head = coordination_head(cur)
        if head == cur:
            break
        dep = cur.dep_
        hlemma = head.lemma_.lower()
        if (
            negated_below is None
            and dep == "advcl"
            and any(
                c.dep_ == "mark" and c.lower_ in lex.adverbial_marks and c.lower_ not in OPEN_MARKS
                for c in cur.children
            )
        ):
            negated_below = "negated" in found
        if dep == "relcl" and (firing := fired_by(cur)) is not None:
            # "denied that its soldiers fired the shot that killed her": the killing is
            # the firing's, and is denied with it
            _own_cues(firing, lex, found, nominal=False)
            cur = firing
            continue
        if dep in ("nsubj", "csubj"):
            # a subject only inherits status-describing cues from a copula ("X is in progress")
            if hlemma == "be":
                _own_cues(head, lex, found, nominal=True)
                if found:
                    cur = head
                    continue
            if any(m.dep_ == "mark" and m.lower_ in lex.hypothetical_marks for m in head.children):
                # "if a US strike on Syria threatened Russian personnel": a condition
                found.setdefault("hypothetical", "if")
                break
            if (
                nominal
                and cur is trigger
                and _indefinite(trigger)
                and any(
                    c.dep_ == "aux" and c.lemma_.lower() in lex.hypothetical_aux
                    for c in head.children
                )
            ):
                # "A Chinese blockade of Taiwan could cut off ...": a blockade that may come
                # (not "Putin's visit could reshape ...": a visit that happened)
                found.setdefault("hypothetical", head.text)
            break
        if (
            dep == "conj"
            and cur.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        ):
            # "US forces have not acted, and the opposition accused them": a clause with
            # its own subject has its own status ("did not invite him, nor do we endorse
            # him": "nor" negates it too)
            if any(
                c.dep_ == "cc" and c.lower_ == "nor" and c.i < cur.i
                for c in (*head.children, *cur.children)
            ):
                found.setdefault("negated", "nor")
            break
        if dep == "relcl":
            if not _complement_clause(cur):
                break
        elif dep not in COMPLEMENT_DEPS and dep not in ("advmod", "npadvmod", "mark"):
            break
        elif (
            dep == "advcl"
            and cur.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in ("aux", "mark") for c in cur.children)
        ):
            break  # "denied it, calling the claims baseless": the calling is not denied
        # "plans to visit", "has sworn to fight" (an infinitive the parser calls advcl)
        complement = dep in ("xcomp", "ccomp") or (
            dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        )
        if (
            head.pos_ in ("VERB", "AUX")
            and hlemma in lex.preventing_heads
            and dep in ("dobj", "xcomp", "ccomp", "prep", "pcomp", "nsubjpass")
        ):
            found.setdefault("hypothetical", hlemma)  # "to prevent an attack on Idlib"
        if head.pos_ in ("VERB", "AUX") and inside_noun_phrase:
            break  # "is not party to a deal brokered by ...": the deal itself is not negated
        if head.pos_ in ("VERB", "AUX"):
            first_verb = not verb_seen
            verb_seen = True
            if (
                first_verb
                and not nominal
                and reduced_participle(trigger)
                and trigger.head.dep_ == "dobj"
                and trigger.head.head == head
                and hlemma not in lex.scope_verbs
                and hlemma not in lex.denial_heads
                and hlemma not in lex.alleged_heads
            ):
                break  # "will attend a conference boycotted by the opposition": the
                # participle has its own time; the verb above its noun does not reach it
            if (
                nominal
                and first_verb
                and dep == "dobj"
                and hlemma in lex.response_verbs
                and trigger.lemma_.lower() in lex.request_nouns | OFFER_NOUNS
            ):
                break  # "rejected Erdoğan's calls for a ceasefire": the calls were made
            if nominal and first_verb and dep == "dobj" and hlemma in lex.reversing_verbs:
                # "lifted its objections", "dropped its demand": the stance is given up
                found.setdefault("negated", hlemma)
            elif nominal and first_verb and dep == "dobj" and hlemma in lex.plan_heads:
                # "planning attacks on Australians", "feared an attack": the object is
                # what is planned or feared, and the verb's own status still applies
                found.setdefault("future" if hlemma in lex.future_heads else "hypothetical",
                                 hlemma)  # fmt: skip
            elif (
                nominal
                and first_verb
                and not is_one_of(head, lex.light_verbs)
                and not is_one_of(head, lex.attend_verbs)  # "will arrive for talks"
                and not is_one_of(head, lex.undergo_verbs)  # "claimed they suffered torture"
                and hlemma not in lex.scope_verbs
                and hlemma not in lex.denial_heads
                and hlemma not in lex.alleged_heads
            ):
                if dep == "dobj" and _indefinite(cur) and _unreal(head, lex):
                    # "will not stand by and watch a Russian-led attack": an act named only
                    # as what the verb would or would not do is not asserted
                    found.setdefault("hypothetical", head.lemma_)
                break  # "could circumvent sanctions": the sanctions themselves stay asserted
            ruled_out = (
                hlemma == "rule"
                and dep in ("dobj", "xcomp", "pcomp", "ccomp", "advcl")
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
            )
            if ruled_out:
                # "ruled out attending": not done; "has not ruled out attending": possible
                negated_head = any(c.dep_ == "neg" for c in head.children)
                found.setdefault("hypothetical" if negated_head else "negated", "ruled out")
            elif (asked := demanded_clause(cur)) is not None:
                found.setdefault("hypothetical", asked.lemma_)  # "its demand that Israel ease"
            elif _necessary(cur):
                found.setdefault("hypothetical", "necessity")  # "said it is time for X to"
            elif (intent := intended_by(cur)) is not None:
                # "foiled a plot to bomb the embassy" (parsed as a purpose of "foiled"): the
                # act is only intended, and the verb's own status (prevented) still applies
                found.setdefault("future", intent.lemma_)
                if hlemma in lex.preventing_heads:
                    found.setdefault("hypothetical", hlemma)
            elif dep == "conj" and (hlemma in lex.denial_heads or hlemma in lex.alleged_heads):
                pass  # "rejected the plan and said they opposed ...": a sibling, not its content
            elif (
                dep == "advcl"
                and (hlemma in lex.denial_heads or hlemma in lex.alleged_heads)
                and any(c.dep_ == "mark" and c.lower_ in lex.adverbial_marks for c in cur.children)
            ):
                pass  # "detained 100 people as thousands marched": when, not what is alleged
            elif (
                dep == "xcomp" and hlemma in lex.raising_heads
                and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
            ):  # fmt: skip
                # "Isis is said to have used such weapons", "was reported to have fled":
                # said of the subject by unnamed others
                found.setdefault("alleged", head.lemma_)
            elif hlemma in lex.denial_heads:
                found.setdefault("denied", head.text)
                result.denier = head
            elif hlemma in lex.alleged_heads and (
                _admission(head) or (hlemma == "claim" and nominal and dep == "dobj")
            ):  # "claimed the attack": the claimant owns the act named as its object
                pass  # "claimed responsibility for the attack": an admission, not a claim
            elif hlemma == "blame" and dep == "dobj":
                pass  # "blaming Turkey's offensive for ...": the offensive happened
            elif hlemma in lex.alleged_heads:
                subj = _subject(head)
                if hlemma in lex.reporting_verbs or hlemma in ("report", "say"):
                    if subj is not None and subj.lemma_.lower() in lex.alleged_nouns:
                        found.setdefault("alleged", f"{subj.text} {head.text}")
                else:
                    found.setdefault("alleged", head.text)
                    result.accuser = head
                if result.reporter is None:
                    result.reporter = subj
            elif hlemma in lex.reporting_verbs and dep in ("ccomp", "parataxis", "xcomp", "conj"):
                subj = _subject(head)
                if subj is not None and subj.lemma_.lower() in lex.alleged_nouns:
                    found.setdefault("alleged", f"{subj.text} {head.text}")
                elif result.reporter is None:
                    result.reporter = subj
            elif dep == "xcomp" and hlemma in lex.negating_heads:
                found.setdefault("negated", head.lemma_)
            elif dep == "xcomp" and hlemma in lex.raising_heads:
                # "appears to have won", "is believed to be fighting", "suspected of"
                found.setdefault("alleged", head.lemma_)
            elif (
                complement
                and hlemma in lex.performative_heads
                and cur.lemma_.lower() in lex.performative_verbs
                and (subj := _subject(head)) is not None
                and subj.lower_ in ("i", "we")
            ):
                pass  # "I want to thank the Canadian people": saying it is doing it
            elif complement and hlemma in lex.hypothetical_heads:
                found.setdefault("hypothetical", head.lemma_)
            elif complement and requested_of(cur):
                found.setdefault("hypothetical", "appeal")  # "made an appeal to X to allow"
            elif dep == "prep" and cur.lower_ == "for" and hlemma in lex.hypothetical_heads:
                found.setdefault("hypothetical", head.lemma_)  # "called for his release"
            elif complement and hlemma in lex.future_heads:
                found.setdefault("future", head.lemma_)
            if not ruled_out and (
                dep in PREDICATE_DEPS
                or (
                    dep == "advcl"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
                )
            ):  # "if NATO sent troops to fight in Ukraine": the purpose shares the condition
                _own_cues(head, lex, found, nominal=False)
        elif (
            head.pos_ in ("NOUN", "PROPN")
            and hlemma in lex.negating_nouns
            and dep in ("acl", "ccomp", "prep", "pobj", "pcomp", "relcl")
            and _denied_existence(head, lex)
        ):
            # "no evidence that Russia fired", "no intention of attacking Kyiv", "no sign
            # that troops were leaving": what is said not to exist did not happen
            found.setdefault("negated", f"no {head.lemma_}")
        elif (
            head.pos_ == "NOUN"
            and not noun_passed
            and (hlemma in lex.intent_nouns or hlemma in lex.capacity_nouns)
            and (
                (dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children))
                or (dep == "pcomp" and cur.head.lower_ == "of")
            )
        ):
            # "Israel's plan to strike Iran", "had every right to shoot down": an act
            # intended is future, one merely possible or tried is hypothetical
            found.setdefault("future" if hlemma in lex.intent_nouns else "hypothetical", hlemma)
        elif head.pos_ in ("NOUN", "PROPN"):
            participle = (
                dep == "acl"
                and cur.tag_ == "VBN"
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
            )  # "a charge refuted by Russia": the charge is what is refuted
            if (
                not participle
                and hlemma in lex.alleged_nouns
                and dep
                in (
                    "prep",
                    "acl",
                    "ccomp",
                    "pobj",
                    "compound",
                    "relcl",
                )
            ):
                found.setdefault("alleged", head.lemma_)
                result.accuser = head
            elif head.lower_ in lex.future_modifiers:
                found.setdefault("future", head.lemma_)
        elif head.pos_ == "ADJ" and hlemma in lex.future_heads and dep in ("xcomp", "ccomp"):
            # "is likely to", "ready to"; "hardly likely to" negates
            if any(c.dep_ in ("advmod", "neg") and c.lower_ in lex.negation for c in head.children):
                found.setdefault("negated", head.lemma_)
            else:
                found.setdefault("future", head.lemma_)
        elif head.pos_ == "ADJ" and hlemma in lex.hypothetical_heads and dep in ("xcomp", "ccomp"):
            found.setdefault("hypothetical", head.lemma_)  # "unlikely to"
        if dep == "prep" and cur.lower_ == "of" and hlemma in lex.hypothetical_nouns:
            found.setdefault("hypothetical", hlemma)  # "warnings of an imminent invasion"
        noun_passed = noun_passed or head.pos_ in ("NOUN", "PROPN")
        inside_noun_phrase = inside_noun_phrase or (
            dep == "prep"
            and head.pos_ == "NOUN"
            and hlemma not in lex.measure_nouns
            and hlemma not in lex.negating_nouns
            and hlemma not in lex.alleged_nouns
            and hlemma not in lex.intent_nouns
            and hlemma not in lex.capacity_nouns
            and hlemma not in lex.responsibility_nouns  # "denied involvement in the attack"
        )  # a noun event in a phrase on another noun ("party to a deal")
        cur = head
    if _question(trigger):
        found.setdefault("hypothetical", "?")  # "Will Iran strike Israel?"
    if (
        "negated" in found
        and "hypothetical" in found
        and not own_hypothesis
        and any(c.dep_ == "neg" for c in trigger.children)
    ):
        # "warned Assad not to attack Idlib", "urged them not to attend": what is asked
        # not to happen is still only asked about (hypothetical), not reported as not done
        del found["negated"]
    if negated_below is False and "negated" in found:
        del found["negated"]
    return _settle(found, result)


def _settle(found: dict[str, str], result: ModalityResult) -> ModalityResult:
    """The modality the cues found give, by priority."""
    result.cues = {k: v.lower() for k, v in found.items()}
    for name in PRIORITY:
        if name in found:
            result.modality = name
            result.cue = found[name]
            break
    return result
