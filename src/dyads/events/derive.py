"""Events about events: promises, refusals, threats and obligations.

PLOVER types statements of intent as events in their own right: "Finland will
give Tanzania a grant" is both AID (future) and an AGREE made now; "Syria will not
accept refugees" is a REJECT; "Germany plans to impose sanctions on Iran" a
THREATEN; "Russia said Sudan must return the helicopter" a REQUEST from Russia to
Sudan. The embedded event keeps its modality; the derived one is asserted. The
rules and CAMEO codes are data (``lexicon.yaml``, ``derivations``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from .lexicon import lexicon_data
from .modality import ModalityResult
from .patterns import Pattern, PatternSet
from .roles import noun_governor

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
# acts that are threats only when threatened in so many words: "threatened to boycott the
# talks" (not "will reject the plan", a stance)
DEFIANT = {"REJECT", "PROTEST"}
# how a target is found when a build-up is aimed at it, not merely placed in its country
AIMED_VIAS = ("prep:against", "prep:toward", "prep:towards", "prep:at", "object_prep:against")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    from_modality: frozenset[str]
    cameo: dict[str, str]

    def cameo_for(self, embedded: str) -> str:
        return self.cameo.get(embedded, self.cameo["default"])


@dataclass(frozen=True, slots=True)
class Rules:
    intent: Rule
    refusal: Rule
    threat: Rule
    obligation: Rule
    obligation_aux: frozenset[str]
    need_heads: frozenset[str]
    commitments: frozenset[str]
    plans: frozenset[str]
    claim: Rule | None = None
    claim_verbs: frozenset[str] = frozenset()
    refusal_heads: frozenset[str] = frozenset()
    desires: frozenset[str] = frozenset()  # "wishes to speak with Hu": intent stated now
    posture: Rule | None = None  # "troops are preparing to attack": a show of force now
    posture_heads: frozenset[str] = frozenset()
    # "it is critical that X ...", "it is time for X to ...": an obligation stated impersonally
    necessity_heads: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    raw = lexicon_data()["derivations"]

    def rule(name: str) -> Rule:
        r = raw[name]
        return Rule(name, r["type"], frozenset(r.get("from_modality", [])), dict(r["cameo"]))

    return Rules(
        rule("intent"), rule("refusal"), rule("threat"), rule("obligation"),
        frozenset(raw["obligation"].get("aux", [])),
        frozenset(raw["obligation"].get("need_heads", [])),
        frozenset(str(w).lower() for w in raw.get("commitments", [])),
        frozenset(str(w).lower() for w in raw.get("plans", [])),
        rule("claim") if "claim" in raw else None,
        frozenset(str(w).lower() for w in (raw.get("claim") or {}).get("verbs", [])),
        frozenset(str(w).lower() for w in raw["refusal"].get("heads", [])),
        frozenset(str(w).lower() for w in raw.get("desires", [])),
        rule("posture") if "posture" in raw else None,
        frozenset(str(w).lower() for w in (raw.get("posture") or {}).get("heads", [])),
        frozenset(str(w).lower() for w in raw["obligation"].get("necessity_heads", [])),
    )  # fmt: skip


def derived_pattern(rule: Rule, embedded: Pattern) -> Pattern:
    return replace(
        embedded,
        id=f"derived.{rule.name}.{embedded.id}",
        type=rule.type,
        mode=None,
        cameo=rule.cameo_for(embedded.type),
        symmetric=False,
    )


def conditional(trigger: Token) -> str | None:
    """'... unless X', '... if Y': the condition word on the trigger's clause, if any."""
    for child in trigger.children:
        if child.dep_ == "advcl":
            for mark in child.children:
                if mark.dep_ == "mark" and mark.lower_ in ("if", "unless"):
                    return mark.lower_
    return None


def _in_condition(trigger: Token) -> bool:
    """'threatened to strike Iran if it attacked US forces': the act in the condition is
    what the other side might do, never something the speaker commits to."""
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)


def _rule_for(cand, rules: Rules) -> Rule | None:
    if _in_condition(cand.trigger):
        return None
    pattern, modality = cand.pattern, cand.modality.modality
    cues = cand.modality.cues or {}
    condition = conditional(cand.trigger)
    refused = modality in rules.refusal.from_modality
    if condition == "unless" and pattern.type in COOPERATIVE and refused:
        # "will not end their strike unless their demands are met": a refusal with a way out
        return rules.refusal
    if pattern.type != "THREATEN" and condition == "unless":
        return rules.threat  # an ultimatum: "will withdraw unless ..."
    cue = cues.get("future") or cues.get("hypothetical") or ""
    # a promise, pledge or vow commits its maker; "will", "plans to", "would" only when
    # the actor says so itself ("Iran said it would retaliate"), not when others report
    # or forecast it ("Germany plans to station troops", "officials said Xi will visit")
    committed = cue in rules.commitments or (cue in rules.plans and cand.self_reported)
    if pattern.type in COOPERATIVE and cue in rules.desires and cand.self_reported:
        committed = True  # "he wishes to speak with Hu": an intent to meet (CAMEO 036)
    intended = modality in (*rules.intent.from_modality, "hypothetical") and committed
    if pattern.type in COOPERATIVE and intended:
        return None if pattern.type == "AGREE" else rules.intent
    if (
        pattern.type in COOPERATIVE
        and modality in rules.refusal.from_modality
        and (
            cue in rules.commitments or cue in rules.plans
            or _decided_against(cand.trigger, rules)
        )
    ):  # fmt: skip
        # "will not accept", "would not meet", "voted not to attend": a refusal, not any
        # negation
        return rules.refusal
    if pattern.type in HOSTILE and (
        intended or (condition and modality in ("hypothetical", "future"))
    ):
        return rules.threat
    if (
        pattern.type in DEFIANT
        and cue == "threaten"
        and modality in ("hypothetical", "future")
        and cand.targets  # a threat is made to someone (roles.yaml: no targetless THREATEN)
    ):
        return rules.threat  # "threatened to boycott the talks": a threat (CAMEO 1312)
    return None


def _decided_against(trigger: Token, rules: Rules) -> bool:
    """'voted not to attend the conference', 'chose not to sign': a negated act that a
    decision verb (``refusal.heads``) governs is decided against, a refusal made now."""
    verb = trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        verb = noun_governor(trigger)[0]  # "not to attend the conference"
    if verb is None or verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in rules.refusal_heads:
        return False
    return any(c.dep_ == "neg" for c in verb.children)


def _committed(cand, rules: Rules) -> bool:
    """A future or hypothetical act its actor commits to ("pledged to", "said it would")."""
    if cand.modality.modality not in (*rules.intent.from_modality, "hypothetical"):
        return False
    cues = cand.modality.cues or {}
    cue = cues.get("future") or cues.get("hypothetical") or ""
    return cue in rules.commitments or (cue in rules.plans and cand.self_reported)


def derive(candidates: list, rules: Rules) -> list:
    """Derived candidates for a sentence's candidates (skipping what is already coded)."""
    out = _postures(candidates, rules)
    for cand in candidates:
        if cand.pattern.type == "AGREE" and _committed(cand, rules):
            # "Iran said it would respect the UN resolution": the promise is the agreement,
            # made now (the news coding guide: future cooperation is AGREE, asserted)
            cand.modality = ModalityResult(
                "asserted", cand.modality.cue, cand.modality.reporter, cues=cand.modality.cues
            )
            continue
        rule = _rule_for(cand, rules)
        if rule is None or not cand.sources:
            continue  # a threat, promise or refusal is someone's: an unnamed attacker's is no one's
        if (
            rule is rules.threat
            and cand.pattern.type == "MOBILIZE"
            and not (cand.target_via or "").startswith(AIMED_VIAS)
        ):
            # troops "would take part in exercises", "would increase troops in Syria": a
            # threat only when aimed at someone ("would deploy missiles against Japan")
            continue
        if _coded_already(candidates, rule.type, cand.sources):
            continue
        cues = cand.modality.cues or {}
        cue = cues.get("future") or cues.get("hypothetical") or ""
        # a promise is made now (asserted); a plan stated ("Xi will visit Russia") is
        # future cooperation: AGREE, future, as news coders code it
        planned = rule is rules.intent and cue not in rules.commitments | rules.desires
        out.append(
            replace(
                cand,
                pattern=derived_pattern(rule, cand.pattern),
                modality=ModalityResult(
                    "future" if planned else "asserted", cand.modality.cue, cand.modality.reporter
                ),
            )
        )
    return out


def _coded_already(candidates: list, type_: str, sources: list) -> bool:
    """Whether a candidate of ``type_`` by one of these sources is in the sentence already."""
    codes = {m.actor.code for m in sources}
    return any(
        other.pattern.type == type_ and codes & {m.actor.code for m in other.sources}
        for other in candidates
    )


def _postures(candidates: list, rules: Rules) -> list:
    """'Turkish troops are preparing to attack Afrin': getting ready for an attack shows
    force now (``derivations.posture``), besides the attack to come."""
    rule = rules.posture
    if rule is None:
        return []
    out = []
    for cand in candidates:
        cues = cand.modality.cues or {}
        if (
            cand.pattern.type != "ASSAULT"
            or cand.modality.modality not in rule.from_modality
            or (cues.get("future") or "") not in rules.posture_heads
            or not cand.sources
        ):
            continue
        if _coded_already(candidates, rule.type, cand.sources):
            continue  # "massing ... in preparation for the assault": coded already
        out.append(
            replace(
                cand,
                pattern=derived_pattern(rule, cand.pattern),
                modality=ModalityResult("asserted", cand.modality.cue, cand.modality.reporter),
            )
        )
    return out


def obligation_verbs(sent, rules: Rules) -> list[tuple[Token, Token]]:
    """(obligated verb, reporting verb) pairs: "Z said X must do Y" -> (do, said)."""
    pairs = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "auxpass" for c in tok.children):
            continue  # "refugees need to be protected": asked of no one named, not of them
        obliged = any(c.dep_ == "aux" and c.lower_ in rules.obligation_aux for c in tok.children)
        head = tok.head
        if not obliged and tok.dep_ == "xcomp" and head.lemma_.lower() in rules.need_heads:
            obliged, tok = True, head  # "X has to do Y": the subject is on "has"
            head = tok.head
        if not obliged and (reporter := necessity_frame(tok, rules)) is not None:
            pairs.append((tok, reporter))
            continue
        if not obliged or tok.dep_ not in ("ccomp", "xcomp", "acl") or head == tok:
            continue
        if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head != head:
            head = head.head  # "issued a reminder to Iraq that it must ...": the issuer
        pairs.append((tok, head))
    return pairs


def necessity_frame(verb: Token, rules: Rules) -> Token | None:
    """'Z said it is critical that X do Y', 'Z says it is time for X to do Y': the reporting
    verb Z speaks through, when ``verb`` is what the impersonal frame asks of X (lexicon
    ``necessity_heads``); None otherwise."""
    heads = rules.necessity_heads
    if verb.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        cop = verb.head
        if cop.lower_ in heads and cop.dep_ == "acomp":  # the clause hung on the adjective
            cop = cop.head
        elif not any(c.dep_ == "acomp" and c.lower_ in heads for c in cop.children):
            return None
    elif (
        verb.dep_ in ("relcl", "acl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lower_ in heads
        and verb.head.dep_ == "attr"
    ):
        cop = verb.head.head
    else:
        return None
    if cop.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in cop.children):
        return None
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in cop.children):
        return None
    if cop.dep_ != "ccomp" or cop.head.pos_ != "VERB":
        return None
    return cop.head


def claim_pattern(rules: Rules, patterns: PatternSet) -> Pattern:
    """The pattern of an accusation read off a claim ("China claims a Philippine vessel
    rammed its ship": ACCUSE CHN -> PHL)."""
    assert rules.claim is not None
    base = next(iter(patterns.patterns))
    return replace(
        base, id="derived.claim", type=rules.claim.type, mode=None,
        cameo=rules.claim.cameo_for("default"), symmetric=False, confidence=0.7,
    )  # fmt: skip


def obligation_pattern(rules: Rules, patterns: PatternSet) -> Pattern:
    base = next(iter(patterns.patterns))
    return replace(
        base,
        id="derived.obligation",
        type=rules.obligation.type,
        mode=None,
        cameo=rules.obligation.cameo_for("default"),
        symmetric=False,
        confidence=0.7,
    )
