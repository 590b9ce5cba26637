"""The golden sentence suite (tests/golden): what every pattern change gains and loses.

Items not marked ``known_gap`` must code exactly to their expected records, and no item
that passed at the accepted baseline may fail. Known gaps are reported, never asserted.
Accept a new state with ``python -m dyads.eval.golden --write-baseline``.
"""

import json
from pathlib import Path

import pytest

from dyads.eval import golden

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SUITE = GOLDEN / "golden.yaml"
BASELINE = GOLDEN / "baseline.json"


def test_suite_loads_and_is_valid():
    items = golden.load(SUITE)
    assert len(items) >= 140
    ids = [item.id for item in items]
    assert ids == sorted(ids)
    assert all(item.known_gap is None or item.known_gap.strip() for item in items)
    assert sum(1 for item in items if not item.events) >= 8  # negative controls
    types = {e.type for item in items if item.phenomenon == "asserted" for e in item.events}
    assert len(types) == 16  # every PLOVER type, asserted


@pytest.mark.parametrize(
    ("item", "complaint"),
    [
        ({"id": "g900", "phenomenon": "x", "date": "2024-01-01", "text": "t"}, "events"),
        ({"id": "g900", "phenomenon": "x", "date": "1 May", "text": "t", "events": []}, "date"),
        (
            {"id": "g900", "phenomenon": "x", "date": "2024-01-01", "text": "t",
             "events": [{"type": "ATTACK", "source": "RUS", "target": None,
                         "modality": "asserted"}]},
            "PLOVER type",
        ),
        (
            {"id": "g900", "phenomenon": "x", "date": "2024-01-01", "text": "t",
             "events": [{"type": "ASSAULT", "source": "Russia", "target": None,
                         "modality": "asserted"}]},
            "source",
        ),
        (
            {"id": "g900", "phenomenon": "x", "date": "2024-01-01", "text": "t",
             "events": [{"type": "ASSAULT", "source": "RUS", "target": "UKR",
                         "modality": "likely"}]},
            "modality",
        ),
    ],
)  # fmt: skip
def test_bad_items_name_their_id(item, complaint):
    with pytest.raises(golden.GoldenError, match=rf"g900.*{complaint}"):
        golden.parse({"items": [item]})


def test_baseline_lists_suite_items():
    data = json.loads(BASELINE.read_text(encoding="utf-8"))
    ids = {item.id for item in golden.load(SUITE)}
    assert data["passing"] == sorted(data["passing"])
    assert set(data["passing"]) <= ids
    assert data["counts"]["passed"] == len(data["passing"])


@pytest.fixture(scope="module")
def result() -> golden.SuiteResult:
    outcome = golden.run(golden.load(SUITE))
    gaps = [r for r in outcome.failing if r.item.known_gap]
    print(f"\n{len(gaps)} known gaps:\n" + "\n".join(r.describe() for r in gaps))
    fixed = outcome.gaps_now_passing()
    if fixed:
        print("known_gap items that now pass (drop the mark):", [r.item.id for r in fixed])
    return outcome


@pytest.mark.slow
def test_items_without_known_gap_pass(result):
    failures = result.unexpected_failures()
    assert not failures, "items not marked known_gap that fail:\n" + "\n".join(
        r.describe() for r in failures
    )


@pytest.mark.slow
def test_no_regression_against_baseline(result):
    diff = golden.compare(result, golden.load_baseline(BASELINE))
    by_id = {r.item.id: r for r in result.items}
    assert not diff.regressed, "items that passed at the baseline now fail:\n" + "\n".join(
        by_id[i].describe() for i in diff.newly_failing
    )


@pytest.mark.slow
def test_known_gap_marks_are_current(result):
    """A known_gap mark says what dyads gets wrong today; on an item that passes it is
    false documentation, so the mark must go with the fix."""
    fixed = result.gaps_now_passing()
    assert not fixed, "known_gap items that now pass (drop the mark): " + ", ".join(
        r.item.id for r in fixed
    )
