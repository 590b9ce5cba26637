import datetime as dt

import pytest

from dyads.actors.normalize import name_key, parse_date, plural_forms, token_key
from dyads.errors import InputError


@pytest.mark.parametrize("text", ["U.S.", "US", "U.S", "the U.S.", "us"])
def test_abbreviation_dots_and_leading_the(text):
    assert name_key(text) == "us"


def test_curly_quotes_accents_and_possessive():
    assert name_key("People\u2019s Liberation Army") == "people 's liberation army"
    assert name_key("Ukhnaagiin Khürelsükh") == "ukhnaagiin khurelsukh"
    assert name_key("  Jean-Yves   Le Drian ") == "jean yves le drian"


def test_token_key_matches_alias_key_piecewise():
    tokens = ["People", "'s", "Liberation", "Army"]
    assert " ".join(token_key(t) for t in tokens) == name_key("People's Liberation Army")


def test_plural_forms():
    assert plural_forms("soldier") == ["soldiers"]
    assert plural_forms("militia") == ["militias"]
    assert "gunmen" in plural_forms("gunman")
    assert plural_forms("trade union") == ["trade unions"]
    assert plural_forms("authority") == ["authorities"]


def test_parse_date():
    assert parse_date("2024-06-19") == dt.date(2024, 6, 19)
    assert parse_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)
    assert parse_date(None) == dt.date.today()
    assert parse_date("2024-06-19T08:30:00+00:00") == dt.date(2024, 6, 19)
    assert parse_date("2024-06") == dt.date(2024, 6, 1)
    assert parse_date("2024") == dt.date(2024, 1, 1)
    with pytest.raises(InputError) as err:
        parse_date("19/06/2024")
    assert err.value.code == "E203"
