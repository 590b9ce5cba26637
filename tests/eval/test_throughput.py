import pytest

from dyads.eval.throughput import rates, words


def test_rates_and_ratio():
    f = rates(1000, dyads_s=2.0, spacy_s=1.0)
    assert f["dyads_words_per_s"] == 500 and f["spacy_words_per_s"] == 1000
    assert f["ratio"] == pytest.approx(0.5)  # < 1: dyads slower than plain spaCy


def test_words_counts_whitespace_tokens():
    assert words(["a b  c", "", "d\ne"]) == 5


def test_zero_time_gives_no_rate():
    assert rates(10, 0.0, 0.0)["ratio"] is None
