"""Toponyms on short texts of our own: datelines, context, seas, offsets."""

from __future__ import annotations

import pytest

from dyads.places import resolve_toponyms


def _by_text(text: str) -> dict[str, object]:
    return {t.text: t for t in resolve_toponyms(text)}


def test_dateline_karachi_with_exact_offsets() -> None:
    text = "KARACHI, May 27 - Gunmen attacked a police post in the city, officials said."
    found = resolve_toponyms(text)
    first = found[0]
    assert (first.text, first.start, first.end, first.how) == ("KARACHI", 0, 7, "dateline")
    assert first.country == "PAK" and first.name == "Karachi" and first.geonameid
    assert text[first.start : first.end] == first.text


def test_dateline_country_steers_an_ambiguous_city() -> None:
    found = _by_text("HYDERABAD, Pakistan, June 3 - Protesters marched through Hyderabad.")
    assert found["HYDERABAD"].country == "PAK"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Militias clashed in Tripoli as Libya's rival governments traded blame over "
            "Benghazi and Misrata.",
            "LBY",
        ),
        (
            "Gunfire echoed in Tripoli, in northern Lebanon, and the army sent troops from Beirut.",
            "LBN",
        ),
    ],
)
def test_tripoli_follows_the_story(text: str, country: str) -> None:
    assert _by_text(text)["Tripoli"].country == country


def test_georgia_with_tbilisi_is_the_country() -> None:
    georgia = _by_text("Georgia said Russian troops had moved closer to Tbilisi.")["Georgia"]
    assert (georgia.country, georgia.feature_code) == ("GEO", "PCLI")


def test_georgia_with_atlanta_is_the_state() -> None:
    found = _by_text("Voters in Georgia queued for hours in Atlanta and Savannah.")
    assert (found["Georgia"].country, found["Georgia"].feature_code) == ("USA", "ADM1")
    assert found["Atlanta"].admin1 == "GA"


def test_sea_from_extra_yaml() -> None:
    text = "A tanker was hit in the Black Sea, and warships entered the Strait of Hormuz."
    found = _by_text(text)
    sea = found["Black Sea"]
    assert (sea.feature_class, sea.feature_code, sea.geonameid) == ("H", "SEA", None)
    assert text[sea.start : sea.end] == "Black Sea"
    assert found["Strait of Hormuz"].feature_code == "STRT"


def test_offsets_are_exact_for_every_toponym() -> None:
    text = (
        "Talks in Geneva between Iran and the United States ended; Paris and Berlin welcomed them."
    )
    found = resolve_toponyms(text)
    assert [t.text for t in found] == ["Geneva", "Iran", "United States", "Paris", "Berlin"]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert {t.text: t.country for t in found}["Paris"] == "FRA"


def test_us_abbreviation_found_by_the_gazetteer_pass() -> None:
    found = resolve_toponyms("The U.S. Navy said so.")
    assert [(t.text, t.country) for t in found] == [("U.S.", "USA")]


def test_no_places_gives_an_empty_list() -> None:
    assert resolve_toponyms("The minister said the talks would resume next week.") == []


@pytest.mark.parametrize(
    ("text", "name", "not_code"),
    [
        ("The flight landed in Kansas City after midnight.", "Kansas", "ADM1"),
        ("A sailboat capsized on Lake Ontario in rough water.", "Ontario", "ADM1"),
        ("The Guernsey County sheriff closed the road.", "Guernsey", "PCLI"),
    ],
)
def test_country_or_state_inside_a_longer_name_is_not_taken(
    text: str, name: str, not_code: str
) -> None:
    """The gazetteer pass leaves "Kansas" in "Kansas City" alone (the city may be found)."""
    for t in resolve_toponyms(text):
        assert not (t.name == name or t.text == name) or t.feature_code != not_code, t


def test_kansas_city_found_as_the_city() -> None:
    found = resolve_toponyms("Storms hit Kansas City on Tuesday.")
    assert [(t.text, t.feature_class) for t in found] == [("Kansas City", "P")]


def test_geneva_in_a_story_about_the_us_is_still_the_swiss_city() -> None:
    """The US named around it votes for a US town; news means the UN's city (prefer)."""
    text = (
        "The US has 2,000 troops in Syria and will stay until progress is made in the UN-led "
        "peace talks in Geneva. The US and Syria were also discussed in Washington."
    )
    assert _by_text(text)["Geneva"].country == "CHE"
