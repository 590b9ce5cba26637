"""Actor mentions in a parsed document, with coreference inside the document.

Candidates are spaCy noun chunks (so "the U.S., South Korea, and Japan" gives one
chunk per conjunct), named entities outside any chunk, and a bare "both". Each is
read by ``phrase`` exactly as ``resolve_name`` reads typed text; pronouns, surnames
of people met earlier and plural descriptions ("the two leaders") are linked back to
earlier mentions of the same document.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LIKE_EMAIL, LIKE_URL, ORTH, SPACY
from spacy.tokens import Token

from .. import model
from ..nlp.model import per_doc
from .coref import GROUP_LIKE, STATE_LIKE, Discourse, Entity, entity_kind, is_locative, speaker_of
from .entry import GEOGRAPHIC_TYPES, ActorEntry
from .locate import named_members
from .normalize import is_upper, token_key
from .phrase import OFFICE_SECTORS, Item, Reading, interpret, segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .resolver import ActorResolver

GROUP_SENTENCES = 4  # how far back "these countries" looks for the list it names
PAIR_SENTENCES = 5  # how far back "the sides" may read to the pair last described as such
ENTITY_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "FAC", "LOC"})
KEEP_UNKNOWN = frozenset({"PERSON", "ORG"})
ADJUNCTS = ("amod", "compound")  # modifiers a plural description may carry
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "obj", "conj", "appos"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl"})  # heads of a clause
_DOC_TOKENS = "dyads_mention_tokens"
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)


class MentionFinder:
    """One pass over one document; holds the state coreference needs."""

    def __init__(
        self,
        resolver: ActorResolver,
        doc: Doc,
        sentences: list[model.Sentence],
        doc_id: str,
        day: dt.date,
        unread: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.resolver = resolver
        self.dictionary = resolver.dictionary
        self.words = resolver.words
        self.doc = doc
        self.doc_id = doc_id
        self.day = day
        self.sentence_starts = [s.start for s in sentences]
        tokens = _DocTokens.of(doc)
        self.text, self.keys = tokens.text, tokens.keys
        self.caps, self.upper = tokens.caps, tokens.upper
        self.blocked = _blocked(tokens, unread)
        self._block_datelines(sentences)
        self.taken = [False] * len(doc)
        self.mentions: list[model.ActorMention] = []
        self.discourse = Discourse()
        self.deferred: list[tuple[int, int, int, int]] = []  # pronouns before their speaker

    def _block_datelines(self, sentences: list[model.Sentence]) -> None:
        """'KYIV, March 22 (Reuters) - Russia launched ...': a wire dateline opening a
        sentence says where the story was filed; its place is never an actor."""
        from ..ingest.furniture import load_rules

        rules = load_rules()
        idx = _DocTokens.of(self.doc).idx
        for sentence in sentences:
            length = rules.dateline_prefix(sentence.text)
            if not length:
                continue
            first = bisect.bisect_left(idx, sentence.start)
            last = bisect.bisect_left(idx, sentence.start + length)
            for i in range(first, min(last, len(self.blocked))):
                self.blocked[i] = True

    # ---------------------------------------------------------------- driving
    def run(self) -> list[model.ActorMention]:
        doc = self.doc
        blocked = self.blocked
        candidates: list[tuple[int, int, int, str]] = []
        covered = [False] * len(doc)
        chunk_of: dict[int, int] = {}
        chunks: list[tuple[int, int]] = []
        for sent in doc.sents:  # a sentence no mention may come from is not chunked
            if all(blocked[sent.start : sent.end]):
                continue
            for start, end, _label in doc.noun_chunks_iterator(sent):
                n = len(chunk_of)
                chunks.append((start, end))
                root = doc[start:end].root
                candidates.append((start, end, root.i, "chunk"))
                for owner in root.children:
                    # "the government's decision": the owner is a mention of its own when
                    # the whole phrase is not one
                    if (
                        owner.dep_ == "poss"
                        and owner.pos_ == "NOUN"
                        and start <= owner.i < end
                        and owner.lemma_.lower() in self.words.owner_nouns
                    ):
                        stop = owner.i + 1
                        if stop < end and doc[stop].dep_ == "case":
                            stop += 1
                        candidates.append((start, stop, owner.i, "owner"))
                for i in range(start, end):
                    covered[i] = True
                    chunk_of[i] = n
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS and not any(covered[ent.start : ent.end]):
                candidates.append((ent.start, ent.end, ent.root.i, "ent"))
        for i, key in enumerate(self.keys):
            if key == "both" and not covered[i] and doc[i].dep_ in ARGUMENT_DEPS:
                candidates.append((i, i + 1, i, "both"))
        # a title widens a candidate leftwards only, so a blocked one stays blocked
        candidates = [self._with_title(c) for c in candidates if not any(blocked[c[0] : c[1]])]
        candidates.sort(key=lambda c: (c[0], -c[1]))
        split = [*self._split_names(chunk_of), *self._names_across_of(chunks)]
        for start, end, head, _kind in [*split, *candidates]:
            if any(blocked[start:end]) or any(self.taken[start:end]):
                continue
            self._candidate(start, end, head)
        for start, end, head, speaker in self.deferred:
            self._cataphora(start, end, head, speaker)
        self.mentions.sort(key=lambda m: m.token_start)
        return self.mentions

    def _cataphora(self, start: int, end: int, head: int, speaker: int) -> None:
        """'It called for a ceasefire, the Security Council said': a pronoun before the
        speaker it stands for, read once the speaker is known."""
        for entity in self.discourse.entities:
            if any(m.token_start <= speaker < m.token_end for m in entity.mentions):
                if entity.kind != "unknown":
                    self._copy(entity, start, end, head, "coref", "pronoun before its speaker",
                               remember=False)  # fmt: skip
                return

    def _split_names(self, chunk_of: dict[int, int]) -> list[tuple[int, int, int, str]]:
        """Entities that are one dictionary name though the parser split them into several
        chunks: "the Democratic People's Republic | of Korea" is North Korea, read first.
        ``chunk_of``: token index -> noun chunk number."""
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in ENTITY_LABELS or len(ent) < 3:
                continue
            if len({chunk_of.get(i, -1 - i) for i in range(ent.start, ent.end)}) < 2:
                continue
            items = segment(
                self.dictionary,
                self.keys[ent.start : ent.end],
                self.caps[ent.start : ent.end],
                self.upper[ent.start : ent.end],
            )
            skip = self.words.skip
            rest = [it for it in items if not (it.kind == "word" and it.key in skip)]
            if len(rest) == 1 and rest[0].kind == "name":
                found.append((ent.start, ent.end, ent.root.i, "ent"))
        return found

    def _names_across_of(self, chunks: list[tuple[int, int]]) -> list[tuple[int, int, int, str]]:
        """Two noun chunks joined by "of" that together are one dictionary name, which
        entity recognition cut short: "the Liberation Tigers | of | Tamil Eelam"."""
        found = []
        keys = self.keys
        for (s1, e1), (s2, e2) in pairwise(chunks):
            if s2 != e1 + 1 or keys[e1] != "of" or not self.caps[s2] or e2 - s1 > 10:
                continue
            items = segment(self.dictionary, keys[s1:e2], self.caps[s1:e2], self.upper[s1:e2])
            rest = [it for it in items if not (it.kind == "word" and it.key in self.words.skip)]
            if len(rest) == 1 and rest[0].kind == "name":
                found.append((s1, e2, self.doc[s1:e1].root.i, "ent"))
        return found

    def _names_a_place(self, item, end: int) -> bool:
        """A name followed, in the same phrase, by a capitalised place noun ("Kim Il Sung
        Square"), or a place's name by any place noun ("a Kabul hotel", "Aleppo airport"):
        a place, not an actor (the event's location reads it)."""
        stop = item.end
        if stop >= end or self.keys[stop] not in self.words.place_heads:
            return False
        if self.caps[stop]:
            return True
        names = item.lex.names if item.lex is not None else []
        return any(e.type in ("capital", "city") for e in names)

    def _with_title(self, cand: tuple[int, int, int, str]) -> tuple[int, int, int, str]:
        """Widen a person's name over a title the parser split off into other chunks:
        "U.S. Secretary of State | Warren Christopher" reads as one USA GOV mention."""
        start, end, head, kind = cand
        left = self.doc[head].left_edge.i
        if left >= start or self._label(head) != "PERSON" or end - left > 12:
            return cand
        items = segment(
            self.dictionary, self.keys[left:end], self.caps[left:end], self.upper[left:end]
        )
        reading = interpret(items, self.day, self.words)
        if reading is not None and reading.matched == "title+name" and reading.country:
            return left, end, head, kind
        return cand

    def _candidate(self, start: int, end: int, head: int) -> None:
        keys = self.keys[start:end]
        if self._pronoun(start, end, head, keys) or self._pair(start, end, head, keys):
            return
        if self._group(start, end, head, keys):
            return
        items = segment(self.dictionary, keys, self.caps[start:end], self.upper[start:end])
        for item in items:  # segment works on a slice: shift items back to doc indices
            item.start += start
            item.end += start
            if item.kind == "name" and self._inside_person(item):
                item.kind = "word"  # the "Un" of "Kim Jong Un" is not the United Nations
            elif item.kind in ("name", "surname") and self._names_a_place(item, end):
                item.kind = "word"  # "Kim Il Sung Square", "Mandela Bridge" are places
            elif item.kind == "surname" and self._label(item.start) in TIME_LABELS:
                item.kind = "word"  # "abandoned in May": a month, not Theresa May
        for item in items:  # every item is in doc indices now
            if item.kind == "surname" and self._other_forename(items, item):
                item.kind = "word"
        for before, item in pairwise(items):
            if (
                item.kind == "name" and before.kind == "adjective"
                and item.lex is not None and item.lex.agent
                and before.lex is not None and before.lex.adjective is not None
                and before.lex.adjective.country
                not in {e.country for e in item.lex.names}
            ):  # fmt: skip
                item.kind = "agent"  # "a Syrian Congress": Syria's, not the US Congress
        if self._held_place(items, start, end, head):
            return  # "rebel-held areas": the place stands for whoever holds it
        if any(self.keys[k] in self.words.occupier_participles for k in range(start, head)):
            self._note_occupier(items, end, head)
        if self._meeting(items, head):
            return  # "the national dialogue congress": a gathering, not a legislature
        if self._jointly_owned(items, start, end, head, keys):
            return
        if self._relational(items, keys, start, head):
            return  # "its neighbours", "Japan's allies": others, named by their tie to it
        referent = self._possessed(keys, start, head)
        reading = interpret(items, self.day, self.words, referent=referent)
        if (
            reading is not None
            and reading.matched == "title+name"
            and reading.item is not None
            and head >= reading.item.end
            and not self.caps[head]
        ):
            reading = None  # "a general strike": a lower-case noun after a title is no name
        if self._described_first(start, end, head, keys):
            return  # "the agency" after the IAEA is the IAEA, not the context state's agency
        if self._repeated(start, end, head, keys) or self._shortened(start, end, head, keys):
            return  # "a Turkish drone ... the drone": the same drone
        if (reading is None or not reading.country) and self._title(start, end, head, keys):
            return
        label = self._label(head)
        headed = reading is not None and (
            reading.matched == "title+name"
            or any(it.kind != "word" and it.start <= head < it.end for it in items)
        )
        if self._surname_not_title(items, head):
            return  # "Bishop told reporters" after "Julie Bishop": her, not a bishop
        if reading is not None and headed and (reading.country or reading.sector):
            self._leader(reading, head)
            self._emit(start, end, head, reading, label)
            for other in self._coordinated(items, reading):
                assert other.item is not None
                self._emit(other.item.start, end, head, other, label)
            return
        inner = [it for it in items if it.kind in ("name", "surname")]
        if self._outlet_staff(items, inner, start, end, head):
            return  # "Al Jazeera journalist Shireen Abu Akleh": a journalist, not the outlet
        if not inner:
            # "an Indian proposal", "Israeli air raids": the adjective names the author;
            # kept as a country mention so roles can reach it through the noun
            inner = [
                it for it in items
                if it.kind == "adjective" and self.caps[it.start] and it.end - 1 != head
            ] if self.keys[head] not in self.words.not_actor_heads else []  # fmt: skip
        if inner:
            for item in inner:
                sub = interpret([item], self.day, self.words)
                if sub is not None and (sub.country or sub.sector):
                    stop = item.end
                    if stop < len(self.keys) and self.keys[stop] == "'s":
                        stop += 1
                    self._emit(item.start, stop, item.end - 1, sub, self._label(item.end - 1))
            return
        earlier = self.discourse.surname(self.keys[head]) if end - start <= 3 else None
        if earlier is not None and self.caps[head]:
            self._copy(earlier, start, end, head, "coref", "surname of an earlier mention")
            return
        if self._description(start, end, head, keys):
            return
        if self._short_state_name(start, end, head):
            return  # "Korea" after "South Korea": the state the story named in full
        if self._owner(start, end, keys):
            return
        if self._agent_modifier(items, head):
            return  # "regime airstrikes", "army advances": the noun says who acts
        if label in KEEP_UNKNOWN:
            unknown = Reading(None, None, None, None, "not in dictionary")  # type: ignore[arg-type]
            self._emit(start, end, head, unknown, label)

    def _surname_not_title(self, items: list[Item], head: int) -> bool:
        """A bare capitalised title or agent noun ("Bishop", "King", "Judge") that is the
        surname of someone the text named in full is that person: without an article a
        title is a name ("Bishop had to issue a permit" after "Julie Bishop")."""
        words = [it for it in items if it.key != "'s"]
        if len(words) != 1 or words[0].kind not in ("agent", "title") or not self.caps[head]:
            return False
        earlier = self.discourse.surname(self.keys[head])
        if earlier is None or earlier.kind != "person":
            return False
        item = words[0]
        self._copy(earlier, item.start, item.end, head, "coref", "surname of an earlier mention")
        return True

    def _short_state_name(self, start: int, end: int, head: int) -> bool:
        """'Korea', 'Congo': a short name that two states share (``short_state_names``),
        read back to whichever of them the document named last; alone it names neither."""
        options = self.words.short_state_names.get(self.keys[head])
        if (
            not options
            or not self.caps[head]
            or any(self.caps[i] for i in range(start, end) if i != head)
        ):
            return False
        named = [
            e for e in self.discourse.entities
            if e.kind == "state" and e.mention.actor.country in options
            and e.mention.token_start < start
        ]  # fmt: skip
        if not named:
            return False
        latest = max(named, key=lambda e: e.mention.token_start)
        self._copy(latest, start, end, head, "coref", f"'{self.doc[head].text}' read back")
        return True

    def _outlet_staff(
        self, items: list[Item], inner: list[Item], start: int, end: int, head: int
    ) -> bool:
        """A person named after an outlet and a trade ("Al Jazeera journalist Shireen Abu
        Akleh", "Reuters photographer X"): one of its staff, of no country the outlet
        gives (the sentence's place or context may)."""
        if len(inner) != 1 or not self.caps[head] or inner[0].end > head:
            return False
        outlet = inner[0]
        lex = outlet.lex
        if lex is None or not any(e.type == "media" for e in lex.names):
            return False
        trade = next((it for it in items if it.start == outlet.end), None)
        if trade is None or trade.kind != "agent" or trade.end > head:
            return False
        reading = interpret([trade], self.day, self.words)
        if reading is None or reading.sector != "JRN":
            return False
        self._emit(start, end, head, Reading(None, "JRN", None, "modifier+agent"), "PERSON")
        return True

    def _agent_modifier(self, items: list[Item], head: int) -> bool:
        """'Regime airstrikes', 'army advances', 'rebel attacks': an agent noun
        (``modifier_agents``) right before the head names whose the head is, as a
        nationality adjective does ("Israeli air raids"); kept as a mention of its own so
        roles can reach it through the noun."""
        if self.doc[head].pos_ != "NOUN" or self.keys[head] in self.words.not_actor_heads:
            return False
        for item in items:
            if (
                item.kind == "agent"
                and item.end == head
                and item.start < head
                and self.keys[item.end - 1] in self.words.modifier_agents
                and (item.start == 0 or self.doc[item.start - 1].text != "-")
            ):  # fmt: skip  ("pro-government villages" are no government's)
                reading = interpret([item], self.day, self.words)
                if reading is None or not (reading.country or reading.sector):
                    return False
                self._emit(item.start, item.end, item.end - 1, reading, self._label(item.end - 1))
                return True
        return False

    def _meeting(self, items: list[Item], head: int) -> bool:
        """'The Syrian national dialogue congress', 'the party congress': a body's noun
        after a word of gathering (``meeting_compounds``) names a meeting, and no one
        holds it by being named on it."""
        return (
            head > 0
            and self.keys[head - 1] in self.words.meeting_compounds
            and not self.caps[head - 1]  # not a name: "the Liberian Peace Council"
            and any(it.kind == "agent" and it.start <= head < it.end for it in items)
        )

    def _held_place(self, items: list[Item], start: int, end: int, head: int) -> bool:
        """'Rebel-held areas', 'the Houthi-held port': a place named by who holds it stands
        for the holder, as an attack on it is an attack on them."""
        if self.keys[head] not in self.words.held_places:
            return False
        for item in items:
            k = item.end  # the participle after the hyphen, which the item may hold
            if k < end and self.doc[k].text == "-":
                k += 1
            if not (
                k < head and self.doc[k - 1].text == "-"
                and self.keys[k] in self.words.holder_participles
                and item.kind in ("agent", "name", "adjective", "demonym")
            ):  # fmt: skip
                continue
            reading = interpret([item], self.day, self.words)
            if reading is None or not reading.country:
                return False  # "rebel-held areas": whose rebels is the place's to say
            self._emit(start, end, head, reading, self._label(head))
            return True
        return False

    def _note_occupier(self, items: list[Item], end: int, head: int) -> None:
        """'the Israeli-occupied Golan Heights': no actor (the land is not the occupier's),
        but the occupier is named, for a later "both countries" to mean it."""
        for item in items:
            k = item.end
            if k < end and self.doc[k].text == "-":
                k += 1
            if (
                k <= head and self.doc[k - 1].text == "-"
                and self.keys[k] in self.words.occupier_participles
                and item.kind in ("name", "adjective", "demonym")
            ):  # fmt: skip
                reading = interpret([item], self.day, self.words)
                if reading is not None and reading.country and not reading.sector:
                    self._emit(item.start, item.end, item.start, reading, None, record=False)
                return

    def _other_forename(self, items: list[Item], item: Item) -> bool:
        """A known surname after a capitalised word that is neither a title nor part of the
        name matched: someone else with the same surname ("Nasr al-Hariri" is not Saad
        Hariri)."""
        return any(
            it.kind == "word" and it.end <= item.start and self.caps[it.start]
            and it.key not in self.words.skip and it.key not in self.words.honorifics
            for it in items
        )  # fmt: skip

    def _coordinated(self, items: list[Item], reading: Reading) -> list[Reading]:
        """Readings for modifiers coordinated with the one used: "Hungarian and Romanian
        officials" is HUNGOV and ROUGOV. Each reading's ``item`` is its modifier."""
        head = reading.item
        if head is None or head.kind not in ("agent", "title") or reading.person:
            return []
        mods = [
            it
            for it in items
            if it.end <= head.start and it.kind in ("name", "adjective", "demonym")
        ]
        found: list[Reading] = []
        for left, right in pairwise(mods):
            between = [it for it in items if left.end <= it.start and it.end <= right.start]
            joined = all(it.kind == "word" and it.key in self.words.conjunctions for it in between)
            comma = not self.keys[left.end - 1]  # a match may run over a trailing comma
            if not joined or not (between or comma or right.start > left.end):
                found = []  # "Iraqi Kurdish officials": stacked, not coordinated
                continue
            other = interpret([left, head], self.day, self.words)
            if (
                other is not None
                and other.country
                and (
                    other.country != reading.country
                    or (
                        other.entry is not None
                        and other.entry is not reading.entry
                        and other.entry.group_code is not None
                    )
                )
            ):  # "Hamas and Islamic Jihad militants": two groups of one country
                other.item = left
                found.append(other)
        return found

    # ----------------------------------------------------------- coreference
    def _pronoun(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'he', 'it', 'they', 'we': read back through the discourse (``actors.coref``).
        A pronoun with no antecedent in reach is no actor."""
        if end - start == 2 and head == end - 1 and self.doc[start].lower_ in PREDETERMINERS:
            start, keys = head, keys[1:]  # "both it and Syria would respect": "it"
        if end - start != 1 or self.doc[head].pos_ != "PRON":
            return False
        key, words, tok = keys[0], self.words, self.doc[head]
        if tok.dep_ == "poss" and tok.head.lemma_.lower() in words.empty_possessed:
            return True  # "the first of its kind": no one's
        sentence = self._sentence(tok.idx)
        speaker = speaker_of(tok)
        if (
            speaker is not None
            and speaker.i > tok.i
            and tok.dep_ in ("nsubj", "nsubjpass")  # "It called for ..., the Council said"
            and (key in words.person_pronouns or key in words.thing_pronouns)
        ):
            self.deferred.append((start, end, head, speaker.i))
            return True
        if key in words.person_pronouns:
            found = self.discourse.person(tok, sentence)
            if found is not None:
                self._copy(found, start, end, head, "coref", "pronoun")
            return True
        if key in words.thing_pronouns:
            if tok.dep_ == "expl" or _empty_it(tok):
                return True  # "it is not clear", "it was understood that"
            found = self.discourse.thing(tok, sentence)
            if found is not None:
                self._copy(found, start, end, head, "coref", "pronoun")
            return True
        if key in words.plural_pronouns:
            picked = self.discourse.plural(sentence)
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and speaker is not None
                and speaker.i < tok.i
                and (speaker.tag_ in ("NNS", "NNPS") or speaker.conjuncts)
                and (said := self._entities_at([speaker, *speaker.conjuncts]))
            ):
                # "Both countries say they will not allow ...": the speakers themselves
                for found in said:
                    self._copy(found, start, end, head, "coref", "pronoun")
                return True
            if tok.dep_ in ("nsubj", "nsubjpass") and not (
                picked and picked[0].sentence == sentence
            ):
                # "Saudi Arabia and Jordan cut their support. They have been pressing ...":
                # a subject "they" continues the actors last named together as a subject,
                # before a plural group named in passing ("support for the rebels")
                picked = self._joint_subjects(tok) or picked
            for found in picked:
                self._copy(found, start, end, head, "coref", "pronoun")
            return True
        if key in words.speaker_pronouns:
            speaker = self._speaker_of(tok, sentence)
            if speaker is not None:
                self._copy(speaker, start, end, head, "coref", "the speaker's side")
            return True
        if key in words.self_pronouns:
            # "'I demand an explanation,' Yavlinsky said": the one reported to say it
            if speaker is not None and speaker.i > tok.i:
                self.deferred.append((start, end, head, speaker.i))
            elif speaker is not None:
                self._cataphora(start, end, head, speaker.i)
            return True
        return False

    def _relational(self, items, keys: list[str], start: int, head: int) -> bool:
        """A relational noun ("neighbours", "allies") after a possessive names others
        than the possessor, and no one state: it is no actor. Words of its own between
        them name who they are ("its Syrian militia allies")."""
        if keys[head - start] not in self.words.relational_heads:
            return False
        marks = [start + k for k, key in enumerate(keys[: head - start])
                 if key in self.words.possessive_pronouns or key == "'s"]  # fmt: skip
        if not marks:
            return False
        return not any(
            it.kind != "word" and marks[-1] < it.start and it.end <= head for it in items
        )

    def _jointly_owned(self, items, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'India and Pakistan fought a war. Their foreign ministers met': a plural office
        after 'their' is one mention per actor last named together as a subject."""
        if not keys or keys[0] != "their" or self.doc[start].pos_ != "PRON":
            return False
        if self.doc[head].tag_ not in ("NNS", "NNPS"):
            return False
        # people in office ("their foreign ministers", "their leaders"), not their things
        # ("their embassies" are each side's own)
        if self.words.pairs.get(" ".join(k for k in keys[1:] if k)) != "person" and (
            self.words.pairs.get(keys[-1]) != "person"
        ):
            return False
        pronoun = self.doc[start]
        sentence = self._sentence(pronoun.idx)
        plural = self.discourse.plural(sentence)
        if plural and plural[0].sentence == sentence:
            return False
        joint = self._joint_subjects(pronoun)
        readings = []
        for entity in joint:
            actor = entity.mention.actor
            reading = interpret(items, self.day, self.words, referent=(actor.country, None))
            if reading is None or not reading.country or not reading.sector:
                return False
            readings.append((entity, reading))
        if len(readings) < 2:
            return False
        label = self._label(head)
        for entity, reading in readings:
            mention = self._emit(start, end, head, reading, label, remember=False)
            _antecedent(mention, entity.mention)
        return True

    def _joint_subjects(self, pronoun: Token) -> list[Entity]:
        """The entities of the nearest coordinated clause subject ("Russia and Turkey
        agreed") before ``pronoun``, in its sentence or the one before; [] if none."""
        sent = pronoun.sent
        spans = [(sent.start, pronoun.i)]
        if sent.start > 0:
            before = self.doc[sent.start - 1].sent
            spans.append((before.start, before.end))
        for lo, hi in spans:
            for tok in reversed(self.doc[lo:hi]):
                if tok.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                # "supporters such as Saudi Arabia and Jordan": the members it names
                parts = [tok, *tok.conjuncts] if tok.conjuncts else named_members(tok)
                if not parts:
                    continue
                found: list[Entity] = []
                for part in parts:
                    entity = self._entity_at(part.i)
                    if entity is not None and entity.resolved and entity not in found:
                        found.append(entity)
                if len(found) >= 2:
                    return found
        return []

    def _entities_at(self, tokens: list[Token]) -> list[Entity]:
        """The resolved entities mentioned over ``tokens``, read through to the antecedent
        of a mention that refers back ("both countries": Jordan and Israel)."""
        starts = [
            m.actor.start if m.antecedent_start is None else m.antecedent_start
            for m in self.mentions for t in tokens
            if m.token_start <= t.i < m.token_end
        ]  # fmt: skip
        found: list[Entity] = []
        for start in starts:
            for entity in self.discourse.entities:
                if (
                    entity.resolved
                    and entity not in found
                    and any(m.actor.start == start for m in entity.mentions)
                ):
                    found.append(entity)
                    break
        return found

    def _entity_at(self, i: int) -> Entity | None:
        for entity in self.discourse.entities:
            if any(m.token_start <= i < m.token_end for m in entity.mentions):
                return entity
        return None

    def _owner(self, start: int, end: int, keys: list[str]) -> bool:
        """'entered its air defence zone', 'violated their airspace': a possessive pronoun
        before a noun that names no actor is a mention of its owner, so a role can reach
        the owner through the noun."""
        if end - start < 2 or keys[0] not in self.words.possessive_pronouns:
            return False
        key = keys[0]
        if key in self.words.person_pronouns or key in self.words.thing_pronouns:
            return self._pronoun(start, start + 1, start, [key])
        tok = self.doc[start]
        if tok.pos_ != "PRON":
            return False
        for found in self.discourse.plural(self._sentence(tok.idx))[:1]:
            self._copy(found, start, start + 1, start, "coref", "pronoun")
        return True

    def _speaker_of(self, tok, sentence: int) -> Entity | None:
        """'we', 'our' in reported speech: the side of whoever says it (the subject of a
        reporting verb in the sentence, or the nearest person)."""
        for t in tok.sent:
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in ("say", "tell", "add", "warn"):
                for e in self.discourse.recent(sentence):
                    if any(m.token_start <= t.i < m.token_end for m in e.mentions):
                        return e if e.kind != "unknown" else None
        return None

    def _pair(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        parts = [k for k in keys if k != "the"]
        if keys[:1] == ["the"] and parts and " ".join(parts) in self.words.definite_pairs:
            parts = ["two", *parts]  # "the sides had agreed": both parties
        if not parts or parts[0] not in self.words.pair_openers:
            return False
        noun = " ".join(parts[1:])
        kind = self.words.pairs.get(noun) if noun else "any"
        modifiers = [t for t in self.doc[start:head] if t.lower_ not in ("the", "two", "both")]
        if kind is None and len(parts) > 2 and all(t.dep_ in ADJUNCTS for t in modifiers):
            kind = self.words.pairs.get(parts[-1])  # "the two West African neighbours"
        if kind is None:
            return False
        sentence = self._sentence(self.doc[head].idx)
        picked = self.discourse.of_kind(
            kind, sentence, count=2, before=start, venues=False, apart=True
        )
        last = self.discourse.last_pair
        if (
            len(picked) < 2
            and last is not None
            and sentence - last[1] <= PAIR_SENTENCES
            and all(kind == "any" or e.kind == kind for e in last[0])
        ):
            # "the two leaders agreed ... Putin said the sides had agreed": the pair last
            # named as a pair, when the sentences since name no other two
            picked = last[0]
        if len(picked) < 2:
            return False
        self.discourse.last_pair = (picked, sentence)
        for found in reversed(picked):
            if kind == "state":
                self._state_of(found, start, end, head, "both of two earlier actors")
            else:
                self._copy(found, start, end, head, "coref", "both of two earlier actors", False)
        return True

    def _group(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'These countries', 'the five nations': a plural description of states read back
        to the last list of states named together (a head with its conjuncts) in this or
        the four sentences before, of the size the number gives (two or more without one)."""
        parts = [k for k in keys if k]
        if len(parts) < 2 or self.words.pairs.get(parts[-1]) != "state":
            return False
        if is_locative(self.doc[head]):
            return False  # "civilians in these countries": where they are, no actor
        opener = parts[:-1]
        if opener[0] in self.words.group_openers and len(opener) == 1:
            size = None
        elif opener[0] == "the" and len(opener) == 2 and opener[1] in self.words.group_numbers:
            size = self.words.group_numbers[opener[1]]
        else:
            return False
        sent = self.doc[start].sent
        lo = sent.start
        for _ in range(GROUP_SENTENCES):
            if lo > 0:
                lo = self.doc[lo - 1].sent.start
        for tok in reversed(self.doc[lo:start]):
            if not tok.conjuncts or any(c.i < tok.i for c in tok.conjuncts):
                continue  # the first of a list holds its conjuncts
            found: list[Entity] = []
            # "the United States, Saudi Arabia, Jordan ...": the parser may hang the list on
            # the first name as an apposition
            lead = [tok.head] if tok.dep_ == "appos" else []
            for part in (*lead, tok, *tok.conjuncts):
                entity = self._entity_at(part.i)
                if (
                    entity is not None
                    and entity.kind == "state"
                    and entity.resolved
                    and entity not in found
                ):
                    found.append(entity)
            if len(found) >= 2 and (size is None or len(found) == size):
                for entity in found:
                    self._state_of(entity, start, end, head, "a list named before")
                return True
        return False

    def _state_of(self, entity: Entity, start: int, end: int, head: int, reason: str) -> None:
        """A plural description read back to a state ("both countries", "these nations"):
        a mention of that state itself, whatever organ of it was named before."""
        country = entity.mention.actor.country
        state = self.dictionary.entries.get(country or "")
        reading = Reading(country, None, state, "coref", reason)
        mention = self._emit(start, end, head, reading, None, remember=False)
        _antecedent(mention, entity.mention)

    def _described_first(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'the agency', 'the alliance', 'the group' when an entity of that kind was named
        just before: a description read back, before the dictionary's generic agent noun
        (which would take the context state's country)."""
        parts = [k for k in keys if k]
        if len(parts) != 2 or parts[0] != "the" or parts[1] not in self.words.descriptions:
            return False
        kind = self.words.descriptions[parts[1]]
        if kind == "state":
            return False  # "the country" has no dictionary reading to pre-empt
        sentence = self._sentence(self.doc[head].idx)
        if not self.discourse.of_kind(kind, sentence, before=start):
            return False
        return self._description(start, end, head, keys)

    def _repeated(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'Greece intercepted a Turkish drone ... the drone had entered its airspace': a
        definite noun repeats the nearest earlier mention with the same head noun, or one
        of the same kind ("a Russian warplane ... the jet")."""
        parts = [k for k in keys if k]
        if len(parts) != 2 or parts[0] != "the" or self.caps[head]:
            return False
        lemma = self.doc[head].lemma_.lower()
        kind = self.words.kind_of.get(lemma, lemma)
        sentence = self._sentence(self.doc[head].idx)
        for entity in self.discourse.recent(sentence):
            mention = entity.mention
            if not entity.resolved or mention.token_start >= start:
                continue
            if not 0 <= mention.head_token < len(self.doc):
                continue
            earlier = self.doc[mention.head_token].lemma_.lower()
            if self.words.kind_of.get(earlier, earlier) == kind:
                self._copy(entity, start, end, head, "coref", f"'the {parts[1]}' repeated")
                return True
        return False

    def _shortened(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'the UN security council ... the security council': a definite lower-case phrase
        of two or more words that ends a longer name named before is that name shortened,
        not the generic organ the dictionary gives its head noun (whose country would then
        come from the context)."""
        parts = [k for k in keys if k]
        if len(parts) < 3 or parts[0] != "the" or head != end - 1:
            return False
        if any(self.caps[start + 1 : end]):
            return False
        tail = parts[1:]
        for entity in reversed(self.discourse.entities):  # a name may be shortened far after
            if not entity.resolved:
                continue
            for mention in entity.mentions or [entity.mention]:
                if not 0 <= mention.token_start < mention.token_end <= start:
                    continue
                earlier = [k for k in self.keys[mention.token_start : mention.token_end] if k]
                if len(earlier) > len(tail) and earlier[-len(tail) :] == tail:
                    reason = f"'the {' '.join(tail)}' shortened"
                    self._copy(entity, start, end, head, "coref", reason)
                    return True
        return False

    def _title(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'Orban met Trump ... and praised the former president': a bare title read back
        to the nearest person named before it, when that person holds an office."""
        parts = [k for k in keys if k]
        if not (
            len(parts) >= 2
            and parts[0] == "the"
            and parts[-1] in self.words.person_titles
            and all(p in self.words.title_modifiers for p in parts[1:-1])
            and head == end - 1
            and not any(self.caps[start + 1 : end])
        ):
            return False
        if any(p.dep_ == "prep" and p.lower_ == "of" for p in self.doc[head].children):
            return False  # "the president of Armenia": the office of whoever it names
        sentence = self._sentence(self.doc[head].idx)
        picked = self.discourse.of_kind("person", sentence, before=start)
        found = picked[0] if picked else None
        if found is None or found.mention.actor.sector not in OFFICE_SECTORS:
            return False
        self._copy(found, start, end, head, "coref", f"'{' '.join(parts)}' read back")
        return True

    def _description(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'the country', 'the group', 'the alliance', 'his counterpart': a definite
        description read back to the nearest entity of its kind."""
        parts = [k for k in keys if k]
        sentence = self._sentence(self.doc[head].idx)
        if len(parts) >= 2 and parts[0] == "the" and parts[-1] in self.words.place_descriptions:
            if head != end - 1 or any(self.caps[start + 1 : end]):
                return False  # "the province of Idlib", "the Idlib region": named places
            place = self.discourse.place(sentence)
            if place is not None:
                self._copy(place, start, end, head, "city", f"'{' '.join(parts)}' read back")
            return True
        if len(parts) != 2:
            return False
        det, noun = parts
        if det in ("their", "its") and self.words.descriptions.get(noun) == "state":
            return self._own_country(start, end, head, keys)
        if noun in self.words.counterparts and det in self.words.possessive_pronouns:
            owner = self.discourse.person(self.doc[start], sentence)
            found = self.discourse.counterpart(owner, sentence)
        elif det == "the" and noun in self.words.descriptions:
            if any(
                p.dep_ == "prep" and p.lower_ == "of"
                for p in self.doc[head].children for o in p.children if o.dep_ == "pobj"
            ):  # fmt: skip
                # "the island of Luzon": a place named; "the movement of Palestinian
                # workers": a thing of its own; neither is one read back
                return True
            found = self._read_back(self.words.descriptions[noun], self.doc[head], sentence)
        else:
            return False
        if found is not None:
            self._copy(found, start, end, head, "coref", f"'{det} {noun}' read back")
        return True

    def _own_country(self, start: int, end: int, head: int, keys: list[str]) -> bool:
        """'Iran's players ... the protests sweeping their country', 'Syrian refugees
        returned to their country': the state of whom the pronoun names (a plural group
        read back, else the state that owns its clause's subject)."""
        owner = self._possessed(keys, start, head)
        country = owner[0] if isinstance(owner, tuple) else None
        antecedent = None
        if country is None:
            clause = self.doc[start]
            while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
                clause = clause.head
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                if subject.tag_ not in ("NNS", "NNPS"):
                    continue  # "their" is plural
                owners = [subject, *(c for c in subject.children if c.dep_ in ("poss", "amod"))]
                found = [
                    m for m in self.mentions for t in owners
                    if m.token_start <= t.i < m.token_end and m.actor.country
                ]  # fmt: skip
                if len({m.actor.country for m in found}) == 1:
                    antecedent = found[0]
                    country = antecedent.actor.country
        if country is None:
            return False
        state = self.dictionary.entries.get(country)
        reading = Reading(country, None, state, "coref", f"'{' '.join(keys)}' read back")
        mention = self._emit(start, end, head, reading, None, remember=False)
        if antecedent is not None:
            _antecedent(mention, antecedent)
        return True

    def _leader(self, reading: Reading, head: int) -> None:
        """'the Kremlin leader': name the head of state of the modifier's country."""
        entry = reading.entry
        if entry is None or entry.type not in GEOGRAPHIC_TYPES or not reading.country:
            return
        if self.keys[head] not in self.words.leader_nouns:
            return
        sentence = self._sentence(self.doc[head].idx)
        for seen in self.discourse.recent(sentence):
            role = seen.entry.role_at(self.day) if seen.entry and seen.kind == "person" else None
            if role is not None and role.country == reading.country:
                reading.entry, reading.person, reading.matched = seen.entry, True, "coref"
                return
        leader = self.dictionary.head_of(reading.country, self.day)
        if leader is not None:
            reading.entry, reading.person, reading.matched = leader, True, "role"

    def _possessed(
        self, keys: list[str], start: int, head: int
    ) -> ActorEntry | tuple[str | None, str | None] | None:
        """Whom a possessive pronoun in this phrase points to: 'his/her' a person, 'its'
        a state or group, 'their' a plural group. The pronoun itself is asked, so its own
        place in the parse decides ("accused Israel of killing its scientist": Iran)."""
        words = self.words
        sentence = self._sentence(self.doc[head].idx)
        found: Entity | None = None
        described = self._described_owner(start, head, sentence)
        if described is not None:
            return described
        owner = next((start + i for i, k in enumerate(keys) if k in words.possessive_pronouns),
                     head)  # fmt: skip
        if any(k in ("his", "her") for k in keys):
            found = self.discourse.person(self.doc[owner], sentence)
        elif "its" in keys:
            found = self.discourse.thing(self.doc[owner], sentence)
        elif "their" in keys:
            plural = self.discourse.plural(sentence)
            found = plural[0] if plural else None
        elif not any(k in words.possessive_pronouns for k in keys):
            return None
        if found is None:
            return None
        actor = found.mention.actor
        return found.entry if found.entry is not None and found.kind == "person" else (
            actor.country, actor.sector)  # fmt: skip

    def _described_owner(
        self, start: int, head: int, sentence: int
    ) -> ActorEntry | tuple[str | None, str | None] | None:
        """'the country's foreign minister', 'the group's leaders': a description in the
        possessive reads back like the description alone ('the country'), and the noun
        after it belongs to whom it names (not to the context state)."""
        if head - start < 3:
            return None
        det, noun, mark = self.doc[start], self.doc[start + 1], self.doc[start + 2]
        if det.lower_ != "the" or mark.tag_ != "POS":
            return None
        kind = self.words.descriptions.get(noun.lower_)
        if kind is None:
            return None
        found = self._read_back(kind, noun, sentence, before=start)
        if found is None:
            return None
        actor = found.mention.actor
        return (actor.country, actor.sector if kind == "group" else None)

    def _read_back(
        self, kind: str, noun: Token, sentence: int, before: int | None = None
    ) -> Entity | None:
        """The nearest entity of a kind that a description ('the country', 'the group')
        names: not its own clause's subject or owner ("Japan froze aid to the country")."""
        bound = _binders(noun)
        owners = {
            m.actor.country for m in self.mentions for t in bound
            if m.token_start <= t.i < m.token_end and m.actor.country
        }  # fmt: skip
        picked = [
            e for e in self.discourse.of_kind(kind, sentence, count=3, before=before)
            if not any(m.token_start <= t.i < m.token_end for m in e.mentions for t in bound)
            and (kind != "state" or e.mention.actor.country not in owners)
        ]  # fmt: skip
        if kind == "state" and picked and not self._topical(picked[0]):
            # "India's tests drew US sanctions, after Japan's freeze on aid to the
            # country": the country a clause is about, over one named in passing
            picked = [e for e in picked if self._topical(e)] or picked
        return picked[0] if picked else None

    def _topical(self, entity) -> bool:
        """Named as a clause's subject, or as the owner of one ("India's tests drew")."""
        head = entity.mention.head_token
        if not 0 <= head < len(self.doc):
            return False
        tok = self.doc[head]
        if tok.dep_ in ("poss", "compound", "amod"):
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")

    def _office_of_named(self, one: model.ActorMention, other: model.ActorMention) -> None:
        """'the foreign affairs minister, Julie Bishop': an office of no known state in
        apposition to a person the dictionary places is that person's state's office."""
        for office, person in ((one, other), (other, one)):
            if (
                office.actor.country is None
                and office.actor.sector
                and office.matched not in ("coref",)
                and person.actor.country
                and person.entity_label == "PERSON"
                and person.matched not in ("coref",)
            ):
                office.actor.relocate(person.actor.country)
                office.matched = f"{office.matched or 'agent'}+apposition"
                return

    def _appositions(self, mention: model.ActorMention, head: int) -> None:
        """'Staffan de Mistura, the UN special envoy': a name the dictionary lacks is who
        its apposition says; later its surname and pronouns read back to it too."""
        tok = self.doc[head]
        if tok.dep_ == "appos":
            other_head = tok.head.i
            if tok.head.dep_ == "pobj" and tok.head.head.head != tok.head.head:
                # "the UN envoy for Syria, Staffan de Mistura": the parser hangs the name on
                # "Syria"; the person is the envoy the phrase belongs to
                holder = tok.head.head.head
                if any(m.head_token == holder.i and m.actor.sector for m in self.mentions):
                    other_head = holder.i
        else:
            other_head = next((c.i for c in tok.children if c.dep_ == "appos"), None)
        if other_head is None:
            return
        other = next((m for m in reversed(self.mentions) if m.head_token == other_head), None)
        if other is None or other is mention:
            return
        self._office_of_named(mention, other)
        known, unknown = (mention, other) if mention.actor.code else (other, mention)
        if not known.actor.code or unknown.actor.code or unknown.matched not in (None,):
            return
        if self.keys[unknown.token_start] == "whose":
            return  # "Lukashenko, whose main challenger Tikhanovskaya": someone else
        if known.actor.sector is None and self._label(unknown.head_token) != "GPE":
            return  # a person is not a state: "Hariri, Syria's ..." needs the title
        unknown.actor.country, unknown.actor.sector = known.actor.country, known.actor.sector
        unknown.actor.code = known.actor.code
        unknown.matched, unknown.reason = "apposition", f"apposition '{known.actor.text}'"
        _antecedent(unknown, known)
        last = unknown.head_token
        person = self._label(last) == "PERSON" or any(
            e.kind == "person" and known in e.mentions for e in self.discourse.entities
        )
        for entity in self.discourse.entities:
            if unknown in entity.mentions:
                if person:
                    entity.kind = "person"
                if self.caps[last] and self.keys[last]:
                    entity.surname = self.keys[last]
                    self.discourse.by_surname[self.keys[last]] = entity

    # -------------------------------------------------------------- emitting
    def _emit(
        self,
        start: int,
        end: int,
        head: int,
        reading: Reading,
        label: str | None,
        remember: bool = True,
        record: bool = True,
    ) -> model.ActorMention:
        """The mention a reading gives; ``remember``: noted in the discourse for later
        references; ``record``: kept as an actor mention (not for an occupier named only
        in a place's name)."""
        doc = self.doc
        first, last = doc[start], doc[end - 1]
        begin, stop = first.idx, last.idx + len(last.text)
        entry = reading.entry
        actor = model.Actor(
            text=self.text[begin:stop],
            start=begin,
            end=stop,
            country=reading.country,
            sector=reading.sector,
            name=reading.name,
            code=model.Actor.make_code(
                reading.country, reading.sector, entry.group_code if entry is not None else None
            ),
        )
        mention = model.ActorMention(
            doc_id=self.doc_id,
            sentence_id=self._sentence(begin),
            actor=actor,
            entity_label=label,
            matched=reading.matched,
            reason=reading.reason,
            actor_id=entry.id if entry is not None else None,
            token_start=start,
            token_end=end,
            head_token=head,
        )
        if record:
            self.mentions.append(mention)
            for i in range(start, end):
                self.taken[i] = True
        if remember:
            tok = doc[head]
            # spaCy labels "Boko Haram" PERSON: the dictionary's kind wins over the label
            known = entry is not None and entry.type in GROUP_LIKE + STATE_LIKE
            person = reading.person or (label == "PERSON" and not known)
            kind = entity_kind(entry, person, label)
            if kind == "unknown" and reading.sector is not None:
                titled = reading.item is not None and reading.item.kind == "title"
                kind = "person" if titled else "group"
            if kind != "unknown" or not is_locative(tok):
                named = person and self.caps[head] and self.keys[head]
                surname = self.keys[head] if named else None
                self.discourse.note(
                    mention, entry if reading.person or kind != "person" else None, kind, tok,
                    plural=tok.tag_ in ("NNS", "NNPS"), surname=surname,
                )  # fmt: skip
            self._appositions(mention, head)
        return mention

    def _copy(
        self,
        seen: Entity,
        start: int,
        end: int,
        head: int,
        matched: str,
        reason: str,
        remember: bool = True,
    ) -> None:
        """A mention that refers back to ``seen``: its identity, and where it came from."""
        actor = seen.mention.actor
        person = seen.kind == "person"
        reading = Reading(actor.country, actor.sector, seen.entry, matched, reason, person)
        mention = self._emit(start, end, head, reading, self._label(head), remember=False)
        mention.actor.name = actor.name
        mention.actor_id = seen.mention.actor_id
        _antecedent(mention, seen.mention)
        if remember:
            self.discourse.note(mention, seen.entry, seen.kind, self.doc[head], entity=seen)

    # --------------------------------------------------------------- helpers
    def _inside_person(self, item: Item) -> bool:
        """A non-person name that is only part of a PERSON entity."""
        doc = self.doc
        if doc[item.start].ent_type_ != "PERSON" or item.lex is None:
            return False
        if any(e.type == "person" for e in item.lex.names):
            return False
        if self.keys[item.start] in self.words.vessel_prefixes:
            return False  # "the USS Donald Cook": a ship of the US Navy, not a person
        first = doc[item.start]
        ent_start = item.start if first.ent_iob_ == "B" else None
        end = item.end
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return ent_start is None or end != item.end

    def _label(self, index: int) -> str | None:
        label = self.doc[index].ent_type_
        return label or None

    def _sentence(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)


# words before a pronoun in its phrase that leave it a pronoun ("both it and Syria")
PREDETERMINERS = frozenset({"both", "all", "each"})
# spaCy entity labels of times: a surname inside one is a month or day ("in May", "August")
TIME_LABELS = frozenset({"DATE", "TIME"})


def _antecedent(mention: model.ActorMention, antecedent: model.ActorMention) -> None:
    """Record what a coreferring mention reads back to (its first naming mention)."""
    mention.antecedent_start = antecedent.actor.start
    mention.antecedent_text = antecedent.actor.text


def _empty_it(tok) -> bool:
    """'it is not clear whether', 'it was understood that': 'it' stands for a clause."""
    head = tok.head
    clause = any(c.dep_ in ("ccomp", "xcomp", "acomp", "csubj") for c in head.children)
    if tok.dep_ == "nsubj" and head.lemma_ == "be" and clause:
        return True
    return tok.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in head.children)


class _DocTokens:
    """A Doc's token texts and the views of them the finder reads, made once per Doc
    through arrays (no Token objects; ``Doc.text`` rebuilds its string on each access)
    and kept on it: with ``entities_where_codable`` one Doc is read twice."""

    __slots__ = ("caps", "idx", "keys", "text", "upper", "web")

    @classmethod
    def of(cls, doc: Doc) -> _DocTokens:
        return per_doc(doc, _DOC_TOKENS, cls)

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        orth, url, email, idx, space = (
            doc.to_array([ORTH, LIKE_URL, LIKE_EMAIL, IDX, SPACY]).reshape(len(doc), 5).T.tolist()
        )
        texts = [strings[h] for h in orth]
        self.text = "".join(t + " " if ws else t for t, ws in zip(texts, space, strict=True))
        self.keys = [token_key(t) for t in texts]
        self.caps = [t[:1].isupper() for t in texts]
        self.upper = [is_upper(t) for t in texts]
        self.idx: list[int] = idx
        self.web = [bool(u or e) for u, e in zip(url, email, strict=True)]
        for first, end in [(m.start(), m.end()) for m in _URL.finditer(self.text)]:
            for i in range(bisect.bisect_left(idx, first), bisect.bisect_left(idx, end)):
                self.web[i] = True


def _blocked(tokens: _DocTokens, unread: Sequence[tuple[int, int]]) -> list[bool]:
    """Tokens that are, or fall inside, a web or e-mail address, or lie in ``unread``
    character spans (sentences parsed but never read by entity recognition)."""
    blocked = list(tokens.web)
    idx = tokens.idx
    for first, end in unread:
        for i in range(bisect.bisect_left(idx, first), bisect.bisect_left(idx, end)):
            blocked[i] = True
    return blocked


# places where a description may name its own clause's subject's country
BINDING_FREE_PREPS = frozenset({"in", "across", "throughout", "inside", "within", "around", "over"})


def _binders(tok: Token) -> list[Token]:
    """The subject of the clause a description sits in, and the owners of the nouns
    between ("Japan's freeze on aid to the country"): a description that is not
    reflexive does not refer to them. Not where it names a place ("banned hunting in
    parts of the country": its own)."""
    out: list[Token] = []
    cur = tok
    while cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head != cur.head:
        cur = cur.head.head  # "parts of the country"
    if cur.dep_ == "pobj" and cur.head.lower_ in BINDING_FREE_PREPS:
        return out
    cur = tok
    for _ in range(8):
        head = cur.head
        if head == cur:
            break
        out += [c for c in head.children if c.dep_ == "poss" and c.i != tok.i]
        if head.pos_ in ("VERB", "AUX"):
            verb = head
            for _ in range(4):  # "Germany recognised ... and pledged aid to the country"
                subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects or verb.dep_ != "conj" or verb.head == verb:
                    break
                verb = verb.head
            out += [c for c in subjects if c.i != tok.i]
            break
        cur = head
    return out
