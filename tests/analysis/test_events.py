import pytest

from dyads.analysis import find_events
from dyads.errors import QueryError


def test_country_code_matches_longer_codes(example_db):
    frame = find_events(example_db, actor="IRN")
    codes = set(frame["source_code"].dropna()) | set(frame["target_code"].dropna())
    assert {c for c in codes if c.startswith("IRN")} >= {"IRN", "IRNGOV"}
    assert frame["sentence"].str.len().min() > 0
    usa = find_events(example_db, actor="USA")
    assert set(usa["doc_id"]) == {"wire-2025-04-21-balikatan"}


def test_source_target_and_type(example_db):
    frame = find_events(example_db, source="EU", target="BLR", type="sanction")
    assert list(frame["type"]) == ["SANCTION"]
    assert frame.iloc[0]["url"].startswith("https://wire.example/")


def test_modality_and_dates(hand_db):
    denied = find_events(hand_db, modality="denied")
    assert list(denied["type"]) == ["AID"]
    march = find_events(hand_db, since="2025-03-01", until="2025-03-05")
    assert len(march) == 4
    assert all(str(d)[:7] == "2025-03" for d in march["date"])


def test_text_search_and_limit(hand_db):
    assert len(find_events(hand_db, text="COOPERATE")) == 2
    assert len(find_events(hand_db, limit=3)) == 3


def test_unknown_actor_suggests_close_codes(hand_db):
    with pytest.raises(QueryError) as err:
        find_events(hand_db, actor="PRQ")
    assert err.value.code == "E701"
    assert "PRK" in str(err.value)


def test_known_actor_without_matches_is_just_empty(hand_db):
    assert find_events(hand_db, actor="PRK", type="ASSAULT").empty


def test_invalid_date(hand_db):
    with pytest.raises(QueryError, match="E704"):
        find_events(hand_db, since="2025-02-30")


def test_offset_pages_through_the_same_order(example_db):
    from dyads.analysis import find_events

    full = find_events(example_db)
    page = find_events(example_db, limit=5, offset=3)
    assert list(page.event_id) == list(full.event_id[3:8])
