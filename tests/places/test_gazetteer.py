"""The gazetteer: folding, our data files, candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dyads.places import Entry, Gazetteer, fold, load_gazetteer
from dyads.places.gazetteer import DATA, _cache_path, _from_cache, _to_cache


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


def test_country_points_follow_geonames() -> None:
    """GeoNames-keyed gold puts a country at its GeoNames feature's point."""
    us = next(e for e in load_gazetteer().candidates("United States") if e.feature_code == "PCLI")
    assert (us.lat, us.lon) == (39.76, -98.5)


def test_cache_round_trip_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADS_CACHE_DIR", str(tmp_path))
    entry = Entry(1, "Karachi", "P", "PPL", "PAK", "05", 24.86, 67.01, 11624219)
    gaz = Gazetteer([entry], {"karachi": [0]}, {}, frozenset({"may"}), frozenset({"lake"}))
    path = _cache_path(1000)
    assert path.parent == tmp_path and path != _cache_path(15000)
    _to_cache(gaz, path)
    back = _from_cache(path)
    assert back is not None and back.candidates("KARACHI") == [entry]
    assert (back.stop, back.before, back.after) == (gaz.stop, gaz.before, gaz.after)
    path.write_bytes(b"not marshal")
    assert _from_cache(path) is None


def test_transliterations_are_read_loosely_only_where_needed() -> None:
    """'Deir Ezzor' and 'Mayadeen' are GeoNames' Deir ez-Zor and Al Mayādīn; the loose
    index holds only the transliterated countries' larger places and is read only after
    the exact one (geo unchanged)."""
    gaz = load_gazetteer()
    assert gaz.candidates("Deir Ezzor") == []
    assert [e.name for e in gaz.loose_candidates("Deir Ezzor")] == ["Deir ez-Zor"]
    assert [e.country for e in gaz.loose_candidates("Mayadeen")] == ["SYR"]
    assert gaz.spelling.skeleton(fold("Deir Ezzor")) == gaz.spelling.skeleton("deir ez zor")
    assert gaz.spelling.skeleton(fold("Al-Mayadeen")) == "mayadin"
    assert gaz.loose_candidates("Hainan") == []  # no Japanese Kainan for a Chinese province
    assert gaz.loose_candidates("KY") == []  # too short to read loosely


def test_loose_index_survives_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.places.gazetteer import Spelling

    monkeypatch.setenv("DYADS_CACHE_DIR", str(tmp_path))
    entry = Entry(1, "Al Mayadin", "P", "PPL", "SYR", "07", 35.02, 40.45, 54534)
    spelling = Spelling(frozenset({"al"}), (("ee", "i"),), 1000, frozenset({"SYR"}), 5)
    gaz = Gazetteer(
        [entry], {"al mayadin": [0]}, {}, frozenset(), loose={"mayadin": [0]}, spelling=spelling
    )
    path = _cache_path(1000)
    _to_cache(gaz, path)
    back = _from_cache(path)
    assert back is not None and back.loose_candidates("Mayadeen") == [entry]
    assert back.spelling == spelling
