"""Where each event happened: ``dyads.event_locator.v1``, run after the event coder.

An event's place is, in this order (``Location.via``):

- ``clause``: a place of the trigger's own clause, read from the parse: the object of
  a locative preposition ("clashes in Aleppo", "a rally outside the embassy"), of a
  preposition of movement ("sent troops to Syria", weaker), a place a place noun is
  named for ("the southern Lebanese city of Tyre", "a Kabul hotel", "Idlib province"),
  or, for ASSAULT and COERCE, the trigger's object ("shelled Idlib", "an attack on
  Kabul"). Clauses embedded in it (reported speech, relative clauses) are not its own;
- ``sentence``: a place under a locative preposition elsewhere in the sentence
  ("Speaking in Ankara, Erdogan said ..."; for a statement, one hanging on a verb and
  not inside what was said);
- ``dateline``: the place a wire dateline names ("KARACHI, May 27 -");
- ``source``: for a statement (or a sanction) with no place of its own, where its
  speaker spoke elsewhere in the document (another statement of theirs with a place, or
  the parse of any sentence: "told reporters during a trip to Athens", "who is in
  London"), the seat of an institution that speaks ("the Kremlin": Moscow), talks its
  source's country took part in just before, or its source's country;
- ``document``: where most of the document's events of its kind (force, talk) found a
  place of their own, else the document's main place: the city or division it names
  most (or in its lead), else the country most of its places lie in.

A relative clause of place ("a summit in Tehran at which Erdoğan pleaded") happens where
its noun is.

Within a clause, a locative beats an object, which beats movement; then the finer place
(city, division, country, region), then the nearer to the trigger. A statement's clause
place must hang on the trigger ("said in Ankara"), not on what was said ("rejected calls
for a ceasefire in Idlib"). A location found only at country precision becomes the
document's city or division in that country, when it has one, or the only one it names
there (via ``document``: "an attack in Syria" in a story about Manbij). Places come from
``dyads.places`` over the whole text, plus names the parse finds after a preposition of
place where entity recognition did not read, so the document's places include every
sentence, parsed or not. A place named as an actor ("Iran's minister", "Kabul police")
or modifying another noun ("in a US strike") gives no location except through a
preposition. The words read are data (``data/places/locate.yaml``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ..config import DATA_DIR, Options
from ..errors import DictionaryError, Errors
from ..model import ActorMention, Event, Location, Span, Toponym
from .gazetteer import Entry, Gazetteer, fold, load_gazetteer
from .resolver import PlacesConfig, _lookup, _Mention, recognise, resolve

RULES_FILE = DATA_DIR / "places" / "locate.yaml"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "locate.schema.json"
PRECISIONS: tuple[str, ...] = ("city", "division", "country", "region")
VIAS: tuple[str, ...] = ("clause", "sentence", "dateline", "source", "document")

# How a place hangs in its clause, strongest first.
LOCATIVE, OBJECT, MOTION = 0, 1, 2
_MAX_CLIMB = 6
_LARGE = 100_000  # people: a city the parse alone may name anywhere


@dataclass(frozen=True, slots=True)
class LocateRules:
    """The words of ``data/places/locate.yaml``."""

    locative: frozenset[str]
    motion: frozenset[str]
    target_types: frozenset[str]
    target_preps: frozenset[str]
    directions: frozenset[str]
    seats: dict[str, tuple[str, str]]
    listing: frozenset[str]
    verbal_types: frozenset[str]
    source_types: frozenset[str]
    party_types: frozenset[str]
    kinds: dict[str, str]
    meeting_types: frozenset[str]
    meeting_sentences: int
    delegate_nouns: frozenset[str]
    time_preps: frozenset[str]
    talk_nouns: frozenset[str]
    talks_chars: int
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    place_nouns: frozenset[str]
    clause_edges: frozenset[str]
    said_edges: frozenset[str]
    precision: dict[str, str]
    main_place_share: float
    focus_mentions: int
    lead_chars: int


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_FILE) -> LocateRules:
    """The rules file, validated against ``schemas/locate.schema.json`` (E201 names the
    file and the first problem)."""
    import jsonschema

    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise DictionaryError(
            Errors.E201, path=str(path), line=0, detail=f"{where}: {errors[0].message}"
        )
    return LocateRules(
        locative=frozenset(data["locative"]),
        motion=frozenset(data["motion"]),
        target_types=frozenset(data["target_types"]),
        target_preps=frozenset(data["target_preps"]),
        directions=frozenset(data["directions"]),
        seats={fold(k): (v[0], v[1]) for k, v in data["seats"].items()},
        listing=frozenset(data["listing"]),
        verbal_types=frozenset(data["verbal_types"]),
        source_types=frozenset(data["source_types"]),
        party_types=frozenset(data.get("party_types", ())),
        kinds={t: kind for kind, types in data["kinds"].items() for t in types},
        meeting_types=frozenset(data["meeting_types"]),
        meeting_sentences=int(data["meeting_sentences"]),
        delegate_nouns=frozenset(data.get("delegate_nouns", ())),
        time_preps=frozenset(data.get("time_preps", ())),
        talk_nouns=frozenset(data.get("talk_nouns", ())),
        talks_chars=int(data.get("talks_chars", 0)),
        speech_verbs=frozenset(data["speech_verbs"]),
        speech_nouns=frozenset(data["speech_nouns"]),
        place_nouns=frozenset(data["place_nouns"]),
        clause_edges=frozenset(data["clause_edges"]),
        said_edges=frozenset(data["said_edges"]),
        precision=dict(data["precision"]),
        main_place_share=float(data["main_place_share"]),
        focus_mentions=int(data["focus_mentions"]),
        lead_chars=int(data["lead_chars"]),
    )


def precision_of(feature_class: str, feature_code: str, rules: LocateRules) -> str:
    """city, division, country or region, from a GeoNames feature."""
    if feature_class == "P":
        return "city"
    return rules.precision.get(feature_code, "region")


def _location(top: Toponym, via: str, rules: LocateRules) -> Location:
    return Location(
        name=top.name,
        precision=precision_of(top.feature_class, top.feature_code, rules),
        via=via,
        geonameid=top.geonameid,
        feature_code=top.feature_code,
        country=top.country,
        admin1=top.admin1,
        lat=top.lat,
        lon=top.lon,
        text=top.text,
        start=top.start,
        end=top.end,
    )


@dataclass(slots=True)
class _Place:
    """A toponym as the parse sees it: its head token, and the preposition it hangs from
    (after reading through place nouns and modifiers) with that preposition's head."""

    toponym: Toponym
    token: Token | None
    prep: str | None = None
    attach: Token | None = None  # the word the phrase hangs from (a prep's head, or a verb)
    role: str | None = None  # dobj / nsubjpass / compound: the phrase's own dependency


class EventLocator:
    """Gives each event of a document a ``Location`` (``dyads.event_locator.v1``)."""

    def __init__(self, rules: LocateRules, config: PlacesConfig | None = None) -> None:
        self.rules = rules
        self.config = config or PlacesConfig()

    @classmethod
    def from_options(cls, options: Options) -> EventLocator:
        return cls(load_rules())

    @property
    def gazetteer(self) -> Gazetteer:
        return load_gazetteer(self.config.min_population)

    def toponyms(self, text: str, doc: Doc | None) -> list[Toponym]:
        """Every place of the document: entities where recognition read, the gazetteer's
        names and the dateline everywhere (``text`` is the whole clean text)."""
        gazetteer = self.gazetteer
        mentions = recognise(text, doc, gazetteer, self.config)
        if doc is not None:
            mentions = self._placed_entities(doc, mentions, gazetteer)
        return resolve(mentions, gazetteer, self.config)

    def _placed_entities(
        self, doc: Doc, mentions: list[_Mention], gazetteer: Gazetteer
    ) -> list[_Mention]:
        """Entities the recogniser labelled otherwise (ORG, PERSON) that name a gazetteer
        place right after a preposition of place: "missiles at Kharkiv"."""
        # "of" only after a place noun ("the city of Tyre"): "a company of Pará" is no place
        preps = (self.rules.locative | self.rules.motion | self.rules.target_preps) - {"of"}
        taken = [(m.start, m.end) for m in mentions]
        named = {e.country for m in mentions for e in m.candidates if e.feature_code == "PCLI"}
        extra = []
        spans = [(e.start, e.end) for e in doc.ents if e.label_ not in self.config.labels]
        # names entity recognition did not read (it reads only some sentences), by the parse
        spans += [
            (min([c.i for c in t.lefts if c.dep_ == "compound"] + [t.i]), t.i + 1)
            for t in doc
            if t.pos_ == "PROPN" and t.dep_ == "pobj" and not t.ent_type_
        ]
        for first, last in spans:
            span = doc[first:last]
            root = span.root
            if root.dep_ != "pobj" or not span.text[:1].isupper():
                continue
            head = root.head
            if not (
                head.lower_ in preps
                or (head.lower_ == "of" and head.head.lower_ in self.rules.place_nouns)
            ):
                continue
            if any(a < span.end_char and span.start_char < b for a, b in taken):
                continue
            key, found = _lookup(gazetteer, span.text)
            # a name only the parse found is weak evidence: a place in a country the
            # document names, or a large one ("Fua" is no French town in a Syrian story)
            found = [e for e in found if e.country in named or e.population >= _LARGE]
            if span.text.isupper():  # an acronym ("the MST") is no town's code name
                found = [e for e in found if e.feature_code == "PCLI"]
            if found:
                taken.append((span.start_char, span.end_char))
                extra.append(
                    _Mention(span.text, span.start_char, span.end_char, "parse", key, found)
                )
        return sorted([*mentions, *extra], key=lambda m: m.start) if extra else mentions

    def annotate(
        self,
        doc: Doc,
        text: str,
        events: list[Event],
        mentions: Sequence[ActorMention] = (),
    ) -> None:
        """Set ``location`` on every event coded from ``doc`` (``text``: the document's
        clean text, same offsets) that its document places somewhere."""
        if not events:
            return
        toponyms = self.toponyms(text, doc)  # none: a statement may still have a seat
        places = [self._place(doc, t) for t in toponyms]
        actors = [(m.actor.start, m.actor.end) for m in mentions if m.actor.code]
        dateline = next((t for t in toponyms if t.how == "dateline"), None)
        # a capital named as its government ("Ankara says") is no place the story is about
        named = [
            p.toponym for p in places
            if p.prep in self.rules.locative or not _overlaps(p.toponym, actors)
        ]  # fmt: skip
        focus = self.focus(named)
        main = focus.get(None) or self.main_place(toponyms)
        own: list[Location | None] = []
        spoken: dict[str, Location] = {}  # a speaker's place, from a statement that has one
        for event in events:
            found = self._in_clause(doc, event, places, actors) or self._in_other_clause(
                doc, event, places, actors
            )
            if found is not None:
                own.append(_location(found, "clause", self.rules))
            elif (found := self._in_sentence(doc, event, places)) is not None:
                own.append(_location(found, "sentence", self.rules))
            else:
                own.append(None)
            speaker = _speaker(event)
            if own[-1] is not None and speaker and event.type in self.rules.verbal_types:
                spoken.setdefault(speaker, own[-1])
        met = self._meetings(events, own)
        talks = [
            p.toponym for p in places
            if p.attach is not None and p.attach.lemma_.lower() in self.rules.talk_nouns
            and p.toponym.feature_class == "P"
        ]  # fmt: skip  # "the Vienna talks", "talks in Geneva": cities where talks are held
        visits = _visits(events)
        heard = self._heard(places)
        by_kind = self._by_kind(events, own)
        for event, location in zip(events, own, strict=True):
            if location is None:
                kind = by_kind.get(self.rules.kinds.get(event.type, ""))
                location = self._delegate_at(event, talks)
                if location is not None:
                    spoken.setdefault(_speaker(event), location)  # "he said of ..." next
                else:
                    location = self._elsewhere(
                        event, toponyms, spoken, heard, met, dateline, kind or main, visits
                    )
            if location is None:
                continue
            finer = focus.get(location.country)
            if location.precision == "country" and finer is not None:
                location = _location(finer, "document", self.rules)
            event.location = location

    def _delegate_at(self, event: Event, talks: Sequence[Toponym]) -> Location | None:
        """'The Vienna talks were marked by anger ... The Syrian government negotiator told
        reporters ...': a statement by a negotiator or delegation (``delegate_nouns``)
        with no place of its own is made at the talks the document last placed in a city
        before it (within ``talks_chars``)."""
        source = event.source
        if event.type not in self.rules.source_types or source is None:
            return None
        words = {w.strip(".,’'\"").lower() for w in source.text.split()}
        if not words & self.rules.delegate_nouns:
            return None
        before = [t for t in talks if 0 <= event.trigger.start - t.start <= self.rules.talks_chars]
        if not before:
            return None
        return _location(self._largest(max(before, key=lambda t: t.start)), "source", self.rules)

    def _largest(self, top: Toponym) -> Toponym:
        """The largest town of a venue's name: international talks in "Vienna" are held
        in Austria's capital, and an envoy's trip to "Athens" goes to Greece's, whatever
        smaller namesake the rest of the story suggests."""
        towns = [e for e in self.gazetteer.candidates(top.text) if e.feature_class == "P"]
        if not towns:
            return top
        e = max(towns, key=lambda e: e.population)
        return Toponym(top.text, top.start, top.end, e.geonameid, e.name, e.feature_class,
                       e.feature_code, e.country, e.admin1, e.lat, e.lon, top.how)  # fmt: skip

    def _heard(self, places: Sequence[_Place]) -> dict[str, Toponym]:
        """Where people were, by surname, from the parse of every sentence (coded or not):
        "Erdoğan said in a speech in Ankara", "Dunford told reporters during a trip to
        Athens", "Hariri, who is in London, ...". The first place heard for a name."""
        out: dict[str, Toponym] = {}
        for place in places:
            noun, prep = place.attach, place.prep
            if place.token is None or noun is None or prep is None:
                continue
            people: list[Token] = []
            if prep in self.rules.locative and noun.lemma_ in self.rules.speech_verbs:
                people = _subjects(noun)  # "said in Ankara"
            elif noun.lemma_ == "be" and noun.dep_ == "relcl" and prep in self.rules.locative:
                people = [noun.head]  # "Hariri, who is in London"
            elif noun.lemma_.lower() in self.rules.speech_nouns and (
                prep in self.rules.locative or prep in self.rules.motion
            ):
                verb = noun.head.head if noun.dep_ == "pobj" else noun.head
                if noun.dep_ in ("pobj", "dobj") and verb.lemma_ in self.rules.speech_verbs:
                    people = _subjects(verb)  # "told a news conference in Geneva"
            where = place.toponym
            if people and prep in self.rules.motion:
                where = self._largest(where)  # "during a trip to Athens": Greece's
            for person in people:
                if person.pos_ == "PROPN":
                    out.setdefault(_surname(person.text), where)
        return out

    def _meetings(
        self, events: Sequence[Event], own: Sequence[Location | None]
    ) -> dict[str, list[tuple[int, Location]]]:
        """Country -> (sentence, city) of the talks (``meeting_types``) the document
        places and that country takes part in: "Putin had earlier rejected Erdoğan's
        calls" right after a summit in Tehran of Russia, Iran and Turkey."""
        out: dict[str, list[tuple[int, Location]]] = {}
        for event, location in zip(events, own, strict=True):
            if event.type not in self.rules.meeting_types or location is None:
                continue
            if location.precision != "city":
                continue
            for actor in (event.source, event.target):
                if actor is not None and actor.country:
                    out.setdefault(actor.country, []).append((event.sentence_id, location))
        return out

    def _by_kind(
        self, events: Sequence[Event], own: Sequence[Location | None]
    ) -> dict[str, Toponym]:
        """Per kind of event (``kinds``), the place where most of the document's events
        of that kind found a place of their own (the first on a tie): a story of talks in
        Geneva about fighting in Ghouta places its unplaced attacks in Ghouta and its
        unplaced talks in Geneva."""
        counts: dict[str, Counter[tuple[str, str | None]]] = {}
        first: dict[tuple[str, str | None], Location] = {}
        for event, location in zip(events, own, strict=True):
            kind = self.rules.kinds.get(event.type)
            if kind is None or location is None:
                continue
            key = (location.name, location.country)
            counts.setdefault(kind, Counter())[key] += 1
            first.setdefault(key, location)
        out = {}
        for kind, counter in counts.items():
            loc = first[counter.most_common(1)[0][0]]
            out[kind] = Toponym(loc.text, loc.start, loc.end, loc.geonameid, loc.name,
                                _feature_class(loc), loc.feature_code, loc.country,
                                loc.admin1, loc.lat, loc.lon, "document")  # fmt: skip
        return out

    def _elsewhere(
        self,
        event: Event,
        toponyms: Sequence[Toponym],
        spoken: dict[str, Location],
        heard: dict[str, Toponym],
        met: dict[str, list[tuple[int, Location]]],
        dateline: Toponym | None,
        main: Toponym | None,
        visits: dict[str, str] | None = None,
    ) -> Location | None:
        """An event with no place of its own: the dateline; for a statement, where its
        speaker spoke elsewhere in the document (a statement of theirs with a place, or
        the parse: "Dunford told reporters in Athens"), its source's seat, the talks its
        source's country took part in, the one other state its speaker visits (``visits``),
        or its source's country; else the document's main place."""
        if dateline is not None:
            return _location(dateline, "dateline", self.rules)
        if event.type in self.rules.source_types:
            speaker = _speaker(event)
            if speaker in spoken:
                found = spoken[speaker]
                return Location(**{**_fields(found), "via": "source"})
            if (seen := heard.get(_surname(speaker))) is not None:
                return _location(seen, "source", self.rules)
            if (found := self._seat(event)) is not None:
                return _location(found, "source", self.rules)
            country = event.source.country if event.source else None
            for sentence, found in met.get(country or "", ()):
                if 0 <= event.sentence_id - sentence <= self.rules.meeting_sentences:
                    return Location(**{**_fields(found), "via": "source"})
            visited = (visits or {}).get(speaker)
            if visited is not None and (entry := _country_entry(self.gazetteer, visited)):
                # "Bush made his first state visit to Canada ... 'I want to thank the
                # Canadian people', he said": a visitor speaks where the visit is
                source = event.source
                where = Toponym(source.text, source.start, source.end, entry.geonameid,
                                entry.name, entry.feature_class, entry.feature_code,
                                entry.country, None, entry.lat, entry.lon, "source")  # fmt: skip
                return _location(where, "source", self.rules)
        if (found := self._speaker_country(event, toponyms)) is not None:
            return _location(found, "source", self.rules)
        parties = {a.country for a in (event.source, event.target) if a is not None and a.country}
        if (
            main is not None and parties and main.country not in parties
            and event.type in self.rules.party_types
        ):  # fmt: skip
            # "the US-led coalition said it was working with the SDF" in a story mostly set
            # in Sochi: joint work and one's own deployments happen in a party's country
            focus = self.main_place([t for t in toponyms if t.country in parties])
            if focus is not None:
                return _location(focus, "document", self.rules)
        if main is not None:
            return _location(main, "document", self.rules)
        return None

    def _seat(self, event: Event) -> Toponym | None:
        """The city of an institution that speaks ("the Kremlin said": Moscow)."""
        source = event.source
        if source is None:
            return None
        seat = self.rules.seats.get(fold(source.text))
        if seat is None:
            return None
        name, country = seat
        found = [e for e in self.gazetteer.candidates(name) if e.country == country]
        if not found:
            return None
        # the city, not a division of its name (Washington, D.C., not the state)
        e = max(found, key=lambda e: (e.feature_class == "P", e.population))
        return Toponym(source.text, source.start, source.end, e.geonameid, e.name,
                       e.feature_class, e.feature_code, e.country, e.admin1, e.lat, e.lon,
                       "source")  # fmt: skip

    def focus(self, toponyms: Sequence[Toponym]) -> dict[str | None, Toponym]:
        """The city or division the document is about, in each country (key: its ISO
        code) and in all (key None): named most, at least ``focus_mentions`` times, or
        named in the lead; the first named on a tie."""
        finer = [
            t for t in toponyms
            if t.country and precision_of(t.feature_class, t.feature_code, self.rules)
            in ("city", "division")
        ]  # fmt: skip
        counts = Counter((t.name, t.country) for t in finer)
        first = {}
        for t in finer:
            first.setdefault((t.name, t.country), t)
        lead = {k for k, t in first.items() if t.start < self.rules.lead_chars}

        def weight(k: tuple[str, str | None]) -> tuple[int, int]:
            return counts[k] + (self.rules.focus_mentions if k in lead else 0), -first[k].start

        out: dict[str | None, Toponym] = {}
        per_country = Counter(k[1] for k in counts)
        for key in sorted(counts, key=weight, reverse=True):
            if counts[key] < self.rules.focus_mentions and key not in lead:
                if per_country[key[1]] == 1:
                    # the only city or division the document names in its country: "an
                    # attack in eastern Syria" in a story naming Syria's Deir Ezzor alone
                    out.setdefault(key[1], first[key])
                continue
            out.setdefault(key[1], first[key])
            out.setdefault(None, first[key])
        return out

    def _speaker_country(self, event: Event, toponyms: Sequence[Toponym]) -> Toponym | None:
        """A statement (or a sanction) with no place of its own is placed in its source's
        country."""
        source = event.source
        if event.type not in self.rules.source_types or source is None or not source.country:
            return None
        entry = _country_entry(self.gazetteer, source.country)
        if entry is None:
            return None
        named = next((t for t in toponyms if t.country == source.country), None)
        where = named or Toponym(source.text, source.start, source.end, None, "", "", "",
                                 None, None, 0.0, 0.0)  # fmt: skip
        return Toponym(
            where.text, where.start, where.end, entry.geonameid, entry.name,
            entry.feature_class, entry.feature_code, entry.country, None, entry.lat,
            entry.lon, "source",
        )  # fmt: skip

    # -- the document's main place ---------------------------------------------

    def main_place(self, toponyms: Sequence[Toponym]) -> Toponym | None:
        """The country most of the document's places lie in (the first named on a tie),
        as its country entry; or a city or division of it that holds at least
        ``main_place_share`` of the country's mentions, and two of them."""
        counts = Counter(t.country for t in toponyms if t.country)
        if not counts:
            return None
        order = {c: i for i, c in reversed(list(enumerate(t.country for t in toponyms)))}
        country = max(counts, key=lambda c: (counts[c], -order[c]))
        within = [t for t in toponyms if t.country == country]
        finer = Counter((t.name, t.feature_code) for t in within if t.feature_code not in ("PCLI",))
        if finer:
            (name, code), n = finer.most_common(1)[0]
            if n >= 2 and n / len(within) >= self.rules.main_place_share:
                return next(t for t in within if (t.name, t.feature_code) == (name, code))
        named = next((t for t in within if t.feature_code == "PCLI"), None)
        if named is not None:
            return named
        entry = _country_entry(self.gazetteer, country)
        if entry is None:
            return None
        first = within[0]
        return Toponym(
            first.text, first.start, first.end, entry.geonameid, entry.name,
            entry.feature_class, entry.feature_code, entry.country, None, entry.lat,
            entry.lon, "document",
        )  # fmt: skip

    # -- a place in the parse ---------------------------------------------------

    def _place(self, doc: Doc, toponym: Toponym) -> _Place:
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not span.text.strip():
            return _Place(toponym, None)  # in a sentence that was not parsed
        token = span.root
        node = token
        for _ in range(_MAX_CLIMB):
            dep, head = node.dep_, node.head
            if head.i == node.i:
                break
            if dep in ("compound", "amod", "nmod", "appos", "npadvmod", "poss", "nummod"):
                node = head  # "Idlib province", "Tyre, Lebanon", "Syria's Idlib province"
                continue
            if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in self.rules.place_nouns:
                node = head.head  # "the city of Tyre": the city is the place
                continue
            if (
                dep == "pobj"
                and head.lower_ == "of"
                and head.head.lower_.replace("-", "") in self.rules.directions
            ):
                # "southwest of Okinawa": there, as after "near"
                return _Place(toponym, token, "near", head.head.head, "pobj")
            if dep == "pobj" and head.lower_ in self.rules.listing and head.head.i != head.i:
                if head.head.pos_ in ("VERB", "AUX"):  # "fired at ..., including Latakia"
                    return _Place(toponym, token, "in", head.head, "pobj")
                node = head.head  # "several locations, including the city of Latakia"
                continue
            break
        if node is not token and not self._placelike(node):
            # "a Kabul hotel" is a place; "Iran's minister", "Kabul police", "in a US
            # strike" and "according to US reports" are not
            return _Place(toponym, token, None, node, "modifier")
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "dative"):
            prep = node.head
            return _Place(toponym, token, prep.lower_, prep.head, "pobj")
        return _Place(toponym, token, None, node.head, node.dep_)

    def _placelike(self, node: Token) -> bool:
        """A word a place name may modify and still name a place: a place noun ("Idlib
        province"), a direction ("Syria's north") or another name ("Tyre, Lebanon")."""
        word = node.lower_
        return (
            word in self.rules.place_nouns
            or node.lemma_.lower() in self.rules.place_nouns
            or word.replace("-", "") in self.rules.directions
            or node.pos_ == "PROPN"
        )

    def _clause(self, token: Token) -> tuple[Token, set[int]]:
        """The head of ``token``'s clause and the tokens of that clause (embedded
        clauses left out)."""
        node = token
        while node.dep_ not in self.rules.clause_edges and node.head.i != node.i:
            node = node.head
        inside: set[int] = set()
        stack = [node]
        while stack:
            tok = stack.pop()
            inside.add(tok.i)
            stack.extend(c for c in tok.children if c.dep_ not in self.rules.clause_edges)
        return node, inside

    def _antecedent(self, head: Token) -> Token | None:
        """The noun a relative clause of place hangs on ("a summit in Tehran at which ...",
        "the city where ..."), else None: where that noun is, the clause happened."""
        if head.dep_ != "relcl":
            return None
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ == "where":
                return head.head
            if (
                child.dep_ == "prep"
                and child.lower_ in self.rules.locative
                and any(c.dep_ == "pobj" and c.lower_ in ("which", "whom") for c in child.children)
            ):
                return head.head
        return None

    def _trigger(self, doc: Doc, event: Event) -> Token | None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root

    def _relation(
        self, place: _Place, event: Event, trigger: Token, clause: set[int]
    ) -> int | None:
        """How the place hangs in the event's clause (None: not in it, or no place)."""
        attach = place.attach
        if place.token is None or attach is None or attach.i not in clause:
            return None
        if place.toponym.how == "dateline":
            return None
        if any(
            a.dep_ == "prep" and a.lower_ in self.rules.time_preps and a.i in clause
            for a in place.token.ancestors
        ):  # "after a port call in Cyprus": where something else happened
            return None
        if event.type in self.rules.verbal_types and not (
            _on_trigger(attach, trigger, event)
            or (attach.dep_ == "pobj" and _in_trigger(attach.head.head, trigger, event))
        ):  # "said in a speech in Ankara", "told reporters at a forum in Baghdad"
            return None  # the place of what was said, not of the saying
        if place.prep is not None:
            if place.prep in self.rules.locative:
                return LOCATIVE
            if event.type in self.rules.target_types and place.prep in self.rules.target_preps:
                return OBJECT if _on_trigger(attach, trigger, event) else None
            if place.prep in self.rules.motion:
                return MOTION
            return None
        if (
            event.type in self.rules.target_types
            and _on_trigger(attach, trigger, event)
            and place.role in ("dobj", "nsubjpass", "modifier")
        ):
            return OBJECT  # "shelled Idlib", "Idlib was shelled", "the Idlib offensive"
        return None

    def _in_clause(
        self,
        doc: Doc,
        event: Event,
        places: Sequence[_Place],
        actors: Sequence[tuple[int, int]],
    ) -> Toponym | None:
        trigger = self._trigger(doc, event)
        if trigger is None:
            return None
        head, clause = self._clause(trigger)
        antecedent = self._antecedent(head)
        ranked = []
        for place in places:
            relation = self._relation(place, event, trigger, clause)
            if relation is None and antecedent is not None:
                # "a summit in Tehran at which Erdoğan pleaded"
                relation = LOCATIVE if _names(place, antecedent, self.rules) else None
            if relation is None:
                continue
            top = place.toponym
            if place.prep is None and _overlaps(top, actors) and not _is_target(top, event):
                continue  # an actor's name ("Iran's minister"), not where it happened
            precision = PRECISIONS.index(
                precision_of(top.feature_class, top.feature_code, self.rules)
            )
            distance = abs(place.token.i - trigger.i) if place.token is not None else 999
            ranked.append(((relation, precision, distance), top))
        return min(ranked, key=lambda r: r[0])[1] if ranked else None

    def _in_other_clause(
        self,
        doc: Doc,
        event: Event,
        places: Sequence[_Place],
        actors: Sequence[tuple[int, int]],
    ) -> Toponym | None:
        """A record merged from several sentences ("a joint Russian-Turkish plan ... The
        plan was agreed by Putin and Erdoğan at a summit in Sochi"): a place another of its
        sentences gives the act itself, before one its first sentence only mentions."""
        for evidence in event.evidence:
            if evidence.sentence_id == event.sentence_id:
                continue
            other = replace(
                event,
                sentence_id=evidence.sentence_id,
                trigger=Span(event.trigger.text, evidence.start, evidence.end),
            )
            found = self._in_clause(doc, other, places, actors)
            if found is not None:
                return found
        return None

    def _in_sentence(self, doc: Doc, event: Event, places: Sequence[_Place]) -> Toponym | None:
        trigger = self._trigger(doc, event)
        if trigger is None:
            return None
        sent = trigger.sent
        verbal = event.type in self.rules.verbal_types
        said = _what_was_said(trigger, self.rules.said_edges) if verbal else set()
        ranked = []
        for place in places:
            top, token = place.toponym, place.token
            if token is None or not (sent.start <= token.i < sent.end) or top.how == "dateline":
                continue
            if token.i in said:
                continue  # "warned that 'Americans have taken steps' in Syria": what was said
            if place.prep in self.rules.locative and (
                not verbal or (place.attach is not None and place.attach.pos_ in ("VERB", "AUX"))
            ):
                precision = PRECISIONS.index(
                    precision_of(top.feature_class, top.feature_code, self.rules)
                )
                ranked.append(((precision, abs(token.i - trigger.i)), top))
        return min(ranked, key=lambda r: r[0])[1] if ranked else None


def _visits(events: Sequence[Event]) -> dict[str, str]:
    """Visitor (by name, as ``_speaker``) -> the one other state the document says that
    person visits (an event of mode ``visit``: "made a state visit to Canada")."""
    out: dict[str, set[str]] = {}
    for event in events:
        if event.mode != "visit" or event.modality != "asserted" or event.source is None:
            continue
        s, t = event.source.country, event.target.country if event.target else None
        if s and t and s != t and event.source.name:  # a named person, not a state
            out.setdefault(_speaker(event), set()).add(t)
    return {s: next(iter(ts)) for s, ts in out.items() if len(ts) == 1}


def _speaker(event: Event) -> str:
    """Who spoke, by name or code ("" when the event has no source)."""
    source = event.source
    if source is None:
        return ""
    return source.name or source.code or source.text


def _what_was_said(trigger: Token, edges: frozenset[str]) -> set[int]:
    """The tokens of what a statement says: the trigger's complements (``edges``), and
    whatever stands between quotation marks in its sentence."""
    said = {t.i for c in trigger.children if c.dep_ in edges for t in c.subtree}
    inside = False
    for tok in trigger.sent:
        if tok.text in _QUOTES:
            inside = not inside
        elif inside:
            said.add(tok.i)
    return said


_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def _names(place: _Place, noun: Token, rules: LocateRules) -> bool:
    """The place is the noun itself ("Tehran, where ...") or where the noun is ("a summit
    in Tehran")."""
    if place.token is not None and place.token.i == noun.i:
        return True
    return place.attach is not None and place.attach.i == noun.i and place.prep in rules.locative


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, and the names in apposition to them ("the envoy, Jaafari")."""
    out = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ == "appos")
    return out


def _surname(name: str) -> str:
    """The last word of a name, folded: "Nasr al-Hariri" and "Hariri" are one speaker."""
    words = fold(name).split()
    return words[-1] if words else ""


def _feature_class(location: Location) -> str:
    """A GeoNames feature class that reads back as the location's precision."""
    return "P" if location.precision == "city" else "A"


def _fields(location: Location) -> dict[str, Any]:
    return {name: getattr(location, name) for name in Location.__slots__}


def _in_trigger(token: Token, trigger: Token, event: Event) -> bool:
    """The token is the trigger's head or one of its words."""
    return token.i == trigger.i or event.trigger.start <= token.idx < event.trigger.end


def _on_trigger(token: Token, trigger: Token, event: Event) -> bool:
    """The token is the trigger's head, one of its words, or the noun its verb takes
    ("mount an assault on Afrin")."""
    start = token.idx
    return (
        token.i == trigger.i
        or event.trigger.start <= start < event.trigger.end
        or (token.head.i == trigger.i and token.dep_ in ("dobj", "attr", "nsubjpass"))
    )


def _overlaps(top: Toponym, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < top.end and top.start < end for start, end in spans)


def _is_target(top: Toponym, event: Event) -> bool:
    target = event.target
    return target is not None and target.start < top.end and top.start < target.end


_COUNTRIES: dict[int, dict[str, Entry]] = {}


def _country_entry(gazetteer: Gazetteer, iso3: str) -> Entry | None:
    """The gazetteer's country entry for an ISO alpha-3 code (indexed once per gazetteer)."""
    table = _COUNTRIES.get(id(gazetteer))
    if table is None:
        table = {}
        for entry in gazetteer.entries:
            if entry.feature_code == "PCLI" and entry.country:
                table.setdefault(entry.country, entry)
        _COUNTRIES.clear()
        _COUNTRIES[id(gazetteer)] = table
    return table.get(iso3)
