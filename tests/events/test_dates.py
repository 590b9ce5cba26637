"""Relative dates in the trigger's clause resolve against the publication date."""

from __future__ import annotations

import pytest

import dyads
from dyads.events.dates import resolve_relative

BASE = "2024-06-19"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked the port on Tuesday.", ("2024-06-18", "day")),
        ("The minister said yesterday that talks had failed.", ("2024-06-18", "day")),
        ("Troops crossed the border last week.", ("2024-06-12", "day")),
        ("The two leaders met on March 3 in Hanoi.", ("2024-03-03", "day")),
        ("The accord was signed on 12 March 2024.", ("2024-03-12", "day")),
        ("Protests began in May across the country.", ("2024-05-01", "month")),
        ("Sanctions were imposed last month.", ("2024-05-01", "month")),
        ("Elections were held last year.", ("2023-01-01", "year")),
        ("Nothing relative is said here.", None),
    ],
)
def test_resolve_relative(text, expected):
    assert resolve_relative(text, BASE) == expected


def test_month_and_day_prefer_the_past():
    assert resolve_relative("The summit opens on December 12.", "2024-06-19") == (
        "2023-12-12",
        "day",
    )


@pytest.mark.slow
def test_event_date_from_the_triggers_clause():
    events = dyads.code_text("Russia attacked Ukraine on Tuesday, officials said.", date=BASE)
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and (assault[0].date, assault[0].date_precision) == ("2024-06-18", "day")
    plain = dyads.code_text("Russia attacked Ukraine, officials said.", date=BASE)
    assert [(e.date, e.date_precision) for e in plain if e.type == "ASSAULT"] == [
        (BASE, "document")
    ]
    undated = dyads.code_text("Russia attacked Ukraine, officials said.")
    assert [(e.date, e.date_precision) for e in undated if e.type == "ASSAULT"] == [(None, "none")]


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        # a number after a month is a day or a four-digit year, never a count
        ("On 16 and 17 July 36 civilians were reportedly killed.", "2004-11-13",
         ("2004-07-16", "day")),
        ("On 16-17 July troops shelled the town.", "2004-11-13", ("2004-07-16", "day")),
        ("In July 36 civilians were killed.", "2004-11-13", ("2004-07-01", "month")),
        ("Troops left in July 1999.", "2004-11-13", ("1999-07-01", "month")),
        ("The siege ended on November 14.", "2004-11-13", ("2004-11-14", "day")),  # a day later
        # later than the day after publication: last year's, or not trusted with a year
        ("The siege ended on November 15.", "2004-11-13", ("2003-11-15", "day")),
        ("Talks were held in December.", "2004-11-13", ("2003-12-01", "month")),
        ("Talks were held on December 30.", "2005-01-02", ("2004-12-30", "day")),
        ("The accord was signed on July 4, 2009.", "2004-11-13", None),
        ("The accord was signed on 30 February.", "2004-11-13", None),
    ],
)  # fmt: skip
def test_calendar_dates_are_never_impossible(text, base, expected):
    assert resolve_relative(text, base) == expected


def test_month_number_is_not_a_date():
    assert resolve_relative("By July 36 civilians had died.", "2004-11-13") is None


def test_weekday_of_the_publication_day_is_that_day():
    from dyads.events.dates import resolve_relative

    # 2025-03-12 was a Wednesday: "on Wednesday" in that day's report means that day
    assert resolve_relative("Ukraine on Wednesday accused Iran", "2025-03-12") == (
        "2025-03-12",
        "day",
    )
