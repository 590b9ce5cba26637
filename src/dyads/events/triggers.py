"""One trigger model for the whole pipeline: which words can start an event.

The event coder and the sentence filter (parse skipping) ask the same question at two
depths, and both ask it here, of the same patterns and constraints:

- over the parse (``matches``, ``in_sentence``): does a pattern fire on this token with
  the slots it requires (its object, particle, complement; not an excluded sense)?
- over word forms, before any parse (``word_fires``, ``obliged``, ``evaluative``): could
  a pattern fire on this word, given every lemma it could have and the words around it?
  This must never say no where the parse could say yes (a sentence it drops is never
  coded), so it checks only what word forms can tell.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token

from ..nlp.model import per_doc
from .derive import Rules
from .lemmas import verb_keys
from .lexicon import Lexicon
from .patterns import Pattern, PatternSet
from .roles import fired_by, reduced_participle, relative_verbs, verb_objects
from .statements import EvaluationCues

_TRIGGERS = "dyads_triggers"  # Doc.user_data key of TriggerModel.in_sentence
_FORMS = "dyads_forms"  # and of the Doc's (POS, tag, lemma, lowercase) hashes

Match = tuple[Pattern, Token, Token, bool]  # (pattern, start, end, nominal)


def _forms(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Every token's (POS, tag, lemma, lowercase) hashes, read through an array."""
    return per_doc(
        doc, _FORMS, lambda d: [tuple(r) for r in d.to_array([POS, TAG, LEMMA, LOWER]).tolist()]
    )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _excluded_object(obj: Token, excluded: frozenset[str]) -> bool:
    """An object a pattern excludes, by its head ("the plan") or, for an entry of several
    words, by how its phrase ends ("declared a public health emergency")."""
    if _lemma(obj) in excluded:
        return True
    if obj.i == obj.left_edge.i:
        return False
    words = obj.doc[obj.left_edge.i : obj.i].text.lower() + " " + _lemma(obj)
    return any(words.endswith(" " + e) for e in excluded if " " in e)


def trigger_kind(tok: Token) -> str | None:
    """How patterns read a token: as a verb (a noun tagged VB* too), a noun, or not."""
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    return None


def has_complement(verb: Token) -> bool:
    """A clause or object-control complement ("pushed Iran to negotiate", "insisted that
    Israel withdraw", "pressed for talks"): what makes pressing a request."""
    return any(
        c.dep_ == "xcomp"
        or (c.dep_ == "ccomp" and not any(
            m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children))
        or (c.dep_ == "prep" and c.lower_ in ("for", "on"))
        for c in verb.children
    )  # fmt: skip


# words that make an act one the parties do together ("joint drills", "a joint plan")
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "jointly", "together"})


def done_jointly(trigger: Token) -> bool:
    """'joint drills', 'patrolled jointly', 'fought together', 'the largest exercise the
    three allies have held together': an act of the parties together."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "relcl")]
    return any(
        c.lower_ in JOINT_WORDS and c.dep_ in ("amod", "advmod")
        for h in holders
        for c in h.children
    )


class TriggerModel:
    """The patterns' triggers and constraints, asked of parsed tokens or of word forms."""

    def __init__(
        self, patterns: PatternSet, lex: Lexicon, rules: Rules, evaluation: EvaluationCues
    ) -> None:
        self.patterns = patterns
        self.lex = lex
        self.rules = rules
        self.evaluation = evaluation
        # (POS, tag, lemma, lowercase) hashes -> could any pattern be keyed on such a token
        self._keyed: dict[tuple[int, int, int, int], bool] = {}
        # noun lemma -> (pattern, the words before it in a multiword noun), for word forms
        self.noun_patterns: dict[str, list[tuple[Pattern, tuple[str, ...]]]] = {}
        for lemma, plist in patterns.by_noun.items():
            self.noun_patterns.setdefault(lemma, []).extend((p, ()) for p in plist)
        for lemma, plist in patterns.noun_phrases.items():
            for pattern in plist:
                for noun in pattern.nouns:
                    words = noun.split()
                    if len(words) > 1 and words[-1] == lemma:
                        entry = (pattern, tuple(words[:-1]))
                        self.noun_patterns.setdefault(lemma, []).append(entry)

    # ------------------------------------------------------------ over the parse
    def verb_patterns(self, tok: Token) -> list[Pattern]:
        """Patterns for a verb under each of its lemma keys, most specific first."""
        keys = verb_keys(tok)
        if len(keys) == 1:
            return self.patterns.by_verb.get(keys[0], [])
        found = {p.id: p for k in keys for p in self.patterns.by_verb.get(k, ())}
        return sorted(found.values(), key=lambda p: -p.specificity)

    def _verb_candidates(self, tok: Token) -> list[tuple[Pattern, Token]]:
        out = []
        for pattern in self.verb_patterns(tok):
            end = tok
            if pattern.objects:
                obj = self._required_object(tok, pattern)
                if obj is None:
                    continue
                end = obj
            if pattern.particles and not self._has_particle(tok, pattern.particles):
                continue
            if pattern.exclude_particles and self._has_particle(tok, pattern.exclude_particles):
                continue  # "pushed back", "fought alongside", "hit back at"
            if pattern.exclude_objects and any(
                _excluded_object(o, pattern.exclude_objects) and not self._armed(pattern, o)
                for o in verb_objects(tok)
            ):
                continue  # "attacked the plan", "struck a deal" (not "army positions")
            if pattern.exclude_subjects and any(
                c.dep_ == "nsubj" and _lemma(c) in pattern.exclude_subjects for c in tok.children
            ):
                continue  # "if a US strike threatened Russian personnel": a danger, no threat
            if pattern.exclude_complements and any(
                c.dep_ == "xcomp" and _lemma(c) in pattern.exclude_complements for c in tok.children
            ):
                continue  # "refused to comment", "declined to confirm": no stance taken
            if (
                _lemma(tok) in pattern.intransitive_verbs
                and any(c.dep_ == "dobj" for c in tok.children)
            ):  # fmt: skip
                continue  # "demonstrated its resolve", "rallied support": another sense
            if pattern.requires_complement and not has_complement(tok):
                continue
            if pattern.no_dative and any(c.dep_ == "dative" for c in tok.children):
                continue
            if pattern.requires_object and not any(
                c.dep_ in ("dobj", "nsubjpass") for c in tok.children
            ):
                continue
            if pattern.no_complement and any(
                c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") for c in tok.children
            ):
                continue  # "calling them an occupying army" is no phone call
            if pattern.no_participle and any(
                fired_by(c) is not None for c in end.children if c.dep_ == "relcl"
            ):
                continue  # "fired the missile that hit the mall": an attack, not a test
            out.append((pattern, end))
        return out

    def _required_object(self, verb: Token, pattern: Pattern) -> Token | None:
        if reduced_participle(verb) and not pattern.no_participle:
            # "a conference boycotted by the opposition": its object is the noun it modifies
            noun = verb.head
            if _lemma(noun) in pattern.objects or noun.lower_ in pattern.objects:
                return noun
        clause = verb.head if verb.dep_ == "xcomp" else verb
        if (
            clause.dep_ == "relcl"
            and _lemma(clause.head) in pattern.objects
            and verb in relative_verbs(clause.head)
        ):
            return clause.head  # "the weapons Russia supplied to Syria": what it supplied
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
                lemma = _lemma(child)
                if lemma in pattern.objects or child.lower_ in pattern.objects:
                    return child
                for conj in child.conjuncts:  # "sent rescue teams and medical supplies"
                    if _lemma(conj) in pattern.objects and conj.dep_ == "conj":
                        return conj
                compounds = [t for t in child.lefts if t.dep_ in ("compound", "amod", "nmod")]
                if any(_lemma(t) in pattern.objects for t in compounds if t.dep_ == "compound"):
                    return child  # "mediation efforts", "aid program"
                words = child.doc[child.left_edge.i : child.i + 1].text.lower()
                if any(words.endswith(obj) for obj in pattern.objects if " " in obj or "-" in obj):
                    return child  # "a unilateral cease-fire", "martial law"
                for t in child.children:  # "a list of demands", "tons of aid"
                    if t.dep_ == "prep" and t.lower_ == "of":
                        for o in t.children:
                            if o.dep_ == "pobj" and _lemma(o) in pattern.objects:
                                return o
                if child.pos_ == "PROPN" and _named_as(child, pattern.objects):
                    return child  # "signed the Broad Relationship of Cooperation ... agreement"
        for prep in verb.children:  # "went on strike": the object of the pattern's particle
            if prep.dep_ in ("prep", "prt") and prep.lower_ in pattern.particles:
                for o in prep.children:
                    if o.dep_ == "pobj" and _lemma(o) in pattern.objects:
                        return o
                    if o.dep_ == "prep":  # "pulled out of the election"
                        for x in o.children:
                            if x.dep_ == "pobj" and _lemma(x) in pattern.objects:
                                return x
        for prep in verb.children:  # "supplying Russia with a batch of drones"
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for o in prep.children:
                    if o.dep_ != "pobj":
                        continue
                    if _lemma(o) in pattern.objects:
                        return o
                    for of in o.children:
                        if of.dep_ == "prep" and of.lower_ == "of":
                            for x in of.children:
                                if x.dep_ == "pobj" and _lemma(x) in pattern.objects:
                                    return x
        return None

    @staticmethod
    def _has_particle(verb: Token, particles: frozenset[str]) -> bool:
        return any(
            c.dep_ in ("prt", "prep", "agent", "advmod")
            and c.lower_ in particles
            and not _temporal(c)
            and not _at_sea(c)
            and not _into_doing(c)
            for c in verb.children
        ) or any(  # "called for Israel to withdraw": the parser makes "for" the clause's mark
            c.dep_ == "advcl"
            and any(
                m.dep_ == "mark" and m.lower_ in particles and m.i == verb.i + 1 for m in c.children
            )
            for c in verb.children
        )

    def noun_candidates(self, tok: Token) -> list[tuple[Pattern, Token, Token]]:
        if _month_name(tok):
            return []  # "resumes on March 23": a date, not a march
        out = []
        lemma = _lemma(tok)
        # multiword nouns first ("arms transfer", "hunger strike"), keyed by their head
        for pattern in self.patterns.noun_phrases.get(lemma, ()):
            for noun in pattern.nouns:
                words = noun.split()
                if words[-1] != lemma or len(words) < 2:
                    continue
                start = tok.i - len(words) + 1
                if start < tok.sent.start:
                    continue
                span = tok.doc[start : tok.i]
                if [t.lower_ for t in span] == words[:-1] or [_lemma(t) for t in span] == words[
                    :-1
                ]:
                    out.append((pattern, tok.doc[start], tok))
        for pattern in self.patterns.by_noun.get(lemma, ()):
            out.append((pattern, tok, tok))
        return [m for m in out if self._noun_sense(m[0], tok)]

    def _noun_sense(self, pattern: Pattern, noun: Token) -> bool:
        """A noun trigger in the pattern's sense: not a "press conference", not an "attack
        on sovereignty" (words the pattern's data excludes)."""
        if pattern.requires_joint and not done_jointly(noun):
            return False  # "a plan" is no agreement; "a joint Russian-Turkish plan" is
        if pattern.exclude_modifiers and any(
            c.dep_ in ("compound", "amod", "nmod") and (c.lower_ in pattern.exclude_modifiers
                                                        or _lemma(c) in pattern.exclude_modifiers)
            for c in noun.children
        ):  # fmt: skip
            return False
        return not (pattern.exclude_objects and any(
            _excluded_object(o, pattern.exclude_objects) and not self._armed(pattern, o)
            for prep in noun.children if prep.dep_ == "prep"
            and prep.lower_ in ("on", "against", "of", "to")
            for o in prep.children
        ))  # fmt: skip

    def matches(self, tok: Token) -> list[tuple[Pattern, Token, Token, bool]]:
        """Patterns that fire on this token with their required slots: (pattern, start,
        end, nominal). Needs tags, lemmas and the parse, never entities."""
        kind = trigger_kind(tok)
        if kind == "verb":
            return [(p, tok, end, False) for p, end in self._verb_candidates(tok)]
        if kind == "noun":
            return [(p, start, end, True) for p, start, end in self.noun_candidates(tok)]
        return []

    def in_sentence(self, sent) -> list[tuple[Token, list[tuple[Pattern, Token, Token, bool]]]]:
        """The tokens of a sentence that patterns fire on, with their matches. Kept on the
        Doc: parse skipping asks before entities are found and codes twice, and none of
        it depends on entities. A token no pattern is keyed on (``_keyed``, answered once
        per distinct form, read through an array) is not asked."""
        doc = sent.doc
        cache = doc.user_data.setdefault(_TRIGGERS, {})
        found = cache.get((sent.start, sent.end))
        if found is None:
            forms = _forms(doc)
            keyed = self._keyed
            found = []
            for i in range(sent.start, sent.end):
                form = forms[i]
                hit = keyed.get(form)
                if hit is None:
                    hit = keyed[form] = self._is_keyed(doc[i])
                if hit and (m := self.matches(doc[i])):
                    found.append((doc[i], m))
            cache[(sent.start, sent.end)] = found
        return found

    def _armed(self, pattern: Pattern, obj: Token) -> bool:
        """'Syrian army positions', 'rebel positions': a word an attack pattern excludes in
        its figurative sense ("attacked the government's position"), here military, as a
        modifier says (lexicon constraints.military and armed_nouns), or as a named side's
        ground ("attacks on Hamas positions": constraints.field_positions)."""
        if pattern.type != "ASSAULT":
            return False
        if any(
            c.dep_ in ("compound", "amod", "nmod")
            and (_lemma(c) in self.lex.military or _lemma(c) in self.lex.armed_nouns)
            for c in obj.children
        ):
            return True
        return (
            _lemma(obj) in self.lex.field_positions
            and obj.tag_ in ("NNS", "NNPS")
            and not any(c.dep_ == "prep" and c.lower_ == "on" for c in obj.children)
            and any(
                c.dep_ in ("compound", "amod", "nmod", "poss")
                and (c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.text[:1].isupper()))
                for c in obj.children
            )
        )  # fmt: skip

    def _is_keyed(self, tok: Token) -> bool:
        """Is some pattern looked up under this token's lemma (or, for a verb, one of its
        de-inflections)? Without one, ``_matches`` is empty whatever the parse."""
        kind = trigger_kind(tok)
        if kind == "verb":
            return bool(self.verb_patterns(tok))
        if kind == "noun":
            lemma = _lemma(tok)
            return bool(self.patterns.noun_phrases.get(lemma) or self.patterns.by_noun.get(lemma))
        return False

    # --------------------------------------------------------- over word forms
    def word_fires(
        self,
        word: str,
        forms: Collection[str],
        lowset: Collection[str],
        text: Callable[[], str],
        verb_lemmas: Callable[[str], Sequence[str]],
        noun_lemmas: Callable[[str], Sequence[str]],
    ) -> bool:
        """Could some pattern fire on ``word``? ``forms``: every word of the sentence and
        every lemma it could have; ``lowset``: its lowercase words; ``text``: its words
        joined (asked only when needed); the two callbacks give the pattern lemmas a word
        could have as a verb and as a noun (``nlp.skip`` knows the lemmatizer's rules)."""
        for lemma in noun_lemmas(word):
            for pattern, before in self.noun_patterns.get(lemma, ()):
                if before and not all(w in forms for w in before):
                    continue  # "arms transfer": every word of the phrase must be here
                if pattern.requires_arms and not (set(forms) & self.lex.arms):
                    continue
                if pattern.requires_military and not (set(forms) & self.lex.military):
                    continue
                if pattern.requires_joint and not (set(forms) & JOINT_WORDS):
                    continue
                return True
        for lemma in verb_lemmas(word):
            for pattern in self.patterns.by_verb[lemma]:
                if pattern.particles and not (pattern.particles & set(lowset)):
                    continue
                if pattern.objects and not any(
                    o in forms or o.split()[-1] in forms or o in text() for o in pattern.objects
                ):
                    continue
                return True
        return False

    def obliged(
        self,
        lows: Sequence[str],
        lowset: Collection[str],
        forms_of: Callable[[str], Collection[str]],
    ) -> bool:
        """'Z said X must do Y' (``events.derive.obligation_verbs``): a modal, or "have
        to" / "need to" (any form, "to" within two words). The causative "had him
        arrested", which the parser may also read as an obligation, is not looked for."""
        if set(lowset) & self.rules.obligation_aux:
            return True
        if "it" in lowset and set(lowset) & self.rules.necessity_heads:
            return True  # "said it is time for X to ..."
        if "to" not in lowset:
            return False
        return any(
            "to" in lows[i + 1 : i + 3] and set(forms_of(w)) & self.rules.need_heads
            for i, w in enumerate(lows)
        )

    def evaluative(self, forms: Collection[str], text: Callable[[], str]) -> bool:
        """'Z said Y's move was a blatant violation' (``events.statements``): a statement
        or naming verb and an evaluation cue word, in any form."""
        cues = self.evaluation
        have = set(forms)
        if not (have & cues.statement_verbs or have & cues.naming_verbs):
            return False
        if have & cues.negative or have & cues.positive:
            return True
        return any(" ".join(p) in text() for p in (*cues.phrases_negative, *cues.threat_phrases))


TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend",
    "morning", "afternoon", "evening", "night", "day", "week", "month", "year", "date",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "occasion", "anniversary", "eve",
})  # fmt: skip


def _temporal(prep: Token) -> bool:
    """'fired missiles on Saturday': a time phrase, not the particle of a sense."""
    return prep.dep_ == "prep" and any(
        o.dep_ == "pobj" and (o.lower_ in TIME_WORDS or o.ent_type_ in ("DATE", "TIME"))
        for o in prep.children
    )


def _at_sea(prep: Token) -> bool:
    """'fired two missiles into the sea': aimed at no one (a test, not an attack)."""
    return prep.dep_ == "prep" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in ("sea", "ocean", "water") for o in prep.children
    )


def _into_doing(prep: Token) -> bool:
    """'pushing them into refusing to cooperate', 'forced into signing': "into" an act is
    what someone is made to do, not a place advanced into."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "into"
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
    )


def _named_as(name: Token, kinds: frozenset[str]) -> bool:
    """A proper name whose own phrase ends in what it is: "the Broad Relationship of
    Cooperation for Common Prosperity in the XXI Century agreement" (the parser hangs the
    kind word inside the name's prepositions, never past a clause)."""
    for tok in name.subtree:
        if tok.i <= name.i or tok.pos_ not in ("NOUN", "PROPN") or _lemma(tok) not in kinds:
            continue
        path = []
        for ancestor in tok.ancestors:
            if ancestor.i == name.i:
                break
            path.append(ancestor)
        else:
            continue  # not inside the name's phrase
        if path and all(a.pos_ in ("NOUN", "PROPN", "ADP") for a in path):
            return True
    return False


# words before "March" that make it the month ("on March 23", "last March")
_MONTH_LEAD = frozenset(
    {
        "on",
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "of",
        "this",
        "through",
        "between",
    }
)


def _month_name(tok: Token) -> bool:
    """'on March 23', 'in March', 'last March': a month written like a noun trigger
    (or any capitalised trigger the entity recogniser read as a date)."""
    if tok.ent_type_ == "DATE" and tok.text.istitle():
        return True
    if tok.text != "March" or tok.i == tok.sent.start:
        return False
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (after is not None and after.like_num) or tok.doc[tok.i - 1].lower_ in _MONTH_LEAD
