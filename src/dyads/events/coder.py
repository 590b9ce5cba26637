"""The pattern-based event coder: triggers -> typed, dyadic events with modality.

For every sentence token whose lemma is a pattern trigger, check the pattern's
constraints (required object, particle, arms or military context), fill the
source and target slots from the parse, classify modality and attribution, and
emit one record per dyad. Records split from one textual event share a
``mention_id``. A trigger with no resolved actor yields a counted rejection.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import product
from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..actors.locate import CLAUSE_PREPS, MAIN_COUNTRY_KEY, phrase_tokens
from ..config import Options
from ..model import Actor, ActorMention, Event, Rejection, Sentence, Span, stable_hash
from ..nlp.model import per_doc
from ..places.resolver import DATELINE
from .attribution import attributions_in
from .calibration import features, load_calibration
from .dates import resolve_event_date
from .derive import claim_pattern, derive, load_rules, obligation_pattern, obligation_verbs
from .lemmas import is_one_of
from .lexicon import Lexicon, load_lexicon
from .modality import ModalityResult, classify
from .patterns import Pattern, PatternSet, load_patterns
from .roles import (
    LEADING,
    MentionIndex,
    as_sector,
    fired_by,
    is_capital,
    is_passive,
    noun_governor,
    prep_objects,
    relative_verbs,
    route,
    slot_tokens,
    speech_frame,
    undergo_governor,
    verb_objects,
    verb_subjects,
)
from .statements import find_evaluations, load_cues
from .strategies import load_strategies
from .triggers import TriggerModel, done_jointly

COMPONENT_NAME = "dyads.event_coder.v1"
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
# sources placed by where the event happens: police, protesters, courts are local
DOMESTIC_SECTORS = frozenset({"COP", "CVL", "OPP", "LAB", "EDU", "JUD", "LEG", "AGR", "REL"})
# a source of these with no state takes the event's ("police ... in Nairobi"; "the military
# government ... declared a state of siege in Haiti")
PLACED_SOURCE_SECTORS = DOMESTIC_SECTORS | {"GOV"}
REPORTED_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}
COMPLEMENT_PREPS = (
    "to",
    "for",
    "with",
    "against",
    "on",
    "into",
    "toward",
    "towards",
    "from",
    "over",
    "of",
    "in",
)
FALLBACK_PREPS = ("over", "about", "in", "against", "to", "on", "at", "regarding")
NAME_ENTITIES = ("ORG", "GPE", "NORP", "LAW", "FAC")  # "the Arab League" is no sports league
PLACE_AIMS = ("of", "on", "against", "at")  # "the bombardment of Idlib", "strikes on Douma"


@dataclass(slots=True)
class Candidate:
    """One trigger matched by one pattern, before it is split into dyads."""

    pattern: Pattern
    trigger: Token
    trigger_end: Token
    nominal: bool
    sources: list[ActorMention]
    targets: list[ActorMention]
    modality: ModalityResult
    fallback_target: bool = False
    mutual: bool = True  # targets came from the trigger's own slots (symmetric events reverse)
    self_reported: bool = False  # the reporter is the source: "X said it would ..."
    source_via: str | None = None  # the role strategy that filled each side
    target_via: str | None = None


@dataclass(frozen=True, slots=True)
class Remembered:
    """An event coded earlier in the document, as later mentions of it need it."""

    sentence_start: int
    pattern_id: str  # without a retyping suffix
    type: str
    trigger_index: int
    sources: list[ActorMention]
    targets: list[ActorMention]
    target_via: str | None = None
    sourceless: bool = False  # "airstrikes killed 13 civilians": whom it hit, not who


_OBLIGED = "dyads_obliged"  # and of EventCoder.could_code's obligation test
_EVALUATED = "dyads_evaluated"  # and of the sentence's evaluating statements
_ATTRIBUTIONS = "dyads_attributions"  # and of its attributions (who says what)
_LOWERS = "dyads_lowers"  # and of the Doc's lowercase forms


def _lowers(doc: Doc) -> list[str]:
    """Every token's lowercase form, read through an array."""
    strings = doc.vocab.strings
    return per_doc(doc, _LOWERS, lambda d: [strings[h] for h in d.to_array(LOWER).tolist()])


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


class EventCoder:
    """Registered as ``dyads.event_coder.v1``; configured by pattern files in Options."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.patterns: PatternSet = load_patterns(self.options)
        self.lex: Lexicon = load_lexicon()
        self.rules = load_rules()
        self.strategies = load_strategies()
        self.calibration = load_calibration(self.options.calibration_file or None)
        # events of the document coded so far, newest last, for "condemned the drills" and
        # "the intrusion occurred" to find who did them
        self.memory: list[Remembered] = []
        self._sentence_candidates: list[Candidate] = []
        # set by _best_candidate when a trigger had a source but its type needs a target
        self._wanted_target = False
        self.triggers = TriggerModel(self.patterns, self.lex, self.rules, load_cues())

    def begin_document(self) -> None:
        """Forget the previous document's events (event coreference stays inside one)."""
        self.memory = []

    def _context_words(self, tok: Token) -> set[str]:
        words = {_lemma(tok), tok.lower_}
        for child in tok.subtree:
            if child.i - tok.i > 6 or tok.i - child.i > 6:
                continue
            words.add(_lemma(child))
            words.add(child.lower_)
        return words

    def _constraints_ok(
        self, pattern: Pattern, tok: Token, sources, targets, index: MentionIndex
    ) -> bool:
        if pattern.requires_arms and not (self._context_words(tok) & self.lex.arms):
            return False
        if pattern.requires_military and not (self._context_words(tok) & self.lex.military):
            return False
        if pattern.not_between_sectors and sources:
            # the object counts even when it shares the source's code and was dropped
            others = targets or [m for o in verb_objects(tok) for m in index.actors_at(o)]
            if others and all(
                m.actor.sector in pattern.not_between_sectors for m in [*sources, *others]
            ):
                return False  # "Trump narrowly beat Clinton in Wisconsin": a vote, no beating
        return not (pattern.requires_actor_modifier and not (sources or targets))

    # ------------------------------------------------------------------ roles
    def _fill(
        self, tok: Token, slots: tuple[str, ...], nominal: bool, index: MentionIndex
    ) -> tuple[list[ActorMention], str | None]:
        """The actors in the first slot that yields any, and the strategy that found them
        (``subject``, ``passive_agent``, ``object``, ``prep:against``, ``possessor`` ...)."""
        for slot in slots:
            found: list[ActorMention] = []
            via: str | None = None
            for t in slot_tokens(tok, slot, nominal, self.lex.light_verbs):
                how = route(tok, t, slot, nominal)
                mentions = index.actors_at(t)
                repaired = tok.dep_ == "relcl" and t.dep_ == "conj" and t.i != tok.head.i
                if slot == "subj" and repaired:
                    # "militias and Turkey – which has threatened": the name the clause follows
                    # (roles.verb_subjects), not the list it closes
                    mentions = [m for m in mentions if m.token_start <= t.i < m.token_end]
                if nominal and slot in ("compound", "amod"):
                    # "the Tehran summit", "the Geneva talks": a capital modifying an event
                    # noun names where it happens, not who acts
                    mentions = [m for m in mentions if not is_capital(m)]
                if not mentions and t.pos_ == "PRON":
                    mentions, how = self._reporter_of(t, index), "reporter"
                if not mentions:  # "their forces" in "Serbs said their forces withdrew"
                    owner = next((c for c in t.children if c.dep_ == "poss"), None)
                    if owner is not None and owner.pos_ == "PRON":
                        mentions, how = self._reporter_of(owner, index), "reporter"
                if slot in ("undergoer", "giver"):
                    # "received assistance from consular officials", "they came under fire":
                    # only a party of known country, not one guessed from the document
                    mentions = [
                        m for m in mentions
                        if m.actor.country and not (m.matched or "").endswith("+document")
                    ]  # fmt: skip
                if slot == "to" and not nominal:
                    # "complained to the press", "appealed to reporters": an audience
                    mentions = [m for m in mentions if m.actor.sector not in AUDIENCE_SECTORS]
                if mentions and via is None:
                    via = how
                found.extend(m for m in mentions if m not in found)
            if found:
                return found, via
        return [], None

    def _reporter_of(self, pronoun: Token, index: MentionIndex) -> list[ActorMention]:
        """'Syria says it will not ...': a pronoun in a reported clause is the speaker."""
        if pronoun.lower_ not in REPORTED_PRONOUNS:
            return []
        owner = pronoun.head
        if pronoun.dep_ == "poss" and owner.dep_ in ("dobj", "attr") and owner.head != owner:
            # "the ILO reiterated its demand": its = the subject of the governing verb
            found = [
                m for s in verb_subjects(owner.head) if s.pos_ != "PRON"
                for m in index.actors_at(s)
            ]  # fmt: skip
            if found:
                return found
        cur = pronoun.head
        for _ in range(6):
            head = cur.head
            if head == cur:
                return []
            if cur.dep_ in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN":
                # "assurances from Tehran that it was not ...": the noun's author speaks
                for child in head.children:
                    if child.dep_ == "poss" or (
                        child.dep_ == "prep" and child.lower_ in ("from", "by")
                    ):
                        objs = (
                            [child]
                            if child.dep_ == "poss"
                            else [c for c in child.children if c.dep_ == "pobj"]
                        )
                        found = [m for o in objs for m in index.actors_at(o)]
                        if found:
                            return found
            if cur.dep_ == "relcl":
                return []  # "guerrillas who overran it": the clause's own noun, not a speaker
            if cur.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in self.lex.reporting_verbs:
                for subj in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")):
                    return index.actors_at(subj)
                return []
            if cur.dep_ == "ccomp" and any(
                c.dep_ == "nsubj" and c.pos_ != "PRON" for c in head.children
            ):
                return []  # "the government thinks that they can ...": not the speaker
            cur = head
        return []

    def _relative_clause_targets(
        self, noun: Token, pattern: Pattern, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'transfers that could aid Russia': a same-type clause names the noun's target."""
        for child in noun.children:
            if child.dep_ != "relcl":
                continue
            if not any(
                p.type == pattern.type for p in self.patterns.by_verb.get(_lemma(child), ())
            ):
                continue
            for obj in slot_tokens(child, "obj", False) + slot_tokens(child, "iobj", False):
                found = [m for m in index.actors_at(obj) if m not in sources]
                if found:
                    return found
        return []

    def _condition_targets(
        self, verb: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'threatened to ban voting if Hamas ran': the party whose act is the condition."""
        clauses = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
        for clause in clauses:
            for advcl in clause.children:
                if advcl.dep_ != "advcl" or not _condition(advcl):
                    continue
                found = [
                    m for t in verb_subjects(advcl) for m in index.actors_at(t) if m not in sources
                ]
                if found:
                    return found
        return []

    def _complement_targets(
        self, verb: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """The target of the action a verb embeds ("agreed to send aid to Japan" -> Japan).

        Complements are xcomp/ccomp clauses and purpose clauses ("staged rallies to
        protest against Sweden's decision"); the target may hang from the clause's
        verb or from its object ("threatened to break relations with Russia").
        """
        for comp in verb.children:
            purpose = comp.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in comp.children
            )
            if comp.dep_ not in ("xcomp", "ccomp") and not purpose:
                continue
            if comp.pos_ not in ("VERB", "AUX"):
                continue
            if comp.dep_ == "ccomp" and self._natural_cause(comp, whole=False):
                continue  # "concern swine flu could affect pilgrims": no one's act on them
            objects = [*slot_tokens(comp, "obj", False), *slot_tokens(comp, "iobj", False)]
            slots = list(objects)
            for anchor in (comp, *objects):
                for child in anchor.children:
                    if child.dep_ in ("prep", "dative") and child.lower_ in COMPLEMENT_PREPS:
                        slots.extend(c for c in child.children if c.dep_ == "pobj")
            found: list[ActorMention] = []
            codes = {m.actor.code for m in sources}
            for t in slots:
                found.extend(
                    m for m in index.actors_at(t)
                    if m not in sources and m not in found
                    and not (purpose and m.actor.code in codes)
                )  # fmt: skip  # "to safeguard its interests": its own, no target
            if not found and verb.lemma_.lower() in self.lex.negating_heads:
                # "refused to attend the Russian-sponsored conference": whose meeting or
                # plan is refused is the refusal's target
                found = [
                    m for o in objects for m in _sponsors(o, index)
                    if m not in sources and m.actor.code not in codes
                ]  # fmt: skip
            if found:
                return found
        return []

    def _fallback_target(
        self,
        tok: Token,
        end: Token,
        nominal: bool,
        index: MentionIndex,
        exclude: list[ActorMention],
        own_object: bool = False,
    ) -> list[ActorMention]:
        """The first actor inside a prepositional phrase or clause on the trigger (or its verb)."""
        anchors = [tok] if end == tok else [tok, end]
        if not nominal:
            anchors.extend(o for o in verb_objects(tok) if o != end)  # "condemned the attack on X"
        if nominal:
            gov, dep = noun_governor(tok)
            if gov is not None and dep != "nsubj":
                anchors.append(gov)
        for anchor in anchors:
            for child in anchor.children:
                if not (
                    (child.dep_ == "prep" and child.lower_ in FALLBACK_PREPS)
                    or (child.dep_ == "relcl" and anchor != tok)
                ):
                    continue
                for t in child.subtree:
                    for mention in index.actors_at(t, descend=False):
                        if mention not in exclude and not _is_place(mention):
                            return [mention]
        if not nominal:
            # "defended the right of Russian troops", "vetoed a Security Council resolution":
            # the nearest actor inside the object phrase, breadth first
            for obj in [end, *verb_objects(tok)] if end != tok else verb_objects(tok):
                found = self._nearest_in(obj, index, exclude, own_object=own_object)
                if found:
                    return found
        return []

    @staticmethod
    def _nearest_in(
        root: Token,
        index: MentionIndex,
        exclude: list[ActorMention],
        depth: int = 3,
        own_object: bool = False,
        relative: bool = False,
    ) -> list[ActorMention]:
        """``own_object``: the object is the agent's own (troops mobilized), so only
        actors below it ("reservists for a war against Iraq") can receive the event."""
        era_preps = load_lexicon().era_preps  # "sanctions lifted under Obama": when, not whom
        level = [root]
        for step in range(depth + 1):
            for t in level:
                if own_object and (step == 0 or t.dep_ in ("compound", "amod", "poss")):
                    continue
                for mention in index.actors_at(t, descend=False):
                    if mention not in exclude and not _is_place(mention):
                        if (
                            is_capital(mention)
                            and t.dep_ == "pobj"
                            and t.head.lower_ in ("near", "around", "outside", "across")
                        ):
                            continue  # "killed ducks near Moscow": where, not the government
                        # "proposals from the US, Saudi Arabia and Jordan": the whole list
                        listed = [
                            m for c in t.conjuncts for m in index.actors_at(c, descend=False)
                            if m not in exclude and not _is_place(m)
                        ]  # fmt: skip
                        return [mention, *listed]
            level = [
                c for t in level for c in t.children
                if c.dep_ not in ("relcl", "punct")
                and not (c.dep_ == "prep" and c.lower_ in era_preps)
            ]  # fmt: skip
            if not level:
                break
        if relative:
            # "concerns over exchanges that might enhance North Korea's capabilities"
            for clause in (c for c in root.subtree if c.dep_ == "relcl"):
                agents = [
                    m for s in clause.children if s.dep_ == "nsubj"
                    and clause in relative_verbs(clause.head)
                    for m in index.actors_at(s, descend=False)
                    if m not in exclude and not _is_place(m)
                ]  # fmt: skip
                if agents:  # "condemned the support the US continues to provide": the US
                    return agents[:1]
                for t in clause.subtree:
                    if t.dep_ in ("dobj", "poss", "pobj"):
                        found = [m for m in index.actors_at(t, descend=False)
                                 if m not in exclude and not _is_place(m)]  # fmt: skip
                        if found:
                            return found[:1]
        return []

    def _between(self, tok: Token, nominal: bool, index: MentionIndex) -> list[ActorMention]:
        """'talks between X and Y' / 'X-Y relations': every participant, for symmetric events."""
        return self._fill(tok, ("between",), nominal, index)[0]

    # ------------------------------------------------------------------ main
    @staticmethod
    def _clause_verb(tok: Token) -> Token:
        cur = tok
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
                return cur
            cur = cur.head
        return cur

    def _historical(self, sent, tok: Token, doc_year: int | None) -> str | None:
        """'In 1812, Napoleon invaded Russia': a past year in the trigger's clause."""
        if doc_year is None:
            return None
        clause = self._clause_verb(tok)
        for ent, latest in _dated(sent):
            if latest >= doc_year - 1:
                continue
            noun = _dated_noun(ent.root)
            if noun is not None:
                # "acknowledged responsibility for the 1994 genocide during a visit to
                # Kigali": the year dates the genocide, not the visit
                if noun.left_edge.i <= tok.i <= noun.i:
                    return ent.text
                continue
            if self._clause_verb(ent.root) == clause:
                return ent.text
        return None

    def _is_sports(self, sent) -> bool:
        lowers = _lowers(sent.doc)[sent.start : sent.end]
        present = set(lowers)
        if present & self.lex.sports_words:
            return True
        if len(present & self.lex.sports_weak_words) >= 2:  # else two cannot be counted below
            weak = {
                t.lower_
                for t in sent
                if t.lower_ in self.lex.sports_weak_words and t.ent_type_ not in NAME_ENTITIES
            }
            if len(weak) >= 2:
                return True
        if SCORE.search(sent.text):
            return any(_lemma(t) in self.lex.sports_result_verbs for t in sent)
        return False

    def code_sentence(
        self,
        sent,
        sentence: Sentence,
        index: MentionIndex,
        doc_date: str | None = None,
        first_only: bool = False,
    ) -> tuple[list[Candidate], list[Rejection]]:
        """Candidate events of one parsed sentence, and why triggers gave none.
        ``first_only``: stop at the first candidate (coding only to choose where entity
        recognition runs needs to know no more)."""
        candidates: list[Candidate] = []
        self._sentence_candidates = candidates  # acts coded so far in this sentence
        rejections: list[Rejection] = []
        doc_year = int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None
        if not self.could_code(sent):
            return [], []
        if self._is_sports(sent):
            reason = "sports result, not a political event"
            return [], [Rejection("R005", reason, sentence_id=sentence.sentence_id)]
        for tok, matches in self.triggers.in_sentence(sent):
            past = self._historical(sent, tok, doc_year)
            if past is not None:
                rejections.append(
                    Rejection(
                        code="R004",
                        reason=f"trigger '{tok.text}' refers to the past ({past})",
                        sentence_id=sentence.sentence_id,
                    )
                )
                continue
            self._wanted_target = False
            best = self._best_candidate(matches, index)
            if best is None and self._wanted_target:
                reason = f"trigger '{tok.text}' has a source but no target, which its type needs"
                rejections.append(Rejection("R008", reason, sentence_id=sentence.sentence_id))
                continue
            if best is None:
                rejections.append(
                    Rejection(
                        code="R001",
                        reason=f"trigger '{tok.text}' has no resolved actor",
                        sentence_id=sentence.sentence_id,
                    )
                )
                continue
            candidates.append(best)
            self._remember(sent, [best])
            if first_only:
                return candidates, rejections
        candidates = self._drop_launches(
            self._drop_consumed(self._merge_relative_clauses(candidates))
        )
        self._share_attackers(candidates)
        self._face_adversaries(candidates)
        for cand in candidates:
            reporter = cand.modality.reporter
            if reporter is not None and cand.sources:
                # "Portugal will support ..., Portuguese President Mario Soares said": the
                # speaker speaks for its state, so a shared country is the actor speaking
                said = {m.actor.country or m.actor.code for m in index.actors_at(reporter)}
                own = {m.actor.country or m.actor.code for m in cand.sources}
                cand.self_reported = bool(said & own - {None}) or any(
                    t.pos_ == "PRON" for t in verb_subjects(cand.trigger)
                )
                if (
                    cand.modality.modality == "negated"
                    and any(m.matched == "coref" for m in cand.sources)
                    and bool(said & own - {None})
                    and not any(
                        c.dep_ == "aux" and c.tag_ == "MD"
                        for c in _predicate(cand.trigger, cand.nominal).children
                    )
                ):
                    # "Serbia insisted it had not deployed troops": the actor itself says
                    # it did not do it, which is a denial (not "would not": a stance)
                    cand.modality.modality = "denied"
        candidates += derive(candidates, self.rules)
        candidates += self._obligations(sent, index, candidates)
        candidates += self._claims(index, candidates)
        candidates += self._evaluations(sent, index, candidates)
        self._answer_accusers(candidates)
        return candidates, rejections

    def _unnamed_critics(
        self, head: Token, nominal: bool, pattern: Pattern, target_via: str | None
    ) -> bool:
        """'China's leaders have been criticized for ...', 'Putin has faced sharp western
        criticism': criticism whose critics the text leaves unnamed still targets someone
        (lexicon ``unnamed_critic_words``), so it is coded with no source."""
        if pattern.type != "ACCUSE" or _lemma(head) not in self.lex.unnamed_critic_words:
            return False
        if nominal:
            return (target_via or "").startswith("undergoer")
        return is_passive(head) and not any(c.dep_ == "agent" for c in head.children)

    def _remember(self, sent, candidates: list[Candidate]) -> None:
        for cand in candidates:
            if "event_coreference" in (cand.source_via or ""):
                continue  # "The drills include live-fire practice": the earlier event again
            if not cand.sources:
                if cand.targets and cand.pattern.type in self.strategies.sourceless:
                    # "two waves of airstrikes killed 13 civilians. The strikes were carried
                    # out by the air force": whom a later "the strikes" hit
                    self.memory.append(Remembered(
                        sent.start, cand.pattern.id.split("@")[0], cand.pattern.type,
                        cand.trigger.i, [], list(cand.targets), cand.target_via, sourceless=True,
                    ))  # fmt: skip
                continue
            if all((m.matched or "").endswith(("+context", "+document")) for m in cand.sources):
                continue  # parties guessed from context: no event a later "the drills" means
            self.memory.append(Remembered(
                sent.start, cand.pattern.id.split("@")[0], cand.pattern.type,
                cand.trigger.i, list(cand.sources), list(cand.targets), cand.target_via,
            ))  # fmt: skip

    def _same_event(
        self, head: Token, type_: str, targets_only: bool = False, pattern_id: str | None = None
    ) -> tuple[list, list] | None:
        """'A Chinese submarine entered Japanese waters. The intrusion occurred on 10
        November': a definite event noun with no party of its own names the last event
        of its type in the sentences just before; its parties are that event's.
        ``targets_only``: the noun names who did it ("the strikes had been carried out by
        the air force"), and the earlier event, even one with no known attacker, whom."""
        if not _definite(head):
            return None
        for event in reversed(self.memory):
            if event.sentence_start >= head.sent.start:
                continue  # not this sentence's own events ("strike Israel to avenge the
                # killing of Haniyeh": another event)
            if head.sent.start - event.sentence_start > SAME_EVENT_TOKENS:
                break
            if event.sourceless and not targets_only:
                continue
            if event.type == type_ and (pattern_id is None or event.pattern_id == pattern_id):
                return event.sources, event.targets
        return None

    def _event_referents(
        self, head: Token, pattern: Pattern, sources: list[ActorMention], index: MentionIndex
    ) -> list[ActorMention]:
        """'China condemned the drills', 'South Korea also criticised the visit': the verb's
        object names an event coded earlier (same pattern, this or the last sentences);
        whoever did it is the target."""
        reaction = self.patterns.types[pattern.type].reaction
        # "condemned the drills", and "warned against an assault" (a target phrase's noun)
        preps = set(pattern.target_slots(False)) - SLOT_NAMES
        for obj in [*verb_objects(head), *prep_objects(head, preps)]:
            found = self._noun_referents(obj, head, pattern.type, reaction, sources, index)
            if found:
                return found
        return []

    def _noun_referents(
        self,
        obj: Token,
        head: Token,
        type_: str,
        reaction: bool,
        sources: list[ActorMention],
        index: MentionIndex,
    ) -> list[ActorMention]:
        """Whoever did the event an event noun names again ("the drills", "the attack"):
        the parties of the earlier event it repeats, not the reacting ``sources``."""
        own = {id(m) for m in sources}
        codes = {m.actor.code for m in sources}
        countries = {m.actor.country for m in sources} - {None}
        if any(c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN" for c in obj.children):
            return []  # "Abe's visit": its own actor is named (in_object reads it)
        senses = self._noun_candidates_ids(obj)
        if not senses:
            return []
        patterns = {p.id for p in senses}
        types = {p.type for p in senses}
        for event in reversed(self.memory):
            if event.trigger_index >= obj.i or event.sourceless:
                continue
            if event.pattern_id not in patterns and not (
                reaction and event.type in types
            ):  # "praised the agreement" after "X and Y agreed": the same act
                continue
            if head.sent.start - event.sentence_start > MEMORY_CHARS:
                break
            # "China condemned the drills": another state's drills, not its own forces'
            parties = event.sources
            if type_ == "REJECT" and event.type == "CONSULT":
                # "Damascus threatened to boycott the talks" after "a Syrian delegation
                # will attend UN-sponsored talks": the meeting's other side; after
                # "the UN envoy will attend a Russian-sponsored conference", its sponsor
                sponsored = (event.target_via or "").startswith("sponsor")
                parties = event.targets if sponsored else [*event.sources, *event.targets]
            found = [
                m for m in parties
                if id(m) not in own and m.actor.code not in codes
                and (m.actor.country is None or m.actor.country not in countries)
            ]  # fmt: skip
            if found:
                return found
        return self._noun_antecedent(obj, index, own, codes, countries)

    def _commented_act(self, head: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """'Medvedev recognised the regions, a move that Tbilisi condemned', 'a decision
        hailed by Moscow': a reaction in a clause on a noun that sums up the act coded
        just before in the sentence is aimed at whoever did that act."""
        noun = head.head
        if head.dep_ not in ("relcl", "acl") or _lemma(noun) not in self.lex.act_nouns:
            return []
        if noun.dep_ not in ("appos", "npadvmod", "attr", "conj", "dobj", "nsubj"):
            return []
        codes = {m.actor.code for m in sources}
        for event in reversed(self.memory):
            if event.sentence_start != head.sent.start or event.trigger_index >= noun.i:
                continue
            found = [m for m in event.sources if m.actor.code not in codes]
            if found:
                return found
        return []

    @staticmethod
    def _noun_antecedent(
        obj: Token, index: MentionIndex, own: set[int], codes: set, countries: set
    ) -> list[ActorMention]:
        """'China condemned Abe's visit ..., and South Korea also criticised the visit': a
        definite event noun repeats one named just before with its actor."""
        if not _definite(obj):
            return []
        lemma = _lemma(obj)
        start = _previous_sentence_start(obj.doc, obj.sent.start)
        for tok in reversed(obj.doc[start : obj.i]):
            if _lemma(tok) != lemma or tok.pos_ != "NOUN":
                continue
            found = [
                m for c in tok.children if c.dep_ in ("poss", "compound", "amod")
                for m in index.actors_at(c)
                if id(m) not in own and m.actor.code not in codes
                and (m.actor.country is None or m.actor.country not in countries)
            ]  # fmt: skip
            return list({id(m): m for m in found}.values())
        return []

    def _noun_candidates_ids(self, noun: Token) -> list[Pattern]:
        if noun.pos_ not in ("NOUN", "PROPN"):
            return []
        return [p for p, _, _ in self.triggers.noun_candidates(noun)]

    @staticmethod
    def _answer_accusers(candidates: list[Candidate]) -> None:
        """'The US accused Moscow of time-wasting, a charge refuted by Russia': a rejection
        with no target, in a sentence where someone accuses the rejecter, answers them."""
        accusations = [c for c in candidates if c.pattern.type == "ACCUSE" and c.sources]
        for cand in candidates:
            if cand.pattern.type != "REJECT" or cand.targets or not cand.sources:
                continue
            rejecters = {m.actor.country for m in cand.sources if m.actor.country}
            for accusation in accusations:
                if rejecters & {m.actor.country for m in accusation.sources}:
                    continue  # the rejecter's own criticism ("rejected X and opposed Y")
                if rejecters & {m.actor.country for m in accusation.targets}:
                    cand.targets = [m for m in accusation.sources if m not in cand.sources]
                    cand.target_via = "accuser" if cand.targets else None
                    break

    def _evaluations(self, sent, index: MentionIndex, existing: list[Candidate]) -> list[Candidate]:
        """'Z said Y's move was a blatant violation': criticism (ACCUSE) or praise
        (SUPPORT) from Z to Y (``events.statements``)."""
        out: list[Candidate] = []
        cues = load_cues()
        for found in self._evaluated(sent):
            speaking = found.speakers or verb_subjects(found.verb)
            # a speaker of no known state ("the defence secretary" unplaced) says nothing
            # a record can hold
            speakers = [m for t in speaking for m in index.actors_at(t) if m.actor.country]
            if not speakers:
                continue
            spoken = {m.actor.code for m in speakers}
            # a target of known state or a named group ("the staff did a beautiful job, she
            # said": no one's staff)
            targets = [
                m
                for t in found.evaluated
                for m in index.actors_at(t)
                if m.actor.code not in spoken and _stated(m.actor)
            ]
            if not targets and found.negative:
                # "called the attack barbaric": whoever carried out the attack just told
                targets = [
                    m for t in found.evaluated if t.pos_ == "NOUN" and _definite(t)
                    for m in self._noun_referents(t, found.verb, cues.negative_type, True,
                                                  speakers, index)
                ]  # fmt: skip
                via = "evaluated_event"
            else:
                via = "evaluated"
            if not targets:
                continue
            kind = (cues.negative_type, cues.negative_cameo, "criticism") if found.negative else (
                cues.positive_type, cues.positive_cameo, "praise")  # fmt: skip
            if found.negative and any(
                _lemma(t) in self.lex.alleged_nouns for t in found.evaluated
            ):  # "calling accusations by Ukraine baseless": a charge dismissed is rejected
                kind = (cues.dismissal_type, cues.dismissal_cameo, "dismissal")
            if found.threat:  # "X are a legitimate target, the defence secretary said"
                kind = (cues.threat_type, cues.threat_cameo, "threat")
            if any(c.pattern.type == kind[0] and c.trigger == found.verb for c in existing):
                continue
            pattern = replace(
                obligation_pattern(self.rules, self.patterns), id=f"derived.{kind[2]}",
                type=kind[0], cameo=kind[1], mode=None, confidence=0.7,
            )  # fmt: skip
            modality = classify(found.verb, self.lex, False)
            cand = Candidate(pattern, found.verb, found.verb, False, speakers, targets, modality)
            cand.source_via, cand.target_via = "speaker", via
            out.append(cand)
        return out

    def _evaluated(self, sent) -> list:
        """The sentence's evaluating statements (``events.statements``), cached on the Doc:
        the same parse is coded twice with parse skipping."""
        cache = sent.doc.user_data.setdefault(_EVALUATED, {})
        key = (sent.start, sent.end)
        if key not in cache:
            cache[key] = find_evaluations(sent)
        return cache[key]

    def could_code(self, sent) -> bool:
        """Can ``code_sentence`` yield anything here? Only if a pattern fires on some
        token with its required slots, or an obligation is reported. Decided from the
        parse alone, so entities need only be found where this holds."""
        if self.triggers.in_sentence(sent):
            return True
        cache = sent.doc.user_data.setdefault(_OBLIGED, {})
        key = (sent.start, sent.end)
        if key not in cache:
            cache[key] = bool(obligation_verbs(sent, self.rules))
        return cache[key] or bool(self._evaluated(sent))

    def _obligations(self, sent, index: MentionIndex, existing: list[Candidate]) -> list[Candidate]:
        """'Z said X must do Y': a REQUEST from Z to X."""
        out = []
        for verb, reporter in obligation_verbs(sent, self.rules):
            sources = [m for t in verb_subjects(reporter) for m in index.actors_at(t)]
            targets = []
            for t in verb_subjects(verb):
                found = index.actors_at(t)
                if not found and t.pos_ == "PRON":  # "a reminder to Iraq that it must ..."
                    found = self._fill(reporter, ("to", "iobj", "dative"), False, index)[0]
                targets.extend(found)
            targets = [m for m in targets if m not in sources]
            if not sources or not targets:
                continue
            if any(c.pattern.type == "REQUEST" and c.trigger == reporter for c in existing):
                continue
            pattern = obligation_pattern(self.rules, self.patterns)
            cand = Candidate(
                pattern, verb, verb, False, sources, targets, ModalityResult("asserted")
            )
            cand.source_via, cand.target_via = "reporter", "obligated_subject"
            out.append(cand)
        return out

    def _claims(self, index: MentionIndex, existing: list[Candidate]) -> list[Candidate]:
        """'China's coast guard claims that a Philippine vessel rammed its ship': a charge
        made against another party is an ACCUSE from the claimant to the alleged agent."""
        if self.rules.claim is None:
            return []
        out: list[Candidate] = []
        for cand in existing:
            verb = cand.modality.accuser
            if cand.modality.modality != "alleged" or verb is None or not cand.sources:
                continue
            if verb.pos_ != "VERB" or _lemma(verb) not in self.rules.claim_verbs:
                continue
            if any(c.trigger == verb for c in existing + out):
                continue  # the claim is coded already ("accused X of ...")
            claimants = [m for t in verb_subjects(verb) for m in index.actors_at(t)]
            accused = {m.actor.country for m in cand.sources} - {None}
            claimants = [m for m in claimants if m.actor.country not in accused]
            if not claimants:
                continue
            pattern = claim_pattern(self.rules, self.patterns)
            claim = Candidate(
                pattern, verb, verb, False, claimants, list(cand.sources),
                ModalityResult("asserted"),
            )  # fmt: skip
            claim.source_via, claim.target_via = "subject", "claimed_agent"
            out.append(claim)
        return out

    @staticmethod
    def _face_adversaries(candidates: list[Candidate]) -> None:
        """'Armenia ordered a general mobilisation after fighting broke out with Azerbaijan',
        'Greece put its navy on alert and accused Turkey of ...': forces readied with no one
        named, in a sentence telling of hostilities with another state, are readied against
        it (``adversary``). A weapons test is aimed at no one ("condemned the nuclear test")."""
        for cand in candidates:
            if cand.pattern.type != "MOBILIZE" or cand.targets or cand.pattern.mode == "weapons":
                continue
            own = {m.actor.country for m in cand.sources} - {None}
            found = next(
                (
                    facing
                    for other in candidates
                    if other is not cand and other.pattern.type in ADVERSARIAL_TYPES
                    for mine, theirs in (
                        (other.sources, other.targets), (other.targets, other.sources)
                    )
                    if own & {m.actor.country for m in mine}
                    if (facing := [m for m in theirs
                                   if m.actor.country and m.actor.country not in own])
                ),
                None,
            )  # fmt: skip
            if found:
                cand.targets, cand.target_via = found, "adversary"

    @staticmethod
    def _share_attackers(candidates: list[Candidate]) -> None:
        """'Scores of Russian mercenaries were killed when US forces carried out air
        strikes': deaths with no agent of their own, in a sentence whose one named attacker
        is coded, are that attacker's doing."""
        attackers = {
            tuple(sorted(m.actor.code for m in c.sources)): c
            for c in candidates if c.pattern.type == "ASSAULT" and c.sources
        }  # fmt: skip
        if len(attackers) != 1:
            return
        (attacker,) = attackers.values()
        for cand in candidates:
            if cand.pattern.type == "ASSAULT" and not cand.sources and cand.targets:
                if cand.nominal:
                    continue  # "the chemical attack that killed dozens": an act of its own
                hit = {m.actor.country for m in cand.targets}
                if any(m.actor.country in hit for m in attacker.sources):
                    continue  # "US soldiers were killed ... US forces ...": not their own
                cand.sources = list(attacker.sources)
                cand.source_via = "co_event"

    @staticmethod
    def _drop_launches(candidates: list[Candidate]) -> list[Candidate]:
        """'a missile fired by the Houthis struck ...': the firing is the strike, coded once
        (its launcher is the strike's source, ``_launcher``)."""
        strikes = [c for c in candidates if c.source_via == "weapon_owner" and not c.nominal]
        if not strikes:
            return candidates
        launches = {
            t.i for c in strikes for s in verb_subjects(c.trigger) for t in s.children
            if t.dep_ == "acl"
        }  # fmt: skip
        return [
            c for c in candidates
            if not (c.trigger.i in launches and any(s.pattern.type == c.pattern.type
                                                    for s in strikes))
        ]  # fmt: skip

    @staticmethod
    def _drop_consumed(candidates: list[Candidate]) -> list[Candidate]:
        """'imposed sanctions': the verb+object event replaces the bare noun event."""
        consumed = {
            c.trigger_end.i for c in candidates
            if not c.nominal and c.trigger_end != c.trigger
            and not (c.trigger.dep_ == "acl" and c.trigger.head == c.trigger_end)
        }  # fmt: skip  # "a conference boycotted by X" is still a conference
        return [c for c in candidates if not (c.nominal and c.trigger_end.i in consumed)]

    def _attended(self, noun: Token, index: MentionIndex, sources, targets, source_via, target_via):
        """'De Mistura will attend a Russian-sponsored peace conference': whoever leads or
        sponsors a meeting someone else attends is the attendee's counterpart. A forum that
        only names the meeting ("did not attend the G20 summit") is not the attendee: the
        attendee acts, and whom with is left to the target strategies."""
        sponsors = _sponsors(noun, index)
        codes = {m.actor.code for m in sponsors}
        sponsored = bool(sponsors) and {m.actor.code for m in sources} == codes
        if not sponsored and source_via != "modifier":  # "the G20 summit", "a NATO meeting"
            return sources, targets, source_via, target_via
        gov, dep = noun_governor(noun)
        if gov is None or dep not in ("dobj", "pobj") or not is_one_of(gov, self.lex.attend_verbs):
            return sources, targets, source_via, target_via
        codes |= {m.actor.code for m in sources}
        attendees = [
            m for s in verb_subjects(gov) for m in index.actors_at(s)
            if m.actor.code not in codes
        ]  # fmt: skip
        if not attendees:
            return sources, targets, source_via, target_via
        if sponsored:
            return attendees, sponsors, "light_verb_subject", "sponsor"
        return attendees, [], "light_verb_subject", None

    def _exchanged(self, noun: Token) -> bool:
        """'traded accusations', 'exchanged threats': each subject with the other."""
        gov, dep = noun_governor(noun)
        return gov is not None and dep == "dobj" and is_one_of(gov, self.lex.exchange_verbs)

    def _best_candidate(self, matches, index: MentionIndex) -> Candidate | None:
        for pattern, start, end, nominal in matches:
            head = end if nominal else start
            source_slots, target_slots = (
                pattern.source_slots(nominal),
                pattern.target_slots(nominal),
            )
            if nominal and pattern.type != "REQUEST" and undergo_governor(head) is not None:
                # (a "call" received is a telephone call, not a request)
                # "drew criticism from EU leaders": the subject undergoes the act, the
                # from-phrase does it
                source_slots = ("giver", *(s for s in source_slots if s != "governor_subj"))
                target_slots = ("undergoer", *target_slots)
            sources, source_via = self._fill(head, source_slots, nominal, index)
            if (
                not sources and not nominal and head.dep_ != "acl" and is_passive(head)
                and self.patterns.types[pattern.type].own_object
                and "to" in pattern.target_slots(False)
            ):  # fmt: skip
                # "US troops were deployed to Poland": with no one named sending them, armed
                # forces of a named state sent somewhere are that state's (not "forces
                # stationed in Syria", "a base was established in Panama", "medical staff
                # were deployed")
                sources = [
                    m for t in verb_objects(head) for m in index.actors_at(t)
                    if m.actor.sector == "MIL" and m.actor.country
                    and not (m.matched or "").endswith(("+context", "+document", "+place"))
                ]  # fmt: skip
                source_via = "passive_subject" if sources else None
            reciprocal = [] if nominal or sources else self._reciprocal(head, index)
            if reciprocal:
                # "troops exchanged fire, each accusing the other of starting it"
                sources, source_via = reciprocal, "each_other"
            if not nominal:
                launched = self._launcher(head, index)
                if launched:  # "Drones launched by Russia struck ...": Russia struck
                    sources, source_via = launched, "weapon_owner"
            if pattern.source_sectors is not None and sources:
                # (a role strategy may still find the source of one the slots leave
                # empty: "Dunford told reporters during a trip to Athens")
                sources = [
                    m for m in sources
                    if m.actor.sector is None or m.actor.sector in pattern.source_sectors
                ]  # fmt: skip
                if not sources:
                    continue
            targets, target_via = self._fill(head, target_slots, nominal, index)
            if pattern.outside_target:
                # "the administration allowed the FBI to remain": its own organs are its
                # business, not a concession; and "officials" of no named state concede
                # nothing to anyone
                sources = [m for m in sources if m.actor.country]
                if not sources:
                    continue
                countries = {m.actor.country for m in sources}
                targets = [
                    m for m in targets
                    if not (m.actor.country in countries and m.actor.sector in STATE_ORGANS)
                ]  # fmt: skip
            if reciprocal:
                targets, target_via = reciprocal, "each_other"
            own = {m.actor.code for m in sources}
            if targets and len(own) == 1 and all(m.actor.code in own for m in targets):
                targets, target_via = [], None  # "suspend its pact with Israel": its = the source
            if not targets and not nominal and end != start and _via_with(end, start):
                # "supplying Russia with drones": the direct object receives
                targets = [
                    m for o in verb_objects(head) for m in index.actors_at(o) if m not in sources
                ]
                target_via = "object" if targets else None
            if not targets and not nominal and end != start:
                # "imposed sanctions on X", "voiced concerns over X": the object carries the PP
                preps = tuple(
                    s
                    for s in pattern.target_slots(False)
                    if s.isalpha()
                    and s not in ("obj", "subj", "iobj", "poss", "by", "compound", "amod")
                )
                found, via = self._fill(end, preps, True, index)
                targets = [m for m in found if m not in sources]
                target_via = f"object_{via}" if targets else None
            if (
                not targets and nominal and head.dep_ == "nsubj"
                and _lemma(head.head) in self.lex.aspect_verbs
            ):  # fmt: skip
                # "a Syrian air force onslaught has continued against rebel-held areas"
                # (only the aiming prepositions: "the partnership started with Carter")
                preps = tuple(s for s in pattern.target_slots(False) if s in ("against", "on"))
                found, via = self._fill(head.head, preps, True, index)
                targets = [m for m in found if m not in sources]
                target_via = f"aspect_{via}" if targets else None
            if not targets and nominal and pattern.type == "ASSAULT":
                # "a US drone strike in Baghdad killed Soleimani", "was killed by a strike":
                # whom the attack harmed (lexicon harm_verbs)
                targets = [
                    m for t in self._harmed(head) for m in index.actors_at(t) if m not in sources
                ]  # fmt: skip
                target_via = "harmed" if targets else None
            if (
                not pattern.symmetric
                and not targets
                and len({m.actor.country or m.actor.code for m in sources}) >= 2
                and (done_jointly(head) or (nominal and self._exchanged(head)))
            ):
                # "Chinese and Russian warships began joint naval drills": each with the other
                targets, target_via = sources, "co_subject"
            if pattern.symmetric and (
                (nominal and source_via == "light_verb_subject")
                or (target_via or "").endswith("between")
            ):
                # "called for a ceasefire between Israel and Hamas", "brokered a truce between
                # Israel and Hamas": the parties named are the ones who agree, not whoever
                # calls for it or brokers it
                between = self._between(head, nominal, index)
                if not between and (target_via or "").endswith("between"):
                    between = targets
                codes = {m.actor.code for m in between}
                if len(codes) >= 2 and not any(m.actor.code in codes for m in sources):
                    sources, targets = between, between
                    source_via = target_via = "between"
            if (
                pattern.symmetric
                and nominal
                and not sources
                and len({m.actor.country for m in targets} - {None}) == 2
                and len({m.head_token for m in targets}) == 1
            ):
                # "there was a dinner with the Brazilian and South Korean presidents": with
                # no one else named, the two named as one pair meet each other (not "a
                # meeting with France, the UK, US ...": someone unnamed meets them)
                sources, source_via = targets, target_via
            if pattern.symmetric and not targets:
                between = self._between(head, nominal, index)
                if (
                    len(between) < 2 and nominal
                    and source_via == "light_verb_subject"
                    and self._asked_for(head)
                ):  # fmt: skip
                    continue  # "the EU and the UN called for direct negotiations": others' talks
                if len(between) >= 2:
                    sources, targets = between, between
                    source_via = target_via = "between"
                elif len({m.actor.country or m.actor.code for m in sources}) >= 2:
                    # "Russia and Turkey agreed": each side with the other, nobody else
                    targets, target_via = sources, "co_subject"
            if nominal and pattern.type == "CONSULT" and not targets and sources:
                sources, targets, source_via, target_via = self._attended(
                    head, index, sources, targets, source_via, target_via
                )
            if not self._constraints_ok(pattern, head, sources, targets, index):
                continue
            if (
                pattern.requires_anchor
                and nominal
                and not self._anchored(head, source_via, target_via)
            ):
                parties = self._meeting_parties(head, index) if pattern.symmetric else []
                if len({m.actor.country or m.actor.code for m in parties}) < 2:
                    continue  # "the Sochi talks" as a topic, not talks held
                # "agreed by Putin and Erdogan at a summit in Sochi": the summit is theirs
                sources, targets = parties, parties
                source_via = target_via = "venue_meeting"
            pattern, targets, target_via = self._retype(
                pattern, head, nominal, index, sources, targets, target_via
            )
            modality = classify(head, self.lex, nominal)
            if (
                pattern.type in ("THREATEN", "REQUEST")
                and modality.modality == "hypothetical"
                and modality.own_condition
                and set(modality.cues or {}) == {"hypothetical"}
            ):
                # "warned of a clash if Trump orders a strike", "called for a strike unless
                # Lukashenko resigns": a threat or a demand names its condition; the
                # warning or the call itself was made
                modality.modality, modality.cue = "asserted", None
            if (
                pattern.type == "MOBILIZE"
                and modality.modality == "future"
                and (modality.cues or {}) == {"future": modality.cue}
                and modality.cue in self.lex.mobilizing_heads
            ):
                # "Turkish forces are preparing to enter Idlib": getting forces ready to
                # move is itself a mobilisation, under way now
                modality.modality, modality.cue = "asserted", None
            # attending is one-way; so is an act toward a counterpart a one-way pattern names
            mutual = bool(targets) and target_via != "sponsor" and not pattern.one_way
            fallback = False
            asked_of_holder = bool(targets) and pattern.holder_target
            if asked_of_holder:
                # "called for the release of journalists jailed in Myanmar": asked of the
                # state holding them (where they are held, else their own state)
                own = {m.actor.country for m in sources}
                held = [
                    m for t in targets for m in self._holder(t, index, head.doc)
                    if m.actor.country not in own
                ]  # fmt: skip  # "Britain pressed for the release of a Briton": held abroad
                targets, target_via = (held, "holder") if held else ([], None)
            if (
                targets and not nominal
                and all(not m.actor.country for m in targets)
                and "each_other" in self.strategies.order(pattern.type, "target")
                and (each := self._each_other(head, sources))
            ):  # fmt: skip
                # "Moscow and Kyiv each released 115 prisoners": to one another, since
                # a country-less object ("prisoners") names no side
                targets, target_via = each, "each_other"
            if not targets and not asked_of_holder:  # no holder found: no one else guessed
                targets, target_via = self._fallback_role(
                    "target", pattern, head, end, nominal, index, sources, targets, modality
                )
                fallback = target_via == "nearest"
            placed = pattern.type == "COERCE" and any(
                t.ent_type_ not in ("DATE", "TIME")
                for t in prep_objects(head, ACT_PLACE_PREPS) + prep_objects(end, ACT_PLACE_PREPS)
            )  # "imposed martial law in the regions of Ukraine it annexed": not its own
            if not targets and pattern.own_state_target and sources and not placed:
                # "Kostov's resignation", "the minister stepped down": the office left is
                # the source's own state's (PLOVER and news coders: RETREAT X -> X)
                # "declared martial law", "imposed a curfew": a state coerces its own people
                own = _as_civilians if pattern.type in ("COERCE", "ASSAULT") else _as_state
                targets = [own(m) for m in sources if m.actor.country][:1]
                target_via = "own_state" if targets else None
            if not sources:
                sources, source_via = self._fallback_role(
                    "source", pattern, head, end, nominal, index, sources, targets, modality
                )
                if source_via == "warring_parties":
                    targets, target_via = sources, "warring_parties"  # each with the other
                elif sources and not targets and not asked_of_holder:
                    # a source found by a strategy lets the target strategies that need one
                    # try again ("protests across Iran": its own government)
                    targets, target_via = self._fallback_role(
                        "target", pattern, head, end, nominal, index, sources, targets, modality
                    )
                    fallback = target_via == "nearest"
            if any(_own_forces(m, sources, head.doc) for m in targets):
                # "Russia withdrew its troops": what the source moves is its own, no target
                targets = [m for m in targets if not _own_forces(m, sources, head.doc)]
                target_via = target_via if targets else None
            if (
                "withdrawn_from" in self.strategies.order(pattern.type, "target")
                and sources
                and (target_via or "object").split("+")[0] in ("object", "in_object")
                and all(_same_state_forces(m, sources) for m in targets)
            ):
                # "announced he was withdrawing American forces", "began pulling its troops
                # out of the area": forces withdrawn are the source's own; they leave the
                # one foreign state the sentence places anything in
                left = self._withdrawn_from(head, index, sources)
                targets, target_via = (left, "withdrawn_from") if left else ([], None)
            if pattern.type == "AID" and targets:
                # "the drones had been delivered": what is given is not who receives it
                # (an armed force named as such is a recipient: "aiding Russia's military")
                targets = [
                    m for m in targets
                    if _root_lemma(head.doc, m) not in self.lex.arms or m.actor.sector
                ]  # fmt: skip
                target_via = target_via if targets else None
            if nominal and not sources and not targets:
                # "the strikes" is any attack just told; "the swarm attack" describes one
                described = any(c.dep_ in ("compound", "amod") for c in head.children)
                same = self._same_event(
                    head, pattern.type, pattern_id=pattern.id.split("@")[0] if described else None
                )
                if same is not None:
                    sources, targets = list(same[0]), list(same[1])
                    source_via = target_via = "event_coreference"
            elif (
                nominal
                and sources
                and not targets
                and not pattern.symmetric
                and pattern.type in self.strategies.sourceless
                and not (
                    self.patterns.types[pattern.type].place_target
                    and _phrase_place([head], index) is not None
                )  # "the chemical attack in Douma": its place gives the target
            ):
                same = self._same_event(head, pattern.type, targets_only=True)
                codes = {m.actor.code for m in sources}
                if same is not None and same[1] and not any(m.actor.code in codes for m in same[1]):
                    targets, target_via = list(same[1]), "event_coreference"
            if not sources and not targets:
                continue
            if (
                not sources
                and pattern.type not in self.strategies.sourceless
                and not (pattern.symmetric and "between" in (target_via or ""))  # "a deal
                # between X and Y": the participants are named together
                and not self._unnamed_critics(head, nominal, pattern, target_via)
            ):
                continue  # "talks were held": no one to code (roles.yaml, sourceless_types)
            if not nominal and (
                self._natural_cause(head, whole=not sources)
                or (not sources and self._vehicle_subject(head))
            ):
                # "Typhoon Haiyan may have killed 10,000 people", "the Haitian cholera
                # outbreak has killed 292 people": no one attacked (a source named only
                # as where the outbreak is does not make one)
                continue
            targetless = self.strategies.targetless
            # "held talks" with no one named (roles.yaml, targetless_types), unless none is
            # to be named ("destroyed its chemical stockpile", "did not sign the treaty")
            unnamed = (
                targetless is not None
                and pattern.type not in targetless
                and pattern.target != ()
                and not pattern.target_optional
            )
            # "regime forces attacked opposition groups": the people hit are unresolved
            # (roles.yaml, targetless_on_things)
            unhit = pattern.type in self.strategies.targetless_on_things
            if (
                not targets
                and (unnamed or (unhit and not self._hits_thing(head, nominal)))
                and not self._placed_target(pattern, start, end, nominal, sources, index)
            ):
                self._wanted_target = True  # rejection R008: an entity might name one
                continue
            if pattern.requires_target and not targets:
                continue
            if (
                pattern.exclude_place_objects
                and not nominal
                and any(index.places_at(o) for o in verb_objects(head))
            ):
                continue  # "freed Raqqa from Isis": a place freed is taken, not released
            cand = Candidate(
                pattern, start, end, nominal, sources, targets, modality, fallback, mutual
            )
            cand.source_via, cand.target_via = source_via, target_via
            return cand
        return None

    def _placed_target(
        self,
        pattern: Pattern,
        start: Token,
        end: Token,
        nominal: bool,
        sources: list[ActorMention],
        index: MentionIndex,
    ) -> bool:
        """Whether ``to_events`` will give the event the place it happens in as its target
        ("shelled rebel positions in Daraa")."""
        if not self.patterns.types[pattern.type].place_target:
            return False
        probe = Candidate(pattern, start, end, nominal, sources, [], ModalityResult("asserted"))
        located = self._event_place(probe, index)
        return located is not None and located not in sources

    def _crowd(self, head: Token, targets: list[ActorMention]) -> list[ActorMention]:
        """'Tens of thousands marched against President Lukashenko': a crowd named only by
        its size protests its own government, so it is that country's civilians."""
        subjects = verb_subjects(head)
        if not subjects or not all(_lemma(s) in self.lex.crowd_nouns for s in subjects):
            return []
        rulers = [m for m in targets if m.actor.country and m.actor.sector in ("GOV", "ELI")]
        if not rulers:
            return []
        ruler = rulers[0]
        actor = ruler.actor
        who = subjects[0]
        code = Actor.make_code(actor.country, "CVL")
        crowd = Actor(who.text, who.idx, who.idx + len(who), actor.country, "CVL", None, code)
        return [ActorMention(ruler.doc_id, ruler.sentence_id, crowd, matched="crowd",
                             token_start=who.i, token_end=who.i + 1,
                             head_token=who.i)]  # fmt: skip

    def _venue_crowd(self, noun: Token, index: MentionIndex) -> list[ActorMention]:
        """'Protests erupted across Iran', 'the anti-government protests sweeping Iran', 'a
        rally in Minsk': a protest that names no one holding it is held by the people of
        the state where it happens (its civilians). Not "in protest at X": a reason."""
        if noun.dep_ == "pobj" and not any(c.dep_ == "det" for c in noun.children):
            return []
        level = [noun]
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
            level.append(noun.head)  # "protests erupted across Iran"
        elif noun.dep_ == "dobj" and any(
            is_one_of(noun.head, verbs) for verbs in (self.lex.attend_verbs, self.lex.light_verbs)
        ):
            level.append(noun.head)  # "thousands joined a rally in Minsk", "staged a protest"
        swept = [
            o for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBG"
            for o in acl.children if o.dep_ == "dobj"
        ]  # fmt: skip  # "protests sweeping Iran"
        places = [m for o in swept for m in [*index.actors_at(o), *index.places_at(o)]]
        places += list(_phrase_places(level, index, 2, lambda t: t.head.lower_ in VENUE_PREPS))
        for m in places:
            if m.actor.country and (m.actor.sector is None or is_capital(m)
                                    or m.matched == "city"):  # fmt: skip
                return [as_sector(m, "CVL")]
        return []

    def _warring_parties(self, noun: Token, index: MentionIndex) -> list[ActorMention]:
        """'Israel and Hamas agreed to a ceasefire, ending 11 days of fighting', 'Armenia
        declared martial law after fighting broke out with Azerbaijan': the parties that
        end a war, or the clause's subject and whom the fighting broke out with, are the
        ones who fought (two states; the target strategies then pair them)."""
        if _lemma(noun) not in self.lex.war_nouns and noun.lower_ not in self.lex.war_nouns:
            return []  # (the parser may tag "fighting" a verb: the word itself is kept)
        gov, dep = noun_governor(noun)
        parties: list[ActorMention] = []
        if gov is not None and dep == "dobj" and _lemma(gov) in self.lex.ending_verbs:
            parties = [m for t in verb_subjects(gov) for m in index.actors_at(t)]
        elif noun.dep_ == "nsubj" and _lemma(noun.head) in self.lex.outbreak_verbs:
            broke = noun.head
            against = [m for t in prep_objects(broke, ("with",)) for m in index.actors_at(t)]
            side = (
                [m for t in verb_subjects(broke.head) for m in index.actors_at(t)]
                if broke.dep_ == "advcl" else []
            )  # fmt: skip
            parties = side + against if side and against else []
        countries = {m.actor.country for m in parties} - {None}
        return parties if len(countries) == 2 else []

    @staticmethod
    def _claimant_of(noun: Token, index: MentionIndex) -> list[ActorMention]:
        """'Isis claimed responsibility for the bombing', 'the Taliban claimed the attack':
        whoever claims an act as theirs did it."""
        gov, dep = noun_governor(noun)
        claim = None
        if gov is not None and dep == "dobj" and gov.lemma_.lower() == "claim":
            claim = gov  # "claimed the attack"
        elif (
            noun.dep_ == "pobj" and noun.head.lower_ == "for"
            and noun.head.head.lemma_.lower() in ("responsibility", "credit")
            and noun.head.head.dep_ == "dobj"
            and noun.head.head.head.lemma_.lower() in ("claim", "take", "accept", "admit")
        ):  # fmt: skip
            claim = noun.head.head.head  # "claimed responsibility for the bombing"
        if claim is None:
            return []
        return [m for s in verb_subjects(claim) for m in index.actors_at(s)]

    def _holder(self, held: ActorMention, index: MentionIndex, doc: Doc) -> list[ActorMention]:
        """Who holds people named as detained: the state where a participle on them says
        they are held ("journalists jailed in Myanmar"), else their own state."""
        if not 0 <= held.head_token < len(doc):
            return []
        tok = doc[held.head_token]
        # "Nazanin Zaghari-Ratcliffe, a British-Iranian aid worker held in Iran"
        nouns = [tok, *(c for c in tok.children if c.dep_ == "appos")]
        for part in (c for n in nouns for c in n.children):
            if part.dep_ in ("acl", "relcl") and part.tag_ == "VBN":
                found = self._authority(part, index, [held])
                if found:
                    return found
        if (
            held.actor.country
            and held.actor.sector in DISSIDENT_SECTORS
            and not (held.matched or "").endswith(("+context", "+document"))
        ):
            return [_as_government(held)]  # "Navalny's release": held by his own state
        return []  # "an American pastor": often held abroad, so no guess

    def _authority(
        self,
        head: Token,
        index: MentionIndex,
        targets: list[ActorMention],
        place_only: bool = False,
    ) -> list[ActorMention]:
        """'Sharif was arrested on arrival in Lahore', 'the arrest of a dissident journalist
        in Minsk': an arrest that names no one making it is made by the authorities of the
        state where it happens; with no place named, by the arrested people's own state,
        when the sentence names no other state that could have made it."""
        held = [
            m for m in targets
            if m.actor.country and m.actor.sector not in AUTHORITY_SECTORS
            # a charge is news of whom it names: "the man", placed only by the story or
            # by the very phrase that says where he is charged, is not
            and not (place_only and (m.matched or "").endswith(("+context", "+document", "+place")))
        ]  # fmt: skip
        if not held:
            return []

        def where(pobj: Token) -> bool:  # "arrested in Lahore", "on his return to Moscow"
            prep = pobj.head.lower_
            return prep in ("in", "at") or (
                prep == "to" and _lemma(pobj.head.head) in self.lex.arrival_nouns
            )

        for m in _phrase_places([head], index, 3, where):
            if m.actor.country:
                return [_as_government(m)]
        if place_only:
            return []
        if head.dep_ == "dobj":

            def arriving(pobj: Token) -> bool:  # "condemned the detention of X on his return
                return pobj.head.lower_ == "to" and _lemma(pobj.head.head) in self.lex.arrival_nouns

            # ... to Moscow": the parser hangs the arrival on the verb that names the arrest
            for m in _phrase_places([head.head], index, 3, arriving):
                if m.actor.country:
                    return [_as_government(m)]
        # no place: only people arrested for what they are (an opposition leader, a
        # journalist, a former prime minister), named as such, whose own state is the only
        # one the sentence names; a "Paris man" arrested for theft is crime news
        held = [
            m for m in held
            if m.actor.sector in POLITICAL_DETAINEES
            and not (m.matched or "").endswith(("+context", "+document"))
        ]  # fmt: skip
        countries = {
            m.actor.country
            for t in head.sent
            for m in [*index.actors_at(t, descend=False), *index.places_at(t)]
            if m.actor.country
        }  # fmt: skip
        own = {m.actor.country for m in held}
        if len(own) != 1 or countries - own:
            return []
        return [_as_government(held[0])]

    def _societal(self, type_: str, source: Actor | None, target: Actor | None) -> bool:
        """Whether a dyad is between societal actors alone (roles.yaml societal_dyads)."""
        sectors = self.strategies.societal_sectors
        if not sectors or type_ in self.strategies.societal_types or source is None:
            return False
        return source.sector in sectors and (target is None or target.sector in sectors)

    def _hits_thing(self, head: Token, nominal: bool) -> bool:
        """Whether what the act hits is a thing, not people ("struck a commercial ship",
        "the drone attack on a tanker", "a tanker was attacked")."""
        if nominal:
            hit = prep_objects(head, ("on", "against", "of"))
            hit += [c for c in head.children if c.dep_ == "compound"]
        else:
            hit = verb_objects(head) + [c for c in head.children if c.dep_ == "nsubjpass"]
        things = self.lex.things | self.lex.arms
        return any(_lemma(t) in things or t.lower_ in things for t in hit)

    def _fallback_role(
        self,
        role: str,
        pattern: Pattern,
        head: Token,
        end: Token,
        nominal: bool,
        index: MentionIndex,
        sources: list[ActorMention],
        targets: list[ActorMention],
        modality: ModalityResult,
    ) -> tuple[list[ActorMention], str | None]:
        """The strategies ``roles.yaml`` lists for this type and role, in order: the first
        that finds an actor fills the role and names itself."""
        for name in self.strategies.order(pattern.type, role):
            found: list[ActorMention] = []
            if name == "relative_clause_object" and nominal:
                found = self._relative_clause_targets(head, pattern, index, sources)
            elif name == "condition_subject" and not nominal:
                found = self._condition_targets(head, index, sources)
            elif name == "complement" and pattern.complement_target:
                # "offered to hand over to Britain", "agreed to provide aid for Poland"
                governor, dep = (head, "") if not nominal else noun_governor(head)
                if governor is not None and not (
                    pattern.type == "CONSULT" and dep in ("nsubj", "nsubjpass")
                ):
                    # (not "the conference is seeking to bypass the UN process": what a
                    # meeting itself seeks is no counterpart of it)
                    found = self._complement_targets(governor, index, sources)
            elif name == "object_prep":
                # "discussed developments in Syria with the Turkish president", "airstrikes
                # by US forces on Syrian targets": the parser hangs the target's phrase on a
                # noun inside the trigger's own phrase
                preps = tuple(p for p in pattern.target_slots(nominal) if p not in SLOT_NAMES)
                found = self._misattached(head, nominal, preps, index, sources)
            elif name == "in_object" and pattern.target != ():
                # "vetoed a mechanism between the OPCW and the UN", "condemned Abe's visit",
                # "concerns over exchanges that might enhance North Korea's capabilities":
                # the nearest actor inside the verb's object (a noun's target phrase)
                own = self.patterns.types[pattern.type].own_object
                if nominal:
                    objs = prep_objects(head, set(pattern.target_slots(True)) - SLOT_NAMES)
                else:
                    objs = [  # not the forces that are the source ("US troops were deployed")
                        o for o in verb_objects(head)
                        if not any(o.left_edge.i <= m.head_token <= o.i for m in sources)
                    ]  # fmt: skip
                    if pattern.type == "REQUEST":  # "called for a ceasefire in Syria"
                        objs += [
                            o for o in prep_objects(head, ("for",))
                            if _lemma(o) in self.lex.requested_acts
                        ]  # fmt: skip
                for obj in objs:
                    if _lemma(obj) in self.lex.arms:
                        continue  # "the weapons Russia supplied were used": whose, not on whom
                    found = self._nearest_in(obj, index, sources, own_object=own, relative=True)
                    if found:
                        break
            elif name == "own_government":
                # "thousands of doctors went on strike": protesters address their own state
                found = [
                    _as_government(m) for m in sources
                    if m.actor.country and m.actor.sector not in (None, "GOV", "MIL", "IGO", "ELI")
                ][:1]  # fmt: skip
                if pattern.type == "REQUEST" and not (
                    _lemma(head) == "demand"
                    and all(m.actor.sector in DEMANDING_SECTORS for m in sources)
                ):
                    # only strikers', protesters' and opponents' demands: "asked for a
                    # larger car", "appeal for projects" ask no government of anything
                    found = []
            elif name == "event_coreference":
                found = [] if nominal else self._event_referents(head, pattern, sources, index)
            elif name == "foreign_venue" and sources:
                governor = noun_governor(head)[0] if nominal else None
                found = self._venue_target(head, governor, index, sources)
            elif name == "host_capital" and nominal and sources:
                found = self._host_capital(head, index, sources)
            elif name == "aimed_place" and self.patterns.types[pattern.type].place_target:
                found = self._place_target(head, nominal, index)
            elif name == "voting_state" and sources:
                found = self._voting_state(head, nominal, index, sources)
            elif name == "requested_place" and pattern.type == "REQUEST":
                found = self._requested_place(head, nominal, index, sources)
            elif name == "nearest" and pattern.target != ():
                own = self.patterns.types[pattern.type].own_object
                found = self._fallback_target(head, end, nominal, index, sources, own)
            elif name == "warned_party" and not nominal:
                found = self._warned_party(head, index, sources)
            elif name == "demanded_party" and not nominal:
                found = self._demanded_party(head, index, sources)
            elif name == "commented_act" and not nominal:
                found = self._commented_act(head, sources)
            elif name == "weapon_owner" and (nominal or is_passive(head)):
                # "suspected Israeli missiles were fired at Latakia", "the delivery of the
                # first US Abrams tanks": whose weapons they are
                themes = prep_objects(head, ("of",)) if nominal else verb_objects(head)
                if not nominal:  # "was hit by bombs from a NATO warplane"
                    themes = themes + [
                        o for a in head.children if a.dep_ == "agent"
                        for o in a.children if o.dep_ == "pobj"
                    ] + prep_objects(head, ("from",))  # fmt: skip
                for t in themes:
                    if _lemma(t) in self.lex.arms:
                        owners = [
                            m for c in t.children if c.dep_ in ("amod", "compound", "poss")
                            for m in index.actors_at(c) if m not in targets
                        ] or [
                            m for c in prep_objects(t, ("from",))
                            for m in index.actors_at(c) if m not in targets
                        ]  # fmt: skip
                        found = list({id(m): m for m in owners}.values())
                        if found:
                            break
            elif name == "answered" and nominal:
                found = self._answered_party(head, sources)
            elif name == "each_other" and not nominal:
                found = self._each_other(head, sources)
            elif name == "responder" and nominal and sources:
                found = self._responder(head, index, sources)
            elif name == "defier" and nominal and sources:
                found = self._defier(head, index, sources)
            elif name == "conjunct_party" and sources:
                found = self._conjunct_party(head, nominal, index, sources)
            elif name == "retaliation" and sources:
                found = self._retaliation_target(head, nominal, sources)
            elif name == "meeting_agent" and nominal:
                found = self._meeting_agents(head, index, targets)
            elif name == "crowd" and not nominal and targets:
                found = self._crowd(head, targets)
            elif name == "claimant" and nominal:
                found = self._claimant_of(head, index)
            elif name == "venue_crowd" and nominal:
                found = self._venue_crowd(head, index)
            elif name == "warring_parties" and (nominal or _gerund(head)):
                found = self._warring_parties(head, index)
            elif (
                name == "authority" and targets and pattern.mode == "arrest"
                and (nominal or is_passive(head))
            ):  # fmt: skip
                found = self._authority(head, index, targets)
            elif (
                name == "authority" and targets and pattern.type == "ACCUSE"
                and not nominal and is_passive(head) and _lemma(head) in self.lex.charging_verbs
            ):  # fmt: skip
                # "is accused in Turkey of planning attacks": charged by that state
                found = self._authority(head, index, targets, place_only=True)
            elif name == "accuser" and not nominal and modality.modality == "alleged":
                found = self._accusing_state(modality, index, sources)
            elif (
                name == "denier_or_accused" and nominal
                and modality.modality in ("denied", "alleged")
            ):  # fmt: skip
                found = self._implied_source(modality, index, targets)
            if found:
                return found, name
        return [], None

    def _misattached(
        self,
        head: Token,
        nominal: bool,
        preps: tuple[str, ...],
        index: MentionIndex,
        sources: list[ActorMention],
    ) -> list[ActorMention]:
        """Actors in a target phrase (``preps``) hung on a noun of the trigger's own phrase:
        its objects, or the objects of its prepositions (two levels, no clauses)."""
        nouns = verb_objects(head) if not nominal else []
        agents: set[int] = set()  # nouns inside a by-phrase, the agent's
        level = [head]
        for _ in range(2):
            found_level = []
            for t in level:
                for p in t.children:
                    if p.dep_ not in ("prep", "agent"):
                        continue
                    if p.lower_ in preps and not (t.i in agents and p.lower_ == "of"):
                        continue  # the attackers' "of" is theirs ("a swarm of drones")
                    if p.lower_ in self.lex.time_preps:
                        continue  # "deployed ... after a port call in Cyprus": when, not where
                    for c in p.children:
                        if c.dep_ == "pobj":
                            found_level.append(c)
                            if p.lower_ == "by" or t.i in agents:
                                agents.add(c.i)
            level = found_level
            nouns += level
        for noun in nouns:
            own = preps
            if _lemma(noun) in self.lex.origin_nouns:
                own = tuple(p for p in preps if p != "from")  # "withdrawal from Kosovo"
            if noun.i in agents:  # "an attack by a swarm of drones": the drones attack
                own = tuple(p for p in own if p != "of")
                # "... by drones targeting a Russian airbase": what the attackers aim at
                aimed = [
                    m for acl in noun.children
                    if acl.dep_ == "acl" and acl.lemma_.lower() in self.lex.aiming_verbs
                    for o in verb_objects(acl) for m in index.actors_at(o)
                    if m not in sources
                ]  # fmt: skip
                if aimed:
                    return aimed
            found = [m for m in self._fill(noun, own, True, index)[0] if m not in sources]
            if found:
                return found
        return []

    def _launcher(self, verb: Token, index: MentionIndex) -> list[ActorMention]:
        """Who launched, fired or sent the weapon that is the verb's subject ("a missile
        fired by Yemen's Houthis struck ...")."""
        for subj in verb_subjects(verb):
            if _lemma(subj) not in self.lex.arms:
                continue
            for acl in subj.children:
                if acl.dep_ != "acl" or acl.tag_ != "VBN":
                    continue
                # a passive participle's subjects are its by-agents (roles.verb_subjects)
                found = [m for a in verb_subjects(acl) for m in index.actors_at(a)]
                if found:
                    return found
        return []

    def _harmed(self, noun: Token) -> list[Token]:
        """Who an attack noun harmed through the verb it is the agent of: the object of
        "a drone strike killed Soleimani", the subject of "he was killed by a strike"."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "agent":
            verb = verb.head
            if _lemma(verb) in self.lex.harm_verbs and is_passive(verb):
                return [c for c in verb.children if c.dep_ == "nsubjpass"]
            return []
        if noun.dep_ == "nsubj" and _lemma(verb) in self.lex.harm_verbs and not is_passive(verb):
            return [c for c in verb.children if c.dep_ == "dobj"]
        return []

    def _asked_for(self, noun: Token) -> bool:
        """'called for direct negotiations', 'urged talks': a joint act named as what a
        request verb (a REQUEST pattern's verb) asks for; those asking are not its sides."""
        verb, dep = noun_governor(noun)
        return (
            verb is not None
            and dep in ("dobj", "pobj")
            and any(p.type == "REQUEST" for p in self.triggers.verb_patterns(verb))
        )

    def _vehicle_subject(self, verb: Token) -> bool:
        """'The car that hit Johnson', 'a tree fell and killed a woman': a vehicle (or a
        falling tree) with no one named driving it is a road accident (lexicon: vehicles).
        So is a death told by what a vehicle or a storm did: "was killed when his car
        crashed into several trees"."""
        subjects = verb_subjects(verb)
        if verb.dep_ == "relcl":
            subjects = [*subjects, verb.head]
        if any(_lemma(s) in self.lex.vehicles for s in subjects):
            return True
        if not is_passive(verb):
            return False
        if any(  # "was killed in a car accident", "died in a fire" (not "in Israeli fire")
            o.dep_ == "pobj" and (_lemma(o) in self.lex.accidents or _a_fire(o))
            for v in (verb, *verb.conjuncts)
            for p in v.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
        ):
            return True
        causes = self.lex.vehicles | self.lex.natural_causes
        return any(  # "was killed and five were injured when a tree fell": either verb's
            _lemma(s) in causes
            for clause in (c for v in (verb, *verb.conjuncts) for c in v.children)
            if clause.dep_ == "advcl"
            and any(m.dep_ == "advmod" and m.lower_ == "when" for m in clause.children)
            for s in verb_subjects(clause)
        )

    def _natural_cause(self, verb: Token, whole: bool = True) -> bool:
        """The verb's subject is a storm, quake, flood or disease (lexicon: natural_causes);
        ``whole``: anywhere in the subject phrase, else its head noun."""
        subjects = verb_subjects(verb)
        if verb.dep_ == "acl":
            subjects = [*subjects, verb.head]  # "after an outbreak of cholera killed 60"
        # "people are being pounded by torrential rainfall": the passive's agent
        subjects += [o for a in verb.children if a.dep_ == "agent" for o in a.children]
        causes = self.lex.natural_causes | self.lex.accidents  # "a collision injured a woman"
        return any(
            _lemma(t) in causes or t.lower_ in causes
            for s in subjects for t in (s.subtree if whole else [s])
        )  # fmt: skip

    def _retaliation_target(
        self, head: Token, nominal: bool, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'Houthi missiles struck near Israel's airport, prompting Netanyahu to vow
        retaliation': retaliation is aimed at whoever just hit the retaliating state."""
        words = [head, *(c for c in head.subtree if c.i != head.i and abs(c.i - head.i) < 9)]
        if not any(self._answers(t) for t in words):
            return []
        own = {m.actor.country for m in sources} - {None}
        for cand in reversed(self._sentence_candidates):
            # "Washington raising tariffs on Chinese goods and Beijing vowing to strike back"
            if cand.trigger.i >= head.i or cand.pattern.type not in HOSTILE_TYPES:
                continue
            if own & {m.actor.country for m in cand.targets}:
                return [m for m in cand.sources if m.actor.country not in own]
        for event in reversed(self.memory):
            if event.trigger_index >= head.i or event.type not in HOSTILE_TYPES or event.sourceless:
                continue
            if head.sent.start - event.sentence_start > SAME_EVENT_TOKENS:
                break
            hit = {m.actor.country for m in event.targets}
            if own & hit:
                return [m for m in event.sources if m.actor.country not in own]
        return []

    @staticmethod
    def _reciprocal(verb: Token, index: MentionIndex) -> list[ActorMention]:
        """'each accusing the other', 'each blaming the other side': the parties of the
        clause the reciprocal hangs on (its subject), when they are of two states."""
        if not (
            any(c.dep_ == "nsubj" and c.lower_ == "each" for c in verb.children)
            and any(c.lower_ == "other" for o in verb_objects(verb) for c in (o, *o.children))
        ):
            return []
        if verb.dep_ not in ("advcl", "conj", "xcomp", "ccomp") or verb.head == verb:
            return []
        parties = [m for t in verb_subjects(verb.head) for m in index.actors_at(t)]
        return parties if len({m.actor.country for m in parties} - {None}) == 2 else []

    @staticmethod
    def _each_other(verb: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """'Moscow and Kyiv each released 115 prisoners': parties named together that each
        do the same act do it to one another (pairs never join a party with itself)."""
        if len({m.actor.country for m in sources}) < 2:
            return []
        holders = [verb, *verb_subjects(verb)]
        if any(c.lower_ == "each" for t in holders for c in t.children):
            return list(sources)
        return []

    @staticmethod
    def _defier(
        noun: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'Hamas showed no sign of backing down, despite Trump's warning that ...': a
        warning or demand acted against was addressed to whoever acts against it."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in DEFYING_PREPS:
            return []
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        own = {m.actor.country for m in sources}
        return [
            m for t in verb_subjects(verb) for m in index.actors_at(t)
            if m.actor.country and m.actor.country not in own
        ]  # fmt: skip

    def _responder(
        self, noun: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'Putin had rejected Erdoğan's calls for a ceasefire', 'Tehran dismissed Trump's
        offer of talks': whoever answers a request or an offer is the one it was made to."""
        if _lemma(noun) in self.lex.hypothetical_nouns:
            return []  # "dismissed Washington's warnings of an invasion": not warned itself
        own = {m.actor.country for m in sources}
        verb = noun.head
        if (
            noun.dep_ == "pobj"
            and verb.lower_ == "of"
            and _lemma(verb.head) in self.lex.response_nouns
        ):
            # "Ukraine's rejection of a Russian ultimatum": whose the rejection is
            answer = verb.head
            return [
                m for c in answer.children if c.dep_ in ("poss", "amod", "compound")
                for m in index.actors_at(c)
                if m.actor.country and m.actor.country not in own
            ][:1]  # fmt: skip
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        keys = {_lemma(verb), *(f"{_lemma(verb)} {p}" for p in particles)}  # "turned down"
        if noun.dep_ != "dobj" or not keys & self.lex.response_verbs:
            return []
        return [
            m for s in verb_subjects(verb) for m in index.actors_at(s)
            if m.actor.country and m.actor.country not in own
        ][:1]  # fmt: skip

    def _conjunct_party(
        self, head: Token, nominal: bool, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'met the Japanese ambassador and offered an apology', 'summoned Iran's envoy and
        warned of serious consequences': an act with no counterpart, coordinated with one
        that has one and the same subject, is addressed to that counterpart."""
        verb = noun_governor(head)[0] if nominal else head
        if verb is None or (nominal and not is_one_of(verb, self.lex.light_verbs)):
            return []  # "dismissed Washington's warnings and accused NATO": not its act
        siblings = [verb.head] if verb.dep_ == "conj" else []
        siblings += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        own = {m.actor.country for m in sources}
        for sibling in siblings:
            parties = verb_objects(sibling) + prep_objects(sibling, ("with", "to"))
            found = [
                m for t in parties for m in index.actors_at(t)
                if m.actor.country and m.actor.country not in own
            ]  # fmt: skip
            if found:
                return found[:1]
        return []

    def _answered_party(self, noun: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """'Israel struck targets in Iran in retaliation for Tehran's missile barrage': the
        act answered was aimed at whoever answers it."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for":
            return []
        answer = prep.head  # not "in response to a chemical attack": on others, perhaps
        if not (_lemma(answer) in RETALIATION_NOUNS and answer.dep_ == "pobj"):
            return []
        verb = answer.head.head
        own = {m.actor.country for m in sources}
        for cand in self._sentence_candidates:
            if cand.trigger.i == verb.i and cand.pattern.type in HOSTILE_TYPES:
                return [m for m in cand.sources if m.actor.country not in own]
        return []

    def _answers(self, tok: Token) -> bool:
        """'retaliation', 'a response', 'retaliate', 'respond', 'strike back', 'hit back'."""
        lemma = _lemma(tok)
        if lemma in self.lex.answer_nouns or lemma in self.lex.answer_verbs:
            return True
        return lemma in self.lex.hostile_verbs and any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children
        )

    @staticmethod
    def _meeting_agents(
        noun: Token, index: MentionIndex, targets: list[ActorMention]
    ) -> list[ActorMention]:
        """'In a joint telephone call to the Kremlin, Merkel and Macron urged Putin ...':
        whoever acts in a call or meeting is the one who holds it."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in MEETING_PREPS:
            return []
        verb = noun.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        codes = {m.actor.code for m in targets}
        return [
            m for s in verb_subjects(verb) for m in index.actors_at(s)
            if m.actor.code not in codes
        ]  # fmt: skip

    @staticmethod
    def _meeting_parties(noun: Token, index: MentionIndex) -> list[ActorMention]:
        """'agreed by Putin and Erdogan at a bilateral summit', 'a summit at which Erdogan
        pleaded with Russia and Iran': those who act at a meeting are its parties."""
        verbs: list[Token] = []
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in ("at", "during") and prep.head.pos_ == "VERB":
            verbs.append(prep.head)
        for rel in noun.children:  # "a summit at which ..."
            if rel.dep_ == "relcl" and any(
                c.dep_ == "prep" and c.lower_ in ("at", "during")
                and any(w.lower_ == "which" for w in c.children)
                for c in rel.children
            ):  # fmt: skip
                verbs.append(rel)
        parties: list[ActorMention] = []
        for verb in verbs:
            for child in verb.children:
                if child.dep_ == "nsubj":  # not a passive subject: what was agreed
                    parties += index.actors_at(child)
                elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "with"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            parties += index.actors_at(pobj)
        return list({id(m): m for m in parties}.values())

    def _anchored(self, noun: Token, source_via: str | None, target_via: str | None) -> bool:
        """A noun event that is reported as happening: a light verb governs it ("held
        talks", "attended the summit") or its participants are named on it ("talks
        with Iran", "Russia's talks", "talks between ...")."""
        gov, dep = noun_governor(noun)
        if (
            gov is not None
            and dep in ("dobj", "pobj")
            and (is_one_of(gov, self.lex.light_verbs) or is_one_of(gov, self.lex.attend_verbs))
        ):  # "arrived in Geneva for the talks": attended
            return True
        named = ("possessor", "modifier", "by_agent", "between", "co_subject")
        return bool(
            (source_via and source_via.split("+")[0] in named)
            or (target_via and (target_via.startswith("prep:") or target_via == "between"))
        )

    def _retype(
        self,
        pattern: Pattern,
        head: Token,
        nominal: bool,
        index: MentionIndex,
        sources: list[ActorMention],
        targets: list[ActorMention],
        target_via: str | None,
    ) -> tuple[Pattern, list[ActorMention], str | None]:
        """The pattern's event in the context its data names: backing armed forces is
        AID; vowing to crush someone is a THREAT; warning that someone else will do harm
        is an ACCUSATION of them (who then is the target)."""
        if pattern.if_armed_target and (
            any(m.actor.sector in ARMED_SECTORS for m in [*targets, *sources])
            or any(_lemma(t) in self.lex.armed_nouns for t in self._target_tokens(head, nominal))
            or any(_lemma(t) in self.lex.military for t in self._agent_tokens(head))
        ):  # backing by or of fighters ("backed by Russian air power") is military aid
            return _retyped(pattern, pattern.if_armed_target, ARMED), targets, target_via
        if (
            pattern.if_official_source and sources and all(_official(m) for m in sources)
        ):  # "China protested to Japan": a diplomatic protest, not a street one
            return _retyped(pattern, pattern.if_official_source, "official"), targets, target_via
        if (
            pattern.if_official_target
            and sources and targets
            and all(_official(m) for m in targets)
            and not any(m.actor.sector in PROTESTING_SECTORS for m in sources)
        ):  # fmt: skip
            # "a Saudi-led boycott of Doha": one state shunning another sanctions it
            retyped = _retyped(pattern, pattern.if_official_target, "state_target")
            return retyped, targets, target_via
        refused = None if nominal else _negated_complement(head)
        if refused is not None and pattern.if_refused_complement:
            if self._hostile_complement(head, negated=True):
                return pattern, targets, target_via  # "pledged not to attack": a promise
            retyped = _retyped(pattern, pattern.if_refused_complement, "refused")
            return retyped, targets, target_via  # "vowed not to resume talks": a refusal
        hostile = (
            self._hostile_noun_complement(head) if nominal else self._hostile_complement(head)
        ) if pattern.if_hostile_complement else None  # fmt: skip
        if hostile:
            retype = pattern.if_hostile_complement
            if hostile != HOSTILE_VERB:  # only "vowed to respond" needs no one named
                retype = replace(retype, target_optional=False)
            return _retyped(pattern, retype, "hostile"), targets, target_via
        if pattern.if_told_to and not nominal and targets and target_via == "object":
            told = [
                c for c in head.children
                if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to"
                                             for a in c.children)
            ]  # fmt: skip
            if told:  # "warned the EU not to think ...", "cautioned Iran to stop": advice
                return _retyped(pattern, pattern.if_told_to, "told"), targets, target_via
        if pattern.if_told_to and not nominal:
            advised = [
                c for c in head.children
                if c.dep_ == "ccomp" and any(
                    a.dep_ == "aux" and a.lower_ in self.rules.obligation_aux for a in c.children
                )
            ]  # fmt: skip
            if advised:
                # "warned that Iran must stop enrichment": what someone should do is asked of
                # them, no threat; "warned that civilians should be given more information"
                # asks it of no one named
                clause = advised[0]
                asked = [
                    m for t in ([] if is_passive(clause) else verb_subjects(clause))
                    for m in index.actors_at(t) if m not in sources
                ]  # fmt: skip
                return _retyped(pattern, pattern.if_told_to, "advised"), asked, "clause_subject"
        if pattern.if_other_agent and not nominal and not targets and sources:
            for comp in head.children:
                if comp.dep_ != "ccomp":
                    continue
                # "warned that police will no longer tolerate rallies": one's own police
                # doing harm is a threat, not an accusation
                own = {m.actor.country for m in sources} - {None}
                others = [
                    m for t in verb_subjects(comp) if t.pos_ != "PRON"
                    for m in index.actors_at(t) or _sponsors(t, index)
                    if m not in sources and m.actor.country not in own
                ]  # fmt: skip  # "warned that a Russian-sponsored conference is seeking ..."
                if others:
                    retyped = _retyped(pattern, pattern.if_other_agent, "other")
                    return retyped, others, "clause_subject"
        return pattern, targets, target_via

    @staticmethod
    def _target_tokens(head: Token, nominal: bool) -> list[Token]:
        """Where a target may sit: the object, or the noun a participle modifies."""
        if nominal:
            return [c for p in head.children if p.dep_ == "prep" for c in p.children]
        out = verb_objects(head)
        if head.dep_ in ("amod", "acl") and head.head != head:
            out.append(head.head)  # "US-backed forces", "rebels backed by Turkey"
        return out

    @staticmethod
    def _agent_tokens(head: Token) -> list[Token]:
        """The words of a by-agent on the trigger ("backed by US-led airstrikes")."""
        return [t for c in head.children if c.dep_ == "agent" for t in c.subtree]

    def _hostile_noun_complement(self, noun: Token) -> bool:
        """'a vow of retaliation', 'a pledge to crush the rebels': what is vowed is harm."""
        vowed = [
            o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ in ("pobj", "pcomp")
        ]  # fmt: skip
        if any(
            _lemma(o) in self.lex.hostile_nouns
            or any(m[0].type in HOSTILE_TYPES for m in self.triggers.matches(o))
            for o in vowed
        ):
            return True
        acts = [
            c for c in noun.children
            if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]  # fmt: skip
        return any(
            _lemma(c) in self.lex.hostile_verbs
            or any(m[0].type in HOSTILE_TYPES for m in self.triggers.matches(c))
            for c in acts
        )

    def _hostile_complement(self, verb: Token, negated: bool = False) -> str | None:
        """'vowed to crush the rebels', 'promised a strong response': what is promised
        is harm; HOSTILE_VERB when a verb of harm says so itself ("vowed to respond").
        Harm promised *not* to be done is no threat; ``negated`` asks about that harm."""
        for child in verb.children:
            clause = child.dep_ in ("xcomp", "ccomp") or (
                # "have sworn to fight": the parser's advcl for the vowed act
                child.dep_ == "advcl"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
                and not any(c.dep_ == "mark" for c in child.children)
            )
            clause = clause and child.pos_ in ("VERB", "AUX")
            clause = clause and negated == any(c.dep_ == "neg" for c in child.children)
            if clause and _lemma(child) in self.lex.hostile_verbs:
                return HOSTILE_VERB
            if clause and (
                any(p.type in HOSTILE_TYPES for p in self.triggers.verb_patterns(child))
                or any(_lemma(o) in self.lex.hostile_nouns for o in verb_objects(child))
                or any(  # "recognised that its troops committed genocide"
                    m[0].type in HOSTILE_TYPES
                    for o in verb_objects(child)
                    for m in self.triggers.matches(o)
                )
            ):
                return HOSTILE
            if child.dep_ == "dobj" and any(
                _lemma(t) in self.lex.hostile_nouns for t in child.subtree if t.i - child.i < 6
            ):
                return HOSTILE  # "promised a strong response", "promised decisions on a response"
        return None

    def _accusing_state(
        self, modality: ModalityResult, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """A state accusing another of an act naming no victim ("Ukraine accused Russia of
        blowing up the dam") says it was done to it (never an IGO or a third party of
        the accused's own country)."""
        verb = modality.accuser
        if verb is None or verb.pos_ != "VERB" or not sources:
            return []
        accused = {m.actor.country for m in sources}
        return [
            m for t in verb_subjects(verb) for m in index.actors_at(t)
            if m.actor.country and m.actor.country not in accused
            and m.actor.sector in (None, "GOV", "MIL")
        ]  # fmt: skip

    def _implied_source(
        self, modality: ModalityResult, index: MentionIndex, targets: list[ActorMention]
    ) -> list[ActorMention]:
        """Who denies (or stands accused of) an event is its agent when the text omits it."""
        verb = modality.denier or modality.accuser
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return []
        parties: list[ActorMention] = []
        for t in (
            verb_subjects(verb)
            if modality.denier is not None
            else [c for c in verb.children if c.dep_ == "dobj"]
        ):
            parties.extend(index.actors_at(t))
        target_codes = {m.actor.code for m in targets}
        return [m for m in parties if m.actor.code not in target_codes]

    @staticmethod
    def _merge_relative_clauses(candidates: list[Candidate]) -> list[Candidate]:
        """'transfers that could aid Russia': the clause completes the noun's event."""
        by_token = {c.trigger.i: c for c in candidates if c.nominal}
        by_token.update({c.trigger_end.i: c for c in candidates if c.nominal})
        # "fired the missile that killed two people": one attack, told by what it did
        fired = {
            firing.i: c.pattern.type
            for c in candidates
            if not c.nominal and (firing := fired_by(c.trigger)) is not None
        }
        kept = []
        for cand in candidates:
            head = cand.trigger.head
            if not cand.nominal and fired.get(cand.trigger.i) == cand.pattern.type:
                continue
            if not cand.nominal and cand.trigger.dep_ == "relcl" and head.i in by_token:
                noun = by_token[head.i]
                if noun.pattern.type == cand.pattern.type:
                    if not noun.targets:
                        noun.targets = [m for m in cand.targets if m not in noun.sources]
                    continue
            kept.append(cand)
        return kept

    # ------------------------------------------------------------------ records
    def to_events(
        self,
        cand: Candidate,
        sentence: Sentence,
        doc_id: str,
        date: str | None,
        index: MentionIndex,
    ) -> list[Event]:
        if not cand.sources and cand.modality.modality in self.strategies.sourceless_unreal:
            # "if Russian citizens had been killed", "if Trump orders a strike in Syria": an
            # attack no one is named for, and that has not happened, is no event (roles.yaml)
            return []
        pattern = cand.pattern
        info = self.patterns.types[pattern.type]
        doc: Doc = cand.trigger.doc
        first, last = sorted((cand.trigger, cand.trigger_end), key=lambda t: t.i)
        t_start = first.idx
        t_end = last.idx + len(last.text)
        trigger = Span(doc[first.i : last.i + 1].text, t_start, t_end)
        mention_id = stable_hash(doc_id, sentence.sentence_id, t_start, pattern.type)
        attributed = self._attributed_to(cand.trigger, index) or self._claimant(cand, index)
        located = self._event_place(cand, index)
        place = located.actor.country if located else None
        suffix = ""
        if located is not None and located not in cand.sources:
            if not cand.targets and info.place_target and cand.source_via != "event_coreference":
                # "shelled targets in Jericho": the place's people and authorities receive it
                cand = replace(cand, targets=[located], target_via="place")
                suffix = "+place_target"
            elif (
                not cand.sources and info.unknown_source and _no_named_agent(cand)
                and not (  # "firing rockets at Israel": the place aimed at, not where
                    any(located is t for t in cand.targets)  # attackers are ("fighting in
                    and not (cand.target_via or "").startswith("prep:in")  # Sudan")
                )
            ):  # fmt: skip
                # "a roadside bombing near Samarra killed ...": unidentified attackers there
                unknown = ActorMention(
                    located.doc_id,
                    located.sentence_id,
                    Actor(
                        located.actor.text, located.actor.start, located.actor.end, place,
                        info.unknown_source, None, Actor.make_code(place, info.unknown_source),
                    ),
                    matched="unknown+place",
                )  # fmt: skip
                cand = replace(cand, sources=[unknown], source_via="unknown_at_place")
                suffix = "+place_source"
        if not cand.sources and (cand.modality.cue or "") in self.lex.hypothetical_nouns:
            return []  # "warnings of an imminent attack on Ukraine": no one, and not yet
        pairs = self._pairs(cand)
        if pairs and all(
            s is not None
            and t is not None
            and s.actor.code == t.actor.code
            and (pattern.type in MATERIAL_CONFLICT or (is_capital(t) and pattern.type != "CONSULT"))
            for s, t in pairs
        ):
            # every target is its source again: for an act of force the target is wrong, not
            # the act, and one's own capital is where it happens ("threatened a curfew in
            # Algiers", but "returned to New Delhi" is going home); for other words a
            # self-addressed target means the parse is wrong
            sources = list({id(s): s for s, _ in pairs}.values())
            pairs = [(s, None) for s in sources]

        def strategy_of(mention: ActorMention | None) -> str | None:
            """Symmetric events reverse pairs: a side's strategy is that of its mention."""
            if any(m is mention for m in cand.sources):
                return cand.source_via
            return cand.target_via

        rule = f"pattern:{pattern.id}" + ("+fallback_target" if cand.fallback_target else "")
        rule += suffix
        event_date, precision = resolve_event_date(cand.trigger, date)
        dated = _opens_with_dateline(cand.trigger.sent)
        events: list[Event] = []
        seen: set[str] = set()
        for source, target in pairs:
            s_actor = _placed(source, place, PLACED_SOURCE_SECTORS) if source else None
            t_actor = (
                _placed(target, place, over_guess=pattern.type == "ASSAULT") if target else None
            )
            event_id = stable_hash(
                doc_id, t_start, pattern.id,
                s_actor.start if s_actor else None, s_actor.code if s_actor else None,
                t_actor.start if t_actor else None, t_actor.code if t_actor else None,
            )  # fmt: skip
            if event_id in seen:
                continue
            if not (_stated(s_actor) or _stated(t_actor)) and not (
                _names_place(cand.trigger.sent, index) and _public(s_actor, t_actor)
            ):
                # "two tourists were attacked", "parliament criticised the government": neither
                # side is tied to a state or a named group, and no place says where ("gunmen
                # stormed a Kabul hotel" is news); "a woman was killed in Arlington": with
                # a place, still no organ of state or armed group takes part
                continue
            if (_organ_of_no_state(s_actor) or _organ_of_no_state(t_actor)) and not dated:
                # "the regime", "police" with no state found: no actor to record (a wire
                # dateline, "KARACHI, May 27 - Gunmen attacked a police station", says where)
                continue
            if s_actor is not None and t_actor is not None and s_actor.code == t_actor.code:
                continue  # never a dyad of one actor with itself
            if t_actor is None and pattern.requires_target:
                continue  # its only target was its source again
            if pattern.between_states and not _between_states(s_actor, t_actor):
                continue  # "the mayor worked with the police": a town's business, not news
            if self._societal(pattern.type, s_actor, t_actor):
                continue  # "a resident questioned businesses": society's business (roles.yaml)
            if (
                pattern.id.endswith("@" + ARMED)
                and s_actor is not None
                and t_actor is not None
                and s_actor.country == t_actor.country
            ):
                continue  # "Syrian forces backing Assad": a state's own forces, no aid
            source_via = _via(strategy_of(source), source, s_actor)
            target_via = _via(strategy_of(target), target, t_actor)
            s_country = s_actor.country if s_actor else None
            t_country = t_actor.country if t_actor else None
            kind = (pattern.type, cand.modality.modality, rule)
            confidence = self.calibration.confidence(
                features(*kind, source_via, target_via, s_country, t_country)
            )
            if pattern.symmetric:  # one event seen from both sides: one confidence for both
                confidence = max(confidence, self.calibration.confidence(
                    features(*kind, target_via, source_via, t_country, s_country)
                ))  # fmt: skip
            seen.add(event_id)
            events.append(
                Event(
                    event_id=event_id,
                    doc_id=doc_id,
                    sentence_id=sentence.sentence_id,
                    sentence=sentence.text,
                    trigger=trigger,
                    type=pattern.type,
                    mode=pattern.mode,
                    cameo=pattern.cameo,
                    quad_class=info.quad_class,
                    intensity=info.intensity,
                    goldstein=self.patterns.goldstein_for(pattern.cameo),
                    modality=cand.modality.modality,
                    attributed_to=_copy(attributed),
                    source=_copy(s_actor),
                    target=_copy(t_actor),
                    date=event_date,
                    date_precision=precision,
                    mention_id=mention_id,
                    confidence=confidence,
                    rule=rule,
                    source_via=source_via,
                    target_via=target_via,
                )
            )
        return events

    @staticmethod
    def _attributed_to(trigger: Token, index: MentionIndex) -> Actor | None:
        """Who the text says reports the event: the source of the attribution
        (``dyads.attribution``, the code ``dyads eval attribution`` scores) whose content
        holds the trigger, as a resolved actor; None when the writer reports it."""
        sent = trigger.sent
        cache = sent.doc.user_data.setdefault(_ATTRIBUTIONS, {})
        found = cache.get(sent.start)
        if found is None:
            found = cache[sent.start] = attributions_in(sent)
        for att in found:
            content, source = att.content, att.source
            if content is None or source is None:
                continue
            if not content.start <= trigger.idx < content.end:
                continue
            span = sent.doc.char_span(source.start, source.end, alignment_mode="expand")
            if span is None:
                continue
            actors = index.actors_at(span.root)
            if actors:
                return actors[0].actor
        return None

    @staticmethod
    def _claimant(cand: Candidate, index: MentionIndex) -> Actor | None:
        """'Ukraine accused Iran of supplying Russia', 'Iran denied supplying drones': who
        alleges or denies an event says it, though no reporting verb names them."""
        if cand.modality.modality not in ("alleged", "denied"):
            return None
        verb = cand.modality.accuser or cand.modality.denier
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        for subj in verb_subjects(verb):
            actors = index.actors_at(subj)
            if actors:
                return actors[0].actor
        return None

    @staticmethod
    def _event_place(cand: Candidate, index: MentionIndex) -> ActorMention | None:
        """A place the event happens in: "killed 23 people in Tel Aviv", "lifted a curfew in
        Algiers", "a roadside bombing near the town of Samarra killed ..."."""
        trigger = cand.trigger
        anchors = [trigger]
        if cand.trigger_end is not trigger:
            anchors.append(cand.trigger_end)
        if not cand.nominal:
            if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
                # "attacked a mall in Nairobi, killing 39": where the clause it follows is
                anchors += [trigger.head, *verb_objects(trigger.head)]
            anchors += verb_objects(trigger)
            anchors += [t for t in trigger.children if t.dep_ in ("nsubj", "nsubjpass", "agent")]
            anchors += [t for a in anchors if a.dep_ == "agent" for t in a.children]
        elif trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in CONTINUING_VERBS:
            # "the onslaught has continued ... in the eastern Ghouta suburbs"
            anchors.append(trigger.head)
        return _phrase_place(anchors, index)

    @staticmethod
    def _place_target(head: Token, nominal: bool, index: MentionIndex) -> list[ActorMention]:
        """'shelled Idlib', 'airstrikes on Khan Sheikhoun', 'the bombardment of southern
        Idlib': a place the act is aimed at stands for the people and authorities there."""
        if nominal:
            slots = prep_objects(head, PLACE_AIMS)
            gov, dep = noun_governor(head)
            if gov is not None and dep == "dobj":  # "launched an offensive against X"
                slots += prep_objects(gov, ("on", "against"))
        else:
            slots = verb_objects(head) + prep_objects(head, ("on", "against"))
        for t in slots:
            found = index.places_at(t)
            if found:
                return found
        for t in slots:  # "an offensive against rebel positions in eastern Ghouta"
            if t.pos_ != "NOUN" or index.actors_at(t):
                continue
            for pobj in prep_objects(t, ("in", "inside", "near", "around", "across")):
                found = index.places_at(pobj)
                if found:
                    return found
        return []

    def _voting_state(
        self, head: Token, nominal: bool, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'criticised the vote as fraudulent', 'the outcome of the re-run has been hailed as
        fair': an election judged is the state that held it judged: a place its phrase
        names, else the state the story is about ("+document")."""
        nouns = prep_objects(head, ("of", "on", "over")) if nominal else verb_objects(head)
        for noun in nouns:
            vote = noun if _lemma(noun) in self.lex.vote_nouns else None
            if vote is None and _lemma(noun) in self.lex.tally_nouns:
                # "the outcome of the re-run" (split by the tokenizer), "the election results"
                for part in noun.children:
                    if part.dep_ == "compound" and _lemma(part) in self.lex.vote_nouns:
                        vote = part
                    elif part.dep_ == "prep" and part.lower_ in ("of", "in"):
                        words = noun.doc[part.i + 1 : part.right_edge.i + 1].text.lower().split()
                        pobjs = [c for c in part.children if c.dep_ == "pobj"]
                        if pobjs and set(words) & self.lex.vote_nouns:
                            vote = pobjs[-1]
            if vote is None:
                continue
            if any(index.actors_at(t) for t in vote.subtree):
                return []  # "Ukraine's election": the actor named is the target's reading
            for t in vote.subtree:
                places = index.places_at(t)
                if places:
                    return [as_sector(places[0], None)]
            return _story_state(vote, sources)
        return []

    def _requested_place(
        self, head: Token, nominal: bool, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'called for a ceasefire in Idlib', 'urged a truce across Yemen': a requested end
        to fighting that names no party is asked of the state where the fighting is."""
        acts = prep_objects(head, ("for",)) + ([] if nominal else verb_objects(head))
        for clause in head.children:  # "called for the ceasefire to begin": "for" a mark
            if clause.dep_ in ("advcl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in clause.children
            ):
                acts += verb_subjects(clause)
        own = {m.actor.country for m in sources}
        for act in acts:
            if _lemma(act) not in self.lex.requested_acts:
                continue
            for pobj in prep_objects(act, ("in", "inside", "across", "throughout")):
                found = [as_sector(m, None) for m in index.places_at(pobj)
                         if m.actor.country not in own]  # fmt: skip
                if found:
                    return found[:1]
            if _lemma(act) in self.lex.truce_nouns:  # "voted for a ceasefire" in Syria's war
                return [m for m in _story_state(act, sources) if m.actor.country not in own]
        return []

    @staticmethod
    def _demanded_party(
        verb: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'demanded that the Malian government resign', 'called for Israel to withdraw':
        whoever is asked to act is the one the demand is made of."""
        clauses = [  # "called for Israel to withdraw": the parser makes "for" a mark
            c for c in verb.children if (c.dep_ == "ccomp" and not speech_frame(c))
            or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                          for m in c.children))
        ]  # fmt: skip
        for clause in clauses:
            subjects = verb_subjects(clause) if clause.pos_ in ("VERB", "AUX") else [clause]
            found = [m for t in subjects for m in index.actors_at(t) if m not in sources]
            if found:
                return found
        return []

    def _warned_party(
        self, verb: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'warned against a Russian-led assault', 'will not watch a Russian-led attack',
        'warned of a clash with the United States': whoever would do, or be on the other
        side of, the hostile act a warning names."""
        own = {m.actor.country for m in sources} - {None}
        for tok in verb.subtree:
            if tok is verb or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            hostile = [p for p, _, _ in self.triggers.noun_candidates(tok)
                       if p.type in ("ASSAULT", "COERCE", "SANCTION")]  # fmt: skip
            if not hostile and _lemma(tok) not in self.lex.conflict_nouns:
                continue
            # its modifiers and possessor ("a Russian-led attack", "Turkey's offensive"),
            # its agent and its other side ("a clash with the United States")
            slots = [
                *slot_tokens(tok, "compound", True), *slot_tokens(tok, "amod", True),
                *slot_tokens(tok, "poss", True), *prep_objects(tok, ("by", "with")),
            ]  # fmt: skip
            found = [
                m for t in slots for m in index.actors_at(t)
                if m not in sources and (m.actor.country is None or m.actor.country not in own)
            ]  # fmt: skip
            if found:
                return found
        return []

    def _withdrawn_from(
        self, head: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """The one foreign state a sentence places anything in ("killed four Americans in
        north-eastern Syria ... announced he was withdrawing American forces"): where a
        withdrawal with no place of its own leaves. Capitals are excluded (a venue of
        talks, not a front); two such states name none."""
        own = {m.actor.country for m in sources}
        if None in own:
            return []
        named = [
            m for t in head.sent if t.dep_ == "pobj" and t.head.lower_ in VENUE_PREPS
            for m in [*index.places_at(t), *index.actors_at(t)]
            if m.actor.sector is None or m.matched == "city"
        ]  # fmt: skip  # "in north-eastern Syria", "in Raqqa"
        found = {
            m.actor.country: m for m in named
            if m.actor.country and m.actor.country not in own and not is_capital(m)
        }  # fmt: skip
        return list(found.values()) if len(found) == 1 else []

    def _host_capital(
        self, noun: Token, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'did not attend the G20 summit in New Delhi', 'joined talks in Moscow': a meeting
        someone attends in another state's capital is hosted by that state's government
        (not a neutral venue such as Geneva or a resort, which is no capital)."""
        gov, dep = noun_governor(noun)
        if gov is None or dep not in ("dobj", "pobj") or not is_one_of(gov, self.lex.attend_verbs):
            return []
        own = {m.actor.country for m in sources}
        if None in own:
            return []
        for m in _phrase_places([noun, gov], index, 2, lambda t: t.head.lower_ in VENUE_PREPS):
            if (
                is_capital(m) and m.actor.country not in own
                and m.actor.text.lower() not in self.lex.seat_capitals
            ):  # fmt: skip
                return [m]
        return []

    @staticmethod
    def _venue_target(
        head: Token, governor: Token | None, index: MentionIndex, sources: list[ActorMention]
    ) -> list[ActorMention]:
        """'Israeli troops remained on alert in the occupied West Bank', 'prisoners rioted
        at a jail in northern Israel': another state or territory where the act happens
        is the side it is done to (its own country is only a venue)."""
        own = {m.actor.country for m in sources}
        if None in own:
            return []
        # "on alert in X" (the light verb's phrase), "reimposed blockades in X" (the object's)
        level = [head, governor] if governor is not None else [head, *verb_objects(head)]
        for m in _phrase_places(level, index, 2, lambda t: t.head.lower_ in VENUE_PREPS):
            if m.actor.country and m.actor.country not in own:
                return [m]
        return []

    @staticmethod
    def _pairs(cand: Candidate) -> list[tuple[ActorMention | None, ActorMention | None]]:
        sources, targets = cand.sources, cand.targets
        if cand.pattern.symmetric:
            source_ids = {id(m) for m in sources}
            if sources and targets and not source_ids & {id(m) for m in targets}:
                # "France and Germany held talks with Egypt": each side with the other side
                forward = [(s, t) for s, t in product(sources, targets) if _differ(s, t)]
                return forward + [(t, s) for s, t in forward] if cand.mutual else forward
            between = "between" in (cand.target_via or "")
            if sources or between:  # participants named together ("between", co-subjects)
                people = list({id(m): m for m in [*sources, *targets]}.values())
                if len(people) >= 2:
                    return [
                        (a, b) for a, b in product(people, people) if a is not b and _differ(a, b)
                    ]  # fmt: skip
            # "a meeting with France, Britain and Germany": with whom, not among them
        if not sources:
            return [(None, t) for t in targets]
        if not targets:
            return [(s, None) for s in sources]
        # "the UK defended its position": a target that is only the source itself makes
        # no record at all (not a record without a target)
        pairs = [(s, t) for s, t in product(sources, targets) if s is not t and _differ(s, t)]
        doc = cand.trigger.doc
        paired = {  # "a US-Russia agreement": states named as the two sides of one thing
            id(m) for a, b in product(targets, targets)
            for m in (a, b)
            if a.token_end + 1 == b.token_start and doc[a.token_end].text in HYPHENS
            and a.actor.country != b.actor.country
        }  # fmt: skip
        if paired:
            # "accused Moscow of violating a US-Russia agreement": the other side, not
            # the source's own state
            pairs = [
                (s, t) for s, t in pairs
                if id(t) not in paired or t.actor.country != s.actor.country
            ] or pairs  # fmt: skip
        return pairs


HYPHENS = frozenset({"-", "–", "—"})


def _placed(
    mention: ActorMention,
    country: str | None,
    sectors: frozenset[str] | None = None,
    over_guess: bool = False,
) -> Actor:
    """An actor with a sector but no country takes the country the event is in
    ("killed 23 people in Tel Aviv"; sources only for domestic sectors: "police ... in Nairobi").
    With ``over_guess``, so does one whose country was only the article's guess ("+document":
    "attacked a mall in Nairobi, killing 39 people" in a story about Somalia); not for
    arrests ("prisoners jailed in Israel" are Palestinians)."""
    actor = mention.actor
    guessed = over_guess and (mention.matched or "").endswith("+document")
    if country is None or not actor.sector or (actor.country and not guessed):
        return actor
    if sectors is not None and actor.sector not in sectors:
        return actor
    placed = Actor(actor.text, actor.start, actor.end, actor.country, actor.sector,
                   actor.name, actor.code)  # fmt: skip
    placed.relocate(country)
    return placed


ARMED = "armed"  # the suffix of a pattern retyped because its target is armed (if_armed_target)
VENUE_PREPS = frozenset({"in", "inside", "across", "throughout", "at", "near"})
# who makes arrests, not who undergoes them (roles.yaml, authority)
AUTHORITY_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "IGO", "SPY"})
# people whose detention, with no place named, is by their own state (politicians, dissidents)
DISSIDENT_SECTORS = frozenset({"OPP", "PTY", "LAB", "LEG", "ELI", "REB"})
# who a verb's "to" reaches when it is only the audience ("complained to the press")
AUDIENCE_SECTORS = frozenset({"JRN", "MED"})
POLITICAL_DETAINEES = frozenset({"OPP", "ELI", "JRN", "MED", "REB", "PTY", "LAB", "LEG", "NGO"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF"})
OWN_FORCES = ARMED_SECTORS | {"COP"}  # what a state moves: troops, fighters, police
OFFICIAL_SECTORS = frozenset({None, "GOV", "IGO"})  # a state itself, its government, an IGO
# who boycotts as a crowd, not as a state ("students boycotted the Israeli embassy's event")
PROTESTING_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "REL", "NGO", "BUS", "MED", "JRN"})
PEOPLE_MATCHES = frozenset({"adjective", "demonym"})  # "Iraqi Kurds", "Nigerians": people


# sectors whose demands with no one named address their own government ("resident doctors
# went on strike to demand better pay", "the MST demands ..."): measured on 300 articles of
# throughput_corpus, other sectors' requests (police, judges, firms, clergy) were not
DEMANDING_SECTORS = frozenset({"CVL", "LAB", "OPP", "HLH", "EDU"})
# "in retaliation for", "in revenge for": what is paid back hit the one paying it back
RETALIATION_NOUNS = frozenset({"retaliation", "reprisal", "revenge"})
# "despite Trump's warning", "notwithstanding US calls": acting against what was addressed
# to one
DEFYING_PREPS = frozenset({"despite", "notwithstanding"})


def _phrase_place(anchors: list[Token], index: MentionIndex) -> ActorMention | None:
    """The first place in a prepositional phrase on the anchors ("at a jail in East Timor's
    capital"; not "in a swap brokered by Turkey")."""
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in CLAUSE_PREPS:
                continue
            for t in phrase_tokens(prep):
                for mention in [*index.places_at(t), *index.actors_at(t, descend=False)]:
                    if _is_location(mention):
                        return mention
    return None


# hostilities whose other side forces readied in the same sentence face
ADVERSARIAL_TYPES = frozenset({"ASSAULT", "ACCUSE", "THREATEN", "COERCE", "SANCTION"})
# verbs that say an act named as their subject goes on: where they go on, it does
CONTINUING_VERBS = frozenset({"continue", "intensify", "rage", "escalate", "resume", "persist"})
# where an act is done: "imposed martial law in the four regions of Ukraine"
ACT_PLACE_PREPS = ("in", "on", "across", "over")
# "in a call", "after talks with", "following a meeting": who acts then held the meeting
MEETING_PREPS = ("in", "at", "during", "after", "following")


def _condition(clause: Token) -> bool:
    """'if Hamas ran', 'unless Iran stops', and the inverted 'Should North Korea test'."""
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return True
        if (
            child.dep_ == "aux"
            and child.lower_ in ("should", "were", "had")
            and child.i
            < min((s.i for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")), default=-1)
        ):
            return True
    return False


def _root_lemma(doc, mention: ActorMention) -> str:
    span = doc.char_span(mention.actor.start, mention.actor.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None else ""


def _official(mention: ActorMention) -> bool:
    """A state, its government or an IGO acting, not its people named by nationality."""
    if mention.actor.sector not in OFFICIAL_SECTORS:
        return False
    return mention.actor.sector is not None or mention.matched not in PEOPLE_MATCHES


SAME_EVENT_TOKENS = 80  # how far back (in tokens) "the intrusion" looks for its event
MEMORY_CHARS = 1200  # how far back (in characters of text) an event named again is looked for
SLOT_NAMES = frozenset({
    "obj", "subj", "iobj", "poss", "by", "compound", "amod", "governor_subj", "governor_obj",
    "ccomp_subj",
})  # fmt: skip
STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
HOSTILE, HOSTILE_VERB = "hostile", "hostile verb"  # what _hostile_complement found


def _negated_complement(verb: Token) -> Token | None:
    """'vowed not to resume negotiations', 'promised never to return': the infinitive
    promised is negated, so what is promised is that it will not be done."""
    for child in verb.children:
        if (
            child.dep_ == "xcomp"
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and any(c.dep_ == "neg" for c in child.children)
        ):
            return child
    return None


def _retyped(pattern: Pattern, retype, why: str) -> Pattern:
    """The pattern with the type, CAMEO code and mode its data gives for a context."""
    return replace(
        pattern, id=f"{pattern.id}@{why}", type=retype.type,
        cameo=retype.cameo or pattern.cameo, mode=retype.mode,
        target_optional=pattern.target_optional or retype.target_optional,
    )  # fmt: skip


def _definite(noun: Token) -> bool:
    """'the intrusion', 'this visit': a noun that names one particular act."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _predicate(trigger: Token, nominal: bool) -> Token:
    """The verb that carries a trigger's tense and mood: its own, or for a noun the light
    verb it is the object of ("would not attend the conference")."""
    if nominal:
        governor = noun_governor(trigger)[0]
        if governor is not None:
            return governor
    return trigger


def _previous_sentence_start(doc, sent_start: int) -> int:
    """Where the sentence before the one starting at ``sent_start`` starts."""
    return doc[sent_start - 1].sent.start if sent_start > 0 else 0


def _as_state(mention: ActorMention) -> ActorMention:
    return as_sector(mention, None)


def _phrase_places(
    level: list[Token], index: MentionIndex, depth: int, accept: Callable[[Token], bool]
) -> Iterator[ActorMention]:
    """States, capitals and places named in the prepositional phrases below ``level``,
    nearest first, down ``depth`` levels; ``accept`` says which phrases count (by their
    object, whose head is the preposition)."""
    time_preps = load_lexicon().time_preps
    for _ in range(depth):
        pobjs = [
            c for t in level for p in t.children
            if p.dep_ == "prep" and p.lower_ not in time_preps  # "after a port call in Cyprus"
            for c in p.children if c.dep_ == "pobj"
        ]  # fmt: skip
        for t in pobjs:
            if accept(t):
                states = index.actors_at(t)
                yield from (m for m in states if m.actor.sector is None or is_capital(m))
                yield from index.places_at(t)
        level = pobjs


def _opens_with_dateline(sent) -> bool:
    """Whether a sentence opens the document with a wire dateline ("KARACHI, May 27 -")."""
    return sent.start == 0 and DATELINE.match(sent.text) is not None


def _names_place(sent, index: MentionIndex) -> bool:
    """Whether a sentence names a place, resolved or not ("a Kabul hotel", "in Goose Creek"),
    or opens the document with a dateline."""
    if _opens_with_dateline(sent):
        return True
    return any(t.i in index.places or t.ent_type_ in PLACE_LABELS for t in sent)


def _between_states(source: Actor | None, target: Actor | None) -> bool:
    """Two sides of different countries, or one an international organisation; news
    outlets are no side ("interviews with Russian media")."""
    if source is None or target is None:
        return False
    if {"MED", "JRN"} & {source.sector, target.sector}:
        return False
    if "IGO" in (source.sector, target.sector):
        return True
    return bool(source.country and target.country and source.country != target.country)


def _public(*actors: Actor | None) -> bool:
    """Whether a side is an organ of state or an armed or political group (not only
    people, firms, churches or schools): what makes an unplaced record political news."""
    return any(a is not None and a.sector in PUBLIC_SECTORS for a in actors)


def _stated(actor: Actor | None) -> bool:
    """A side tied to a state (or an IGO) or named as a group of its own (al-Qaeda)."""
    return actor is not None and bool(actor.country or actor.name)


def _organ_of_no_state(actor: Actor | None) -> bool:
    """A government, army, police, court, legislature or secret service whose state is
    unknown and that is no named group: a record of it names no one a user can count."""
    return (
        actor is not None
        and actor.country is None
        and not actor.name
        and actor.sector in STATE_ORGAN_SECTORS
    )


# sectors that only a state has
STATE_ORGAN_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# sectors of the state and of armed or political groups
PUBLIC_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "ELI", "SPY", "IGO", "REB", "OPP", "UAF", "PTY", "INS"}
)
# spaCy labels of places, resolved or not ("a Kabul hotel", "in Goose Creek")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _as_civilians(mention: ActorMention) -> ActorMention:
    return as_sector(mention, "CVL")


def _sponsors(noun: Token, index: MentionIndex) -> list[ActorMention]:
    """Who leads, sponsors or hosts what a noun names: "a Russian-sponsored conference",
    "a conference hosted by Kazakhstan", and "Putin's showpiece conference" (his as much
    as one he sponsors)."""
    return [
        m for mod in noun.children
        if mod.dep_ in ("amod", "compound", "nmod", "npadvmod") and _lemma(mod) in LEADING
        for c in [
            *(c for c in mod.children if c.dep_ in ("npadvmod", "compound", "amod", "nmod")),
            *_hyphen_prefix(mod),
        ]
        for m in index.actors_at(c)
    ] or [
        m for acl in noun.children
        if acl.dep_ == "acl" and _lemma(acl) in LEADING and is_passive(acl)
        for a in acl.children if a.dep_ == "agent"
        for o in a.children if o.dep_ == "pobj" for m in index.actors_at(o)
    ] or [
        m for c in noun.children if c.dep_ == "poss" for m in index.actors_at(c)
    ]  # fmt: skip


def _gerund(tok: Token) -> bool:
    """A verb form used as a noun ("after fighting broke out", "ending a week of fighting")."""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def _hyphen_prefix(word: Token) -> list[Token]:
    """'UN-sponsored talks' parsed as three words of the noun ("UN", "-", "sponsored"): the
    word before the hyphen."""
    if word.i < 2 or word.doc[word.i - 1].text != "-":
        return []
    prefix = word.doc[word.i - 2]
    return [prefix] if prefix.head.i in (word.head.i, word.i - 1, word.i) else []


def _as_government(mention: ActorMention) -> ActorMention:
    return as_sector(mention, "GOV")


def _story_state(tok: Token, sources: list[ActorMention]) -> list[ActorMention]:
    """The state the story is about (the resolver's main country), standing at ``tok``
    as an implied actor ("+document"), or nothing when the story has no one main state."""
    main = tok.doc.user_data.get(MAIN_COUNTRY_KEY)
    if not main or not sources:
        return []
    actor = Actor(tok.text, tok.idx, tok.idx + len(tok.text), main, None, None, main)
    return [ActorMention(sources[0].doc_id, sources[0].sentence_id, actor,
                         matched="state+document", token_start=tok.i, token_end=tok.i + 1,
                         head_token=tok.i)]  # fmt: skip


def _dated_noun(year: Token) -> Token | None:
    """The noun a year modifies inside its phrase ("the 1994 genocide", "the genocide of
    1994"), or None when the year dates its whole clause ("In 1812, Napoleon invaded")."""
    head = year.head
    if year.dep_ in ("compound", "nummod", "amod", "nmod", "npadvmod", "poss") and head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        return head
    if (
        year.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in ("of", "from")
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        return head.head
    return None


def _dated(sent) -> list[tuple[Any, int]]:
    """The sentence's DATE entities that name a year, with the latest year each names,
    read from its own tokens (``sent.ents`` walks every entity of the Doc: quadratic on
    long documents)."""
    found = []
    spans: list[list[int]] = []
    for tok in sent:
        if tok.ent_type_ != "DATE":
            continue
        if tok.ent_iob_ == "B" or not spans or spans[-1][1] != tok.i:
            spans.append([tok.i, tok.i + 1])
        else:
            spans[-1][1] = tok.i + 1
    for start, end in spans:
        ent = sent.doc[start:end]
        years = [int(y) for y in YEAR.findall(ent.text)]
        if years:
            found.append((ent, max(years)))
    return found


def _same_state_forces(mention: ActorMention, sources: list[ActorMention]) -> bool:
    """Armed forces of the source's own state when the source is that state ("the US
    withdrew American forces"; not "FARC rebels released Colombian soldiers")."""
    own = {m.actor.country for m in sources if m.actor.sector in (None, "GOV", "MIL")} - {None}
    return mention.actor.sector in OWN_FORCES and mention.actor.country in own


def _own_forces(mention: ActorMention, sources: list[ActorMention], doc) -> bool:
    """'its troops', 'their forces' read back to the source itself: the source's own
    armed forces (not 'its own citizens', whom a state can attack)."""
    if mention.matched != "coref" or not sources or mention.actor.sector not in OWN_FORCES:
        return False
    first = doc[mention.token_start]
    own = {m.actor.country for m in sources} - {None}
    return first.lower_ in ("its", "their", "his", "her") and mention.actor.country in own


def _via(strategy: str | None, mention: ActorMention | None, actor: Actor | None) -> str | None:
    """The strategy that filled a role, plus how its actor got its identity when that
    was not read off the words themselves (coreference, context, place)."""
    if mention is None or actor is None:
        return None
    via = strategy or "unknown"
    matched = mention.matched or ""
    if matched == "coref":
        via += "+coreference"
    if matched.endswith("+context"):
        via += "+context"
    elif matched.endswith("+document"):
        via += "+document"
    elif matched.endswith("+place"):
        via += "+place"
    elif actor.country and not mention.actor.country:
        via += "+event_place"
    return via


def _no_named_agent(cand: Candidate) -> bool:
    """No person or pronoun is the agent: "a roadside bomb killed ..." or "... were killed",
    not "the suspect admitted to killing ..." (someone the text names did it)."""
    if cand.nominal:
        return True
    return not any(
        t.pos_ in ("PROPN", "PRON") or t.ent_type_ == "PERSON" for t in verb_subjects(cand.trigger)
    )


def _is_location(mention: ActorMention) -> bool:
    """A mention naming a place: a state, capital or city, not a body or people."""
    if not mention.actor.country:
        return False
    if mention.entity_label in ("GPE", "LOC", "FAC"):
        return mention.matched not in ("demonym", "adjective+agent", "ethnic")
    return mention.matched in ("city", "place") or (
        mention.actor.sector is None and mention.matched == "alias"
    )


def _is_place(mention: ActorMention) -> bool:
    """A city named as a location ("met in Zurich"), not as an actor."""
    return mention.actor.sector == "CVL" and mention.entity_label in ("GPE", "LOC", "FAC")


def _via_with(obj: Token, verb: Token) -> bool:
    """Is the required object inside a with-phrase of the verb ("supply X with Y")?"""
    for ancestor in obj.ancestors:
        if ancestor == verb:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ == "with" and ancestor.head == verb:
            return True
    return False


def _differ(a: ActorMention, b: ActorMention) -> bool:
    return not (a.actor.start == b.actor.start and a.actor.end == b.actor.end) or (
        a.actor.code != b.actor.code
    )


def _copy(actor: Actor | None) -> Actor | None:
    if actor is None:
        return None
    return Actor(
        actor.text, actor.start, actor.end, actor.country, actor.sector, actor.name, actor.code
    )


def _a_fire(noun: Token) -> bool:
    """'killed in a fire', 'in the fire': a blaze, not gunfire ("in Israeli fire",
    "in crossfire")."""
    return (
        _lemma(noun) == "fire"
        and any(c.dep_ == "det" and c.lower_ in ("a", "the") for c in noun.children)
        and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in noun.children)
    )
