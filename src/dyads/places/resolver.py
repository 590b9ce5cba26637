"""Toponyms: place mentions found in a text and resolved to gazetteer entries.

Recognition takes spaCy's GPE and LOC entities (FAC only when asked: on the gold it
costs more precision than it brings recall), an all-capitals dateline
("KARACHI, May 27 -"), and capitalised names of countries, first-order divisions,
continents and our extra places that the model missed or mislabelled.

Resolution scores each candidate entry of a mention: log10 population, a bonus by
feature (country > sea, region, continent > first-order division > city), a bonus
when the mention is the entry's main name rather than an alternate one, and context:
the countries the document's other mentions point to, the US states it names, and
the dateline's country. Two passes: the first picks without context, the second
with the other mentions' first picks (a mention never votes for itself).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Options
from ..model import Toponym
from .gazetteer import DEFAULT_MIN_POPULATION, Entry, Gazetteer, fold, load_gazetteer

FEATURE_BONUS = {
    "PCLI": 3.0, "CONT": 3.0, "SEA": 3.0, "OCN": 3.0, "GULF": 3.0, "STRT": 3.0,
    "CNL": 3.0, "RGN": 2.0, "ADM1": 2.0,
}  # fmt: skip
MAIN_NAME_BONUS = 1.0
PREFER_BONUS = 5.0
SAME_COUNTRY_BONUS = 2.5
SAME_STATE_BONUS = 2.0
DATELINE_BONUS = 2.0
CONTAINER_BONUS = 3.0  # "Hyderabad, Pakistan", "Springfield, Illinois"

# "KARACHI, May 27 -", "TRIPOLI (Reuters) -", "BRASÍLIA, Brazil -": capitals (Latin-1
# accented ones too), then , ( or a dash.
DATELINE = re.compile(
    r"^\s*([A-Z\u00c0-\u00d6\u00d8-\u00de][A-Z\u00c0-\u00d6\u00d8-\u00de'\.]+"
    r"(?:[ \-][A-Z\u00c0-\u00d6\u00d8-\u00de][A-Z\u00c0-\u00d6\u00d8-\u00de'\.]+){0,3})"
    r"\s*(?:,|\(|-|\u2013|\u2014)"
)
# Runs of capitalised words, "Gulf of Aden" and "Bosnia and Herzegovina" included.
CAPITALISED = re.compile(
    r"\b[A-Z][\w'\u2019\.\-]*(?:\s+(?:(?:of|and|el|al|de)\s+(?:the\s+)?)?[A-Z][\w'\u2019\.\-]*)*"
)
_TRAIL = re.compile(r"(?:'s|\u2019s|[\.,'\u2019])+$")


@dataclass(frozen=True, slots=True)
class PlacesConfig:
    """How toponyms are found: entity labels, the extra gazetteer pass, the city file."""

    labels: tuple[str, ...] = ("GPE", "LOC")
    gazetteer_pass: bool = True
    dateline: bool = True
    min_population: int = DEFAULT_MIN_POPULATION
    context: bool = True


@dataclass(slots=True)
class _Mention:
    text: str
    start: int
    end: int
    how: str
    key: str
    candidates: list[Entry]


def _strong(entry: Entry) -> bool:
    """Entries the gazetteer pass may find without spaCy: everything but cities."""
    return entry.feature_class != "P"


def _lookup(gazetteer: Gazetteer, text: str) -> tuple[str, list[Entry]]:
    """The entries of a name, exactly, else by its spelling's skeleton ("Deir Ezzor")."""
    variants = (text, _TRAIL.sub("", text))
    for variant in variants:
        key = fold(variant)
        if found := gazetteer.candidates(key):
            return key, found
    for variant in variants:
        key = fold(variant)
        if found := gazetteer.loose_candidates(key):
            return key, found
    return fold(text), []


def _dateline(text: str, gazetteer: Gazetteer) -> _Mention | None:
    match = DATELINE.match(text[:80])
    if not match:
        return None
    name = match.group(1).rstrip(".")
    key, found = _lookup(gazetteer, name)
    if not found:
        return None
    start = match.start(1)
    return _Mention(
        text[start : start + len(name)], start, start + len(name), "dateline", key, found
    )


def recognise(
    text: str, doc: Doc | None, gazetteer: Gazetteer, config: PlacesConfig
) -> list[_Mention]:
    """Mentions with at least one candidate, in text order, never overlapping."""
    mentions: list[_Mention] = []
    taken = bytearray(len(text) + 1)

    def add(m: _Mention | None) -> None:
        if m is None or not m.candidates or any(taken[m.start : m.end]):
            return
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        mentions.append(m)

    if config.dateline:
        add(_dateline(text, gazetteer))
    for ent in doc.ents if doc is not None else ():
        if ent.label_ not in config.labels:
            continue
        span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        key, found = _lookup(gazetteer, span.text)
        add(_Mention(span.text, span.start_char, span.end_char, "ner", key, found))
    if config.gazetteer_pass:
        for run in CAPITALISED.finditer(text):
            _gazetteer_run(text, run.start(), run.group(), gazetteer, add)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _gazetteer_run(text: str, offset: int, run: str, gazetteer: Gazetteer, add) -> None:  # type: ignore[no-untyped-def]
    """Longest names (up to five words) of strong entries inside one capitalised run."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    i = 0
    while i < len(words):
        if run[words[i][0] : words[i][1]].lower() in ("the", "of", "and"):
            i += 1
            continue
        for j in range(min(len(words), i + 5), i, -1):
            a, b = words[i][0], words[j - 1][1]
            found = []
            for surface in (run[a:b], _TRAIL.sub("", run[a:b])):
                key = fold(surface)
                if key not in gazetteer.stop and surface[:1].isupper():
                    found = [e for e in gazetteer.candidates(key) if _strong(e)]
                if found:
                    break
            if found:
                span = _compound(run, words, i, j, gazetteer)
                if span is None:
                    add(
                        _Mention(
                            surface, offset + a, offset + a + len(surface), "gazetteer", key, found
                        )
                    )
                else:
                    # the longer name, when the gazetteer has it ("Kansas City" the city)
                    a, b = span
                    surface = _TRAIL.sub("", run[a:b])
                    key, found = fold(surface), gazetteer.candidates(surface)
                    add(
                        _Mention(
                            surface, offset + a, offset + a + len(surface), "gazetteer", key, found
                        )
                    )
                i = j - 1
                break
        i += 1


def _compound(
    run: str, words: list[tuple[int, int]], i: int, j: int, gazetteer: Gazetteer
) -> tuple[int, int] | None:
    """The span of the longer place name words i..j-1 are part of ("Kansas City", "Lake
    Ontario"), else None."""
    if i > 0 and fold(run[slice(*words[i - 1])]) in gazetteer.before:
        return words[i - 1][0], words[j - 1][1]
    if j < len(words) and fold(_TRAIL.sub("", run[slice(*words[j])])) in gazetteer.after:
        return words[i][0], words[j][1]
    return None


def _container(entry: Entry, within: Entry | None) -> bool:
    """The entry lies in the country or US state named right after it."""
    if within is None or entry is within or entry.country != within.country:
        return False
    return within.feature_code == "PCLI" or (
        within.country == "USA" and within.feature_code == "ADM1" and entry.admin1 == within.admin1
    )


def _score(
    entry: Entry,
    mention: _Mention,
    gazetteer: Gazetteer,
    votes: Counter[str],
    states: set[str],
    dateline_country: str | None,
    within: Entry | None = None,
) -> float:
    score = math.log10(entry.population + 10) + FEATURE_BONUS.get(entry.feature_code, 0.0)
    if fold(entry.name) == mention.key:
        score += MAIN_NAME_BONUS
    if gazetteer.prefer.get(mention.key) == entry.geonameid:
        score += PREFER_BONUS
    if entry.country and votes[entry.country]:
        score += SAME_COUNTRY_BONUS * min(1.0, votes[entry.country] / 2)
    if entry.country == "USA" and entry.feature_class == "P" and entry.admin1 in states:
        score += SAME_STATE_BONUS
    if dateline_country and entry.country == dateline_country:
        score += DATELINE_BONUS
    if _container(entry, within):
        score += CONTAINER_BONUS
    return score


def _distinct(a: _Mention, b: _Mention) -> bool:
    """Two different names, the second after the first: "Hyderabad, Pakistan"."""
    return b.start > a.end and b.text != a.text and b.key != a.key


def resolve(
    mentions: Sequence[_Mention], gazetteer: Gazetteer, config: PlacesConfig
) -> list[Toponym]:
    """The best entry per mention, first without then with the document's context."""
    empty: Counter[str] = Counter()
    first = {
        m.key: max(m.candidates, key=lambda e, m=m: _score(e, m, gazetteer, empty, set(), None))
        for m in mentions
    }
    line = next((m for m in mentions if m.how == "dateline"), None)
    within = {
        m.key: first[n.key]
        for m, n in itertools.pairwise(mentions)
        if n.start - m.end <= 2 and _distinct(m, n) and first[n.key].feature_class == "A"
    }
    chosen = first
    if config.context:
        chosen = {}
        for m in mentions:
            if m.key in chosen:
                continue
            dateline = first[line.key].country if line and line.key != m.key else None
            votes: Counter[str] = Counter()
            states = set()
            for key, entry in first.items():
                if key == m.key:
                    continue
                if entry.country:
                    votes[entry.country] += 1
                if entry.country == "USA" and entry.feature_code == "ADM1" and entry.admin1:
                    states.add(entry.admin1)
            chosen[m.key] = max(
                m.candidates,
                key=lambda e, m=m, v=votes, s=states: _score(
                    e, m, gazetteer, v, s, dateline, within.get(m.key)
                ),
            )
    return [
        Toponym(
            m.text,
            m.start,
            m.end,
            e.geonameid,
            e.name,
            e.feature_class,
            e.feature_code,
            e.country,
            e.admin1,
            e.lat,
            e.lon,
            m.how,
        )
        for m in mentions
        for e in [chosen[m.key]]
    ]


def _ner_pipe(nlp: Language) -> list[str]:
    """Everything but the entity recogniser (its own tok2vec in en_core_web_sm) is off."""
    return [name for name in nlp.pipe_names if name != "ner"]


def resolve_many(
    texts: Iterable[str],
    config: PlacesConfig | None = None,
    options: Options | None = None,
    nlp: Language | None = None,
    batch_size: int = 16,
) -> list[list[Toponym]]:
    """Toponyms of many texts: one spaCy pass (entities only), batched."""
    from ..nlp.model import load_model

    config = config or PlacesConfig()
    gazetteer = load_gazetteer(config.min_population)
    nlp = nlp or load_model(options)
    texts = list(texts)
    out = []
    for text, doc in zip(
        texts, nlp.pipe(texts, disable=_ner_pipe(nlp), batch_size=batch_size), strict=True
    ):
        out.append(resolve(recognise(text, doc, gazetteer, config), gazetteer, config))
    return out


def resolve_toponyms(
    text_or_doc: str | Doc,
    config: PlacesConfig | None = None,
    options: Options | None = None,
    nlp: Language | None = None,
) -> list[Toponym]:
    """Every place mention of a text (or a spaCy Doc with entities), resolved.

    A Doc is used as it is (its entities are not recomputed), so a coder that already
    ran the entity recogniser pays only for the lookup.
    """
    if isinstance(text_or_doc, Doc):
        config = config or PlacesConfig()
        gazetteer = load_gazetteer(config.min_population)
        mentions = recognise(text_or_doc.text, text_or_doc, gazetteer, config)
        return resolve(mentions, gazetteer, config)
    return resolve_many([text_or_doc], config, options, nlp)[0]
