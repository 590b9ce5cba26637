import pytest

from dyads.eval.cameo import score


def test_buckets_add_up_and_per_type_recall():
    expected = ["CONSULT", "CONSULT", "ACCUSE", "ACCUSE", None, None]
    predicted = [
        ["CONSULT"],  # hit
        ["CONSULT", "ACCUSE"],  # hit (any event of the right type)
        ["REJECT"],  # wrong type
        [],  # miss
        [],  # dropped code, no event: fine
        ["SUPPORT"],  # dropped code with an event: false positive
    ]
    f = score(expected, predicted)
    assert f["n"] == 6 and f["n_typed"] == 4
    assert f["type_recall"] == pytest.approx(0.5)
    assert f["wrong_type_rate"] == pytest.approx(0.25)
    assert f["miss_rate"] == pytest.approx(0.25)
    assert f["type_recall"] + f["wrong_type_rate"] + f["miss_rate"] == pytest.approx(1.0)
    assert f["per_type"] == {"ACCUSE": {"n": 2, "recall": 0.0}, "CONSULT": {"n": 2, "recall": 1.0}}
    assert f["n_no_event"] == 2 and f["no_event_fp_rate"] == pytest.approx(0.5)


def test_empty_system_output_and_duplicates():
    f = score(["AGREE", "AGREE"], [[], ["AGREE", "AGREE", "AGREE"]])
    assert f["type_recall"] == pytest.approx(0.5)
    assert f["miss_rate"] == pytest.approx(0.5)
    assert f["no_event_fp_rate"] is None  # nothing to count, not a fake 0


def test_lengths_must_match():
    with pytest.raises(ValueError):
        score(["AGREE"], [])
