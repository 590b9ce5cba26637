"""Magnitudes and dates in exports and dyad series: fatalities, dead per period, and
no dateless GDELT/ICEWS/POLECAT row without saying so."""

from __future__ import annotations

import csv
import io

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from dyads.analysis import EventFilter, dyad_series, export
from dyads.analysis.export import undated_count
from dyads.cli import app
from dyads.model import Magnitude
from dyads.store import Store

from .conftest import hand_documents

EVENTS = [
    ("2025-03-03", "RUSMIL", "UKRGOV", "ASSAULT", 4, -10.0, "asserted"),
    ("2025-03-05", "RUSMIL", "UKRGOV", "ASSAULT", 4, -10.0, "asserted"),
    ("2025-03-06", "UKRGOV", "RUSGOV", "ACCUSE", 3, -3.0, "asserted"),
    ("2025-03-07", "RUSMIL", "UKRGOV", "ASSAULT", 4, -10.0, "asserted"),  # made undated below
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    coded = hand_documents(EVENTS, "mag")
    coded[0].events[0].dead = Magnitude(24, "at least 24", 0, 3)
    coded[1].events[0].dead = Magnitude(12, "12", 0, 2)
    coded[1].events[0].injured = Magnitude(30, "30", 4, 6)
    undated = coded[3]
    undated.document.published = None
    undated.events[0].date, undated.events[0].date_precision = None, "none"
    path = tmp_path_factory.mktemp("magnitudes") / "m.duckdb"
    with Store(path) as store:
        store.write(coded)
    return path


def test_csv_has_dead_injured_and_acled_fatalities(db):
    buffer = io.StringIO()
    assert export(db, "csv", buffer) == 4
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(buffer.getvalue()))}
    by_date = {r["date"]: r for r in rows.values()}
    first = by_date["2025-03-03"]
    assert (first["dead"], first["dead_text"], first["fatalities"]) == ("24", "at least 24", "24")
    assert (by_date["2025-03-05"]["injured"], by_date["2025-03-05"]["fatalities"]) == ("30", "12")
    assert (by_date["2025-03-06"]["dead"], by_date["2025-03-06"]["fatalities"]) == ("", "0")
    undated = by_date[""]  # kept, and its date_precision says why it has no date
    assert undated["date_precision"] == "none"


def test_parquet_has_fatalities(db, tmp_path):
    out = tmp_path / "events"
    assert export(db, "parquet", out) == 4
    table = ds.dataset(out, partitioning="hive").to_table()
    assert sorted(table.column("fatalities").to_pylist()) == [0, 0, 12, 24]


@pytest.mark.parametrize("fmt", ["gdelt", "icews", "polecat"])
def test_foreign_formats_leave_out_undated_events_and_count_them(db, fmt):
    buffer = io.StringIO()
    rows = export(db, fmt, buffer)
    assert rows == 3
    assert undated_count(db, fmt, EventFilter()) == 1
    assert undated_count(db, "csv", EventFilter()) == 0  # kept there


def test_export_command_says_how_many_were_left_out(db):
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "gdelt"])
    assert result.exit_code == 0
    assert "Left out 1 undated event(s): gdelt rows need a date." in result.output


def test_dyad_series_sums_dead_per_period(db):
    frame = dyad_series(db, "RUSMIL", "UKRGOV", freq="week")
    forward = frame[frame["direction"] == "RUSMIL->UKRGOV"]
    assert forward["dead"].tolist() == [36]
    assert frame[frame["direction"] == "UKRGOV->RUSMIL"]["dead"].tolist() == [0]
