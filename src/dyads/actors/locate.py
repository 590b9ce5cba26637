"""Place actors that have a sector but no country by where the text puts them.

"Security forces in Guinea", "protesters in Nairobi", "rebels in the Ivory Coast":
an agent noun with no country of its own takes the country of a place named in a
prepositional phrase on it ("in", "from", "of", "across"), also through a participle
("guerrillas operating in Macedonia", "a newspaper based in Beirut").

Failing that, ``place_by_context`` gives it the one state its sentence is about
("The Sudanese government accused Darfur rebels ..."): the convention of the
PLOVER and ICEWS coders, who code domestic actors by the country where events
happen. ``place_by_domestic_subject`` gives "the government" that a parliament,
court or opposition of one state acts on that state. Each such mention says so in
``matched`` ("agent+context"), so a user can count or drop these inferred countries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .. import model

if TYPE_CHECKING:
    from .phrase import Words

_NO_DAY = dt.date(2000, 1, 1)  # names, adjectives and demonyms do not change with the day
PLACE_PREPS = ("in", "from", "of", "across", "throughout", "inside")
# participles that carry a place to the noun they modify ("rebels operating in X")
PLACE_PARTICIPLES = ("base", "operate", "live", "station", "hold", "headquarter", "reside")


def _place_preps(head: Token, stance_nouns: frozenset[str] = frozenset()) -> list[Token]:
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS]
    if head.lemma_.lower() in stance_nouns:
        # "critics of Russia's engagement": what they oppose, not where they are from
        preps = [p for p in preps if p.lower_ != "of"]
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_ in PLACE_PARTICIPLES:
            preps += [c for c in child.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS]
    return preps


def affiliate_by_phrase(doc: Doc, mentions: list[model.ActorMention], words: Words) -> None:
    """'Leaders of Hamas', 'a spokesman for the Syrian army', 'members of the opposition':
    a person named by their place in an organisation is that organisation's, not the
    government's a bare agent noun would give (a state in the phrase is left to
    ``place_unlocated``: "officials of Greece" are its government)."""
    by_token: dict[int, model.ActorMention] = {}
    for m in mentions:
        for i in range(m.token_start, m.token_end):
            by_token.setdefault(i, m)
    for mention in mentions:
        if mention.matched != "agent" or mention.head_token < 0:
            continue
        head = doc[mention.head_token]
        if head.lemma_.lower() not in words.affiliate_nouns:
            continue
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
                continue
            owner = next((  # "leaders of the opposition coalition": its modifier names it
                found for p in prep.children if p.dep_ == "pobj"
                for t in (p, *(c for c in p.children if c.dep_ in ("compound", "amod")))
                if (found := by_token.get(t.i)) is not None and found is not mention
            ), None)  # fmt: skip
            if owner is None or owner.matched == "city" or owner.actor.sector in (None, "CVL"):
                continue
            actor, source = mention.actor, owner.actor
            actor.country, actor.sector, actor.code = source.country, source.sector, source.code
            mention.matched = "agent+affiliation"
            for named in mentions:  # "Hamza Birqdar, a spokesman for Jaish al-Islam": his too
                if named.antecedent_start == actor.start and (named.matched or "").startswith(
                    "apposition"
                ):
                    named.actor.country, named.actor.sector = source.country, source.sector
                    named.actor.code = source.code
            break


def place_unlocated(
    doc: Doc, mentions: list[model.ActorMention], words: Words | None = None
) -> None:
    """Fill ``country`` (and ``code``) of country-less agent mentions, in place."""
    stance_nouns = words.stance_nouns if words is not None else frozenset()
    by_head = {m.head_token: m for m in mentions if m.actor.country}
    by_token: dict[int, model.ActorMention] = {}
    for m in mentions:
        if m.actor.country:
            for i in range(m.token_start, m.token_end):
                by_token.setdefault(i, m)
    extra: list[model.ActorMention] = []
    for mention in mentions:
        actor = mention.actor
        people = mention.matched == "demonym"  # "the Albanians of southern Serbia"
        if mention.head_token < 0 or not (people or (actor.sector and not actor.country)):
            continue
        if not people and words is not None and _stateless(mention, doc, words):
            continue  # "an international peacekeeping force in Yugoslavia", "foreign troops in"
        head = doc[mention.head_token]
        for prep in _place_preps(head, stance_nouns):
            if people and prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if not people:
                    extra += _conjunct_places(mention, pobj, by_head, by_token)
                place = by_head.get(pobj.i) or by_token.get(pobj.i)
                if place is None and not people:
                    # "authorities in Syria's Kurdish region": the state owning the place
                    place = next((
                        found for t in pobj.children if t.dep_ in ("poss", "compound", "amod")
                        if (found := by_head.get(t.i) or by_token.get(t.i)) is not None
                    ), None)  # fmt: skip
                if place is None or place.actor.sector not in (None, "GOV", "CVL"):
                    continue
                if people:
                    if place.actor.country == actor.country or place.matched == "demonym":
                        continue
                    actor.sector = "CVL"
                actor.relocate(place.actor.country)
                mention.matched = f"{mention.matched or 'agent'}+place"
                break
            if (mention.matched or "").endswith("+place"):
                break
        if not actor.country and actor.sector:
            _place_by_clause(doc, mention, by_head, by_token)
        if not actor.country and actor.sector in FORCE_SECTORS:
            _place_by_commander(doc, mention, by_head)
    if extra:
        mentions.extend(extra)
        mentions.sort(key=lambda m: m.token_start)  # stable: each first place first


def _conjunct_places(
    mention: model.ActorMention,
    pobj: Token,
    by_head: dict[int, model.ActorMention],
    by_token: dict[int, model.ActorMention],
) -> list[model.ActorMention]:
    """'officials in the United States and the European Union': the agents of each place
    listed after the first, as mentions of their own at the same words (states give
    their organ of the agent's sector; an IGO is itself)."""
    first = by_head.get(pobj.i) or by_token.get(pobj.i)
    seen = {first.actor.code if first is not None else None}
    out = []
    for conj in pobj.conjuncts:
        if conj.i < pobj.i:
            continue
        place = by_head.get(conj.i) or by_token.get(conj.i)
        if place is None or place.actor.code in seen or not place.actor.country:
            continue
        seen.add(place.actor.code)
        if place.actor.sector == "IGO":
            actor = replace(mention.actor, country=place.actor.country, sector="IGO",
                            code=place.actor.code)  # fmt: skip
        elif place.actor.sector in (None, "GOV", "CVL"):
            actor = replace(
                mention.actor,
                country=place.actor.country,
                code=model.Actor.make_code(place.actor.country, mention.actor.sector),
            )
        else:
            continue
        matched = f"{mention.matched or 'agent'}+place"
        out.append(replace(mention, actor=actor, matched=matched))
    return out


# where a clause happens: "Police arrested 12 protesters in Lagos" puts both in Nigeria
CLAUSE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout", "around")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "obj", "agent")


def _clause_verb(token: Token) -> Token | None:
    """The verb whose subject or object (or by-agent) this noun is."""
    if token.dep_ in _ARGUMENT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.head.head
    return None


# clauses inside a place phrase are about something else: "in an exchange mediated by
# the United Arab Emirates" happens where the exchange does, not in the Emirates
_CLAUSE_DEPS = ("acl", "relcl", "advcl", "ccomp", "xcomp", "agent")


def phrase_tokens(token: Token) -> Iterator[Token]:
    """The tokens of a noun phrase and its prepositional phrases, not its clauses."""
    yield token
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS:
            yield from phrase_tokens(child)


def named_members(noun: Token) -> list[Token]:
    """The members a description names in its noun phrase ("external supporters of the
    opposition, such as Saudi Arabia and Jordan", "powers including Russia"; the parser
    may hang the list on the description's last noun)."""
    for prep in phrase_tokens(noun):
        if prep.dep_ != "prep" or prep.i < noun.i:
            continue
        such = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        if such or prep.lower_ == "including":
            return [c for o in prep.children if o.dep_ == "pobj" for c in (o, *o.conjuncts)]
    return []


def _place_by_clause(
    doc: Doc,
    mention: model.ActorMention,
    by_head: dict[int, model.ActorMention],
    by_token: dict[int, model.ActorMention],
) -> None:
    verb = _clause_verb(doc[mention.head_token])
    if verb is None:
        return
    # "killed 23 people when they blew themselves up in Tel Aviv": a clause of the same
    # moment says where, after the verb's own phrases
    moments = [
        c for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.children)
    ]  # fmt: skip
    preps = [p for v in (verb, *moments) for p in v.children]
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in CLAUSE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            place = next(  # "near the town of Samarra": the place may sit below the object
                (
                    found
                    for t in phrase_tokens(pobj)
                    if (found := by_head.get(t.i) or by_token.get(t.i)) is not None
                ),
                None,
            )
            if place is None or place.actor.sector not in (None, "GOV", "CVL"):
                continue
            if place.matched == "demonym":
                continue
            mention.actor.relocate(place.actor.country)
            mention.matched = f"{mention.matched or 'agent'}+place"
            return


# forces take the country of whoever orders or sends them ("the United States ordered
# Marines and Navy ships to help", "Moscow dispatched paratroopers")
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
COMMAND_VERBS = frozenset({
    "order", "send", "deploy", "dispatch", "command", "instruct", "authorize", "authorise",
    "mobilize", "mobilise",
})  # fmt: skip


def _place_by_commander(
    doc: Doc, mention: model.ActorMention, by_head: dict[int, model.ActorMention]
) -> None:
    head = doc[mention.head_token]
    while head.dep_ == "conj" and head.head != head:  # "Marines and Navy ships"
        head = head.head
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in COMMAND_VERBS:
        return
    for subject in verb.children:
        if subject.dep_ != "nsubj":
            continue
        commander = by_head.get(subject.i)
        if commander is not None and commander.actor.country:
            mention.actor.relocate(commander.actor.country)
            mention.matched = f"{mention.matched or 'agent'}+commander"
            return


def _places_text(mention: model.ActorMention, words: Words) -> bool:
    """Whether a mention says where the text happens: a state, a place, or a state body."""
    actor = mention.actor
    if actor.country not in words.states:
        return False
    if mention.matched in ("demonym", "adjective"):
        return False  # "two Britons" may be anywhere; "Danish websites" are not a place
    return (
        actor.sector is None
        or mention.matched == "city"
        or (actor.sector in words.context_from_sectors)
    )


def _may_place(mention: model.ActorMention, country: str | None, words: Words) -> bool:
    """A transnational group is placed only in a country it operates in (``active_in``):
    Islamic State in a story told from Washington is not a US group."""
    allowed = words.active_in.get(mention.actor_id or "")
    return not allowed or country in allowed


def place_active_groups(
    mentions: list[model.ActorMention],
    profile: dict[str, int],
    words: Words,
    doc: Doc | None = None,
) -> None:
    """Transnational groups still without a country take the one of their countries of
    operation their sentence names, else the one the document names most (``+active`` in
    ``matched``); none named, none."""
    for mention in mentions:
        allowed = words.active_in.get(mention.actor_id or "")
        if not allowed or mention.actor.country:
            continue
        named = [
            m for m in mentions
            if m.sentence_id == mention.sentence_id and m.actor.country in allowed
            and _places_text(m, words)
        ]  # fmt: skip  # "Kurdish groups" in a sentence about Syria, in a story from Baghdad
        # where the sentence puts things ("in Kurdish-held Syria") before whom it names
        here = {m.actor.country for m in named if doc is not None and _locative(m, doc)}
        if len(here) != 1:
            here = {m.actor.country for m in named}
        if len(here) == 1:
            mention.actor.relocate(here.pop())
            mention.matched = f"{mention.matched or 'alias'}+active"
            continue
        named = [(profile.get(c, 0), c) for c in sorted(allowed)]
        count, country = max(named)
        if count == 0:
            continue
        mention.actor.relocate(country)
        mention.matched = f"{mention.matched or 'alias'}+active"


def _only_state(mentions: list[model.ActorMention], words: Words) -> str | None:
    states = {m.actor.country for m in mentions if _places_text(m, words)}
    return next(iter(states)) if len(states) == 1 else None


def _locative(mention: model.ActorMention, doc: Doc) -> bool:
    """Named only as where something happens: "work in Iraq", "bases across Syria"."""
    head = doc[mention.head_token]
    return head.dep_ == "pobj" and head.head.lower_ in CLAUSE_PREPS


def _placeable(
    mention: model.ActorMention, sectors: frozenset[str], doc: Doc, words: Words
) -> bool:
    """No country yet, a sector these placements serve, and of some one state."""
    actor = mention.actor
    if actor.country or actor.sector not in sectors:
        return False
    return not _stateless(mention, doc, words)


def _stateless(mention: model.ActorMention, doc: Doc, words: Words) -> bool:
    """'European governments', 'Western officials', 'foreign diplomats', 'critics of the
    deal': of no one state, so never given the sentence's or the document's."""
    if any(w.lower() in words.stateless_modifiers for w in mention.actor.text.split()):
        return True
    if mention.head_token is None or mention.head_token >= len(doc):
        return False
    head = doc[mention.head_token]
    if any(c.dep_ in ("amod", "compound") and c.lower_ in words.stateless_modifiers
           for c in head.children):  # fmt: skip
        return True
    if head.lemma_.lower() in words.stance_nouns and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children
    ):
        return True  # "critics of Russia's engagement" are of no state we know
    # the parser may coordinate the adjective instead ("Iran and European governments")
    before = doc[head.i - 1] if head.i > 0 else None
    return (
        before is not None and before.pos_ == "ADJ" and before.lower_ in words.stateless_modifiers
    )


def place_by_context(doc: Doc, mentions: list[model.ActorMention], words: Words) -> None:
    """Give country-less domestic actors the one state their sentence names.

    Only the sentence: a document-wide guess would also depend on which other sentences
    were parsed (``skip_unlikely_sentences``), and coding must not."""
    if not words.context_sectors:
        return
    by_sentence: dict[int, list[model.ActorMention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence_id].append(mention)
    for sentence_mentions in by_sentence.values():
        here = [m for m in sentence_mentions if _places_text(m, words)]
        country = _only_state(here, words)
        if country is None:
            continue
        actors = [m for m in here if not _locative(m, doc)]
        # forces, spies and legislators are often abroad: they say whose troops, not whose
        # opposition ("US forces have not acted, and opposition spokesman X accused them")
        at_home = _only_state(
            [m for m in here if m.actor.sector not in words.abroad_sectors], words
        )
        for mention in sentence_mentions:
            actor = mention.actor
            if not _placeable(mention, words.context_sectors, doc, words):
                continue
            if actor.sector in words.domestic_sectors and at_home != country:
                continue
            if actor.sector in words.context_mobile_sectors and not actors:
                continue  # troops or envoys "in Iraq" need not be Iraqi
            if not _may_place(mention, country, words):
                continue
            actor.relocate(country)
            mention.matched = f"{mention.matched or 'agent'}+context"


def place_by_previous_subject(doc: Doc, mentions: list[model.ActorMention], words: Words) -> None:
    """'South Korea summoned Japan's ambassador. The foreign ministry said it strongly
    regrets ...': a definite organ of state ("the foreign ministry", "the military") that
    opens a sentence as its subject, with no country of its own, is the previous
    sentence's subject's. Only the organs ``words.continuing_organs`` lists, and only
    when that subject is a state or one of its organs (``+previous`` in ``matched``)."""
    if not words.continuing_organs:
        return
    by_sentence: dict[int, list[model.ActorMention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence_id].append(mention)
    for mention in mentions:
        actor = mention.actor
        if actor.country or mention.head_token < 0 or mention.head_token >= len(doc):
            continue
        head = doc[mention.head_token]
        if head.dep_ not in ("nsubj", "nsubjpass") or head.lemma_.lower() not in (
            words.continuing_organs
        ):
            continue
        first = doc[mention.token_start]
        if first.lower_ != "the" or first.i != first.sent.start:
            continue  # "The foreign ministry said", not "... said the foreign ministry"
        previous = sorted(
            (m for m in by_sentence.get(mention.sentence_id - 1, []) if m.actor.country),
            key=lambda m: m.token_start,
        )
        subject = next(
            (
                m for m in previous
                if 0 <= m.head_token < len(doc)
                and doc[m.head_token].dep_ in ("nsubj", "nsubjpass")
                and doc[m.head_token].head.dep_ == "ROOT"
            ),
            None,
        )  # fmt: skip
        if subject is None or subject.actor.sector not in (None, "GOV", "MIL"):
            continue
        actor.relocate(subject.actor.country)
        mention.matched = f"{mention.matched or 'agent'}+previous"


def place_by_domestic_subject(doc: Doc, mentions: list[model.ActorMention], words: Words) -> None:
    """'Iraq's parliament voted to ask the government to expel US troops': a bare
    definite organ of state ("the government", "the authorities") that a domestic body of
    one state (its parliament, courts, opposition, police or people: ``words.domestic_sectors``)
    acts on, in the same clause, is that state's. Before the document's guess, which
    would give the story's most named state (here the US)."""
    if not words.domestic_sectors:
        return
    by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    for mention in mentions:
        actor = mention.actor
        if actor.country or actor.sector not in ("GOV", "COP", "JUD", "MIL"):
            continue
        if not 0 <= mention.head_token < len(doc) or doc[mention.token_start].lower_ != "the":
            continue
        if mention.token_end - mention.token_start != 2:
            continue  # "the government", not "the Syrian government" or "the government of X"
        verb = _clause_verb(doc[mention.head_token])
        for _ in range(3):  # "voted to ask the government": the voter asks
            if verb is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                break
            verb = verb.head if verb.dep_ in ("xcomp", "conj", "advcl") else None
        if verb is None:
            continue
        owners = [
            by_token[c.i] for c in verb.children
            if c.dep_ == "nsubj" and c.i in by_token and by_token[c.i] is not mention
        ]  # fmt: skip
        domestic = [
            m for m in owners if m.actor.country and m.actor.sector in words.domestic_sectors
        ]  # fmt: skip
        if len({m.actor.country for m in domestic}) != 1:
            continue
        actor.relocate(domestic[0].actor.country)
        mention.matched = f"{mention.matched or 'agent'}+context"


# --------------------------------------------------------------------------- document
PROFILE_KEY = "dyads_country_profile"  # Doc.user_data: the document's states, by count
MAIN_COUNTRY_KEY = "dyads_main_country"  # Doc.user_data: the state it is about, or None
PROFILE_TYPES = ("state", "capital", "city", "metonym", "organ")
IGO_PREFIX = "igo:"  # IGOs named in the text are counted too, under this prefix
# bare names of states with a namesake elsewhere ("Georgia") are counted apart too
BARE_PREFIX = "bare:"
CITY_PREFIX = "city:"  # ... and the cities of each state the text names
# ... and the people of one state the text names ("Viktor Yushchenko"), read only when
# the states themselves name no main one (a domestic story that names its country once)
PERSON_PREFIX = "person:"
PROFILE_MIN_SHARE = 0.4  # the main state must hold this share of the state mentions


def country_profile(texts: list[str], dictionary) -> dict[str, int]:
    """How often each state is named in a text (names, capitals, cities, adjectives and
    demonyms written with a capital), by a dictionary scan of its words. Read from the
    whole text, so the answer is the same whichever sentences are parsed."""
    from .normalize import token_key
    from .phrase import entry_of, segment

    keys = [token_key(t) for t in texts]
    caps = [t[:1].isupper() for t in texts]
    upper = [t.isupper() for t in texts]
    counts: dict[str, int] = {}
    first = dictionary.first_pieces
    i = 0
    n = len(keys)
    while i < n:
        if not keys[i] or not caps[i] or keys[i].split(" ", 1)[0] not in first:
            i += 1
            continue
        stop = min(n, i + dictionary.max_pieces)
        items = segment(dictionary, keys[i:stop], caps[i:stop], upper[i:stop])
        item = items[0] if items else None
        if item is None or item.kind not in ("name", "adjective", "demonym"):
            i += 1
            continue
        entry = entry_of(item, _NO_DAY)
        if entry is not None and entry.namesake_in and item.kind == "name":
            counts[BARE_PREFIX + entry.id] = counts.get(BARE_PREFIX + entry.id, 0) + 1
        if entry is not None and entry.type == "city" and entry.country:
            key = CITY_PREFIX + entry.country
            counts[key] = counts.get(key, 0) + 1
        if entry is not None and entry.type == "person" and item.kind == "name":
            countries = {r.country for r in entry.roles} | {entry.country}
            countries.discard(None)
            if len(countries) == 1:
                key = PERSON_PREFIX + countries.pop()
                counts[key] = counts.get(key, 0) + 1
        if entry is not None and entry.type == "igo":
            counts[IGO_PREFIX + entry.id] = counts.get(IGO_PREFIX + entry.id, 0) + 1
        elif entry is not None and entry.type in PROFILE_TYPES:
            country = entry.id if entry.type == "state" else entry.country
            if country in dictionary.states:
                counts[country] = counts.get(country, 0) + 1
        i += max(1, item.end - item.start)
    return counts


def main_country(profile: dict[str, int]) -> str | None:
    """The state a document is about: the most named one, if it clearly leads."""
    states = {k: v for k, v in profile.items() if ":" not in k}
    found = _leading(states)
    if found is not None:
        return found
    # no state clearly leads: its people may ("the Ukrainian elections ... Viktor
    # Yushchenko ... Viktor Yanukovich")
    people = dict(states)
    for key, count in profile.items():
        if key.startswith(PERSON_PREFIX) and count >= 2:  # named again and again
            country = key[len(PERSON_PREFIX) :]
            people[country] = people.get(country, 0) + count
    return _leading(people)


def _leading(counts: dict[str, int]) -> str | None:
    if not counts:
        return None
    total = sum(counts.values())
    country, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return country if count >= 2 and count / total >= PROFILE_MIN_SHARE else None


def place_by_document(
    doc: Doc,
    mentions: list[model.ActorMention],
    country: str | None,
    words: Words,
    sectors: frozenset[str] | None = None,
) -> None:
    """Give country-less domestic actors (civilians, rebels, police, protesters ...)
    the state the whole document is about, when neither a place on them nor their
    sentence names one: ICEWS and PLOVER code domestic actors by where events happen.
    Mobile sectors (troops, envoys, spies) are never placed this way."""
    if country is None:
        return
    for mention in mentions:
        if not _placeable(mention, sectors or words.document_sectors, doc, words):
            continue
        if not _may_place(mention, country, words):
            continue
        if sectors is not None and doc[mention.head_token].tag_ in ("NNS", "NNPS"):
            continue  # an outlet's "judges", "delegates": people anywhere, not its offices
        if sectors is not None and doc[mention.head_token].lemma_.lower() in words.never_home:
            continue  # "the regime" is never the outlet's own government
        mention.actor.relocate(country)
        mention.matched = f"{mention.matched or 'agent'}+document"


def read_namesakes(
    doc: Doc, mentions: list[model.ActorMention], profile: dict[str, int], dictionary
) -> None:
    """'Georgia' in a story about Atlanta: a state's bare name that also names a place
    inside another state (``namesake_in``) is that place when the text names nothing else
    of this state (no adjective, demonym, city or leader: "Georgian troops", "Tbilisi"
    keep the Caucasus state) and either names a city of the other state or uses the name
    as the namesake's own people and things are named ("a Georgia man", "the Georgia
    plant"; the Caucasus state's would be "Georgian")."""
    for mention in mentions:
        entry = dictionary.entries.get(mention.actor_id or "")
        if entry is None or not entry.namesake_in:
            continue
        bare = profile.get(BARE_PREFIX + entry.id, 0)
        if profile.get(entry.id, 0) > bare:
            continue  # "Georgian troops", "Tbilisi": the state itself
        actor = mention.actor
        if mention.matched == "alias":
            if not (profile.get(CITY_PREFIX + entry.namesake_in) or _names_a_thing(mention, doc)):
                continue  # "Russia invaded Georgia", even in a story that names the US
            actor.country, actor.sector, actor.name = entry.namesake_in, "CVL", None
            mention.matched = "city"  # a place there, as a city is
        elif (mention.matched or "").startswith("modifier"):
            actor.country, actor.name = entry.namesake_in, None  # "a Georgia man"
        else:
            continue
        actor.code = model.Actor.make_code(actor.country, actor.sector)
        mention.actor_id = None


def _names_a_thing(mention: model.ActorMention, doc: Doc) -> bool:
    """The name modifies a common noun ("a Georgia man", "the Georgia plant")."""
    if not 0 <= mention.head_token < len(doc):
        return False
    tok = doc[mention.head_token]
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i


def stand_for_seats(
    mentions: list[model.ActorMention], profile: dict[str, int], dictionary
) -> None:
    """'He accused Brussels of trying to punish Belarusians': a seat of an IGO the text
    names stands for that IGO (entries with ``seat_of``), else for its own state."""
    for mention in mentions:
        entry = dictionary.entries.get(mention.actor_id or "")
        if entry is None or not entry.seat_of or not profile.get(IGO_PREFIX + entry.seat_of):
            continue
        igo = dictionary.entries.get(entry.seat_of)
        if igo is None:
            continue
        actor = mention.actor
        actor.country, actor.sector, actor.name = igo.country, igo.sector, igo.display_name
        actor.code = model.Actor.make_code(igo.country, igo.sector)
        mention.matched = f"{mention.matched or 'alias'}+seat"
