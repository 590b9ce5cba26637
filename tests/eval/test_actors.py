import datetime as dt

import pytest

from dyads.eval.actors import (
    REFERENCE_DATE,
    Answer,
    drop_conflicts,
    normalise_date,
    parse,
    resolve_all,
    score,
    verdicts,
)
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


def test_today_means_the_ngec_reference_date():
    assert normalise_date("Today", dt.date(2024, 6, 19)) == "2024-06-19"
    assert normalise_date("today") == REFERENCE_DATE.isoformat() == "2023-04-01"
    assert normalise_date("2022-01-01") == "2022-01-01"
    assert normalise_date("1 January 2018") == "2018-01-01"
    assert normalise_date("") is None


def test_missing_date_is_ngec_default_today():
    assert case(args=("Putin",)).date == REFERENCE_DATE.isoformat()
    assert not case(args=("Putin",)).dated
    assert case(args=("Putin", "", "2009-01-01")).date == "2009-01-01"


def test_gold_keyword_arguments_are_honoured():
    c = parse(
        {
            "test": "t",
            "function": "agent_to_code",
            "args": ["PRI"],
            "kwargs": {"query_date": "2022-06-01", "known_country": "Mexico"},
            "expected": {"country": "MEX"},
        }
    )
    assert (c.date, c.context, c.dated) == ("2022-06-01", "Mexico", True)


def test_conflicting_undated_rows_are_dropped():
    rows = [
        case(args=("Trump",), expected={"country": "USA", "code_1": "GOV"}),
        case(args=("Trump",), expected={"country": "USA", "code_1": "ELI"}),
        case(args=("Trump", "", "today"), expected={"country": "USA", "code_1": "GOV"}),
        case(args=("Beijing",), expected={"country": "CHN", "code_1": "GOV"}),
        case(args=("Beijing",), expected={"country": "CHN"}),  # no sector: no conflict
    ]
    kept, dropped = drop_conflicts(rows)
    assert dropped == 2
    assert [c.text for c in kept] == ["Trump", "Beijing", "Beijing"] and kept[0].dated


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
