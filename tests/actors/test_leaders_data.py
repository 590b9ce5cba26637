"""The office-holder files (leaders_*.yaml): persons with dated roles.

Read with plain PyYAML, independent of the loader, so a wrong date or a clashing
alias is caught here whatever the resolver does with it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from functools import cache
from itertools import combinations
from typing import Any

import pycountry
import pytest
import yaml

from dyads.config import DATA_DIR

ACTORS = DATA_DIR / "actors"
LEADER_FILES = sorted(p.name for p in ACTORS.glob("leaders_*.yaml"))
KEYS = {
    "id", "type", "names", "adjectives", "demonyms", "country", "sector", "roles",
    "outside_roles", "surname", "parent", "notes",
}  # fmt: skip
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "JRN", "MED", "BUS", "CVL",
    "IGO", "NGO", "UAF", "ELI", "REF", "EDU", "HLH", "AGR", "LAB", "REL", "CRM", "IMG", "SET",
    "ENV",
}  # fmt: skip
IGO_CODES = {"UN", "NATO", "EU", "AU", "IAEA", "WHO", "IMF", "ICC", "ICJ"}
ID_PATTERN = re.compile(r"^person\.[a-z0-9_]+$")


@cache
def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ACTORS / name).read_text(encoding="utf-8"))


def persons() -> list[tuple[str, dict[str, Any]]]:
    return [(name, e) for name in LEADER_FILES for e in load(name)["actors"]]


@cache
def by_id() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for _, e in persons()}


def fold(alias: str) -> str:
    """How a matcher might compare aliases: no accents, no case, no leading 'the'."""
    text = unicodedata.normalize("NFKD", alias).encode("ascii", "ignore").decode().lower()
    return text.removeprefix("the ").strip()


def as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def span(role: dict[str, Any]) -> tuple[dt.date, dt.date]:
    return as_date(role["start"]) or dt.date.min, as_date(role["end"]) or dt.date.max


def titles_on(person_id: str, day: str) -> set[str]:
    when = dt.date.fromisoformat(day)
    roles = by_id()[person_id]["roles"]
    return {r["title"] for r in roles if span(r)[0] <= when <= span(r)[1]}


def holders(title: str, country: str, day: str) -> set[str]:
    when = dt.date.fromisoformat(day)
    return {
        e["id"]
        for _, e in persons()
        for r in e["roles"]
        if r["title"] == title and r["country"] == country and span(r)[0] <= when <= span(r)[1]
    }


def test_files_exist_with_header() -> None:
    expected = {"americas", "europe", "asia", "mena", "africa", "igo"}
    assert {n.removeprefix("leaders_").removesuffix(".yaml") for n in LEADER_FILES} >= expected
    for name in LEADER_FILES:
        header = (ACTORS / name).read_text(encoding="utf-8").split("version:")[0]
        assert "Sources:" in header and "Last reviewed: 2026-11-28" in header, name
        data = load(name)
        assert data["version"] == 1 and data["actors"], name


def test_entry_shape() -> None:
    for name, e in persons():
        assert e["type"] == "person", (name, e["id"])
        assert ID_PATTERN.match(e["id"]), (name, e["id"])
        assert {"id", "type", "names", "country", "sector", "roles"} <= e.keys(), e["id"]
        assert not e.keys() - KEYS, (e["id"], e.keys() - KEYS)
        names = e["names"]
        assert names and all(isinstance(n, str) and n.strip() == n and n for n in names)
        lowered = [n.lower() for n in names]
        assert len(set(lowered)) == len(lowered), (e["id"], "repeated alias")
        assert e["roles"], (e["id"], "a person here holds at least one office")


def test_ids_unique_across_all_actor_files() -> None:
    seen: dict[str, str] = {}
    for path in sorted(ACTORS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in (data or {}).get("actors") or []:
            assert seen.setdefault(e["id"], path.name) == path.name, (e["id"], path.name)
            seen[e["id"]] = path.name
    ids = [e["id"] for _, e in persons()]
    assert len(ids) == len(set(ids))


def test_aliases_unique_across_all_actor_files() -> None:
    """One alias, one entry: a person's name must not also name a state or a group."""
    owner: dict[str, str] = {}
    clashes = []
    for path in sorted(ACTORS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in (data or {}).get("actors") or []:
            aliases = (*e["names"], *(e.get("adjectives") or []), *(e.get("demonyms") or []))
            for alias in aliases:
                if owner.setdefault(fold(alias), e["id"]) != e["id"]:
                    clashes.append((alias, owner[fold(alias)], e["id"]))
    assert clashes == []


def test_countries_valid() -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    valid = iso | IGO_CODES | {"XKX"}  # Kosovo: user-assigned in ISO 3166, used by everyone
    for _, e in persons():
        codes = [e["country"], *(r["country"] for r in e["roles"])]
        assert all(c in valid for c in codes), (e["id"], codes)


def test_sectors_valid_and_bare_sector_is_current_status() -> None:
    for _, e in persons():
        assert e.get("outside_roles") is None or e["outside_roles"] in SECTORS, e["id"]
        assert all(r["sector"] in SECTORS for r in e["roles"]), e["id"]
        current = [r for r in e["roles"] if r["end"] is None]
        latest = max(current, key=span)["sector"] if current else e.get("outside_roles")
        assert e["sector"] == latest, (e["id"], e["sector"], latest)


def test_roles_have_iso_dates_in_order() -> None:
    for _, e in persons():
        for role in e["roles"]:
            assert {"title", "country", "sector", "start", "end"} <= role.keys(), e["id"]
            assert isinstance(role["title"], str) and role["title"], e["id"]
            for key in ("start", "end"):
                value = role[key]
                assert value is None or isinstance(value, dt.date), (e["id"], key, value)
            start, end = span(role)
            assert start <= end, (e["id"], role)
            assert as_date(role["start"]) is not None, (e["id"], "start unknown")


def test_no_overlapping_roles_with_the_same_title() -> None:
    """A handover day may be shared; anything longer means a typo in a date."""
    for _, e in persons():
        by_title = defaultdict(list)
        for role in e["roles"]:
            by_title[(role["title"], role["country"])].append(span(role))
        for key, spans in by_title.items():
            for (_, a1), (b0, _) in combinations(sorted(spans), 2):
                assert a1 <= b0, (e["id"], key)


def test_surname_is_part_of_a_name_and_not_shared_in_office() -> None:
    """Two people with the same surname in office at once would make "X said" ambiguous."""
    by_surname = defaultdict(list)
    for _, e in persons():
        surname = e.get("surname")
        if not surname:
            continue
        tokens = fold(surname)
        assert any(tokens in fold(n) for n in e["names"]), (e["id"], surname)
        by_surname[tokens].append(e)
    for surname, people in by_surname.items():
        for a, b in combinations(people, 2):
            for ra in a["roles"]:
                for rb in b["roles"]:
                    (a0, a1), (b0, b1) = span(ra), span(rb)
                    assert a1 <= b0 or b1 <= a0, (surname, a["id"], b["id"])


@pytest.mark.parametrize(
    ("person_id", "day", "title", "holds"),
    [
        ("person.vladimir_putin", "2024-06-19", "President", True),
        ("person.vladimir_putin", "2010-01-01", "President", False),
        ("person.vladimir_putin", "2010-01-01", "Prime Minister", True),
        ("person.joe_biden", "2022-03-01", "President", True),
        ("person.joe_biden", "2025-06-01", "President", False),
        ("person.joe_biden", "2012-06-01", "Vice President", True),
        ("person.donald_trump", "2019-01-01", "President", True),
        ("person.donald_trump", "2023-01-01", "President", False),
        ("person.donald_trump", "2025-06-01", "President", True),
        ("person.volodymyr_zelensky", "2019-05-20", "President", True),
        ("person.volodymyr_zelensky", "2019-05-19", "President", False),
        ("person.xi_jinping", "2024-01-01", "President", True),
        ("person.kim_jong_un", "2011-12-17", "Supreme Leader", True),
        ("person.kim_jong_un", "2011-12-16", "Supreme Leader", False),
        ("person.benjamin_netanyahu", "2023-10-07", "Prime Minister", True),
        ("person.benjamin_netanyahu", "2022-01-01", "Prime Minister", False),
        ("person.yoon_suk_yeol", "2023-01-01", "President", True),
        ("person.yoon_suk_yeol", "2025-06-05", "President", False),
        ("person.lee_jae_myung", "2025-06-05", "President", True),
        ("person.ali_khamenei", "2020-01-01", "Supreme Leader", True),
        ("person.antonio_guterres", "2020-01-01", "Secretary-General", True),
    ],
)
def test_spot_checks(person_id: str, day: str, title: str, holds: bool) -> None:
    assert (title in titles_on(person_id, day)) is holds


def test_one_head_at_a_time() -> None:
    assert holders("President", "USA", "2022-03-01") == {"person.joe_biden"}
    assert holders("President", "RUS", "2010-01-01") == {"person.dmitry_medvedev"}
    assert holders("Prime Minister", "GBR", "2020-01-01") == {"person.boris_johnson"}
    assert holders("Secretary General", "NATO", "2020-01-01") == {"person.jens_stoltenberg"}


def test_armed_movement_leaders_are_rebels_with_death_dates() -> None:
    haniyeh = by_id()["person.ismail_haniyeh"]
    assert haniyeh["country"] == "PSE" and haniyeh["sector"] == "REB"
    bureau = [r for r in haniyeh["roles"] if "Political Bureau" in r["title"]]
    assert bureau and bureau[-1]["end"] == dt.date(2024, 7, 31) and bureau[-1]["sector"] == "REB"
    sinwar = by_id()["person.yahya_sinwar"]
    assert max(span(r)[1] for r in sinwar["roles"]) == dt.date(2024, 10, 16)


def test_former_office_holders_are_elites() -> None:
    assert by_id()["person.joe_biden"]["outside_roles"] == "ELI"
    assert by_id()["person.joe_biden"]["sector"] == "ELI"
    assert by_id()["person.vladimir_putin"]["sector"] == "GOV"


@pytest.mark.parametrize(
    ("person_id", "day", "title", "holds"),
    [
        ("person.boris_yeltsin", "1995-01-01", "President", True),
        ("person.boris_yeltsin", "2000-01-01", "President", False),
        ("person.viktor_chernomyrdin", "1998-09-01", "Prime Minister", True),
        ("person.yevgeny_primakov", "1999-01-01", "Prime Minister", True),
        ("person.george_hw_bush", "1991-01-17", "President", True),
        ("person.helmut_kohl", "1990-10-03", "Chancellor", True),
        ("person.francois_mitterrand", "1995-05-18", "President", False),
        ("person.jacques_chirac", "1987-01-01", "Prime Minister", True),
        ("person.li_peng", "1995-01-01", "Premier", True),
        ("person.robert_mugabe", "2017-11-22", "President", False),
        ("person.abdelaziz_bouteflika", "2010-01-01", "President", True),
        ("person.paul_kagame", "1994-07-19", "Vice President", True),
        ("person.jonas_savimbi", "1995-01-01", "Leader of UNITA", True),
        ("person.slobodan_milosevic", "1999-04-01", "President of Yugoslavia", True),
        ("person.alberto_fujimori", "1995-01-01", "President", True),
        ("person.jean_bertrand_aristide", "1992-01-01", "President", False),
    ],
)
def test_spot_checks_since_1990(person_id: str, day: str, title: str, holds: bool) -> None:
    assert (title in titles_on(person_id, day)) is holds


def test_one_head_at_a_time_since_1990() -> None:
    assert holders("President", "RUS", "1996-07-01") == {"person.boris_yeltsin"}
    assert holders("Prime Minister", "GBR", "1995-01-01") == {"person.john_major"}
    assert holders("President", "FRA", "1990-01-01") == {"person.francois_mitterrand"}
    assert holders("President", "ZWE", "2000-01-01") == {"person.robert_mugabe"}
    assert holders("Prime Minister", "JPN", "1995-01-01") == {"person.tomiichi_murayama"}


def test_rebel_leaders_of_the_1990s() -> None:
    """Armed movements: REB while fighting; Taylor then governs as President."""
    taylor = {r["title"]: r for r in by_id()["person.charles_taylor"]["roles"]}
    assert taylor["Leader of the NPFL"]["sector"] == "REB"
    assert taylor["President"]["sector"] == "GOV"
    sankoh = by_id()["person.foday_sankoh"]
    assert sankoh["country"] == "SLE" and sankoh["sector"] == "REB"


def test_ambiguous_surnames_are_left_out() -> None:
    """Two presidents Bush, two Castros, two Bandas: the surname alone picks nobody."""
    for person_id in (
        "person.george_hw_bush", "person.fidel_castro", "person.raul_castro",
        "person.joyce_banda", "person.hastings_banda", "person.peter_mutharika",
    ):  # fmt: skip
        assert not by_id()[person_id].get("surname"), person_id
