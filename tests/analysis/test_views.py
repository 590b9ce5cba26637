"""The documented views exist, read-only, whatever the store's version adds."""

import duckdb
import pytest

from dyads.analysis import VIEWS, connect, run_query


def test_every_view_answers(example_db):
    for view in VIEWS:
        frame = run_query(example_db, f"SELECT * FROM {view} LIMIT 1")
        assert len(frame.columns) >= 4, view


def test_stories_has_documented_columns(example_db):
    frame = run_query(example_db, "DESCRIBE stories")
    assert {"story_id", "num_articles", "num_sources"} <= set(frame["column_name"])


def test_actors_view_counts_roles(hand_db):
    frame = run_query(hand_db, "SELECT * FROM actors WHERE code = 'RUSGOV'")
    row = frame.iloc[0]
    assert row["events"] == row["as_source"] + row["as_target"]
    assert row["as_source"] == 4 and row["country"] == "RUS"


def test_mentions_join_sentences_and_documents(example_db):
    frame = run_query(example_db, "SELECT * FROM mentions")
    assert not frame.empty
    assert frame["sentence"].notna().all()
    row = frame.iloc[0]
    assert row["sentence_start"] <= row["trigger_start"] < row["sentence_end"]


def test_connection_is_read_only(example_db):
    with connect(example_db) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM main.events")
