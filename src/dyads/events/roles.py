"""Find who fills a pattern's role slots, from the dependency parse.

A slot names a syntactic position (``subj``, ``obj``, ``poss``, a preposition
...). ``slot_tokens`` returns the tokens in that position, handling passive
voice, control verbs, conjoined and relative clauses, participles and light
verbs; ``MentionIndex.actors_at`` turns tokens into resolved actor mentions,
expanding coordinations ("the U.S., South Korea, and Japan" -> three).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Token

from ..actors.locate import named_members
from ..model import Actor, ActorMention
from .lemmas import is_one_of
from .lexicon import load_lexicon

OBJECT_CONTROL = {
    "urge", "ask", "call", "press", "force", "persuade", "allow", "invite", "encourage",
    "tell", "order", "pressure", "push", "request", "permit", "help", "warn", "advise",
    "appeal", "plead", "beg", "implore", "prompt", "compel", "lead", "spur", "cause", "enable",
    "oblige", "require", "authorize", "authorise", "instruct", "direct",
}  # fmt: skip
QUANTITY_NOUNS = {
    "dozen", "dozens", "tens", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions",
    "group", "members", "member", "number", "scores", "score", "some", "many", "all", "most",
    "several", "few", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "team", "delegation", "band", "unit", "contingent", "convoy", "batch", "third",
    "half", "quarter", "part", "majority", "rest", "bulk", "remainder",
}  # fmt: skip
# "accused X of attacking", "jailed X for helping": X is the agent of the embedded act
ALLEGING = {
    "accuse", "charge", "suspect", "blame", "convict", "indict", "arrest", "jail", "detain",
    "sentence", "prosecute", "punish", "fine", "try",
    # judging someone for a deed: "praised Jordan for hosting refugees" (Jordan hosts)
    "praise", "thank", "commend", "hail", "laud", "applaud", "congratulate", "criticize",
    "criticise", "condemn", "rebuke", "reprimand", "fault", "reward",
}  # fmt: skip
MAX_DEPTH = 6
# how a nominal trigger must hang from a verb for that verb's subject to be its agent:
# "held talks", "conducted drills", "proceeded to talks" -- not "drills are viewed by X"
LIGHT_VERB_DEPS = {"dobj", "pobj"}
# "proceeded to talks", "took part in drills", "went on strike", "remained on alert"
LIGHT_VERB_PREPS = {"to", "in", "into", "for", "on", "behind"}  # "was behind the attack"


# "the republic of Slovenia", "the people of Iraq": the head is the state named after "of"
STATE_HEADS = frozenset({"republic", "kingdom", "principality", "emirate", "sultanate", "people"})
# participles whose by-agent helps others to the act without being party to it
BROKERING = frozenset({"broker", "mediate", "facilitate", "arrange", "engineer"})
LEADING = frozenset(
    {"lead", "back", "sponsor", "host", "direct", "organise", "organize", "coordinate"}
)
PARTITIVE_NOUNS = frozenset({
    "whole", "part", "rest", "most", "much", "swathe", "swath", "half", "centre", "center",
    "heart", "edge", "outskirts", "north", "south", "east", "west", "downtown",
})  # fmt: skip
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "region", "district", "enclave", "area", "suburb",
    "suburbs", "outskirts", "port", "capital", "governorate", "state", "county", "island",
})  # fmt: skip


def is_place(mention: ActorMention) -> bool:
    """A city or region named by itself ("Idlib", "Sochi"): a location, never an actor.
    It gives an event its place and, at most, the country of an actor that is there."""
    return mention.matched == "city"


def as_sector(mention: ActorMention, sector: str | None) -> ActorMention:
    """The state of a mention's country (``sector`` None), or one of its organs or its
    people ("the ministers of Greece" -> GRC GOV), standing where the mention stands."""
    actor = mention.actor
    implied = Actor(actor.text, actor.start, actor.end, actor.country, sector, None,
                    Actor.make_code(actor.country, sector))  # fmt: skip
    return ActorMention(mention.doc_id, mention.sentence_id, implied, matched="implied",
                        token_start=mention.token_start, token_end=mention.token_end,
                        head_token=mention.head_token)  # fmt: skip


def reduced_participle(tok: Token) -> bool:
    """'a conference boycotted by the opposition', 'sanctions imposed on Iran': a past
    participle modifying a noun, with no auxiliary of its own (not "who was held")."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        and not misread_main_verb(tok)
    )


def _is_state(mention: ActorMention) -> bool:
    return (
        mention.actor.sector is None and mention.matched == "alias" and bool(mention.actor.country)
    )


def is_capital(mention: ActorMention) -> bool:
    """A capital named by itself: its government as an actor ("Moscow said"), the venue
    as a modifier of an event noun ("the Tehran summit")."""
    return (mention.actor_id or "").startswith("capital.")


class MentionIndex:
    """Actor mentions of one document, looked up by token. Places are kept apart:
    ``actors_at`` never returns one, ``places_at`` does."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.by_head: dict[int, list[ActorMention]] = defaultdict(list)
        self.by_token: dict[int, list[ActorMention]] = defaultdict(list)
        self.places: dict[int, ActorMention] = {}
        for mention in mentions:
            if mention.actor.country is None and mention.actor.sector is None:
                continue  # unresolved names are stored for review, not used as event roles
            if is_place(mention):
                for i in range(mention.token_start, mention.token_end):
                    self.places.setdefault(i, mention)
                continue
            self.by_head[mention.head_token].append(mention)
            for i in range(mention.token_start, mention.token_end):
                self.by_token[i].append(mention)

    def places_at(self, tok: Token) -> list[ActorMention]:
        """Places named at a role token or its conjuncts ("shelled Idlib and Hama")."""
        found: list[ActorMention] = []
        for t in (tok, *tok.conjuncts):
            if t.i in self.places:
                found.append(self.places[t.i])
                continue
            # "Idlib province", "the Afrin enclave", "the city of Aleppo"
            for child in t.children:
                if child.dep_ in ("compound", "nmod") and child.i in self.places:
                    found.append(self.places[child.i])
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "of"
                    and (t.lower_ in PLACE_NOUNS or t.lemma_.lower() in PARTITIVE_NOUNS)
                ):  # "the city of Aleppo", "the whole of the Idlib region"
                    for c in child.children:
                        if c.i in self.places:
                            found.append(self.places[c.i])
                        elif c.dep_ == "pobj" and t.lemma_.lower() in PARTITIVE_NOUNS:
                            found += self.places_at(c)
        return list({id(m): m for m in found}.values())

    def _direct(self, tok: Token) -> list[ActorMention]:
        if tok.i in self.by_head:
            return self.by_head[tok.i]
        if tok.i in self.by_token:
            return self.by_token[tok.i][:1]
        return []

    def _listed(self, tok: Token) -> list[Token]:
        """'Saudi Arabia, the UAE, Bahrain and Egypt': the parser may hang the rest of a
        list of states on the first as an apposition; a state in apposition to a state is
        a list, not a description (unlike "Turkey, a Nato member")."""
        if not any(_is_state(m) for m in self._direct(tok)):
            return []
        out: list[Token] = []
        for child in tok.children:
            if child.dep_ == "appos" and any(_is_state(m) for m in self._direct(child)):
                out += [child, *child.conjuncts]
        return out

    def _joint_of(self, tok: Token) -> list[ActorMention]:
        """'the foreign ministers of Greece and Turkey', 'officials from Israel and Lebanon':
        people named by office whose of- or from-phrase lists two or more states stand for
        each of those states (in the office's sector), not for the first alone."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return []
        agents = [m for m in self._direct(tok) if m.actor.sector]
        if not agents:
            return []
        sector = agents[0].actor.sector
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or not obj.conjuncts:
                    continue
                states = [m for c in (obj, *obj.conjuncts) for m in self._direct(c) if _is_state(m)]
                if len({m.actor.country for m in states}) >= 2:
                    return [as_sector(m, sector) for m in states]
        return []

    def _exemplified(self, tok: Token) -> list[ActorMention]:
        """'external supporters such as Saudi Arabia and Jordan', 'powers including Russia':
        a description that names its members stands for them (the parser may hang the
        list on the description's last noun: "supporters of the opposition to Assad,
        such as ...")."""
        return [m for c in named_members(tok) for m in self._direct(c) if m.actor.country]

    def actors_at(self, tok: Token, descend: bool = True) -> list[ActorMention]:
        """Mentions for a role token and its conjuncts; optionally its possessor."""
        if _reciprocal(tok) and tok.head is not tok:
            # "Armenia and Azerbaijan accused each other": each of the subjects
            return [m for s in verb_subjects(tok.head) if s is not tok
                    for m in self.actors_at(s, descend)]  # fmt: skip
        out: list[ActorMention] = []
        seen: set[int] = set()
        for t in (tok, *tok.conjuncts, *self._listed(tok)):
            found = (self._joint_of(t) if descend else []) or self._direct(t)
            if descend and not any(m.actor.country for m in found):
                found = self._exemplified(t) or found
            if (
                not found
                and descend
                and (
                    t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
                    or t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")  # "the US move" tagged VERB
                )
            ):
                # "Russia's military efforts" -> Russia; "dozens of protesters" -> protesters
                for child in t.children:
                    if child.dep_ in ("poss", "compound", "amod", "nmod"):
                        # "the Turkish and Greek sides": every coordinated modifier, and
                        # both halves of a hyphenated pair ("a Russian-Syrian attack")
                        found = [
                            m for c in (child, *child.conjuncts, *_hyphenated(child))
                            for m in self._direct(c)
                        ]  # fmt: skip
                        if not found and child.dep_ == "compound":
                            # "Syrian regime targets": the modifier of a modifier
                            found = [
                                m for g in child.children
                                if g.dep_ in ("poss", "compound", "amod", "nmod")
                                for m in self._direct(g)
                            ]  # fmt: skip
                    elif (
                        child.dep_ == "prep"
                        and child.lower_ == "of"
                        and (
                            t.lemma_.lower() in QUANTITY_NOUNS
                            or t.lemma_.lower() in STATE_HEADS
                            or t.pos_ == "NUM"
                        )
                    ):
                        pobj = [c for c in child.children if c.dep_ == "pobj"]
                        found = (
                            self.actors_at(pobj[0]) if pobj else []
                        )  # "thousands of Iraqi Kurds"
                    elif child.dep_ in ("prep", "agent") and (
                        child.lower_ == "by"
                        or (
                            child.lower_ == "from"
                            and t.lemma_.lower() not in load_lexicon().origin_nouns
                        )
                    ):
                        # "calls by Belarus's rulers", "an offer from Afghanistan": the author
                        pobj = [c for c in child.children if c.dep_ == "pobj"]
                        found = self.actors_at(pobj[0]) if pobj else []
                    elif (
                        child.dep_ == "acl"
                        and child.tag_ == "VBN"
                        and child.lemma_.lower() in load_lexicon().authoring_verbs
                    ):
                        # "comments made by Donald Trump", "a statement issued by Hamas"
                        found = [
                            m for a in child.children if a.dep_ == "agent"
                            for o in a.children if o.dep_ == "pobj" for m in self.actors_at(o)
                        ]  # fmt: skip
                    if found:
                        break
            if not found and descend and t.pos_ == "PROPN":
                # "Salaheddine Sidhoum, Algeria's leading activist": an unknown name
                # is who its apposition says it is
                for child in t.children:
                    if child.dep_ == "appos" and (found := self._direct(child)):
                        break
            for mention in found:
                if id(mention) not in seen:
                    seen.add(id(mention))
                    out.append(mention)
        return out


def misread_main_verb(verb: Token) -> bool:
    """'The US-led coalition bombed Raqqa': the parser made the sentence's only verb a
    participle on its subject (the noun is the root). A participle with a direct object
    is no reduced passive, so this is the main verb, in the active voice."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")
        and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in ("agent", "aux", "auxpass") for c in verb.children)
    )


def is_passive(verb: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("soldiers killed in X").
    A stative participle without a by-agent ("Israel is opposed to ...") is not passive."""
    if verb.lower_ in load_lexicon().stative_participles and not _pobjs(verb, "by"):
        return False
    if misread_main_verb(verb):
        return False
    return (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        or (verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
        or (verb.tag_ == "VBN" and verb.dep_ == "acl")
        or _coordinated_passive(verb)
    )


def _coordinated_passive(verb: Token) -> bool:
    """'three journalists were run over and killed': a bare participle coordinated with
    a passive verb shares its voice and its subject."""
    return (  # a bare VBD here is a participle the tagger misread
        verb.tag_ in ("VBN", "VBD")
        and verb.dep_ == "conj"
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "aux", "auxpass", "dobj") for c in verb.children)
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children)
    )


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    """The objects of a token's prepositions among ``preps`` ("attack *on* X")."""
    wanted = set(preps)
    return [
        c for p in tok.children if p.dep_ == "prep" and p.lower_ in wanted
        for c in p.children if c.dep_ == "pobj"
    ]  # fmt: skip


def _pobjs(tok: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative", "prt") and child.lower_ == prep:
            found = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            out.extend(found or _stranded_object(child))
        elif child.dep_ in ("prt", "advmod", "prep") and child.lower_ in (
            "back",
            "out",
            "away",
            "off",
        ):
            # "pulling its troops back from Ukraine's borders", "pulling out of Niger":
            # the phrase hangs on "back" or "out"
            out += _pobjs(child, prep)
    return out


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _stranded_object(prep: Token) -> list[Token]:
    """'granted asylum to five officers holed up in a residence': the parser may read the
    participle as a clause of its own, with the preposition's noun as its subject."""
    after = prep.i + 1
    for tok in prep.doc[after : after + 6]:
        if (
            tok.dep_ == "nsubj"
            and tok.head.tag_ == "VBD"
            and tok.head.head == prep.head
            and tok.left_edge.i == after
        ):
            return [tok]
    return []


def _reciprocal(tok: Token) -> bool:
    """'each other', 'one another'."""
    if tok.lower_ == "other":
        return any(c.lower_ == "each" for c in tok.children) or (
            tok.i > 0 and tok.doc[tok.i - 1].lower_ == "each"
        )
    return tok.lower_ == "another" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "one"


def _hyphenated(modifier: Token) -> list[Token]:
    """'Russian-Syrian': the parser hangs the first half on the second, joined by a hyphen."""
    if not any(c.tag_ == "HYPH" for c in modifier.children):
        return []
    return [c for c in modifier.children if c.dep_ in ("amod", "compound") and c.i < modifier.i]


def _hyphenated_all(modifier: Token) -> list[Token]:
    out: list[Token] = []
    todo = _hyphenated(modifier)
    while todo and len(out) < 6:
        first = todo.pop()
        out.append(first)
        todo += _hyphenated(first)
    return out


def coordination_head(verb: Token) -> Token:
    """The verb a conjoined verb is really coordinated with. The parser may hang a finite
    verb on an infinitive ("called on the EU to widen sanctions and urged partners to
    ..."); a finite verb coordinates with a finite one, so the infinitive's finite
    governor ("called") is the real head."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in FINITE_TAGS or head.tag_ != "VB":
        return head
    cur = head
    for _ in range(MAX_DEPTH):
        if cur.head == cur:
            return head
        cur = cur.head
        if cur.tag_ in FINITE_TAGS:
            return cur
    return head


def requested_of(verb: Token) -> list[Token]:
    """'made an appeal to X to allow ...', 'issued a call on X to stop ...': whom a request
    noun asks to do the infinitive it governs (lexicon ``request_nouns``)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    head = verb.head
    nouns = [head] if head.pos_ == "NOUN" else _children(head, "dobj")
    nouns = [n for n in nouns if n.lemma_.lower() in load_lexicon().request_nouns]
    if not nouns:
        return []
    holders = [n.head for n in nouns if n.dep_ == "dobj"] + ([] if head in nouns else [head])
    found: list[Token] = []
    for tok in [*nouns, *holders]:
        for prep in ("to", "on", "upon"):
            found += _pobjs(tok, prep)
    return [t for t in found if t.i < verb.i]


def intended_by(verb: Token) -> Token | None:
    """'foiled a plot to bomb the embassy': the parser may hang the infinitive of an intent
    noun (lexicon ``intent_nouns``) on the verb the noun is the object of, as a purpose.
    The noun, if so: the act is its owner's, and only intended."""
    if verb.dep_ not in ("advcl", "xcomp") or verb.i < 2:
        return None
    to = verb.doc[verb.i - 1]
    if to.lower_ != "to" or to.dep_ != "aux" or to.head.i != verb.i:
        return None
    noun = verb.doc[verb.i - 2]
    if noun.dep_ != "dobj" or noun.head.i != verb.head.i:
        return None
    return noun if noun.lemma_.lower() in load_lexicon().intent_nouns else None


def demanded_clause(verb: Token) -> Token | None:
    """'reiterated its demand today that Israel ease restrictions': the parser hangs the
    that-clause of a request noun on the verb the noun is the object of. The noun, if so."""
    if verb.dep_ != "ccomp" or not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in verb.children
    ):
        return None
    nouns = [
        n for n in _children(verb.head, "dobj")
        if n.i < verb.i and n.lemma_.lower() in load_lexicon().request_nouns
    ]  # fmt: skip
    return nouns[0] if nouns else None


def verb_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The logical subject of a verb, following passives, control and coordination."""
    if depth > MAX_DEPTH:
        return []
    if is_passive(verb):
        agents = _pobjs(verb, "by") or [  # "were beaten and detained by soldiers"
            a for c in _children(verb, "conj") if _coordinated_passive(c) for a in _pobjs(c, "by")
        ]
        if agents:
            return agents
        return []  # "has been given refuge": whoever gave it is not named
    subj = _children(verb, "nsubj", "csubj")
    if not subj and misread_main_verb(verb):
        return [verb.head]  # "The US-led coalition bombed Raqqa"
    if not subj and not is_passive(verb):
        # a stative participle: "Israel is opposed to" (the parser may hang it on "is")
        subj = _children(verb, "nsubjpass") or [
            s for aux in _children(verb, "aux", "auxpass") for s in _children(aux, "nsubj")
        ]
    if subj:
        rel = subj[0]
        if is_relative(rel):
            if verb.dep_ != "relcl":
                return []
            firing = fired_by(verb)
            if firing is not None:  # "its soldiers fired the shot that killed her"
                return verb_subjects(firing, depth + 1) or [verb.head]
            return [_relative_antecedent(verb, rel)]
        return subj
    head = verb.head
    if head == verb:
        return []
    if (intent := intended_by(verb)) is not None:
        # "foiled an Iranian plot to bomb": the plot's owner, not whoever foiled it; but
        # "announced a plan to withdraw": a plan, decision or intention announced is one's own
        lex = load_lexicon()
        own = _children(intent, "poss", "amod", "compound")
        agentive = intent.lemma_.lower() in lex.agentive_nouns
        if own or not agentive or head.lemma_.lower() in lex.preventing_heads:
            return own
        return verb_subjects(head, depth + 1)
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            objs = _children(head, "dobj") or [
                o
                for p in _children(head, "prep")
                if p.lower_ in ("on", "upon", "to", "with")
                for o in _children(p, "pobj")
            ]  # "urged Iran to ...", "called on Iran to ...", "appealed to Germany to ..."
            if objs:
                return objs
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and head.head != head:
            return verb_subjects(head.head, depth + 1)  # "X is prepared to impose ..."
        raised = _children(head, "nsubjpass")
        if raised and is_passive(head) and not _pobjs(head, "by"):
            return raised  # "Ukraine is expected to sign": Ukraine signs
        return verb_subjects(head, depth + 1)
    if verb.dep_ in ("advcl", "acl") and (asked := requested_of(verb)):
        return asked  # "made an urgent appeal to the government to allow access"
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0:
        left = verb.doc[verb.i - 1]
        if left.dep_ in ("pobj", "dobj") and left.lemma_.lower() in load_lexicon().statement_nouns:
            # "abstained in the UN vote demanding that Russia withdraw": the parser hangs
            # the participle on the verb; it describes the text just before it
            return _statement_author(left, depth)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        clause = coordination_head(verb)
        if (
            verb.dep_ == "conj"
            and is_passive(clause)
            and not is_passive(verb)
            and _pobjs(clause, "by")  # its agent did not do this
        ):
            # "has been indicted by the UN court ... and will resign": who was indicted
            undergoer = _children(clause, "nsubjpass")
            if undergoer:
                return undergoer
        found = verb_subjects(clause, depth + 1)
        if (
            not found
            and verb.dep_ == "advcl"
            and verb.tag_ == "VBG"
            and verb.i > clause.i
            and not any(c.dep_ == "mark" for c in verb.children)
            and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in load_lexicon().reporting_verbs
        ):
            # "Kuleba said no progress had been made, accusing his counterpart": the
            # parser hangs the participle on the reported clause; it is the speaker's
            return verb_subjects(clause.head, depth + 1)
        return found
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if governor.lemma_.lower() in ALLEGING:
            objs = _children(governor, "dobj")
            if not objs and is_passive(governor):
                objs = _children(governor, "nsubjpass")  # "X are accused of attacking"
                if not objs and governor.dep_ == "acl":
                    objs = [governor.head]  # "companies accused of aiding Russia's military"
            if objs:
                return objs
        if head.lower_ == "with" and governor.lemma_.lower() not in ALLEGING:
            # "..., with Washington raising tariffs and Beijing vowing to strike back": a
            # subject of its own, which the parser may hang on the list before it
            left = verb.doc[verb.i - 1] if verb.i > 0 else None
            if left is not None and left.pos_ in ("PROPN", "NOUN") and left.dep_ == "conj":
                return [left]
            return []
        if governor.pos_ in ("VERB", "AUX"):
            return verb_subjects(governor, depth + 1)
        if (hung := hung_on_object(verb)) and hung[1].lemma_.lower() in ALLEGING:
            return [hung[0]]  # "accuses the LTTE of attacking": the parser hangs "of" on it
        if governor.pos_ == "NOUN" and head.lower_ == "of":
            return _holder(governor, depth)  # "Moscow has no intention of attacking Kyiv"
    if verb.dep_ == "acl" and not is_passive(verb):
        lemma = head.lemma_.lower()
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and lemma in load_lexicon().request_nouns:
            return []  # "a Russian ultimatum to surrender": the addressee would act
        if lemma in load_lexicon().statement_nouns:
            return _statement_author(head, depth)
        if infinitive and lemma in load_lexicon().agentive_nouns:
            return _holder(head, depth) or [head]  # "Russia's decision to withdraw"
        return [head]
    return []


def hung_on_object(trigger: Token) -> tuple[Token, Token] | None:
    """'accuses the LTTE of attacking': (the object, its verb) when the parser hangs "of"
    and the act on the verb's object rather than on the verb."""
    prep = trigger.head
    obj = prep.head
    if trigger.dep_ == "pcomp" and prep.lower_ == "of" and obj.dep_ == "dobj" and obj.head != obj:
        return obj, obj.head
    return None


def is_relative(tok: Token) -> bool:
    """A relative pronoun ("who", "which", "that") standing for the noun its clause is on."""
    return tok.tag_ in ("WDT", "WP") or tok.lower_ in ("that", "which", "who")


def fired_by(relative: Token) -> Token | None:
    """The verb that fired what a relative clause says did something: in "its soldiers
    fired the shot that killed her", whoever fired the shot killed her, and the killing
    shares the firing's status ("denied that its soldiers fired the shot that ...")."""
    noun = relative.head
    if relative.dep_ != "relcl" or noun.dep_ not in ("dobj", "nsubjpass"):
        return None  # "fired the missile that ...", "the missile that ... was fired by"
    if noun.head.pos_ != "VERB":
        return None
    lex = load_lexicon()
    if noun.lemma_.lower() not in lex.arms | lex.shots:
        return None
    subject = next((c for c in relative.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_relative(subject):
        return None
    return noun.head


def relative_verbs(noun: Token, light_verbs: frozenset[str] | None = None) -> list[Token]:
    """Verbs of a relative clause with no relative pronoun whose object is the noun itself
    ("the sanctions the US imposed", "the support the US continues to provide", "the
    weapons Russia supplied"): not "the airbase from which he said it was launched"."""
    out = []
    for rel in _children(noun, "relcl"):
        verbs = [rel, *_children(rel, "xcomp")]
        own = [
            t for v in verbs
            for t in [*v.children, *(o for p in _children(v, "prep") for o in p.children)]
        ]  # fmt: skip
        if not _children(rel, "nsubj") or any(is_relative(t) for t in own):
            continue  # "the airbase from which he said ...", "a deal which both want to sign"
        for verb in verbs:
            if _children(verb, "dobj", "ccomp") or is_passive(verb):
                continue
            if light_verbs is None or is_one_of(verb, light_verbs):
                out.append(verb)
    return out


def _statement_author(noun: Token, depth: int) -> list[Token]:
    """Who says what a text says: "the PKK issued a declaration demanding ..." (whoever
    authors it), else the text itself, whose owner is named on it ("a UN resolution
    calling on Israel": backing or vetoing it is not saying it)."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in load_lexicon().authoring_verbs:
        return verb_subjects(noun.head, depth + 1) or [noun]
    return [noun]


def _holder(noun: Token, depth: int) -> list[Token]:
    """Whose intention, plan or decision a noun names ("Russia's plan", "Moscow has no
    intention of"): they are the agent of the act it embeds (lexicon: agentive_nouns)."""
    if noun.lemma_.lower() not in load_lexicon().agentive_nouns:
        return []
    poss = _children(noun, "poss")
    if poss:
        return poss
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return verb_subjects(noun.head, depth + 1)
    return []


def _relative_antecedent(verb: Token, pronoun: Token) -> Token:
    """What "which" stands for: the noun the clause hangs from, unless the parser hung it
    on a common noun further back while a name closes the phrase just before the comma or
    dash ("a buffer between Kurdish militias and Turkey – which has threatened ...")."""
    head = verb.head
    left = pronoun.i - 1
    singular = any(  # "which has", not "who have backed" (both of a pair)
        t.tag_ == "VBZ" or t.lower_ == "was" for t in (verb, *verb.lefts)
    )
    if left < 1 or head.pos_ != "NOUN" or verb.doc[left].pos_ != "PUNCT" or not singular:
        return head
    name = verb.doc[left - 1]
    inside = name.i > head.i and any(a.i == head.i for a in name.ancestors)
    return name if name.pos_ == "PROPN" and name.dep_ == "conj" and inside else head


def verb_objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        subj = _children(verb, "nsubjpass")
        if subj and verb.dep_ == "relcl" and is_relative(subj[0]) and verb.head.pos_ == "PROPN":
            return [verb.head]  # "Navalny, who was detained on his return": Navalny
        if subj:
            return subj
        if verb.dep_ == "acl":
            return [verb.head]
        if _coordinated_passive(verb):
            return _children(verb.head, "nsubjpass")
    objs = _children(verb, "dobj")
    if objs:
        return objs
    if counted := _up_to_object(verb):
        return counted
    gerunds = [  # a gerund, not a progressive clause ("warned that X is seeking to")
        c
        for c in _children(verb, "ccomp")
        if c.tag_ == "VBG" and not _children(c, "aux", "auxpass", "mark")
    ]
    if gerunds and (doers := _children(gerunds[0], "nsubj")):
        return doers  # "welcomed the US keeping 2,000 troops in Syria": the US
    if verb.dep_ == "relcl":
        rel = _children(verb, "nsubj")
        if rel and is_relative(rel[0]):
            return []
        return [verb.head]
    return []


def speech_frame(clause: Token) -> bool:
    """'demanded the withdrawal ..., diplomats quoted a declaration as saying': a reporting
    clause set off by a comma, which the parser may hang on the verb it reports."""
    left = clause.left_edge.i
    return (
        clause.lemma_.lower() in load_lexicon().reporting_verbs
        and not _children(clause, "mark")
        and "," in (clause.doc[left].text, clause.doc[max(left - 1, 0)].text)
    )


def _up_to_object(verb: Token) -> list[Token]:
    """'kidnapped up to 16 Russian advisers': the parser may read "up to" as a particle and
    a preposition; the counted noun after them is the object."""
    for prep in [*verb.children, *(c for p in _children(verb, "prt") for c in p.children)]:
        if prep.dep_ != "prep" or prep.lower_ != "to" or prep.i == 0:
            continue
        if prep.doc[prep.i - 1].lower_ != "up":
            continue
        return [o for o in _children(prep, "pobj") if _children(o, "nummod")]
    return []


def noun_governor(noun: Token) -> tuple[Token | None, str]:
    """The verb a nominal trigger hangs from, and how ("dobj", "pobj", "nsubj"...)."""
    cur = noun
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    while (  # "launched ten days of war games", "began a series of strikes"
        cur.dep_ == "pobj"
        and cur.head.lower_ == "of"
        and cur.head.head.lemma_.lower() in load_lexicon().measure_nouns
    ):
        cur = cur.head.head
    if _owned_through(cur) is not None:  # "claimed responsibility for the bombing"
        cur = cur.head.head
    dep = cur.dep_
    head = cur.head
    if dep in ("dobj", "attr", "nsubjpass", "oprd", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return head, dep
    if (verb := _pinned_by(cur)) is not None:  # "is responsible for mass killings"
        return verb, "pobj"
    if (
        dep == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in LIGHT_VERB_PREPS
        and head.head.pos_ in ("VERB", "AUX")
    ):
        return head.head, "pobj"
    return None, dep


def _pinned_by(noun: Token) -> Token | None:
    """'Sudan's government is responsible for mass killings': the copula whose subject an
    adjective of responsibility (lexicon ``responsibility_adjectives``) pins the act on."""
    prep = noun.head
    adj = prep.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ == "for"
        and adj.dep_ == "acomp"
        and adj.lemma_.lower() in load_lexicon().responsibility_adjectives
        and adj.head.lemma_.lower() in ("be", "seem", "appear", "remain")
    ):
        return adj.head
    return None


def _owned_through(noun: Token) -> Token | None:
    """'claimed responsibility for the bombing', 'denied involvement in the attack': the
    verb that owns or disowns the act through a noun of responsibility (lexicon
    responsibility_nouns and responsibility_verbs), if there is one."""
    lex = load_lexicon()
    prep = noun.head
    owner = prep.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in ("for", "in")
        and owner.lemma_.lower() in lex.responsibility_nouns
        and owner.dep_ == "dobj"
        and is_one_of(owner.head, lex.responsibility_verbs)
    ):
        return owner.head
    return None


def _answered_with(noun: Token) -> Token | None:
    """The verb of answering a nominal act is the means of ("responded with airstrikes",
    "retaliated with a missile barrage"): its subject does the act (lexicon answer_verbs)."""
    cur = noun
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    while (  # "responded with three hours of intense strikes"
        cur.dep_ == "pobj"
        and cur.head.lower_ == "of"
        and cur.head.head.dep_ == "pobj"
        and cur.head.head.pos_ in ("NOUN", "NUM")
    ):
        cur = cur.head.head
    prep = cur.head
    if cur.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ != "VERB":
        return None
    return prep.head if is_one_of(prep.head, load_lexicon().answer_verbs) else None


def undergo_governor(noun: Token) -> Token | None:
    """The verb whose subject undergoes a nominal act: "drew criticism", "faced sanctions",
    "received a call", "came under attack" (lexicon ``undergo_verbs``)."""
    lex = load_lexicon()
    gov, dep = noun_governor(noun)
    if gov is not None and dep == "dobj" and is_one_of(gov, lex.undergo_verbs):
        return gov
    cur = noun
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    prep = cur.head
    if (
        cur.dep_ == "pobj"
        and prep.lower_ == "under"
        and prep.head.pos_ in ("VERB", "AUX")
        and is_one_of(prep.head, lex.undergo_under_verbs)
    ):
        return prep.head
    return None


def slot_tokens(
    trigger: Token, slot: str, nominal: bool, light_verbs: frozenset[str] | None = None
) -> list[Token]:
    """Tokens filling one role slot of a trigger.

    ``light_verbs``: verbs whose subject is the agent of their nominal object
    ("held talks"); without it every governing verb counts.
    """
    if nominal:
        if slot == "poss":
            return _children(trigger, "poss")
        if slot in ("compound", "amod"):
            mods = [c for c in trigger.children if c.dep_ in (slot, "nmod", "npadvmod")]
            # "the Turkish-Iranian-Russian truce": every half of a hyphenated pair; "a
            # Russian-led attack", "a US-led bombing": whoever leads it
            led = [
                c for m in mods if m.lemma_.lower() in LEADING
                for c in m.children if c.dep_ in ("npadvmod", "compound", "amod", "nmod")
            ]  # fmt: skip
            return mods + led + [h for m in mods for h in _hyphenated_all(m)]
        if slot == "by":
            out = _pobjs(trigger, "by")
            for acl in _children(trigger, "acl"):
                if acl.lemma_.lower() in BROKERING:
                    continue  # "a truce brokered by Qatar and Egypt": not its parties
                out.extend(_pobjs(acl, "by"))
            for rel in _children(trigger, "relcl"):
                # "the attack, which is suspected to have been launched by militants"
                for verb in [rel, *_children(rel, "xcomp")]:
                    if is_passive(verb) and (light_verbs is None or is_one_of(verb, light_verbs)):
                        out.extend(_pobjs(verb, "by"))
            if not out:
                # "the release of 13 hostages by Hamas": the parser hangs the agent on the
                # object of "of"
                for obj in _pobjs(trigger, "of"):
                    out.extend(_pobjs(obj, "by"))
            return out
        if slot == "undergoer":
            gov = undergo_governor(trigger)
            return verb_subjects(gov) if gov is not None else []
        if slot == "giver":
            gov = undergo_governor(trigger)
            if gov is None:
                return []
            # "drew a vow of retaliation from Russia": the parser may hang it on the of-object
            of = [p for o in _pobjs(trigger, "of") for p in _pobjs(o, "from")]
            return _pobjs(trigger, "from") + _pobjs(gov, "from") + of
        if slot in ("governor_subj", "governor_obj"):
            gov, dep = noun_governor(trigger)
            if (
                slot == "governor_subj"
                and gov is not None
                and dep == "nsubjpass"
                and (light_verbs is None or is_one_of(gov, light_verbs))
            ):
                return _pobjs(gov, "by")  # "the strikes had been carried out by the air force"
            if slot == "governor_subj" and (
                relative := relative_verbs(trigger, light_verbs)
            ):  # "the sanctions the US imposed", "the support the US continues to provide":
                # whoever does what a relative clause does to the noun
                return [s for v in relative for s in verb_subjects(v)]
            if gov is None and slot == "governor_subj" and (answer := _answered_with(trigger)):
                return verb_subjects(answer)  # "they responded with strikes": they struck
            if gov is None or dep not in LIGHT_VERB_DEPS:
                return []
            lex = load_lexicon()
            commanded = is_one_of(gov, lex.command_verbs)
            if (
                light_verbs is not None
                and not is_one_of(gov, light_verbs)
                and not (dep == "dobj" and (commanded or is_one_of(gov, lex.claim_verbs)))
                and _owned_through(trigger) is None
            ):  # ("Isis claimed the attack", "Trump ordered missile strikes" are theirs)
                return []  # "condemned the attack": the condemner did not attack
            if (
                slot == "governor_subj" and commanded
                and gov.dep_ != "conj" and not _children(gov, "nsubj")
            ):  # fmt: skip
                return []  # "if Trump orders a strike" misparsed: no subject of its own
            if slot == "governor_subj":
                subjects = verb_subjects(gov)
                if not subjects and is_passive(gov) and not _pobjs(gov, "by"):
                    subjects = _children(gov, "nsubjpass")  # "were engaged in ethnic cleansing"
                return subjects
            return [o for o in verb_objects(gov) if o != trigger]
        if slot == "ccomp_subj":  # "its demand that Israel ease restrictions" -> Israel
            clauses = [c for c in trigger.children if c.dep_ in ("acl", "ccomp")] or [
                c
                for c in _children(trigger.head, "ccomp")
                if (asked := demanded_clause(c)) is not None and asked.i == trigger.i
            ]  # "reiterated its demand today that Israel ease ...": hung on the verb
            return [s for c in clauses for s in verb_subjects(c)]
        if slot in ("subj", "obj", "iobj"):
            return []
        out = _pobjs(trigger, slot)
        for acl in _children(trigger, "acl"):  # "sanctions imposed on X"
            out.extend(_pobjs(acl, slot))
            if slot in ("with", "between"):
                # "agreements establishing diplomatic relations with the UAE"
                out.extend(p for o in verb_objects(acl) for p in _pobjs(o, slot))
        for rel in relative_verbs(trigger, light_verbs):  # "the aid it sent to X"
            out.extend(_pobjs(rel, slot))
        if not out:
            gov, dep = noun_governor(trigger)
            if gov is not None and dep in ("dobj", "attr", "oprd"):
                out = _pobjs(gov, slot)  # light verbs: "held talks with X"
        # "objections to Russia inviting the YPG": the gerund's subject is the one meant
        out += [s for t in out if t.tag_ == "VBG" for s in t.children if s.dep_ == "nsubj"]
        return out
    if slot == "ccomp_subj":  # "demanded that Turkey provide ..." -> Turkey
        return [
            s for c in _children(trigger, "ccomp") if not speech_frame(c) for s in verb_subjects(c)
        ]  # fmt: skip
    if slot == "subj":
        return verb_subjects(trigger)
    if slot == "obj":
        return verb_objects(trigger)
    if slot == "iobj":
        return _children(trigger, "dative") + [
            c for d in _children(trigger, "dative") for c in d.children if c.dep_ == "pobj"
        ]
    if slot == "by":
        return _pobjs(trigger, "by")
    if slot == "poss":
        # "demanded his release", and "called for his release" (the particle's object)
        objects = verb_objects(trigger) or [
            o for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("for", "on")
            for o in p.children if o.dep_ == "pobj"
        ]  # fmt: skip
        return [c for o in objects for c in o.children if c.dep_ == "poss"]
    return _pobjs(trigger, slot)


NOMINAL_ROUTES = {
    "poss": "possessor",
    "compound": "modifier",
    "amod": "modifier",
    "by": "by_agent",
    "governor_subj": "light_verb_subject",
    "governor_obj": "light_verb_object",
    "ccomp_subj": "clause_subject",
    "undergoer": "undergoer",
    "giver": "giver",
}


def route(trigger: Token, token: Token, slot: str, nominal: bool) -> str:
    """The name of the role strategy that reached ``token`` from ``trigger`` through
    ``slot``: what ``Event.source_via`` / ``target_via`` record and the news evaluation
    scores one by one."""
    if nominal:
        if slot in NOMINAL_ROUTES:
            return NOMINAL_ROUTES[slot]
        return f"prep:{slot}"
    if slot == "subj":
        if token.head == trigger and token.dep_ in ("nsubj", "csubj", "nsubjpass"):
            return "subject"
        if (
            token.dep_ == "pobj"
            and token.head.dep_ == "agent"
            and trigger
            in (
                token.head.head,
                token.head.head.head,  # "were beaten and detained by soldiers"
            )
        ):
            return "passive_agent"
        if trigger.dep_ == "relcl" and token == trigger.head:
            return "relative_clause"
        if trigger.dep_ == "acl" and token == trigger.head:
            return "participle"
        if trigger.dep_ == "xcomp" and token.head == trigger.head and token.dep_ == "dobj":
            return "object_control"  # "urged Iran to ...": Iran acts
        return "inherited_subject"  # control verbs, coordination, "accused X of attacking"
    if slot == "obj":
        if token.head == trigger and token.dep_ == "dobj":
            return "object"
        if token.dep_ == "nsubjpass" and token.head in (trigger, trigger.head):
            return "passive_subject"
        if token == trigger.head:
            return "relative_clause" if trigger.dep_ == "relcl" else "participle"
        return "object"
    if slot == "iobj":
        return "indirect_object"
    if slot == "by":
        return "passive_agent"
    if slot == "poss":
        return "object_possessor"
    if slot == "ccomp_subj":
        return "clause_subject"
    return f"prep:{slot}"
