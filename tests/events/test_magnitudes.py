"""dyads.magnitudes.v1: dead, injured and size where the event's clause states them."""

from __future__ import annotations

import pytest

from dyads.events.magnitudes import MagnitudeReader


@pytest.fixture(scope="module")
def reader():
    return MagnitudeReader()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["24"], 24),
        (["4,000"], 4000),
        (["1.5", "million"], 1_500_000),
        (["two", "dozen"], 24),
        (["a", "dozen"], 12),
        (["dozens"], 12),
        (["hundreds"], 100),
        (["thousands"], 1000),
        (["tens", "of", "thousands"], 10_000),
        (["hundreds", "of", "thousands"], 100_000),
        (["two", "hundred", "and", "fifty"], 250),
        (["twenty", "-", "four"], 24),
        (["a"], None),
    ],
)
def test_number_words(reader, words, expected):
    assert reader.value(words) == expected


def _magnitudes(code, text, date="2024-06-19"):
    return [
        (
            e.type,
            *(
                None if m is None else (m.value, m.text, text[m.start : m.end])
                for m in (e.dead, e.injured, e.size)
            ),
        )
        for e in code(text, date)
    ]


@pytest.mark.slow
def test_dead_and_injured_of_the_killing(code):
    text = "Russian troops shelled Kharkiv, killing at least 24 civilians and wounding 30."
    found = _magnitudes(code, text)
    killing = [f for f in found if f[1] is not None]
    assert killing == [("ASSAULT", (24, "at least 24", "at least 24"), (30, "30", "30"), None)]


@pytest.mark.slow
def test_passive_victims_and_written_numbers(code):
    found = _magnitudes(code, "Two dozen civilians have been killed by Syrian government forces.")
    assert ("ASSAULT", (24, "Two dozen", "Two dozen"), None, None) in found


@pytest.mark.slow
def test_size_of_protesters_and_troops(code):
    protest = _magnitudes(code, "Thousands of protesters marched against the government in Kyiv.")
    assert protest == [("PROTEST", None, None, (1000, "Thousands", "Thousands"))]
    troops = _magnitudes(code, "Russia deployed more than 4,000 troops to the border with Ukraine.")
    assert troops[0][0] == "MOBILIZE"
    assert troops[0][3] == (4000, "more than 4,000", "more than 4,000")


@pytest.mark.slow
def test_a_count_after_a_month_is_no_date(code):
    text = "On 16 and 17 July 36 civilians were reportedly killed by Syrian government forces."
    events = code(text, "2004-11-13")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert (assault.date, assault.date_precision) == ("2004-07-16", "day")
    assert (assault.dead.value, assault.dead.text) == (36, "36")


@pytest.mark.slow
def test_a_count_in_another_clause_is_not_the_events(code):
    text = (
        "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, where 24 people were "
        "killed in riots last March."
    )
    protest = next(e for e in code(text) if e.type == "PROTEST")
    assert protest.dead is None  # a PROTEST has no dead; the riots' toll is not the march's
    assert (protest.size.value, protest.size.text) == (100, "Up to 100")


@pytest.mark.slow
def test_no_magnitudes_from_dates_sums_or_things(code):
    for text in (
        "Russia fired 30 missiles at Kyiv on 12 March.",
        "The army attacked the town in 2004, police said.",
        "Protesters marched for 36 hours against the 20 percent tax.",
    ):
        assert all(e.dead is None and e.injured is None and e.size is None for e in code(text)), (
            text
        )


@pytest.mark.slow
def test_offsets_are_the_documents(code):
    text = "Officials met in Geneva.\n\nGunmen killed 12 villagers in Borno state on Monday."
    event = next(e for e in code(text) if e.dead is not None)
    assert text[event.dead.start : event.dead.end] == "12"
    assert event.to_dict()["dead"] == {"value": 12, "text": "12", "start": 40, "end": 42}


@pytest.mark.slow
def test_the_attackers_are_no_dead(code):
    text = "Two waves of airstrikes on Idlib killed at least 13 civilians on Monday."
    dead = [e.dead for e in code(text) if e.dead is not None]
    assert dead and all((m.value, m.text) == (13, "at least 13") for m in dead)
