"""Phrase reading over the packaged dictionaries: dated roles, acronym case, group status."""

from __future__ import annotations

import pytest

from dyads.actors.dictionary import ActorDictionary


def code(resolver, text: str, date: str = "2023-04-01") -> tuple[str | None, str | None]:
    res = resolver.resolve_name(text, date)
    return res.country, res.sector


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Jüri Ratas", "2018-01-01", ("EST", "GOV")),  # prime minister
        ("Jüri Ratas", "2021-07-01", ("EST", "LEG")),  # speaker of the Riigikogu
        ("Hashim Thaci", "2011-12-01", ("XKX", "GOV")),
        ("Hashim Thaci", "2023-04-01", ("XKX", "ELI")),  # out of office
        ("Albin Kurti", "2021-01-01", ("XKX", "PTY")),  # opposition party leader
        ("Jam Kamal Khan", "2021-10-01", ("PAK", "GOV")),  # chief minister
        ("Jam Kamal Khan", "2022-10-20", ("PAK", "LEG")),  # back to the provincial assembly
        ("Kwasi Kwarteng", "2022-09-20", ("GBR", "GOV")),
        ("Kwasi Kwarteng", "2023-04-01", ("GBR", "LEG")),
        ("Alexander Lukashenko", "2022-01-01", ("BLR", "GOV")),
    ],
)
def test_dated_roles_of_added_office_holders(builtin_resolver, text, date, expected):
    assert code(builtin_resolver, text, date) == expected


@pytest.mark.parametrize("text", ["UN", "U.N.", "the UN"])
def test_short_acronym_matches_in_capitals(builtin_resolver, text):
    assert code(builtin_resolver, text) == ("UN", "IGO")


@pytest.mark.parametrize("text", ["Un", "un", "us", "who", "car"])
def test_short_acronym_never_matches_otherwise(builtin_resolver, text):
    assert code(builtin_resolver, text) == (None, None)


def test_short_acronyms_are_upper_only_keys():
    dictionary = ActorDictionary.builtin()
    assert {"un", "us", "who", "car", "au"} <= dictionary.upper_only
    assert "nato" not in dictionary.upper_only  # also written "Nato"
    assert "united nations" not in dictionary.upper_only


def test_kim_jong_un_is_a_person_not_the_un(builtin_resolver):
    assert code(builtin_resolver, "Kim Jong Un") == ("PRK", "GOV")


def test_lowercase_input_does_not_read_surnames(builtin_resolver):
    # "borne" is a French prime minister's surname; typed lowercase it is a word
    assert code(builtin_resolver, "car - borne youths") == (None, "CVL")


@pytest.mark.parametrize(
    ("text", "date", "sector"),
    [
        ("Taliban", "2002-05-01", "REB"),
        ("Taliban", "2022-05-01", "GOV"),
        ("Taliban fighters", "2002-05-01", "REB"),
        ("Taliban fighters", "2022-05-01", "GOV"),
    ],
)
def test_group_roles_apply_on_the_date(builtin_resolver, text, date, sector):
    assert code(builtin_resolver, text, date) == ("AFG", sector)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Community", ("EU", "IGO")),
        ("European Community foreign ministers", ("EU", "IGO")),
        ("Riigikogu", ("EST", "LEG")),
        ("the Baltic Fleet", ("RUS", "MIL")),
        ("members of SANDF", ("ZAF", "MIL")),
        ("Rakhine rebels", ("MMR", "REB")),
    ],
)
def test_added_bodies_and_places(builtin_resolver, text, expected):
    assert code(builtin_resolver, text) == expected
