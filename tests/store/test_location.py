"""Event locations round-trip through rows and the store; a version 5 store is upgraded."""

from __future__ import annotations

import dataclasses

from dyads.model import Location
from dyads.store import Store, from_event_row, to_event_row, validate_event
from dyads.store.tables import INDEXES, LOCATION, SCHEMA_VERSION

ALEPPO = Location("Aleppo", "city", "clause", 170063, "PPL", "SYR", "09", 36.2, 37.16,
                  "Aleppo", 3, 9)  # fmt: skip


def _located(coded):
    coded.events[0].location = ALEPPO
    return coded


def test_event_row_round_trip_keeps_the_location(coded):
    event = _located(coded).events[0]
    row = to_event_row(event)
    assert (row["location_name"], row["latitude"], row["location_via"]) == (
        "Aleppo", 36.2, "clause",
    )  # fmt: skip
    assert from_event_row(row) == event
    assert to_event_row(coded.events[1])["latitude"] is None
    validate_event(event.to_dict())


def test_store_round_trip_keeps_the_location(tmp_path, coded):
    coded = _located(coded)
    with Store(tmp_path / "l.duckdb") as store:
        store.write([coded])
    with Store(tmp_path / "l.duckdb", read_only=True) as store:
        back = {e.event_id: e for e in store.events()}
    assert back[coded.events[0].event_id].location == ALEPPO
    assert back[coded.events[1].event_id].location is None


def test_a_version_5_store_gains_the_location_columns(tmp_path, coded):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([dataclasses.replace(coded, events=[])])
        for index, table, _ in INDEXES:  # DuckDB alters no table with an index
            if table == "events":
                store.con.execute(f"DROP INDEX {index}")
        for column, _, _ in LOCATION:
            store.con.execute(f'ALTER TABLE events DROP COLUMN "{column}"')
        store.con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with Store(db) as store:  # opened for writing: upgraded in place
        version = store.con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        store.write([_located(coded)])
    assert version == SCHEMA_VERSION
    with Store(db, read_only=True) as store:
        assert any(e.location == ALEPPO for e in store.events())
