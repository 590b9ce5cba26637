"""Dead, injured and size round-trip through the store; a version 4 store is upgraded."""

from __future__ import annotations

import dataclasses

from dyads.model import Magnitude
from dyads.store import Store, from_event_row, to_event_row, validate_event
from dyads.store.tables import INDEXES, SCHEMA_VERSION


def _with_magnitudes(coded):
    event = coded.events[0]
    text = event.sentence
    event.dead = Magnitude(24, "at least 24", 3, 14)
    event.size = Magnitude(1000, "thousands", 20, 29)
    assert text  # offsets need not fall in the sentence for a round trip
    return coded


def test_event_row_round_trip_keeps_magnitudes(coded):
    event = _with_magnitudes(coded).events[0]
    row = to_event_row(event)
    assert (row["dead"], row["dead_text"], row["dead_start"], row["dead_end"]) == (
        24, "at least 24", 3, 14,
    )  # fmt: skip
    assert row["injured"] is None and row["injured_text"] is None
    assert from_event_row(row) == event
    validate_event(event.to_dict())


def test_store_round_trip_keeps_magnitudes(tmp_path, coded):
    coded = _with_magnitudes(coded)
    with Store(tmp_path / "m.duckdb") as store:
        store.write([coded])
    with Store(tmp_path / "m.duckdb", read_only=True) as store:
        back = {e.event_id: e for e in store.events()}
    assert back[coded.events[0].event_id] == coded.events[0]
    assert back[coded.events[1].event_id].dead is None


def test_a_version_4_store_gains_the_magnitude_columns(tmp_path, coded):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([dataclasses.replace(coded, events=[])])
        for index, table, _ in INDEXES:  # DuckDB alters no table with an index
            if table == "events":
                store.con.execute(f"DROP INDEX {index}")
        for name in ("dead", "injured", "size"):
            for suffix in ("", "_text", "_start", "_end"):
                store.con.execute(f'ALTER TABLE events DROP COLUMN "{name}{suffix}"')
        store.con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with Store(db) as store:  # opened for writing: upgraded in place
        version = store.con.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        store.write([_with_magnitudes(coded)])
    assert version == SCHEMA_VERSION
    with Store(db, read_only=True) as store:
        assert any(e.dead is not None for e in store.events())
