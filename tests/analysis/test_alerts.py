import pytest

from dyads.analysis import find_alerts
from dyads.errors import QueryError


def test_cooperation_burst_is_alerted_with_its_events(hand_db):
    alerts = find_alerts(hand_db, since="2025-03-03")
    assert [(a.source, a.target, a.kind, a.change) for a in alerts] == [
        ("RUS", "PRK", "cooperation", "rise")
    ]
    alert = alerts[0]
    assert alert.current == 4 and alert.baseline_mean == pytest.approx(2 / 16)
    assert alert.z == pytest.approx(3.875)
    assert len(alert.events) == 4
    assert all(e["sentence"] and e["doc_id"].startswith("hand-") for e in alert.events)


def test_threshold_and_min_count(hand_db):
    assert find_alerts(hand_db, since="2025-03-03", threshold=5) == []
    assert find_alerts(hand_db, since="2025-03-03", min_count=5) == []


def test_by_code_splits_dyads(hand_db):
    alerts = find_alerts(hand_db, since="2025-03-03", level="code", min_count=2, threshold=1.5)
    assert ("RUSGOV", "PRKGOV") in {(a.source, a.target) for a in alerts}


def test_bad_input(hand_db):
    with pytest.raises(QueryError, match="E704"):
        find_alerts(hand_db, since="yesterday")
    with pytest.raises(QueryError, match="E704"):
        find_alerts(hand_db, since="2025-03-03", until="2025-03-01")
