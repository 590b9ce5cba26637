"""Countries read from context: a transnational group's countries of operation, an organ of
state continuing the previous sentence's subject, the owner of a possessive phrase, and
descriptions that do not refer to their own clause's subject (texts of our own)."""

import pytest

from dyads import model

from .conftest import find_mentions

DATE = "2019-03-01"


@pytest.fixture(scope="module")
def mentions_in(nlp, builtin_resolver):
    def run(text: str, date: str = DATE) -> list[model.ActorMention]:
        return find_mentions(nlp, builtin_resolver, text, date)[2]

    return run


def _codes(found: list[model.ActorMention], text: str) -> list[str | None]:
    return [m.actor.code for m in found if m.actor.text == text]


def test_transnational_group_is_placed_only_where_it_operates(mentions_in):
    text = (
        "Washington said on Monday that US troops would stay. American officials in "
        "Washington said Islamic State still threatened US interests."
    )
    assert _codes(mentions_in(text), "Islamic State") == ["REBISIS"]  # never USA


def test_transnational_group_takes_the_country_of_operation_named(mentions_in):
    text = (
        "US officials in Washington said on Monday that Islamic State fighters had regrouped. "
        "The Pentagon said the group still held villages in eastern Syria."
    )
    found = mentions_in(text)
    assert "SYRREBISIS" in {m.actor.code for m in found if "Islamic State" in m.actor.text}
    assert any("+active" in (m.matched or "") for m in found)


def test_organ_of_state_continues_the_previous_subject(mentions_in):
    text = (
        "Poland summoned Belarus's ambassador on Monday. "
        "The foreign ministry urged Minsk to release the journalists."
    )
    found = mentions_in(text)
    ministry = [m for m in found if m.actor.text == "The foreign ministry"]
    assert [m.actor.code for m in ministry] == ["POLGOV"]
    assert ministry[0].matched == "agent+previous"


def test_organ_in_mid_sentence_does_not_continue(mentions_in):
    text = "Poland summoned Belarus's ambassador. Minsk said the foreign ministry had erred."
    found = mentions_in(text)
    assert all("+previous" not in (m.matched or "") for m in found)


def test_owner_of_a_possessive_phrase_is_a_mention(mentions_in):
    text = "Thousands of people in Lima marched against the government's decision on Friday."
    found = mentions_in(text)
    assert [m.actor.code for m in found if m.actor.text == "the government's"] == ["PERGOV"]


def test_the_country_is_not_its_own_clause_subject(mentions_in):
    text = "India tested nuclear devices on Monday. Japan froze new aid to the country."
    found = mentions_in(text)
    assert [m.actor.country for m in found if m.actor.text == "the country"] == ["IND"]


def test_kurdish_fighters_take_the_country_their_sentence_places_them_in(mentions_in):
    found = mentions_in("Turkey fiercely opposes the presence of Kurdish militias in Syria.")
    assert _codes(found, "Kurdish militias") == ["SYRREBKURDISHFIG"]
    found = mentions_in("Washington will no longer arm Syrian Kurdish fighters, Ankara said.")
    assert _codes(found, "Syrian Kurdish fighters") == ["SYRREBKURDISHFIG"]


def test_an_outlets_home_state_places_its_unnamed_offices(nlp, builtin_resolver):
    text = (
        "British nationals fighting for Islamic State are a legitimate target, the defence "
        "secretary said. Judges and delegates disagreed."
    )
    doc = nlp(text)
    sentences = [
        model.Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
    ]
    with_home = builtin_resolver.find_mentions(doc, sentences, "d", DATE, outlet="Guardian")
    assert _codes(with_home, "the defence secretary") == ["GBRGOV"]
    assert not any(m.actor.country == "GBR" for m in with_home if m.actor.text == "Judges")
    doc = nlp(text)
    without = builtin_resolver.find_mentions(doc, sentences, "d", DATE)
    assert _codes(without, "the defence secretary") == ["GOV"]


def test_forces_abroad_do_not_place_a_domestic_opposition(mentions_in):
    """The one state a sentence names only by its forces says whose troops they are, not
    whose opposition speaks: that comes from the story (here Syria)."""
    text = (
        "Syrian government forces shelled rebel towns in Daraa province, and Syria's army "
        "pressed on. US forces have not taken action to stop the attacks, opposition "
        "spokesman Ibrahim Jabawi said."
    )
    assert _codes(mentions_in(text, "2018-06-28"), "opposition spokesman Ibrahim Jabawi") == [
        "SYROPP"
    ]


def test_a_possessive_pronoun_in_of_its_kind_is_no_actor(mentions_in):
    text = "Russia said the drone attack on its base was the first of its kind."
    found = mentions_in(text)
    its = [m for m in found if m.actor.text == "its"]
    assert len(its) == 1  # "its base" reads back to Russia; "its kind" is no one's


def test_people_name_the_main_state_only_when_states_do_not():
    from dyads.actors.locate import main_country

    # a domestic story naming its country once and its two candidates twice
    assert main_country({"UKR": 1, "USA": 1, "person:UKR": 2}) == "UKR"
    # a single passing name says nothing
    assert main_country({"USA": 1, "person:USA": 1}) is None
    # the states decide when one clearly leads, whoever is named
    assert main_country({"SYR": 6, "USA": 2, "person:USA": 9}) == "SYR"


def test_an_office_in_apposition_to_a_known_person_is_that_persons_state(mentions_in):
    text = "The foreign affairs minister, Julie Bishop, criticised the arrests."
    found = mentions_in(text, "2017-10-25")
    assert _codes(found, "The foreign affairs minister") == ["AUSGOV"]
