"""Event locations on short texts of our own: clause, sentence, dateline, document."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyads
from dyads.errors import DictionaryError
from dyads.model import Event, Location
from dyads.pipeline import code_documents, document_from_text
from dyads.places.locate import load_rules, precision_of


def _located(text: str) -> list[Event]:
    events = dyads.code_text(text, "2020-03-01")
    assert events, f"no event coded in {text!r}"
    return events


def _where(text: str) -> Location:
    location = _located(text)[0].location
    assert location is not None, f"no location for {text!r}"
    assert text[location.start : location.end] == location.text
    return location


@pytest.mark.parametrize(
    ("text", "name", "country", "precision", "via"),
    [
        ("Police arrested 20 protesters in Munich on Tuesday.", "Munich", "DEU", "city", "clause"),
        ("Erdogan met Putin in Sochi on Monday.", "Sochi", "RUS", "city", "clause"),
        (
            "Israeli aircraft struck targets in the southern Lebanese city of Tyre.",
            "Tyre", "LBN", "city", "clause",
        ),
        (
            "Turkish troops attacked Kurdish fighters in northern Syria.",
            "Syria", "SYR", "country", "clause",
        ),
        # the killing's clause names no place: the document's (a Kabul hotel, not an actor)
        ("Gunmen stormed a Kabul hotel, killing 12 people.", "Kabul", "AFG", "city",
         "document"),
        ("China deployed warships to the South China Sea.", "South China Sea", None, "region",
         "clause"),
        (
            "KYIV, March 22 (Reuters) - Russia launched missiles at Kharkiv.",
            "Kharkiv", "UKR", "city", "clause",
        ),
    ],
)  # fmt: skip
def test_the_place_of_the_event_clause(
    text: str, name: str, country: str | None, precision: str, via: str
) -> None:
    location = _where(text)
    assert (location.name, location.country, location.precision, location.via) == (
        name, country, precision, via,
    )  # fmt: skip


def test_the_dateline_when_the_sentence_names_no_place() -> None:
    location = _where("KARACHI, May 27 - Gunmen attacked a police station, killing five officers.")
    assert (location.name, location.country, location.via, location.text) == (
        "Karachi", "PAK", "dateline", "KARACHI",
    )  # fmt: skip
    assert location.geonameid and location.admin1


def test_the_document_main_place_last() -> None:
    text = (
        "Protesters rallied in Tehran on Friday.\n\nThe United States imposed new sanctions "
        "on Iran.\n\nPolice arrested dozens of people."
    )
    by_type = {e.type: e.location for e in _located(text)}
    sanction, arrest = by_type["SANCTION"], by_type["COERCE"]
    assert sanction is not None and (sanction.country, sanction.via) == ("USA", "source")
    assert arrest is not None and (arrest.name, arrest.via) == ("Tehran", "document")


def test_reported_speech_keeps_its_own_place() -> None:
    events = _located("Speaking in Ankara, Erdogan said Turkish jets had bombed Afrin.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.location is not None and assault.location.country == "SYR"


def test_no_place_no_location() -> None:
    events = _located("Al-Qaeda militants attacked a convoy on Tuesday.")
    assert all(e.location is None for e in events)


def test_off_switch() -> None:
    options = dyads.load_options().with_(locate_events=False)
    text = "Police arrested 20 protesters in Munich on Tuesday."
    coded = code_documents([document_from_text(text, "2020-03-01")], options)[0]
    assert coded.events and all(e.location is None for e in coded.events)


def test_locations_validate_against_the_event_schema() -> None:
    from dyads.store.schema import validate_event

    for event in _located("Erdogan met Putin in Sochi on Monday."):
        validate_event(event.to_dict())


def test_precision_reads_the_feature() -> None:
    rules = load_rules()
    assert precision_of("P", "PPL", rules) == "city"
    assert precision_of("A", "ADM1", rules) == "division"
    assert precision_of("A", "PCLI", rules) == "country"
    assert precision_of("H", "SEA", rules) == "region"


def test_a_bad_rules_file_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "locate.yaml"
    bad.write_text("version: 1\nlocative: [In]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="E201"):
        load_rules.__wrapped__(bad)


def test_a_statement_without_a_place_is_in_its_source_country() -> None:
    text = "Iran accused the United States of lying about the talks."
    accuse = next(e for e in _located(text) if e.type == "ACCUSE")
    assert accuse.location is not None
    assert (accuse.location.country, accuse.location.via) == ("IRN", "source")


def test_what_was_said_is_not_where_it_was_said() -> None:
    text = "Putin rejected calls for a ceasefire in Idlib."
    reject = next(e for e in _located(text) if e.type == "REJECT")
    assert reject.location is not None and reject.location.country == "RUS"


def test_a_country_becomes_the_story_city() -> None:
    text = (
        "A bomber struck a restaurant in the town of Manbij on Wednesday.\n\n"
        "Islamic State fighters attacked US troops in Syria, officials said."
    )
    events = [e for e in _located(text) if e.type == "ASSAULT" and "Syria" in e.sentence]
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.via) == ("Manbij", "document")


def test_a_dateline_with_accents() -> None:
    location = _where("BRASÍLIA, Brazil - Police arrested 20 protesters on Tuesday.")
    assert (location.name, location.country, location.via) == ("Brasília", "BRA", "dateline")


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Police arrested 20 protesters in Munich on Tuesday.", "Munich", "DEU"),
        ("Turkish troops attacked Kurdish fighters in northern Syria.", "Syria", "SYR"),
        ("China deployed warships to the South China Sea.", "South China Sea", None),
        ("KARACHI, May 27 - Gunmen attacked a police station, killing five officers.",
         "KARACHI", "PAK"),
        ("Gunmen stormed a Kabul hotel, killing 12 people.", "Kabul", "AFG"),
    ],
)  # fmt: skip
def test_places_are_never_actors(text: str, place: str, country: str | None) -> None:
    """A place gives the location, and at most the country of an actor there."""
    for event in _located(text):
        for actor in (event.source, event.target, event.attributed_to):
            assert actor is None or place not in actor.text, (event.type, actor)
        assert event.location is not None and event.location.country == country


def test_an_institution_speaks_from_its_seat() -> None:
    accuse = next(e for e in _located("The Kremlin accused NATO of provocation.")
                  if e.type == "ACCUSE")  # fmt: skip
    assert accuse.location is not None
    assert (accuse.location.name, accuse.location.via) == ("Moscow", "source")


def test_a_speaker_stays_where_the_document_heard_them() -> None:
    text = (
        "Erdogan accused the United States of arming terrorists in a speech in Ankara on "
        "Monday.\n\nErdogan also criticised Russia over the deal."
    )
    events = [e for e in _located(text) if e.type == "ACCUSE"]
    assert len(events) >= 2
    assert all(e.location is not None and e.location.name == "Ankara" for e in events)


def test_the_schema_enums_are_the_locator_s() -> None:
    from dyads.places.locate import PRECISIONS, VIAS
    from dyads.store.schema import event_schema

    props = event_schema()["$defs"]["location"]["properties"]
    assert tuple(props["via"]["enum"]) == VIAS
    assert tuple(props["precision"]["enum"]) == PRECISIONS


@pytest.mark.parametrize(
    ("text", "kind", "name", "country", "via"),
    [
        # what was said is not where it was said, even at sentence level
        ("Lavrov warned that Americans had taken dangerous unilateral steps in Syria.",
         "ACCUSE", "Russia", "RUS", "source"),
        # a place name modifying a non-place noun is no place ("in a US strike")
        ("The British minister rejected reports that Jones had died in a US strike.",
         "REJECT", "United Kingdom", "GBR", "source"),
        # a seat is its city, not a division of the same name
        ("The White House warned Assad against using chemical weapons again.",
         "THREATEN", "Washington", "USA", "source"),
        # a transliteration GeoNames spells otherwise, under a place noun ("oil fields")
        ("Clashes killed 20 fighters around the oil fields of Deir Ezzor region.",
         "ASSAULT", "Deir ez-Zor", "SYR", "clause"),
        # an airbase of extra.yaml, at city precision in its division
        ("Trump ordered a missile strike against the Syrian regime's al-Shayrat airbase.",
         "ASSAULT", "Shayrat Airbase", "SYR", "clause"),
        # an attack noun's "of" names its target
        ("Russian jets renewed their bombardment of southern Idlib on Monday.",
         "ASSAULT", "Idlib", "SYR", "clause"),
        # a relative clause of place happens where its noun is
        ("Speaking after a summit in Tehran at which Erdogan pleaded with Putin to halt the "
         "offensive, the president said Turkey would not take part.",
         "REQUEST", "Tehran", "IRN", "clause"),
        # the only city the document names in a country refines that country
        ("US forces carried out air strikes against a pro-regime force in eastern Syria.\n\n"
         "Fighting continued in Mayadeen on Monday, officials said.",
         "ASSAULT", "Al Mayādīn", "SYR", "document"),
        # a statement right after talks its source's country took part in
        ("Putin, Erdogan and Rouhani met in Tehran on Friday.\n\n"
         "Putin rejected Erdogan's call for a ceasefire.",
         "REJECT", "Tehran", "IRN", "source"),
        # a speaker's place from the parse ("who is in London", "during a trip to Athens")
        ("The opposition leader Nasr Hariri, who is in London, met British officials on "
         "Tuesday.\n\nHariri rejected the Russian proposal.",
         "REJECT", "London", "GBR", "source"),
        ("Dunford told reporters during a trip to Athens.\n\n"
         "Dunford warned Syria against a major assault.",
         "THREATEN", "Athens", "GRC", "source"),
    ],
)  # fmt: skip
def test_where_statements_and_attacks_happened(
    text: str, kind: str, name: str, country: str, via: str
) -> None:
    event = next(e for e in _located(text) if e.type == kind)
    assert event.location is not None
    assert (event.location.name, event.location.country, event.location.via) == (
        name, country, via,
    )  # fmt: skip
    if name == "Washington":
        assert event.location.precision == "city"


def test_unplaced_events_go_where_their_kind_happened() -> None:
    """A story of talks in Geneva and fighting in Aleppo: an attack with no place of its
    own is in Aleppo, not at the talks."""
    text = (
        "Syrian and Russian officials held talks in Geneva on Monday.\n\n"
        "Rebels shelled army positions in Aleppo on Tuesday.\n\n"
        "Government troops attacked the rebels on Wednesday."
    )
    attack = [e for e in _located(text) if e.type == "ASSAULT"][-1]
    assert attack.location is not None
    assert (attack.location.name, attack.location.via) == ("Aleppo", "document")


def test_a_federal_district_is_a_division() -> None:
    text = (
        "Hu Jintao had lunch with Lula at the Granja do Torto, the president's residence in "
        "the Brazilian Federal District."
    )
    location = _where(text)
    assert (location.country, location.precision, location.admin1) == ("BRA", "division", "07")


def test_joint_work_happens_in_a_party_country() -> None:
    """The document's main place is taken among the parties' countries for joint work and
    deployments (locate.yaml party_types), not for fighting or talks."""
    text = (
        "Russia will host a peace congress in Sochi next week.\n\nDelegates began arriving in "
        "Sochi on Monday, and officials in Sochi said the hall in Sochi was ready.\n\n"
        "The United States said it was working with Syria's Kurdish forces."
    )
    cooperation = [e for e in _located(text) if e.type == "COOPERATE"]
    assert cooperation, "no COOPERATE coded"
    for event in cooperation:
        assert event.location is not None
        assert event.location.country in ("USA", "SYR"), event.location


def test_a_negotiator_speaks_at_the_talks() -> None:
    """A statement by a negotiator with no place of its own is made at the talks the story
    last placed in a city, in that city's largest namesake (locate.yaml delegate_nouns)."""
    text = (
        "Peace talks in Vienna ended late on Friday with no sign of progress.\n\n"
        "The Syrian government negotiator accused the United States of blatant interference."
    )
    accuse = next(e for e in _located(text) if e.type == "ACCUSE")
    assert accuse.location is not None
    assert (accuse.location.name, accuse.location.country) == ("Vienna", "AUT")


def test_a_trip_goes_to_the_largest_namesake() -> None:
    text = (
        "Dunford told reporters during a trip to Athens that the offensive would be a "
        "catastrophe.\n\nDunford criticised Russia over the offensive."
    )
    accuse = [e for e in _located(text) if e.type == "ACCUSE"][-1]
    assert accuse.location is not None
    assert accuse.location.country == "GRC", accuse.location


def test_a_merged_record_takes_the_place_of_the_act() -> None:
    """'A joint Russian-Turkish plan' about Idlib, agreed in Sochi: the record merged from
    both sentences is placed where it was agreed."""
    text = (
        "A humanitarian disaster in Idlib appears to have been averted by a joint "
        "Russian-Turkish plan to set up a demilitarised zone.\n\nThe plan was agreed in "
        "Sochi on Monday by Vladimir Putin and his Turkish counterpart."
    )
    agree = [e for e in _located(text) if e.type == "AGREE"]
    assert agree, "no AGREE coded"
    assert all(e.location is not None and e.location.name == "Sochi" for e in agree), [
        (e.sentence_id, e.location) for e in agree
    ]
