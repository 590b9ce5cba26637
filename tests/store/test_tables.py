from __future__ import annotations

import dataclasses

import duckdb

from dyads.model import Event
from dyads.store.tables import TABLES, arrow_schema, columns, create_statements


def test_create_statements_are_idempotent():
    con = duckdb.connect()
    for _ in range(2):
        for statement in create_statements():
            con.execute(statement)
    names = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    assert names == {"meta", *TABLES}


def test_arrow_schema_matches_columns():
    for table in TABLES:
        assert arrow_schema(table).names == columns(table)


def test_events_table_covers_every_event_field():
    cols = set(columns("events"))
    for field in dataclasses.fields(Event):
        if field.name in ("trigger", "attributed_to", "source", "target"):
            assert f"{field.name}_start" in cols
        elif field.name == "evidence":  # one row per mention in event_mentions
            assert "trigger_start" in set(columns("event_mentions"))
        elif field.name == "location":  # location_name, ..., latitude, longitude
            assert {"location_name", "latitude", "longitude"} <= cols
        else:
            assert field.name in cols
