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
    alerts = find_alerts(hand_db, since="2025-03-03", by="code", min_count=2, threshold=1.5)
    assert ("RUSGOV", "PRKGOV") in {(a.source, a.target) for a in alerts}


def test_bad_input(hand_db):
    with pytest.raises(QueryError, match="E704"):
        find_alerts(hand_db, since="yesterday")
    with pytest.raises(QueryError, match="E704"):
        find_alerts(hand_db, since="2025-03-03", until="2025-03-01")


def test_domestic_dyads_and_news_volume(aggregate_db):
    week = {"since": "2025-03-03", "until": "2025-03-09"}
    found = find_alerts(aggregate_db, **week)
    assert ("USA", "USA") in {(a.source, a.target) for a in found}
    assert found[0].documents is None and found[0].adjusted is None
    quiet = find_alerts(aggregate_db, **week, domestic=False)
    assert ("USA", "USA") not in {(a.source, a.target) for a in quiet}
    assert all(a.source != a.target for a in quiet)
    scaled = find_alerts(aggregate_db, **week, per_documents=True, min_count=1)
    assert ("USA", "USA") not in {(a.source, a.target) for a in scaled}  # a heavy news week
    every = find_alerts(aggregate_db, **week, per_documents=True, threshold=0, min_count=0)
    usa = next(a for a in every if (a.source, a.target) == ("USA", "USA"))
    assert usa.documents == 12 + 12 and usa.current == 5 and usa.adjusted < 1


def test_countryless_actors_are_one_group(aggregate_db):
    found = find_alerts(aggregate_db, since="2025-03-03", until="2025-03-09", min_count=1)
    assert ("(no country)", "(no country)") in {(a.source, a.target) for a in found}
    assert not {"GOV", "REB", "CVL"} & {a.target for a in found}
