"""Event locations against hand annotations of news_gold (``data/eval/geo_events.yaml``).

The annotations give, for gold sentences of ``news_gold``, where their events happened
(per sentence, or per group of types where one sentence holds events in several places;
see the file's header for how they were made). The articles are coded as
``dyads eval news`` codes them, and each system event is put in its gold sentence the
same way (word overlap of at least 0.6). An event is scored when its sentence is
annotated for its type and the gold sentence records an event of that type (an event
the gold says happened there). Figures:

- ``country_correct``: its location's country is the annotated one (a sea: no country);
  an event without a location is wrong;
- ``city_or_division_correct``, over events annotated at city or division precision: its
  location is the annotated city (same GeoNames id, or a city within 25 km) or lies in
  the annotated first-order division (same country and GeoNames division code, the
  division itself by name, or a point within 50 km of the division's centre);
- ``city_correct``, over events annotated at city precision: the city itself;
- ``located``: the share of scored events with any location, and how they were chosen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config import DATA_DIR, Options
from ..errors import DictionaryError, Errors
from ..model import Event, Location
from ..places.gazetteer import fold
from .geo import km
from .news import assign, code_articles, load, mentions_of
from .report import ErrorCase, Report, Table, ratio

ANNOTATIONS = DATA_DIR / "eval" / "geo_events.yaml"
CITY_KM = 25.0
DIVISION_KM = 50.0
PRECISIONS = ("city", "division", "country", "region")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """An annotated place (a country-precision answer has only its country)."""

    key: str
    name: str
    country: str | None
    precision: str
    geonameid: int | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Annotations:
    """(article id, gold sentence index) -> {type or "*": place}."""

    by_sentence: dict[tuple[str, int], dict[str, GoldPlace]] = field(default_factory=dict)
    events: int = 0

    def place(self, doc_id: str, sentence: int, event_type: str) -> GoldPlace | None:
        found = self.by_sentence.get((doc_id, sentence), {})
        return found.get(event_type) or found.get("*")


def _bad(path: Path, detail: str) -> DictionaryError:
    return DictionaryError(Errors.E201, path=str(path), line=0, detail=detail)


def load_annotations(path: Path = ANNOTATIONS) -> Annotations:
    """The annotation file, checked (E201 names the first problem)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    places: dict[str, GoldPlace] = {}
    for key, p in (data.get("places") or {}).items():
        if p.get("precision") not in PRECISIONS or p.get("lat") is None or p.get("lon") is None:
            raise _bad(
                path, f"places/{key}: needs a precision ({', '.join(PRECISIONS)}) and lat, lon"
            )
        places[key] = GoldPlace(
            key, p["name"], p.get("country"), p["precision"], p.get("geonameid"),
            None if p.get("adm1") is None else str(p["adm1"]), float(p["lat"]), float(p["lon"]),
        )  # fmt: skip
    out = Annotations()
    for i, row in enumerate(data.get("events") or []):
        if not (isinstance(row, list) and len(row) == 4):
            raise _bad(path, f"events/{i}: [article id, sentence index, types, place]")
        doc_id, sentence, types, key = row
        if key in places:
            place = places[key]
        elif isinstance(key, str) and len(key) == 3 and key.isupper():
            place = GoldPlace(key, key, key, "country")
        else:
            raise _bad(path, f"events/{i}: unknown place {key!r}")
        slot = out.by_sentence.setdefault((str(doc_id), int(sentence)), {})
        for kind in str(types).split(","):
            if kind in slot:
                raise _bad(path, f"events/{i}: {doc_id}#{sentence} {kind} annotated twice")
            slot[kind] = place
        out.events += 1
    return out


def country_correct(location: Location | None, gold: GoldPlace) -> bool:
    return location is not None and location.country == gold.country


def city_correct(location: Location | None, gold: GoldPlace) -> bool:
    """The annotated city: the same GeoNames id, or a city within ``CITY_KM``."""
    if location is None or gold.precision != "city" or location.country != gold.country:
        return False
    if gold.geonameid is not None and location.geonameid == gold.geonameid:
        return True
    return location.precision == "city" and _within(location, gold, CITY_KM)


def division_correct(location: Location | None, gold: GoldPlace) -> bool:
    """In the annotated division (or the annotated city's)."""
    if location is None or location.country != gold.country or gold.precision == "country":
        return False
    if location.precision == "country" or location.precision == "region":
        return False
    if gold.adm1 is not None and location.admin1 == gold.adm1:
        return True
    if gold.precision == "division":
        return fold(location.name) == fold(gold.name) or _within(location, gold, DIVISION_KM)
    return False


def _within(location: Location, gold: GoldPlace, limit: float) -> bool:
    if gold.lat is None or gold.lon is None:
        return False
    return km(location.lat, location.lon, gold.lat, gold.lon) <= limit


@dataclass(slots=True)
class Tally:
    scored: int = 0
    country: int = 0
    fine: int = 0  # events annotated at city or division precision
    fine_correct: int = 0
    cities: int = 0
    city_correct: int = 0
    located: int = 0
    via: Counter[str] = field(default_factory=Counter)

    def add(self, location: Location | None, gold: GoldPlace) -> None:
        self.scored += 1
        self.country += country_correct(location, gold)
        if location is not None:
            self.located += 1
            self.via[location.via] += 1
        if gold.precision in ("city", "division"):
            self.fine += 1
            self.fine_correct += city_correct(location, gold) or division_correct(location, gold)
        if gold.precision == "city":
            self.cities += 1
            self.city_correct += city_correct(location, gold)

    def figures(self) -> dict[str, Any]:
        return {
            "events": self.scored,
            "country_correct": ratio(self.country, self.scored),
            "city_or_division_correct": ratio(self.fine_correct, self.fine),
            "fine_events": self.fine,
            "city_correct": ratio(self.city_correct, self.cities),
            "located": ratio(self.located, self.scored),
        }


COLUMNS = [
    "events", "country_correct", "city_or_division_correct", "fine_events", "city_correct",
    "located",
]  # fmt: skip


def _describe(location: Location | None) -> str:
    if location is None:
        return "no location"
    return f"{location.name} {location.country} {location.precision} ({location.via})"


def _gold_text(gold: GoldPlace) -> str:
    return f"{gold.name} {gold.country} {gold.precision}"


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    annotations = load_annotations()
    articles = [a for a in load(data) if any(k[0] == a.id for k in annotations.by_sentence)]
    if limit:
        articles = articles[:limit]
    coded = code_articles(articles, options)
    tallies: dict[str, Tally] = defaultdict(Tally)
    report_errors: list[ErrorCase] = []
    for article, doc in zip(articles, coded, strict=True):
        seen: set[tuple[Any, ...]] = set()
        for text, event in mentions_of(doc):
            sentence = assign(article, text)
            if sentence is None:
                continue
            gold = annotations.place(article.id, sentence.index, event.type)
            gold_types = {t for g in sentence.gold for t in g.types}
            if gold is None or event.type not in gold_types:
                continue
            key = _key(article.id, sentence.index, event)
            if key in seen:
                continue
            seen.add(key)
            for name in ("all", article.source):
                tallies[name].add(event.location, gold)
            if not country_correct(event.location, gold) or (
                gold.precision in ("city", "division")
                and not (
                    city_correct(event.location, gold) or division_correct(event.location, gold)
                )
            ):
                report_errors.append(
                    ErrorCase(
                        item=f"{article.id}#{sentence.index} {event.type}",
                        sentence=event.sentence,
                        gold=_gold_text(gold),
                        system=_describe(event.location),
                        rule=event.location.text if event.location else "",
                    )
                )
    pooled = tallies["all"].figures()
    pooled["annotated"] = annotations.events
    report = Report("geo-events", "all", len(articles), pooled)
    table = Table("geo-events: event locations per source", ["source", *COLUMNS])
    for name in [*sorted(k for k in tallies if k != "all"), "all"]:
        if name in tallies:
            figs = tallies[name].figures()
            table.rows.append([name, *(figs[c] for c in COLUMNS)])
    report.tables.append(table)
    via = tallies["all"].via
    report.tables.append(
        Table("geo-events: how locations were chosen", ["via", "events"],
              [[v, via[v]] for v in ("clause", "sentence", "dateline", "source", "document")])
    )  # fmt: skip
    report.notes.append(
        f"Gold: {annotations.events} hand annotations (data/eval/geo_events.yaml) of "
        f"{len(annotations.by_sentence)} news_gold sentences in {len(articles)} articles; an "
        "event is scored when its gold sentence records its type and is annotated for it. "
        "Targets: country 0.95, city or division 0.80."
    )
    report.errors.extend(report_errors)
    return report


def _key(doc_id: str, sentence: int, event: Event) -> tuple[Any, ...]:
    """One scored record per (sentence, type, source country, target country)."""
    return (
        doc_id, sentence, event.type,
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )  # fmt: skip
