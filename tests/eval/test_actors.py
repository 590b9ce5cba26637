import datetime as dt

import pytest

from dyads.eval.actors import Answer, normalise_date, parse, resolve_all, score, verdicts
from dyads.model import Resolution


def case(function="agent_to_code", args=("Putin",), expected=None, expected_not=None):
    return parse(
        {
            "test": "t",
            "function": function,
            "args": list(args),
            "expected": expected or {},
            "expected_not": expected_not or {},
        }
    )


def test_today_means_today():
    assert normalise_date("Today", dt.date(2024, 6, 19)) == "2024-06-19"
    assert normalise_date("2022-01-01") == "2022-01-01"
    assert normalise_date("") is None


def test_country_and_sector_accuracy_with_empty_meaning_none():
    cases = [
        case(expected={"country": "RUS", "code_1": "GOV"}),
        case(
            args=("soldiers",),
            function="short_text_to_agent",
            expected={"country": "", "code_1": "MIL"},
        ),
        case(args=("Kazakhstan",), expected={"country": "KAZ", "code_1": ""}),
    ]
    answers = [Answer("RUS", "GOV"), Answer("USA", "MIL"), Answer("KAZ", "GOV")]
    f = score(cases, answers)
    assert f["n_country"] == 3 and f["country_accuracy"] == pytest.approx(2 / 3)
    assert f["n_sector"] == 3 and f["sector_accuracy"] == pytest.approx(2 / 3)


def test_search_nat_cc_key_is_the_country():
    c = case(function="search_nat", args=("four Saudi men",), expected={"cc": "SAU", "text": ""})
    assert verdicts(c, Answer("SAU", None))["country"] is True


def test_expected_not_and_no_match():
    c = case(args=("John Waluke",), expected_not={"country": "GBR"})
    assert verdicts(c, Answer("GBR", None))["expected_not"] is False
    assert verdicts(c, Answer(None, None))["expected_not"] is True
    junk = case(args=("puppies",))
    assert verdicts(junk, Answer(None, None))["no_match"] is True
    assert verdicts(junk, Answer(None, "CVL"))["no_match"] is False


def test_unknown_gold_sector_is_not_scored():
    c = case(expected={"country": "MNG", "code_1": "????"})
    assert verdicts(c, Answer("MNG", "PTY"))["sector"] is None


def test_context_country_fills_a_missing_country():
    table = {
        "Defense Minister": Resolution(
            "Defense Minister", None, None, "GOV", None, "GOV", "minister"
        ),
        "German": Resolution("German", None, "DEU", None, None, "DEU", "German"),
    }
    c = case(args=("Defense Minister", "German"), expected={"country": "DEU", "code_1": "GOV"})
    [answer] = resolve_all([c], lambda text, date: table[text])
    assert (answer.country, answer.sector) == ("DEU", "GOV")


def test_ngec_medical_code_is_our_health_sector():
    c = case(args=("medic",), function="short_text_to_agent", expected={"code_1": "MED"})
    assert verdicts(c, Answer(None, "HLH"))["sector"] is True
