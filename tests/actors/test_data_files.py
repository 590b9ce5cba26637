"""The bundled actor data files (states, capitals, metonyms, IGOs, groups, cities, media).

Read with plain PyYAML, independent of the loader, so a broken file is caught here
even when the resolver code changes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from functools import cache
from itertools import pairwise
from typing import Any

import pycountry
import pytest
import yaml

from dyads.config import DATA_DIR

ACTORS = DATA_DIR / "actors"
FILE_TYPES = {
    "states.yaml": {"state"},
    "capitals.yaml": {"capital"},
    "metonyms.yaml": {"metonym", "organ"},
    "igos.yaml": {"igo", "organ", "group"},
    "groups.yaml": {"group", "party"},
    "cities.yaml": {"city"},
    "media.yaml": {"media"},
}
KEYS = {
    "id", "type", "names", "adjectives", "demonyms", "country", "sector", "roles",
    "outside_roles", "surname", "parent", "notes", "code", "seat_of", "active_in", "namesake_in",
}  # fmt: skip
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+$")


@cache
def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ACTORS / name).read_text(encoding="utf-8"))


def entries(*names: str) -> list[tuple[str, dict[str, Any]]]:
    return [(n, e) for n in names or FILE_TYPES for e in load(n)["actors"]]


def igo_codes() -> set[str]:
    return {e["id"] for _, e in entries("igos.yaml") if e["type"] == "igo"}


def fold(alias: str) -> str:
    """How a matcher might compare aliases: no accents, no case, no leading 'the'."""
    text = unicodedata.normalize("NFKD", alias).encode("ascii", "ignore").decode().lower()
    return text.removeprefix("the ").strip()


def as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@pytest.mark.parametrize("name", sorted(FILE_TYPES))
def test_file_shape_and_header(name: str) -> None:
    text = (ACTORS / name).read_text(encoding="utf-8")
    header = text.split("version:")[0]
    assert "Sources:" in header and "Last reviewed:" in header, f"{name}: header incomplete"
    data = load(name)
    assert data["version"] == 1
    assert data["actors"], f"{name} is empty"
    assert {e["type"] for e in data["actors"]} <= FILE_TYPES[name]


def test_required_keys_and_no_unknown_keys() -> None:
    for name, e in entries():
        assert {"id", "type", "names", "country", "sector"} <= e.keys(), (name, e.get("id"))
        assert not e.keys() - KEYS, (name, e["id"], e.keys() - KEYS)
        for key in ("names", "adjectives", "demonyms"):
            values = e.get(key) or []
            assert isinstance(values, list), (name, e["id"], key)
            assert all(isinstance(v, str) and v.strip() == v and v for v in values)
        assert e["names"], (name, e["id"])


def test_ids_unique_and_well_formed() -> None:
    counts = Counter(e["id"] for _, e in entries())
    assert [i for i, n in counts.items() if n > 1] == []
    assert all(ID_PATTERN.match(i) for i in counts)


def test_aliases_unique_across_files() -> None:
    """One alias, one entry: otherwise the resolver has to guess."""
    owner: dict[str, str] = {}
    clashes = []
    for _, e in entries():
        for alias in (*e["names"], *(e.get("adjectives") or []), *(e.get("demonyms") or [])):
            key = fold(alias)
            if owner.setdefault(key, e["id"]) != e["id"]:
                clashes.append((alias, owner[key], e["id"]))
    assert clashes == []


def test_countries_are_iso_or_igo() -> None:
    igos = igo_codes()
    iso = {c.alpha_3 for c in pycountry.countries}
    assert not igos & iso, "an IGO code clashes with an ISO 3166 alpha-3 code"
    valid = iso | igos | {"XKX"}
    for name, e in entries():
        codes = [e["country"], *(r["country"] for r in e.get("roles") or [])]
        assert all(c is None or c in valid for c in codes), (name, e["id"], codes)
        if e["type"] == "organ":
            assert e.get("parent") in valid, (name, e["id"])


def test_sectors_are_known_and_fit_the_type() -> None:
    sectors_file = ACTORS / "sectors.yaml"
    if not sectors_file.is_file():
        pytest.skip("sectors.yaml not written yet")
    known = {s["code"] for s in yaml.safe_load(sectors_file.read_text())["sectors"]}
    expected = {"state": None, "capital": "GOV", "city": "CVL", "media": "MED", "igo": "IGO"}
    for name, e in entries():
        for sector in (e["sector"], *(r["sector"] for r in e.get("roles") or [])):
            assert sector is None or sector in known, (name, e["id"], sector)
        if e["type"] in expected:
            assert e["sector"] == expected[e["type"]], (name, e["id"])
        else:
            assert e["sector"] in known, (name, e["id"])


def test_roles_dated_ordered_and_not_overlapping() -> None:
    for name, e in entries():
        spans = []
        for role in e.get("roles") or []:
            assert {"title", "sector", "start", "end"} <= role.keys(), (name, e["id"])
            start, end = as_date(role["start"]), as_date(role["end"])
            assert start is None or end is None or start <= end, (name, e["id"], role)
            spans.append((start or dt.date.min, end or dt.date.max))
        for (_, end), (start, _) in pairwise(spans):
            assert end < start, (name, e["id"], "roles out of order or overlapping")
        if spans:
            assert e["sector"] == (e["roles"][-1]["sector"]), (name, e["id"], "bare != latest")


def sector_on(entry_id: str, day: str) -> str | None:
    entry = next(e for _, e in entries("groups.yaml") if e["id"] == entry_id)
    when = dt.date.fromisoformat(day)
    for role in entry.get("roles") or []:
        start, end = as_date(role["start"]), as_date(role["end"])
        if (start is None or start <= when) and (end is None or when <= end):
            return role["sector"]
    return entry["sector"]


def test_group_status_changes_with_the_date() -> None:
    assert sector_on("group.taliban", "2021-08-14") == "REB"
    assert sector_on("group.taliban", "2021-08-15") == "GOV"
    assert sector_on("group.hts", "2024-01-01") == "REB"
    assert sector_on("group.hts", "2025-01-01") == "GOV"
    assert sector_on("group.rsf", "2022-06-01") == "MIL"
    assert sector_on("group.rsf", "2023-06-01") == "REB"
    assert sector_on("group.farc", "2010-01-01") == "REB"
    assert len(load("groups.yaml")["actors"]) >= 40


def test_every_iso_state_plus_kosovo_and_palestine() -> None:
    states = {e["id"]: e for _, e in entries("states.yaml")}
    for country in pycountry.countries:
        assert country.alpha_3 in states, country.name
        assert states[country.alpha_3]["country"] == country.alpha_3
        assert states[country.alpha_3]["sector"] is None
    assert "XKX" in states and "Palestine" in states["PSE"]["names"]


def alias_index(*files: str) -> dict[str, tuple[str | None, str | None]]:
    index = {}
    for _, e in entries(*files):
        for alias in (*e["names"], *(e.get("adjectives") or []), *(e.get("demonyms") or [])):
            index[alias] = (e["country"], e["sector"])
    return index


@pytest.mark.parametrize(
    ("alias", "country", "sector"),
    [
        ("U.S.", "USA", None), ("Americans", "USA", None), ("Britain", "GBR", None),
        ("DPRK", "PRK", None), ("North Korean", "PRK", None), ("Republic of China", "TWN", None),
        ("People's Republic of China", "CHN", None), ("Burma", "MMR", None),
        ("Emirati", "ARE", None), ("Filipino", "PHL", None), ("Türkiye", "TUR", None),
        ("Kyiv", "UKR", "GOV"), ("Kiev", "UKR", "GOV"), ("Pyongyang", "PRK", "GOV"),
        ("Pretoria", "ZAF", "GOV"), ("The Hague", "NLD", "GOV"), ("Naypyidaw", "MMR", "GOV"),
        ("Kremlin", "RUS", "GOV"), ("Pentagon", "USA", "MIL"), ("Knesset", "ISR", "LEG"),
        ("Mossad", "ISR", "SPY"), ("FBI", "USA", "COP"), ("KCNA", "PRK", "MED"),
        ("U.N. Security Council", "UN", "IGO"), ("NATO", "NATO", "IGO"),
        ("Houthis", "YEM", "REB"), ("Kharkiv", "UKR", "CVL"), ("El Fasher", "SDN", "CVL"),
    ],
)  # fmt: skip
def test_well_known_aliases(alias: str, country: str, sector: str | None) -> None:
    assert alias_index().get(alias) == (country, sector)


def test_capitals_cover_the_states() -> None:
    with_capital = {e["country"] for _, e in entries("capitals.yaml")}
    assert len(with_capital) >= 195
    un_members_sample = {"RUS", "USA", "CHN", "FRA", "GBR", "IND", "BRA", "NGA", "ZAF", "AUS"}
    assert un_members_sample <= with_capital
    assert len(load("cities.yaml")["actors"]) >= 300


def test_active_in_names_states() -> None:
    """A transnational group's countries of operation are states of the dictionary, and
    only groups without a country of their own have them."""
    states = {e["id"] for _, e in entries() if e["type"] == "state"}
    for name, e in entries():
        if "active_in" in e:
            assert e["type"] == "group" and e["country"] is None, (name, e["id"])
            assert e["active_in"] and set(e["active_in"]) <= states, (name, e["id"])
