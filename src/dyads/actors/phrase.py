"""Reading one noun phrase: segment it against the dictionary, then interpret it.

Both ``resolve_name`` (a typed name) and ``find_mentions`` (a spaCy noun chunk)
come here, so a phrase means the same thing wherever it appears. Segmentation
is greedy longest-match over unit keys; interpretation follows English noun
phrase order: modifiers (names, adjectives, possessors) before a head noun
(agent or title), a personal name after a title, a prepositional tail
("president of the European Council") that may supply the country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .dictionary import ActorDictionary, Lex
from .entry import GEOGRAPHIC_TYPES, ORGANIZATION_TYPES, ActorEntry

NAMED_MATCHES = frozenset({"alias", "surname", "title+name", "city", "coref", "role", "demonym"})
_TYPE_RANK = {"state": 0, "igo": 1, "organ": 2, "metonym": 3, "capital": 4, "group": 5,
              "party": 6, "media": 7, "city": 8, "person": 9}  # fmt: skip


@dataclass(slots=True)
class Item:
    """A run of units that means one thing: a name, a modifier, a sector noun or a word."""

    kind: str  # name | surname | adjective | demonym | title | agent | word
    start: int
    end: int
    key: str
    lex: Lex | None = None


@dataclass(slots=True)
class Reading:
    """What a phrase resolved to, and how."""

    country: str | None
    sector: str | None
    entry: ActorEntry | None
    matched: str
    reason: str | None = None
    person: bool = False
    item: Item | None = None

    @property
    def name(self) -> str | None:
        """The entry's display name when the phrase names it (not when it only modifies)."""
        if self.entry is None:
            return None
        if self.entry.type in ORGANIZATION_TYPES:
            return self.entry.display_name  # "HTS fighters" are Hayat Tahrir al-Sham's
        if self.matched not in NAMED_MATCHES and not self.person:
            return None
        if self.matched == "title+name" and not self.person:
            return None
        return self.entry.display_name


class Words:
    """The closed-class word lists from ``agents.yaml`` ``words``, as key sets."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.skip = dictionary.word_set("skip")
        self.former = dictionary.word_set("former")
        self.prepositions = dictionary.word_set("prepositions")
        self.person_pronouns = dictionary.word_set("person_pronouns")
        self.thing_pronouns = dictionary.word_set("thing_pronouns")
        self.plural_pronouns = dictionary.word_set("plural_pronouns")
        self.speaker_pronouns = dictionary.word_set("speaker_pronouns")
        self.self_pronouns = dictionary.word_set("self_pronouns")
        self.empty_possessed = dictionary.word_set("empty_possessed")
        self.counterparts = dictionary.word_set("counterparts")
        self.honorifics = dictionary.word_set("honorifics")
        self.place_descriptions = dictionary.word_set("place_descriptions")
        self.holder_participles = dictionary.word_set("holder_participles")
        self.occupier_participles = dictionary.word_set("occupier_participles")
        self.modifier_agents = dictionary.word_set("modifier_agents")
        short = dictionary.words.get("short_state_names") or {}
        self.short_state_names = {
            str(k).lower(): frozenset(str(c) for c in v) for k, v in short.items()
        }
        self.held_places = dictionary.word_set("held_places")
        self.home_sectors = frozenset(str(w) for w in dictionary.words.get("home_sectors") or [])
        self.never_home = frozenset(str(w) for w in dictionary.words.get("never_home") or [])
        self.vessel_prefixes = dictionary.word_set("vessel_prefixes")
        self.person_titles = dictionary.word_set("person_titles")
        self.title_modifiers = dictionary.word_set("title_modifiers")
        descriptions = dictionary.words.get("descriptions") or {}
        self.descriptions = {str(k).lower(): str(v) for k, v in descriptions.items()}
        self.possessive_pronouns = dictionary.word_set("possessive_pronouns")
        self.pair_openers = dictionary.word_set("pair_openers")
        self.group_openers = dictionary.word_set("group_openers")
        numbers = dictionary.words.get("group_numbers") or {}
        self.group_numbers = {str(k).lower(): int(v) for k, v in numbers.items()}
        self.definite_pairs = dictionary.word_set("definite_pairs")
        self.kind_of = {
            str(word).lower(): i
            for i, group in enumerate(dictionary.words.get("same_kind") or [])
            for word in group
        }
        self.leader_nouns = dictionary.word_set("leader_nouns")
        self.conjunctions = dictionary.word_set("conjunctions")
        self.place_heads = dictionary.word_set("place_heads")
        self.ethnic = dictionary.word_set("ethnic")
        self.stances = dictionary.word_set("stances")
        self.not_actor_heads = dictionary.word_set("not_actor_heads")
        self.meeting_compounds = dictionary.word_set("meeting_compounds")
        self.relational_heads = dictionary.word_set("relational_heads")
        self.affiliate_nouns = dictionary.word_set("affiliate_nouns")
        self.stateless_modifiers = dictionary.word_set("stateless_modifiers")
        self.stance_nouns = dictionary.word_set("stance_nouns")
        self.continuing_organs = dictionary.word_set("continuing_organs")
        self.owner_nouns = dictionary.word_set("owner_nouns")
        self.context_sectors = _codes(dictionary.words.get("context_sectors"))
        self.context_from_sectors = _codes(dictionary.words.get("context_from_sectors"))
        self.context_mobile_sectors = _codes(dictionary.words.get("context_mobile_sectors"))
        self.abroad_sectors = _codes(dictionary.words.get("abroad_sectors"))
        self.document_sectors = _codes(dictionary.words.get("document_sectors"))
        self.domestic_sectors = _codes(dictionary.words.get("domestic_sectors"))
        self.states = dictionary.states
        # transnational groups' countries of operation (entry ``active_in``)
        self.active_in = {
            e.id: frozenset(e.active_in) for e in dictionary.entries.values() if e.active_in
        }
        pairs = dictionary.words.get("pairs") or {}
        self.pairs = {str(k).lower(): str(v) for k, v in pairs.items()}


def _codes(values: Any) -> frozenset[str]:
    return frozenset(str(v) for v in values or [])


def segment(
    dictionary: ActorDictionary,
    keys: Sequence[str],
    caps: Sequence[bool] | None = None,
    upper: Sequence[bool] | None = None,
) -> list[Item]:
    """Greedy longest-match of unit keys against the lexicon.

    ``caps`` (one flag per unit) demands a capitalised unit inside any proper-name
    match, so running text never reads the pronoun "us" as the United States.
    ``upper`` (one flag per unit: written in capitals) lets short acronyms ("UN",
    "WHO", "CAR") match only when so written; without it they never match.
    """
    items: list[Item] = []
    n = len(keys)
    first = dictionary.first_pieces
    limit = dictionary.max_pieces
    lexicon = dictionary.lexicon
    i = 0
    while i < n:
        key = keys[i]
        if not key:
            i += 1
            continue
        hit: Item | None = None
        if key.split(" ", 1)[0] in first:
            parts: list[str] = []
            spans: list[tuple[int, str]] = []
            j = i
            while j < n and len(parts) < limit:
                if keys[j]:
                    parts.append(keys[j])
                spans.append((j + 1, " ".join(parts)))
                j += 1
            for end, joined in reversed(spans):
                lex = lexicon.get(joined)
                if lex is None:
                    continue
                capitalised = caps is None or any(caps[i:end])
                if capitalised and joined in dictionary.upper_only:
                    capitalised = upper is not None and all(upper[i:end])
                kind = _kind(lex, capitalised, caps is not None and any(caps[i:end]))
                if kind is not None:
                    hit = Item(kind, i, end, joined, lex)
                    break
        if hit is None:
            hit = Item("word", i, i + 1, key)
        items.append(hit)
        i = hit.end
    return items


def _kind(lex: Lex, capitalised: bool, cased: bool) -> str | None:
    """What a matched key is here; surnames need a real capital (not case-blind input)."""
    if capitalised:
        if lex.names:
            return "name"
        if lex.demonym is not None:
            return "demonym"
        if lex.adjective is not None:
            return "adjective"
    if lex.title is not None and (capitalised or lex.agent is not None):
        return "title"  # "Father Jacques Hamel", but "his father" is no one's office
    if lex.agent is not None:
        return "agent"
    if capitalised and cased and lex.surnames:
        return "surname"
    return None


def pick(entries: Sequence[ActorEntry], day: dt.date) -> ActorEntry:
    """Of several entries sharing a name, the likeliest: in office on the day, then by type."""

    def rank(entry: ActorEntry) -> tuple[int, int]:
        in_office = 0 if entry.role_at(day) is not None else 1
        return (in_office if entry.type == "person" else 0, _TYPE_RANK.get(entry.type, 10))

    return entries[0] if len(entries) == 1 else min(entries, key=rank)


def entry_of(item: Item, day: dt.date) -> ActorEntry | None:
    lex = item.lex
    if lex is None:
        return None
    if item.kind == "name":
        return pick(lex.names, day)
    if item.kind == "surname":
        return pick(lex.surnames, day)
    if item.kind == "demonym":
        return lex.demonym
    if item.kind == "adjective":
        return lex.adjective
    return None


def country_of(entry: ActorEntry, day: dt.date) -> str | None:
    if entry.type == "person" or entry.roles:
        return entry.role_on(day)[0]
    if entry.country:
        return entry.country
    return entry.id if entry.type in ("state", "igo") else None


def dated_sector(entry: ActorEntry, day: dt.date) -> str | None:
    """An entry's sector on a day: groups and parties change status too (Taliban REB, then GOV)."""
    role = entry.role_at(day) if entry.roles else None
    return role.sector if role is not None else entry.sector


def sector_of(item: Item) -> str | None:
    lex = item.lex
    if lex is None:
        return None
    return lex.title if item.kind == "title" else lex.agent


def interpret(
    items: Sequence[Item],
    day: dt.date,
    words: Words,
    referent: ActorEntry | tuple[str | None, str | None] | None = None,
) -> Reading | None:
    """Resolve segmented items; ``referent`` is what a possessive pronoun points to."""
    items = _without_stances(items, words)
    former = any(it.key.split(" ", 1)[0] in words.former for it in items)
    cut = next(
        (k for k, it in enumerate(items) if it.kind == "word" and it.key in words.prepositions),
        None,
    )
    head = list(items if cut is None else items[:cut])
    tail = [] if cut is None else list(items[cut + 1 :])
    reading = _evaluate(head, day, words, referent)
    if reading is None and tail:
        reading = interpret(tail, day, words)
        if reading is not None and any(
            it.kind == "word" and it.key not in words.skip and it.key not in words.former
            for it in head
        ):  # "an amusement park in Kabul": the place gives the country, not the sector
            reading.sector, reading.matched = None, "place"
    elif reading is not None and reading.country is None and tail:
        extra = interpret(tail, day, words)
        if extra is not None and extra.country is not None:
            reading.country = extra.country
            if reading.entry is None:
                reading.entry = extra.entry
    if reading is not None and former and (reading.sector in OFFICE_SECTORS or reading.person):
        reading.sector = "ELI"  # "a retired teacher" held no office: still a teacher
        reading.reason = "former office-holder"
    if reading is not None and reading.country and _ethnic(items, day, words) == reading.country:
        # "ethnic Albanians": a people, not the Albanian state; where they live is told elsewhere
        reading.country, reading.entry = None, None
        reading.sector = reading.sector or "CVL"
        reading.matched = "ethnic"
    return reading


def _without_stances(items: Sequence[Item], words: Words) -> list[Item]:
    """ "an anti-Syria journalist", "pro-Iranian militias": the state named is what they
    oppose or favour, not where they belong; such a modifier becomes a plain word."""
    out = list(items)
    for k in range(1, len(out)):
        prefix = out[k - 1]
        stance = prefix.kind == "word" and prefix.key in words.stances
        if stance and out[k].kind in ("name", "adjective", "demonym"):
            out[k] = Item("word", out[k].start, out[k].end, out[k].key)
    return out


def _ethnic(items: Sequence[Item], day: dt.date, words: Words) -> str | None:
    """The country of a nationality written after "ethnic", if any."""
    for before, item in pairwise(items):
        marked = before.kind == "word" and before.key in words.ethnic
        if marked and item.kind in ("adjective", "demonym") and (entry := entry_of(item, day)):
            return country_of(entry, day)
    return None


def _residence(mods: Sequence[Item], day: dt.date) -> ActorEntry | None:
    """ "Bosnian Serbs", "Croatian Serb refugees": two adjacent nationalities of different
    states name a people by where they live (first) and who they are (second)."""
    if len(mods) < 2 or mods[-2].end != mods[-1].start:
        return None
    if mods[-1].kind not in ("adjective", "demonym") or mods[-2].kind not in ("adjective", "name"):
        return None
    first, second = entry_of(mods[-2], day), entry_of(mods[-1], day)
    if first is None or second is None or "state" not in (first.type, second.type):
        return None
    if first.type != "state" or second.type != "state":
        return None
    return first if country_of(first, day) != country_of(second, day) else None


def _evaluate(
    items: list[Item],
    day: dt.date,
    words: Words,
    referent: ActorEntry | tuple[str | None, str | None] | None,
) -> Reading | None:
    persons = [
        it
        for it in items
        if it.kind == "surname"
        or (it.kind == "name" and it.lex is not None and pick(it.lex.names, day).type == "person")
    ]
    heads = [it for it in items if it.kind in ("agent", "title")]
    names = [it for it in items if it.kind in ("name", "adjective", "demonym", "surname")]
    if persons and not (heads and heads[-1].start >= persons[-1].end):
        return _person(persons[-1], items, heads, names, day)
    if heads:
        reading = _headed(heads[-1], items, names, day, words, referent)
        marker = next(
            (sector_of(h) for h in reversed(heads[:-1]) if sector_of(h) in MARKING_SECTORS), None
        )
        if marker is not None and (
            (reading.sector == "GOV" and heads[-1].kind == "agent")
            or (reading.sector in ("GOV", "MIL") and marker in ("OPP", "REB"))
        ):
            # "the Syrian opposition delegation", "rebel representatives": whose delegation;
            # "opposition spokesman Ibrahim Jabawi", "a rebel commander": theirs, too
            reading.sector = marker
        return reading
    if names:
        proper = [it for it in names if it.kind == "name"]
        item = (proper or names)[-1]
        entry = entry_of(item, day)
        if entry is None:
            return None
        country = country_of(entry, day)
        if item.kind != "name":
            home = _residence(names, day) if item is names[-1] else None
            if home is not None:
                return Reading(country_of(home, day), "CVL", home, "adjective+demonym", item=item)
            return Reading(country, None, entry, item.kind, item=item)
        before = [it for it in items if it.end <= item.start]
        short = item.end - item.start == 1 and entry.type in ("city", "capital", "igo", "organ")
        if short and any(
            it.kind == "word" and it.key not in words.skip and it.key != "'s" for it in before
        ):  # "Feliciano Valencia", "Kim Jong Un": a person's name, not a city or the UN
            return None
        owner = _possessor(before, day)
        if owner is not None and entry.type in ("metonym", "organ"):
            # "Chile's Defense Department": the possessor's own body of that kind
            return Reading(owner, entry.sector, None, "possessive+agent", item=item)
        national = [it for it in before if it.kind in ("adjective", "demonym")]
        if national and entry.type in ("metonym", "organ"):
            nation = entry_of(national[-1], day)
            home = country_of(nation, day) if nation is not None else None
            if home is not None and home != country:
                # "a Syrian Congress on National Dialogue" is no US Congress
                return Reading(home, entry.sector, None, "adjective+agent", item=item)
        if national and country is None and entry.type == "group":
            # "Syrian Kurdish fighters": a group of no one state, placed by its adjective
            nation = entry_of(national[-1], day)
            home = country_of(nation, day) if nation is not None else None
            if home is not None:
                return Reading(home, dated_sector(entry, day), entry, "adjective+alias", item=item)
        if entry.type == "city":
            return Reading(country, entry.sector or "CVL", entry, "city", item=item)
        return Reading(country, dated_sector(entry, day), entry, "alias", item=item)
    return None


def _person(
    item: Item, items: list[Item], heads: list[Item], names: list[Item], day: dt.date
) -> Reading:
    entry = entry_of(item, day)
    assert entry is not None
    country, sector, _title = entry.role_on(day)
    titled = any(h.end <= item.start for h in heads)
    matched = "title+name" if titled else ("surname" if item.kind == "surname" else "alias")
    if sector is None and titled:
        sector = sector_of([h for h in heads if h.end <= item.start][-1])
    if country is None:
        mods = [n for n in names if n.end <= item.start]
        if mods:
            mod = entry_of(mods[-1], day)
            country = country_of(mod, day) if mod else None
    return Reading(country, sector, entry, matched, person=True, item=item)


def _headed(
    head: Item,
    items: list[Item],
    names: list[Item],
    day: dt.date,
    words: Words,
    referent: ActorEntry | tuple[str | None, str | None] | None,
) -> Reading:
    sector = sector_of(head)
    after = [it for it in items if it.start >= head.end]
    title_name = head.kind == "title" and any(it.kind == "word" for it in after)
    mods = [n for n in names if n.end <= head.start]
    if not mods and head.kind != "title":  # after a title come personal names, not places
        mods = [n for n in names if n.start >= head.end]
    if not mods:
        # "its army", and "the group's leaders" (a description read back by the caller)
        pronoun = any(
            it.kind == "word"
            and (it.key in words.possessive_pronouns or it.key == "'s")
            and it.end <= head.start
            for it in items
        )
        if pronoun and referent is not None:
            entry = referent if isinstance(referent, ActorEntry) else None
            country = country_of(entry, day) if entry else referent[0]  # type: ignore[index]
            owner = None if entry else referent[1]  # type: ignore[index]
            if owner in MARKING_SECTORS and sector in (None, "GOV"):
                sector = owner  # "the group's leaders" lead the group, not a government
            return Reading(country, sector, None, "coref", item=head)
        return Reading(None, sector, None, "title+name" if title_name else "agent", item=head)
    mod = mods[-1]
    if sector in (None, "GOV"):
        # "the UN Syria special envoy": the UN's envoy for Syria
        mod = next((m for m in mods if (e := entry_of(m, day)) is not None and e.type == "igo"),
                   mod)  # fmt: skip
    entry = _residence(mods, day) or entry_of(mod, day)
    assert entry is not None
    if entry.type == "media" and sector == "JRN":
        # "two Reuters journalists", "an Al Jazeera reporter": an outlet employs people of
        # every nationality, so it gives their trade, not their country
        return Reading(None, "JRN", None, "modifier+agent", item=head)
    country = country_of(entry, day)
    if entry.type == "person":
        country = entry.role_on(day)[0]
    if mod.kind in ("adjective", "demonym"):
        matched = "adjective+agent"
    else:
        nxt = next((it for it in items if it.start == mod.end), None)
        matched = "possessive+agent" if nxt is not None and nxt.key == "'s" else "modifier+agent"
        own = dated_sector(entry, day)
        if own and _modifier_sector_wins(entry, sector):
            sector = own
    if title_name and matched != "possessive+agent":
        matched = "title+name"
    return Reading(country, sector, entry, matched, item=head)


# sectors whose members hold public office: "former" makes them elites (ELI), and a bare
# title reads back only to such a person (mentions.py)
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "ELI"})
# agent nouns that say whose a generic official body is ("opposition", "rebel", "union")
MARKING_SECTORS = frozenset({"OPP", "REB", "LAB", "PTY", "REL", "EDU", "BUS", "MED", "UAF"})


def _possessor(before: list[Item], day: dt.date) -> str | None:
    """The country of a state named just before a possessive 's, if any."""
    if len(before) < 2 or before[-1].key != "'s" or before[-2].kind != "name":
        return None
    entry = entry_of(before[-2], day)
    if entry is None or entry.type not in GEOGRAPHIC_TYPES:
        return None
    return country_of(entry, day)


def _modifier_sector_wins(entry: ActorEntry, head_sector: str | None) -> bool:
    """ "Boko Haram gunmen" is REB (a group keeps its sector); "UN officials" stay IGO,
    but "EU legislators" are LEG and "Kyiv police" COP (places only give the country)."""
    if entry.type in ORGANIZATION_TYPES:
        return True
    if entry.type in ("igo", "organ"):
        return head_sector in (None, "GOV")
    return entry.type not in GEOGRAPHIC_TYPES and entry.type != "person" and not head_sector
