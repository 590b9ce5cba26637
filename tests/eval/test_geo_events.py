"""dyads eval geo-events: the annotation file, the scorers on hand-made places, the runner
on a tiny fixture of our own (no benchmark text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.errors import DictionaryError
from dyads.eval import geo_events
from dyads.eval.geo_events import GoldPlace, city_correct, country_correct, division_correct
from dyads.eval.registry import DATASETS, run_dataset
from dyads.model import Location

ALEPPO = GoldPlace("Aleppo", "Aleppo", "SYR", "city", 170063, "09", 36.20, 37.16)
IDLIB = GoldPlace("Idlib", "Idlib Governorate", "SYR", "division", None, "12", 35.8, 36.6)


def _loc(name: str, precision: str, lat: float, lon: float, geonameid: int | None = None,
         admin1: str | None = None, country: str = "SYR") -> Location:  # fmt: skip
    code = {"city": "PPL", "division": "ADM1", "country": "PCLI"}.get(precision, "RGN")
    return Location(name, precision, "clause", geonameid, code, country, admin1, lat, lon,
                    name, 0, len(name))  # fmt: skip


def test_the_committed_annotations_load_and_are_enough() -> None:
    found = geo_events.load_annotations()
    assert found.events >= 100
    assert found.place("118", 0, "ASSAULT").name == "Manbij"
    assert found.place("118", 0, "RETREAT").precision == "country"
    assert found.place("118", 1, "ASSAULT") == found.place("118", 1, "PROTEST")  # "*"
    assert found.place("118", 99, "ASSAULT") is None


def test_the_annotations_hold_no_benchmark_text() -> None:
    text = geo_events.ANNOTATIONS.read_text(encoding="utf-8")
    events = [line for line in text.splitlines() if line.startswith("  - [")]
    assert events and all(len(line) < 80 for line in events)


def test_a_bad_annotation_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "geo_events.yaml"
    bad.write_text('version: 1\nplaces: {}\nevents:\n  - ["1", 0, "*", Nowhere]\n')
    with pytest.raises(DictionaryError, match="E201"):
        geo_events.load_annotations(bad)


def test_country_city_and_division() -> None:
    aleppo = _loc("Aleppo", "city", 36.20, 37.16, 170063, "09")
    assert country_correct(aleppo, ALEPPO) and city_correct(aleppo, ALEPPO)
    near = _loc("Aleppo suburb", "city", 36.25, 37.10, 1, "09")
    assert city_correct(near, ALEPPO)  # within 25 km
    syria = _loc("Syria", "country", 35.0, 38.0)
    assert country_correct(syria, ALEPPO) and not city_correct(syria, ALEPPO)
    assert not division_correct(syria, ALEPPO)
    same_province = _loc("Al Bab", "city", 36.37, 37.52, 2, "09")
    assert not city_correct(same_province, ALEPPO) and division_correct(same_province, ALEPPO)
    assert division_correct(_loc("Idlib", "city", 35.93, 36.63, 3, "12"), IDLIB)
    assert division_correct(_loc("Idlib Governorate", "division", 35.8, 36.6), IDLIB)
    assert not country_correct(None, ALEPPO) and not division_correct(None, IDLIB)
    sea = GoldPlace("Med", "Mediterranean Sea", None, "region", None, None, 35.0, 18.0)
    assert country_correct(_loc("Mediterranean Sea", "region", 35, 18, country=None), sea)


def test_registered_and_runs_on_a_fixture(tmp_path: Path, monkeypatch) -> None:
    assert "geo-events" in DATASETS
    folder = tmp_path / "news_gold"
    folder.mkdir()
    text = "Turkish jets bombed Kurdish fighters in Afrin on Sunday."
    (folder / "articles.jsonl").write_text(
        json.dumps({"id": "t1", "date": "2018-01-21", "source": "Fixture", "text": text}) + "\n"
    )
    gold = {"doc_id": "t1", "sent": 0, "sent_start": 0, "sent_end": len(text),
            "trigger": "bombed", "trigger_start": 13, "trigger_end": 19, "types": ["ASSAULT"],
            "sources": ["TUR"], "targets": ["SYR"], "symmetric": False,
            "modality": ["asserted"], "required": True, "note": ""}  # fmt: skip
    (folder / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    annotations = tmp_path / "geo_events.yaml"
    annotations.write_text(
        "version: 1\nplaces:\n  Afrin: {name: Afrin, country: SYR, precision: city, "
        'geonameid: 174186, adm1: "09", lat: 36.51, lon: 36.87}\nevents:\n'
        '  - ["t1", 0, "*", Afrin]\n'
    )
    monkeypatch.setattr(geo_events, "ANNOTATIONS", annotations)
    monkeypatch.setattr(geo_events, "load_annotations", lambda path=annotations: _load(path))
    report = run_dataset("geo-events", tmp_path)
    assert report.skipped is None
    assert report.figures["events"] == 1
    assert report.figures["country_correct"] == 1.0
    assert report.figures["city_or_division_correct"] == 1.0


_load = geo_events.load_annotations
