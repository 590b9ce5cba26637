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
    assert [(e.date, e.date_precision) for e in plain if e.type == "ASSAULT"] == [(BASE, "day")]


def test_weekday_of_the_publication_day_is_that_day():
    from dyads.events.dates import resolve_relative

    # 2025-03-12 was a Wednesday: "on Wednesday" in that day's report means that day
    assert resolve_relative("Ukraine on Wednesday accused Iran", "2025-03-12") == (
        "2025-03-12",
        "day",
    )
