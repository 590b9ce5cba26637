"""Exported tables: column counts, names, order and types, against docs/exports.md."""

import csv
import io
import json
import re

import pyarrow.dataset as ds
import pytest

from dyads.analysis import column_names, export, global_event_id
from dyads.analysis.export import layouts

from ..conftest import REPO

EXPECTED = {"gdelt": 61, "gdelt-mentions": 16, "icews": 20, "polecat": 40}
CHECKS = {
    "int": re.compile(r"^-?\d+$"),
    "float": re.compile(r"^-?\d+(\.\d+)?$"),
    "str": re.compile(r"^[^\t\n]*$"),
}


def _rows(db, fmt, **kwargs):
    buffer = io.StringIO()
    count = export(db, fmt, buffer, **kwargs)
    lines = buffer.getvalue().splitlines()
    return count, [line.split("\t") for line in lines]


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_layouts_have_the_documented_columns(fmt):
    names = column_names(fmt)
    assert len(names) == EXPECTED[fmt] == len(set(names))
    docs = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    for i, name in enumerate(names, 1):
        assert f"| {i} | {name} |" in docs, (fmt, name)


def test_gdelt_first_and_last_columns():
    assert column_names("gdelt")[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert column_names("gdelt")[-2:] == ["DATEADDED", "SOURCEURL"]
    assert column_names("gdelt-mentions")[-1] == "Extras"
    assert column_names("icews")[0] == "Event ID" and column_names("icews")[-1] == "Longitude"
    assert column_names("polecat")[-1] == "Version"


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_rows_match_the_layout(example_db, fmt):
    count, rows = _rows(example_db, fmt)
    layout = layouts()[fmt]
    if layout["header"]:
        assert rows[0] == column_names(fmt)
        rows = rows[1:]
    assert count == len(rows) > 0
    for row in rows:
        assert len(row) == EXPECTED[fmt]
        for cell, column in zip(row, layout["columns"], strict=True):
            if cell:
                assert CHECKS[column["type"]].match(cell), (column["name"], cell)
            if column["sql"] is None:
                assert cell == "", column["name"]


def test_global_event_id_is_stable_and_63_bit(example_db):
    _, rows = _rows(example_db, "gdelt", modality="all")
    _, jsonl = _rows(example_db, "jsonl")
    ids = {global_event_id(json.loads(r[0])["event_id"]) for r in jsonl}
    exported = {int(r[0]) for r in rows}
    assert exported == ids
    assert all(0 <= i < 2**63 for i in exported)
    assert global_event_id("abc") == 4213142463398924266


def test_foreign_formats_hold_asserted_events_only(hand_db):
    asserted, _ = _rows(hand_db, "gdelt")
    everything, _ = _rows(hand_db, "gdelt", modality="all")
    assert (asserted, everything) == (10, 12)


def test_csv_and_jsonl(hand_db):
    count, _ = _rows(hand_db, "jsonl")
    buffer = io.StringIO()
    export(hand_db, "csv", buffer)
    table = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert count == len(table) == 12
    assert table[0]["date"] == "2025-01-06" and "sentence" in table[0]


def test_parquet_is_partitioned_by_month(hand_db, tmp_path):
    out = tmp_path / "events"
    assert export(hand_db, "parquet", out) == 12
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2025-01", "month=2025-02", "month=2025-03"]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 12 and "event_id" in table.column_names


def test_parquet_needs_a_directory(hand_db):
    with pytest.raises(Exception, match="E707"):
        export(hand_db, "parquet", io.StringIO())
