"""The gazetteer: folding, our data files, candidates."""

from __future__ import annotations

import yaml

from dyads.places import fold, load_gazetteer
from dyads.places.gazetteer import DATA


def test_fold_ignores_case_diacritics_dots_and_the() -> None:
    assert fold("Côte d'Ivoire") == fold("cote d'ivoire")
    assert fold("U.S.") == "us"
    assert fold("the Gaza  Strip") == "gaza strip"
    assert fold("Nagorno-Karabakh") == "nagorno karabakh"


def test_candidates_cover_package_and_extra() -> None:
    gaz = load_gazetteer()
    assert {e.country for e in gaz.candidates("Tripoli")} >= {"LBY", "LBN"}
    assert {e.feature_code for e in gaz.candidates("Georgia")} >= {"PCLI", "ADM1"}
    assert [e.feature_code for e in gaz.candidates("Gaza Strip")] == ["RGN"]
    assert all(-90 <= e.lat <= 90 and -180 <= e.lon <= 180 for e in gaz.entries)


def test_every_country_has_a_point_and_alpha3() -> None:
    countries = [e for e in load_gazetteer().entries if e.feature_code == "PCLI"]
    assert len(countries) >= 245
    assert all(e.country and len(e.country) == 3 for e in countries)


def test_extra_yaml_entries_are_complete() -> None:
    extra = yaml.safe_load((DATA / "extra.yaml").read_text(encoding="utf-8"))
    for place in extra["places"]:
        assert {"name", "fcode", "lat", "lon"} <= set(place), place
        assert place.get("country") is None or len(place["country"]) == 3, place
    assert len(extra["us_states"]) == 51
