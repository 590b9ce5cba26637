import gzip
import json
from pathlib import Path

import pytest

from dyads.eval.extraction import extract_all, load_baseline, page_counts, score, shingles, tokens


def test_tokens_and_short_text_shingles():
    assert tokens("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]
    assert shingles("one two") == {("one", "two"): 1}
    assert len(shingles("a b c d e f")) == 3
    assert shingles("") == {}


def test_perfect_and_empty_predictions():
    gold = {"p1": "a b c d e f g h", "p2": "one two three four five"}
    f = score(gold, dict(gold))
    assert (f["precision"], f["recall"], f["f1"], f["accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    f = score(gold, {})
    assert f["recall"] == 0.0 and f["precision"] == 0.0 and f["accuracy"] == 0.0


def test_extra_text_lowers_precision_only():
    gold = {"p": "a b c d e"}  # 2 shingles
    pred = {"p": "a b c d e x y z"}  # 5 shingles, 2 shared
    tp, fp, fn = page_counts(gold["p"], pred["p"])
    assert fn == 0 and tp == pytest.approx(2 / 5) and fp == pytest.approx(3 / 5)
    f = score(gold, pred)
    assert f["recall"] == 1.0 and f["precision"] == pytest.approx(0.4)
    assert f["accuracy"] == 0.0


def test_accuracy_ignores_punctuation_and_spacing():
    assert score({"p": "A b, c."}, {"p": "A  b c"})["accuracy"] == 1.0


def test_baseline_files_with_and_without_output_key(tmp_path: Path):
    (tmp_path / "a.json").write_text(json.dumps({"output": {"p": {"articleBody": "x"}}}))
    (tmp_path / "b.json").write_text(json.dumps({"p": {"articleBody": None}}))
    assert load_baseline(tmp_path / "a.json") == {"p": "x"}
    assert load_baseline(tmp_path / "b.json") == {"p": ""}


def test_extract_all_records_failures_as_empty_text(tmp_path: Path):
    html = tmp_path / "article_extraction_benchmark" / "html"
    html.mkdir(parents=True)
    for key in ("ok", "bad"):
        (html / f"{key}.html.gz").write_bytes(gzip.compress(b"<p>hello world</p>"))

    class Doc:
        text = "hello world"

    def extract(page, url=None):
        if url == "bad":
            raise ValueError("no main text")
        return Doc()

    texts, failures = extract_all(tmp_path, ["ok", "bad"], extract, {"ok": "ok", "bad": "bad"})
    assert texts == {"ok": "hello world", "bad": ""}
    assert "no main text" in failures["bad"]
