"""dyads eval magnitudes on a tiny gold file of our own (never the PLOVER records)."""

from __future__ import annotations

import json

import pytest

from dyads.eval import magnitudes
from dyads.eval.registry import DATASETS, run_dataset
from dyads.events.magnitudes import MagnitudeReader
from dyads.model import Magnitude

RECORDS = [
    {"id": "m1", "text": "Gunmen killed 12 villagers in Borno state.", "event": "ASSAULT",
     "size": None, "dead": "12", "injured": None},
    {"id": "m2", "text": "Thousands of protesters marched against the government in Kyiv.",
     "event": "PROTEST", "size": "Thousands", "dead": None, "injured": None},
    {"id": "m3", "text": "Japan agreed to send aid to the Philippines.", "event": "AGREE",
     "size": None, "dead": None, "injured": None},
    {"id": "m4", "text": "Text only: an auxiliary example without labels.", "event": "AGREE"},
]  # fmt: skip


def test_gold_words_read_with_our_number_words():
    reader = MagnitudeReader()
    assert magnitudes.matches(
        "Tens of thousands", Magnitude(10_000, "tens of thousands", 0, 1), reader
    )
    assert magnitudes.matches("1000", Magnitude(1000, "more than 1,000", 0, 1), reader)
    assert not magnitudes.matches("100", Magnitude(1000, "1,000", 0, 1), reader)
    assert magnitudes.matches("group", Magnitude(1, "group", 0, 1), reader)  # no number: words


@pytest.mark.slow
def test_scores_a_tiny_gold_file(tmp_path):
    folder = tmp_path / "plover"
    folder.mkdir()
    lines = [json.dumps(r) for r in RECORDS]
    (folder / "plover_examples.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = magnitudes.run(tmp_path)
    assert report.n == 2  # records with a magnitude; m4 has no labels at all
    figures = report.figures
    assert (figures["dead_n"], figures["dead_accuracy"], figures["dead_coverage"]) == (1, 1.0, 1.0)
    assert (figures["size_n"], figures["size_accuracy"]) == (1, 1.0)
    assert figures["injured_n"] == 0 and figures["dead_spurious"] == 0


def test_registered_and_skipped_when_the_file_is_absent(tmp_path):
    assert "magnitudes" in DATASETS
    report = run_dataset("magnitudes", data=tmp_path)
    assert report.skipped and "[E501]" in report.skipped and "magnitudes" in report.skipped
