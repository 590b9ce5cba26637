"""Coreference inside one document: who "he", "it", "the country" and "his counterpart" are.

One pass in text order, driven by ``actors.mentions.MentionFinder``: every actor
mention made is noted here as part of a discourse entity (persons, states and
their organs, organisations and armed groups, plural groups), and every pronoun
or description is read back to one. The rules are the ones careful coders use,
in order of preference:

- a person pronoun ("he", "her") inside what a person is reported to say is that
  person ("De Mistura said he was asking ..."); otherwise the nearest person who
  is a clause subject in this or the previous sentences, otherwise the nearest
  person;
- "it"/"its" is the nearest state, organisation or group (never a place, never
  the empty "it" of "it is not clear"); "they"/"their" the nearest plural group
  or pair of actors named together;
- "we"/"our" inside reported speech is the speaker's side;
- "the country", "the group", "the alliance" ... (``words.descriptions`` in
  ``agents.yaml``) the nearest entity of that kind; "the two leaders", "both
  sides" the last two of a kind; "his counterpart" the nearest person of another
  country than the possessor's;
- a name the dictionary does not know takes the identity of its apposition
  ("Staffan de Mistura, the UN special envoy"), and its surname later does too.

Every mention read this way records its antecedent (``ActorMention.antecedent_*``),
so a user can see and count how each role was filled. Antecedents are looked for
within ``WINDOW`` sentences: further back, a pronoun is more often wrong than right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import model

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .entry import ActorEntry

WINDOW = 2  # sentences back (besides the mention's own) where antecedents are looked for
STATE_LIKE = ("state", "capital", "metonym", "organ")
GROUP_LIKE = ("group", "party", "igo", "media")
REPORTING = frozenset({
    "say", "tell", "add", "state", "announce", "declare", "insist", "claim", "argue",
    "write", "warn", "explain", "stress", "note", "believe", "think", "confirm", "deny",
})  # fmt: skip


@dataclass(slots=True)
class Entity:
    """One discourse entity: an actor the text names, and the mentions that refer to it."""

    mention: model.ActorMention  # the most recent mention
    entry: ActorEntry | None
    kind: str  # person | state | group | people | unknown
    plural: bool = False
    sentence: int = 0
    subject: bool = False  # its most recent mention is a clause subject
    locative: bool = False  # its most recent mention only says where ("troops in Syria")
    surname: str | None = None
    mentions: list[model.ActorMention] = field(default_factory=list)
    last_plural: bool = False  # its most recent mention is plural ("the US" ... "US forces")

    @property
    def resolved(self) -> bool:
        actor = self.mention.actor
        return bool(actor.country or actor.sector)


def entity_kind(entry: ActorEntry | None, person: bool, label: str | None) -> str:
    """What a mention names, as coreference needs it. The dictionary's kind comes
    before the parser's label: spaCy often labels "Boko Haram" or "Hayat Tahrir al-Sham"
    PERSON, and "the group" must still read back to them."""
    if person or (entry is not None and entry.type == "person"):
        return "person"
    if label == "PERSON" and (entry is None or entry.type not in GROUP_LIKE):
        return "person"
    if entry is not None:
        if entry.type == "city":
            return "place"
        if entry.type in STATE_LIKE:
            return "state"
        if entry.type in GROUP_LIKE:
            return "group"
    return "unknown"


def is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass")


LOCATIVE_PREPS = ("in", "at", "near", "inside", "outside", "along", "across", "off")


def is_locative(tok: Token) -> bool:
    """Named as where something happens ("talks in Washington", "near the Syrian border"),
    not as who acts."""
    if tok.dep_ in ("amod", "compound", "poss") and tok.head.dep_ == "pobj":
        tok = tok.head  # "near the Syrian border": the border is the place
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


class Discourse:
    """The entities of one document so far, and the rules that read pronouns back."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_id: dict[str, Entity] = {}
        self.by_surname: dict[str, Entity] = {}
        # the two parties a pair description last read back to, and in which sentence
        self.last_pair: tuple[list[Entity], int] | None = None

    # ------------------------------------------------------------ noting
    def note(
        self,
        mention: model.ActorMention,
        entry: ActorEntry | None,
        kind: str,
        head: Token,
        plural: bool = False,
        surname: str | None = None,
        entity: Entity | None = None,
    ) -> Entity:
        """Add a mention to its entity (``entity``, the one with its dictionary id, or a
        new one) and make that entity the most recent."""
        if entity is None and mention.actor_id:
            entity = self.by_id.get(mention.actor_id)
            if entity is not None and entity.kind != kind:
                entity = None  # "Belarusian Foreign Minister X" is not Belarus itself
        if entity is None:
            entity = Entity(mention, entry, kind, plural)
        else:
            self.entities = [e for e in self.entities if e is not entity]
            entity.mention = mention
            if entry is not None and entity.entry is None:
                entity.entry = entry
        entity.sentence = mention.sentence_id
        entity.last_plural = plural
        entity.subject = is_subject(head)
        entity.locative = is_locative(head)
        entity.mentions.append(mention)
        named_person = entry is not None and entry.type == "person"
        if mention.actor_id and (kind == "person") == named_person:
            self.by_id[mention.actor_id] = entity  # the id names this entity itself
        if surname:
            entity.surname = surname
            self.by_surname[surname] = entity
        self.entities.append(entity)
        return entity

    def recent(self, sentence: int) -> list[Entity]:
        """Entities mentioned in the window before ``sentence`` (inclusive), newest first."""
        return [e for e in reversed(self.entities) if sentence - e.sentence <= WINDOW]

    # --------------------------------------------------------- resolving
    def person(self, pronoun: Token, sentence: int) -> Entity | None:
        """'he', 'her', 'his': the reported speaker whose words hold the pronoun, else the
        nearest person subject, else the nearest person."""
        people = [e for e in self.recent(sentence) if e.kind == "person"]
        if not people:
            return None
        speaker = _speaker(pronoun)
        if speaker is not None:
            for e in people:
                if any(m.token_start <= speaker.i < m.token_end for m in e.mentions):
                    return e
        here = [e for e in people if e.sentence == sentence]
        if here:
            return here[0]
        subjects = [e for e in people if e.subject]
        return subjects[0] if subjects else people[0]

    def thing(self, pronoun: Token, sentence: int) -> Entity | None:
        """'it', 'its': the reported speaker whose words hold it ("Turkey, a Nato member,
        said it would ..."), else the nearest state, organisation or group named as an
        actor (not only as where something is)."""
        owner = pronoun.head
        if pronoun.dep_ == "poss" and owner.dep_ == "conj":
            # "the U.S. and its allies": its = the first of the pair
            first = owner.head
            for e in self.recent(sentence):
                if (
                    e.kind in ("state", "group")
                    and e.resolved
                    and any(m.token_start <= first.i < m.token_end for m in e.mentions)
                ):
                    return e
        speaker = _speaker(pronoun)
        candidates = [
            e for e in self.recent(sentence)
            if e.kind in ("state", "group") and not e.plural and e.resolved
        ]  # fmt: skip
        if speaker is not None:
            for e in candidates:
                if any(m.token_start <= speaker.i < m.token_end for m in e.mentions):
                    return e
        governing = _governing_subjects(pronoun)
        if pronoun.dep_ in ("nsubj", "nsubjpass", "poss"):
            for e in candidates:
                if e.sentence == sentence and any(
                    m.token_start <= t.i < m.token_end for m in e.mentions for t in governing
                ):
                    return e  # "Russia rejected claims that it was behind ...": Russia
        if pronoun.dep_ in ("nsubj", "nsubjpass") and not any(
            e.sentence == sentence for e in candidates
        ):
            # "Greece intercepted a Turkish drone. It said ...": a subject opening a new
            # sentence continues the last one's subject
            subjects = [e for e in candidates if e.subject and not e.locative]
            if subjects:
                return subjects[0]
        # an object pronoun is not its own verb's subject: "they cut ties with Qatar,
        # accusing it of ..." (it = Qatar, not the accusers)
        own = [t for t in pronoun.head.children if t.dep_ in ("nsubj", "nsubjpass")]
        own += governing if pronoun.dep_ in ("dobj", "pobj", "dative") else []
        for e in candidates:
            if e.locative:
                continue
            if pronoun.dep_ in ("dobj", "pobj", "dative") and any(
                m.token_start <= t.i < m.token_end for m in e.mentions for t in own
            ):
                continue
            return e
        return None

    def plural(self, sentence: int) -> list[Entity]:
        """'they', 'their': the nearest plural group, else the last actors named together."""
        for e in self.recent(sentence):
            plural = e.plural or (e.last_plural and e.sentence == sentence)
            if plural and e.resolved and e.kind != "person":
                return [e]  # "US forces have not acted, and X accused them": as last named
        return []

    def of_kind(
        self,
        kind: str,
        sentence: int,
        count: int = 1,
        before: int | None = None,
        venues: bool = True,
        apart: bool = False,
    ) -> list[Entity]:
        """The nearest ``count`` distinct resolved entities of a kind ('state', 'group',
        'person', 'any'), for descriptions and pairs; ``before``: only entities named
        before that token ("Both sides agreed ..., Kerry said": not the later speaker);
        ``venues=False``: not one last named as where something happened ("talks in
        Washington": the two sides are the ones talking); ``apart``: of different states
        ("the two sides" are not Putin and his defence minister)."""
        out: list[Entity] = []
        seen: set[str] = set()
        for e in self.recent(sentence):
            if not e.resolved or (kind != "any" and e.kind != kind):
                continue
            if before is not None and not any(m.token_start < before for m in e.mentions):
                continue
            if not venues and e.locative:
                continue
            actor = e.mention.actor
            identity = (actor.country or "") if kind == "state" or apart else (
                e.mention.actor_id or actor.code or actor.text)  # fmt: skip
            if not identity or identity in seen:
                continue
            seen.add(identity)
            out.append(e)
            if len(out) == count:
                break
        return out

    def place(self, sentence: int) -> Entity | None:
        """'the province', 'the town': the nearest place named (a location, never an actor)."""
        for e in self.recent(sentence):
            if e.kind == "place":
                return e
        return None

    def counterpart(self, owner: Entity | None, sentence: int) -> Entity | None:
        """'his counterpart': the nearest person of another country than the owner's."""
        country = owner.mention.actor.country if owner else None
        for e in self.recent(sentence):
            if (
                e.kind == "person"
                and e is not owner
                and e.mention.actor.country not in (None, country)
            ):
                return e
        return None

    def surname(self, key: str) -> Entity | None:
        return self.by_surname.get(key)


def _governing_subjects(pronoun: Token) -> list[Token]:
    """Subjects of the verbs above the pronoun's clause: the likeliest antecedents of an
    'it' in a complement ("rejected claims that it ...", "said it would ...")."""
    out: list[Token] = []
    cur = pronoun
    for _ in range(10):
        head = cur.head
        if head == cur:
            break
        infinitive = cur.dep_ == "xcomp" or (
            cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        )
        if head.pos_ in ("VERB", "AUX") and infinitive:
            # "pressed North Korea to halt its tests": the object controls the infinitive
            controllers = [c for c in head.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
            if controllers:
                out += controllers
                break
        if head.pos_ in ("VERB", "AUX") and cur.dep_ not in ("nsubj", "nsubjpass"):
            # a coordinated subject is plural ("Japan and South Korea protested to China
            # over its zone": its = China), unless the pronoun is in it ("the U.S. and its
            # allies": its = the U.S.)
            out += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.i != pronoun.i and c.pos_ != "PRON"
                    and (not c.conjuncts or _inside(pronoun, c))]  # fmt: skip
        cur = head
    return out


def _inside(tok: Token, phrase: Token) -> bool:
    return phrase.left_edge.i <= tok.i <= phrase.right_edge.i


def speaker_of(pronoun: Token) -> Token | None:
    """The reported speaker whose words hold a pronoun, if the sentence names one."""
    return _speaker(pronoun)


def _speaker(pronoun: Token) -> Token | None:
    """The subject of the reporting verb whose complement holds the pronoun, if any."""
    cur = pronoun
    for _ in range(8):
        head = cur.head
        if head == cur:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in REPORTING:
            for child in head.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i:
                    return child  # a pronoun speaker ("It said ...") was read back already
            return None
        cur = head
    return None
