"""dyads eval geo: the scorer on hand-made gold, and the runner on a tiny fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.eval import geo
from dyads.eval.registry import run_dataset
from dyads.model import Toponym


def _top(start: int, end: int, lat: float, lon: float, country: str = "PAK") -> Toponym:
    return Toponym("x", start, end, 1, "x", "P", "PPL", country, None, lat, lon)


def test_km_and_auc() -> None:
    assert geo.km(0, 0, 0, 0) == 0
    assert geo.km(0, 0, 0, 180) == pytest.approx(20015, abs=5)
    assert geo.auc([0.0, 0.0]) == 0
    assert geo.auc([geo.MAX_ERROR_KM - 1]) == pytest.approx(1.0)


def test_overlap_match_is_one_to_one() -> None:
    gold = [
        geo.GoldToponym(0, 7, "Karachi", 24.86, 67.01),
        geo.GoldToponym(20, 25, "Sindh", 26, 68.75),
    ]
    system = [_top(0, 7, 24.86, 67.01), _top(2, 5, 0, 0), _top(22, 30, 26, 69)]
    pairs = geo.match(gold, system)
    assert [(g.phrase, s.start) for g, s in pairs] == [("Karachi", 0), ("Sindh", 22)]


def test_score_figures() -> None:
    art = geo.Article(
        "LGL", "1", "", [geo.GoldToponym(0, 7, "Karachi", 24.86, 67.01, country="PAK")]
    )
    far = [_top(0, 7, 24.86, 77.01, "IND"), _top(10, 12, 0, 0)]
    figs = geo.score([art], [far], {})["all"].figures()
    assert (figs["precision"], figs["recall"], figs["acc_161km"]) == (0.5, 1.0, 0.0)
    assert figs["country_correct"] == 0.0
    assert figs["mean_km"] > 900


def _fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "geoparsing"
    folder.mkdir()
    text = "KARACHI, May 27 - Floods hit Sindh and the port city, officials in Islamabad said."
    rec = {
        "corpus": "TR-News", "doc_id": "a1", "text": text,
        "toponyms": [
            {"start": 0, "end": 7, "phrase": "KARACHI", "lat": 24.86, "lon": 67.01,
             "geonameid": "1174872", "country": "Pakistan"},
            {"start": 29, "end": 34, "phrase": "Sindh", "lat": 26.0, "lon": 68.75},
            {"start": 68, "end": 77, "phrase": "Islamabad", "lat": 33.72, "lon": 73.04},
            {"start": 40, "end": 44, "phrase": "port", "type": "Non_Toponym"},
        ],
    }  # fmt: skip
    (folder / "geoparse_gold.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return tmp_path


def test_runner_on_a_fixture(tmp_path: Path) -> None:
    report = run_dataset("geo", _fixture(tmp_path))
    assert report.skipped is None and report.n == 1
    assert report.figures["gold"] == 3
    assert report.figures["recall"] == 1.0
    assert report.figures["acc_161km"] == 1.0
    assert report.figures["country_correct"] == 1.0
    assert [row[0] for row in report.tables[0].rows] == ["TR-News", "all"]


def test_missing_gold_is_a_visible_skip(tmp_path: Path) -> None:
    report = run_dataset("geo", tmp_path)
    assert report.skipped and "E501" in report.skipped and "geo" in report.skipped
