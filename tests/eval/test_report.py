import json

from dyads.eval.report import Report, dumps, fmt, ratio


def test_json_has_dataset_split_n_and_figures():
    r = Report("cameo", "all", 5, {"type_recall": 0.4})
    assert json.loads(dumps(r)) == {"dataset": "cameo", "split": "all", "n": 5, "type_recall": 0.4}
    assert r.used() == "cameo: split=all, items=5"


def test_skipped_report_json():
    r = Report("cameo", "-", 0, skipped="[E501] gone")
    assert r.to_json() == {"dataset": "cameo", "skipped": "[E501] gone"}


def test_ratio_and_fmt():
    assert ratio(1, 0) is None
    assert fmt(None) == "-" and fmt(0.5) == "0.500" and fmt(3) == "3"
