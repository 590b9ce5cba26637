import pytest

from dyads.eval.spans import counts, normalise, overlaps, score_documents


def test_normalise_sorts_merges_and_drops_empty():
    assert normalise([[5, 9], [0, 3], [3, 4], [7, 7]]) == ((0, 4), (5, 9))


def test_discontinuous_spans_compare_whole():
    gold = [[[0, 5], [10, 14]]]
    assert counts(gold, [[[10, 14], [0, 5]]])["exact_sys"] == 1  # order does not matter
    assert counts(gold, [[[0, 5]]])["exact_sys"] == 0  # half a span is not exact
    assert counts(gold, [[[0, 5]]])["overlap_sys"] == 1
    assert overlaps(((0, 5), (10, 14)), ((12, 20),))
    assert not overlaps(((0, 5),), ((5, 9),))  # end is exclusive


def test_exact_and_overlap_prf():
    docs = [
        ([[[0, 4]], [[10, 20]]], [[[0, 4]], [[15, 25]], [[30, 31]]]),
    ]
    f = score_documents(docs)
    assert f["exact_precision"] == pytest.approx(1 / 3)
    assert f["exact_recall"] == pytest.approx(1 / 2)
    assert f["overlap_precision"] == pytest.approx(2 / 3)
    assert f["overlap_recall"] == pytest.approx(1.0)
    assert f["overlap_f1"] == pytest.approx(0.8)


def test_duplicate_predictions_and_gold_count_once():
    f = score_documents([([[[0, 4]], [[0, 4]]], [[[0, 4]], [[0, 4]], [[0, 4]]])])
    assert f["n_gold"] == 1 and f["n_system"] == 1
    assert f["exact_precision"] == 1.0 and f["exact_recall"] == 1.0


def test_empty_system_output():
    f = score_documents([([[[0, 4]]], [])])
    assert f["exact_precision"] is None
    assert f["exact_recall"] == 0.0
    assert f["exact_f1"] == 0.0


def test_nothing_at_all():
    f = score_documents([([], [])])
    assert f["exact_f1"] is None
