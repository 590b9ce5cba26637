from __future__ import annotations

import datetime as dt

from dyads.store import from_event_row, to_event_row
from dyads.store.rows import from_document_row, to_document_row
from dyads.store.tables import columns


def test_event_row_has_exactly_the_table_columns(coded):
    for event in coded.events:
        assert list(to_event_row(event)) == columns("events")


def test_event_row_round_trip(coded):
    for event in coded.events:
        assert from_event_row(to_event_row(event)) == event


def test_event_row_flattens_actors(coded):
    consult, reject = coded.events
    row = to_event_row(consult)
    assert row["source_code"] == "NORGOV"
    assert row["target_country"] == "AU"
    assert row["attributed_to_text"] is None
    assert row["trigger_text"] == "met"
    assert to_event_row(reject)["target_start"] is None


def test_event_row_accepts_duckdb_dates(coded):
    row = to_event_row(coded.events[0])
    row["date"] = dt.date(2024, 3, 3)
    assert from_event_row(row).date == "2024-03-03"


def test_document_row_round_trip_rebuilds_paragraph_text(coded):
    row = to_document_row(coded.document, dt.datetime(2024, 1, 1))
    assert list(row) == columns("documents")
    assert "paragraphs" not in row
    assert from_document_row(row) == coded.document
