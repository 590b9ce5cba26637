"""PLOVER magnitudes: how many were killed (``dead``), wounded (``injured``), took part
or were acted on (``size``), where an event's clause says so.

``dyads.magnitudes.v1`` runs after the coder. ``find`` reads the number phrases of a
sentence ("at least 24", "two dozen", "tens of thousands") and classifies each by its
place in the parse: the object of "killed", the subject of "died", "24 dead", "the
death toll rose to 35" (dead or injured); the subject of a protest or an attack, the
object of an arrest or a deployment (size). ``annotate`` gives each to the event whose
trigger governs it, or that it governs, within one clause: "killing 12" under "shelled"
belongs to the shelling, "24 people were killed in riots last March" in a sentence
about a protest belongs to no event. Cue words and number words are data
(``data/events/magnitudes.yaml``); offsets are the document's, like a trigger's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from ..config import DATA_DIR, Options
from ..model import Event, Magnitude

MAGNITUDES_FILE = DATA_DIR / "events" / "magnitudes.yaml"
FIELDS: tuple[str, ...] = ("dead", "injured", "size")
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)$")
_STOP_CLIMB = frozenset({"ccomp", "parataxis"})  # reported speech: another clause's event
_MAX_STEPS = 4


@dataclass(frozen=True, slots=True)
class Found:
    """One count a sentence states: which field, its value and words, the token it hangs
    from (``governor``) and, for size, whether it is the subject or the object there."""

    field: str
    value: int
    text: str
    start: int
    end: int
    governor: int
    role: str = "count"


class MagnitudeReader:
    """Reads dead, injured and size from parsed sentences and sets them on events."""

    def __init__(self, path: Path = MAGNITUDES_FILE) -> None:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.units: dict[str, int] = data["units"]
        self.multipliers: dict[str, int] = data["multipliers"]
        self.scales: dict[str, int] = data["scales"]
        self.articles = frozenset(data["articles"])
        self.joiners = frozenset(data["joiners"])
        self.modifiers = sorted((m.split() for m in data["modifiers"]), key=len, reverse=True)
        self.not_counts = frozenset(data["not_counts"])
        self.fractions = frozenset(data["fractions"])
        self.cues = {name: {k: frozenset(v) for k, v in data[name].items()} for name in FIELDS}
        self.groups = frozenset(data["groups"])
        self.things = frozenset(data["things"])

    @classmethod
    def from_options(cls, options: Options) -> MagnitudeReader:
        return cls()

    # -- numbers -------------------------------------------------------------

    def _number_word(self, token: Token) -> bool:
        word = token.lower_
        return (
            bool(_DIGITS.match(word))
            or word in self.units
            or word in self.multipliers
            or (word in self.scales)
        )

    def _phrase_end(self, doc: Doc, i: int, end: int) -> int:
        """Where the number phrase starting at token ``i`` ends (exclusive)."""
        j = i + 1
        while j < end:
            prev, word = doc[j - 1].lower_, doc[j].lower_
            if self._follows(prev, word):
                j += 1
            elif word in self.joiners and j + 1 < end and self._joins(prev, doc[j + 1].lower_):
                j += 2
            else:
                break
        return j

    def _follows(self, before: str, after: str) -> bool:
        """ "two hundred", "a dozen", "1.5 million", "hundred thousand": one number."""
        grows = after in self.multipliers or after in self.scales
        if _DIGITS.match(before):
            return after in self.scales
        return grows and (before in self.units or before in self.multipliers)

    def _joins(self, before: str, after: str) -> bool:
        """ "twenty-four", "hundred and fifty", "tens of thousands": one number."""
        if before in self.units and after in self.units:
            return before not in self.articles  # twenty - four
        grows = after in self.multipliers or after in self.scales
        if before in self.multipliers or before in self.scales:
            return after in self.units or grows
        return before in self.units and grows

    def value(self, words: list[str]) -> int | None:
        """The number a phrase's words say: units add, multipliers multiply, scales close
        a group; None for no number ("a" alone)."""
        total, current, said = 0.0, 0.0, False
        for word in words:
            if _DIGITS.match(word):
                current += float(word.replace(",", ""))
            elif word in self.units and word not in self.articles:
                current += self.units[word]
            elif word in self.articles:
                current += 1
                continue
            elif word in self.multipliers:
                current = (current or 1) * self.multipliers[word]
            elif word in self.scales:
                total, current = total + (current or 1) * self.scales[word], 0.0
            else:
                continue
            said = True
        number = int(total + current)
        return number if said and number > 0 else None

    def _phrases(self, sent: Span) -> list[tuple[int, int, int]]:
        """(first token, end token, value) of each count in ``sent``."""
        doc, out, i = sent.doc, [], sent.start
        while i < sent.end:
            token = doc[i]
            word = token.lower_
            starts = self._number_word(token) or (
                word in self.articles
                and i + 1 < sent.end
                and (doc[i + 1].lower_ in self.multipliers or doc[i + 1].lower_ in self.scales)
            )
            if not starts or self._not_count(token):
                i += 1
                continue
            j = self._phrase_end(doc, i, sent.end)
            if j < sent.end and doc[j].lower_ in self.fractions:
                i = j  # "one third of the city"
                continue
            number = self.value([t.lower_ for t in doc[i:j]])
            if number is not None and not any(self._not_count(t) for t in doc[i:j]):
                out.append((i, j, number))
            i = j
        return out

    def _not_count(self, token: Token) -> bool:
        """A date, time, percentage, sum or measure. A number the entity recognizer puts in
        a date but no day or year can be ("16 and 17 July 36 civilians") is a count."""
        if token.ent_type_ == "DATE" and token.is_digit and 31 < int(token.text) < 1000:
            return False
        return token.ent_type_ in self.not_counts

    def _with_modifier(self, doc: Doc, i: int, floor: int) -> int:
        """The first token of "at least 24": ``i`` moved back over a modifier."""
        for words in self.modifiers:
            k = i - len(words)
            if k >= floor and [t.lower_ for t in doc[k:i]] == words:
                return k
        return i

    # -- what a count counts -------------------------------------------------

    def find(self, sent: Span) -> list[Found]:
        """Every count in ``sent`` with its field, in text order; then singular victims
        of killing verbs ("killed the deputy chief": one dead)."""
        doc = sent.doc
        found: list[Found] = []
        for i, j, number in self._phrases(sent):
            inside = range(i, j)
            top = next((doc[k] for k in inside if doc[k].head.i not in inside), doc[i])
            after = doc[j] if j < sent.end else None
            if top.ent_type_ == "DATE" and after is not None and after.pos_ == "NOUN":
                role, noun = after, after  # the parser took "July 36" for a date, not a count
            elif top.dep_ in ("nummod", "quantmod", "amod", "compound") and (
                top.head.i not in inside
            ):
                role, noun = top.head, top.head
            else:
                role, noun = top, _of_object(top)
            if noun is not None and noun.lemma_.lower() in self.things:
                continue
            while role.dep_ in ("conj", "appos") and role.head != role:
                role = role.head  # "killed 12 soldiers and three civilians"
            start = self._with_modifier(doc, i, sent.start)
            span = doc[start:j]
            for field, governor, how in self._classify(role, noun):
                found.append(
                    Found(field, number, span.text, span.start_char, span.end_char, governor, how)
                )
                break
        return found + self._singular_victims(sent)

    def _classify(self, role: Token, noun: Token | None) -> list[tuple[str, int, str]]:
        """(field, governor token, role) readings of a count, best first; none under a verb
        that did not happen ("tried to kill 12", "did not kill")."""
        head = role.head
        if not _happened(head):
            return []
        lemma = head.lemma_.lower()
        dep = role.dep_
        out: list[tuple[str, int, str]] = []
        for field in ("dead", "injured"):
            cues = self.cues[field]
            said = {t.lower_ for t in role.children} | {t.lemma_.lower() for t in role.children}
            if noun is not None and noun.lemma_.lower() in cues["nouns"]:
                out.append((field, head.i, "count"))
            elif dep in ("dobj", "nsubjpass") and lemma in cues["verbs"]:
                out.append((field, head.i, "count"))  # "killed 24", "24 were killed"
            elif (
                dep == "nsubj"
                and lemma in cues["verbs"]
                and head.tag_ == "VBN"
                and not any(c.dep_ == "dobj" for c in head.children)
            ):
                out.append((field, head.i, "count"))  # "hundreds injured"
            elif dep == "nsubj" and lemma in cues["intransitive"]:
                out.append((field, head.i, "count"))  # "12 people died"
            elif said & cues["adjectives"]:
                out.append((field, head.i, "count"))  # "24 dead"
            elif dep in ("dobj", "nsubj") and any(
                c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod")
                and c.lower_ in cues["adjectives"]
                for c in head.children
            ):
                out.append((field, head.i, "count"))  # "left 24 people dead", "12 are dead"
            elif dep == "pobj" and cues["tolls"]:
                holder = head.head  # "a toll of 35", "the toll rose to 35"
                subjects = {c.lemma_.lower() for c in holder.children if c.dep_ == "nsubj"}
                if holder.lemma_.lower() in cues["tolls"] or subjects & cues["tolls"]:
                    out.append((field, holder.i, "count"))
        if dep == "nsubj":
            out.append(("size", head.i, "subject"))
        elif dep in ("dobj", "nsubjpass"):
            out.append(("size", head.i, "object"))
        return out

    def _singular_victims(self, sent: Span) -> list[Found]:
        out: list[Found] = []
        cues = self.cues["dead"]
        for token in sent:
            lemma = token.lemma_.lower()
            if not _happened(token):
                continue
            if lemma in cues["verbs"]:
                victims = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            elif lemma in cues["intransitive"]:
                victims = [c for c in token.children if c.dep_ == "nsubj"]
            else:
                continue
            for victim in victims:
                if not self._one_person(victim):
                    continue
                span = sent.doc[victim.left_edge.i : victim.i + 1]
                out.append(Found("dead", 1, span.text, span.start_char, span.end_char, token.i))
        return out

    def _one_person(self, victim: Token) -> bool:
        lemma = victim.lemma_.lower()
        if victim.tag_ == "PRP":
            return victim.lower_ in ("him", "her", "he", "she")
        if victim.tag_ not in ("NN", "NNP") or lemma in self.groups or lemma in self.things:
            return False
        return not any(c.dep_ in ("nummod", "quantmod") for c in victim.children)

    # -- which event ---------------------------------------------------------

    def annotate(self, doc: Doc, events: list[Event]) -> None:
        """Set dead, injured and size on ``events`` (coded from ``doc``) where a clause of
        theirs states them; the first count for a field wins."""
        by_sentence: dict[int, tuple[Span, list[tuple[Event, set[int]]]]] = {}
        for event in events:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            sent = span[0].sent
            by_sentence.setdefault(sent.start, (sent, []))[1].append(
                (event, set(range(span.start, span.end)))
            )
        for sent, triggers in by_sentence.values():
            for found in self.find(sent):
                for event in self._owners(doc, found, triggers):
                    if getattr(event, found.field) is None:
                        magnitude = Magnitude(found.value, found.text, found.start, found.end)
                        setattr(event, found.field, magnitude)

    def _types(self, found: Found) -> frozenset[str]:
        cues = self.cues[found.field]
        if found.field != "size":
            return cues["types"]
        return cues["subject_types"] if found.role == "subject" else cues["object_types"]

    def _owners(
        self, doc: Doc, found: Found, triggers: list[tuple[Event, set[int]]]
    ) -> list[Event]:
        """The events whose trigger the count's governor is in or under (nearest first),
        else those whose trigger is under the governor, within one clause."""
        types = self._types(found)
        eligible = [(e, tokens) for e, tokens in triggers if e.type in types]
        if not eligible:
            return []
        node = doc[found.governor]
        for _ in range(_MAX_STEPS + 1):
            owners = [e for e, tokens in eligible if node.i in tokens]
            if owners:
                return owners
            if node.dep_ in _STOP_CLIMB or node.head == node:
                break
            node = node.head
        best: list[Event] = []
        nearest = _MAX_STEPS + 1
        for event, tokens in eligible:
            steps = _steps_up(doc[min(tokens)], found.governor, tokens)
            if steps is not None and steps < nearest:
                best, nearest = [event], steps
            elif steps is not None and steps == nearest:
                best.append(event)
        return best


def _happened(verb: Token) -> bool:
    """Not an infinitive ("attempted to assassinate") and not negated."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to") for c in verb.children)


def _of_object(token: Token) -> Token | None:
    """ "protesters" in "thousands of protesters"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _steps_up(token: Token, target: int, tokens: set[int]) -> int | None:
    """Steps from a trigger up to ``target`` within its clause, or None."""
    node = next((t for t in token.doc[min(tokens) : max(tokens) + 1] if t.head.i not in tokens),
                token)  # fmt: skip
    for steps in range(1, _MAX_STEPS + 1):
        if node.dep_ in _STOP_CLIMB or node.head == node:
            return None
        node = node.head
        if node.i == target:
            return steps
    return None
