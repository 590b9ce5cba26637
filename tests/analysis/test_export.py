"""Exported tables: column counts, names, order and types, against docs/exports.md."""

import csv
import io
import json
import re

import pyarrow.dataset as ds
import pytest

from dyads.analysis import EventFilter, column_names, export, global_event_id
from dyads.analysis.export import (
    cameo_contexts,
    cameo_labels,
    column_fill,
    context_rules,
    export_lines,
    export_meta,
    layouts,
    sector_names,
)
from dyads.config import DATA_DIR
from dyads.errors import QueryError

from ..conftest import REPO

EXPECTED = {"gdelt": 61, "gdelt-mentions": 16, "icews": 20, "polecat": 40}
CHECKS = {
    "int": re.compile(r"^-?\d+$"),
    "float": re.compile(r"^-?\d+(\.\d+)?$"),
    "str": re.compile(r"^[^\t\n]*$"),
}


def _rows(db, fmt, **filters):
    buffer = io.StringIO()
    count = export(db, fmt, buffer, EventFilter(**filters))
    lines = buffer.getvalue().splitlines()
    return count, [line.split("\t") for line in lines]


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_layouts_have_the_documented_columns(fmt):
    names = column_names(fmt)
    assert len(names) == EXPECTED[fmt] == len(set(names))
    docs = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    for i, column in enumerate(layouts()[fmt]["columns"], 1):
        row = f"| {i} | {column['name']} | {column['type']} | {column_fill(column)} |"
        assert row in docs, (fmt, row)


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
    months = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert months == ["month=2025-01", "month=2025-02", "month=2025-03"]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 12 and "event_id" in table.column_names


def test_parquet_needs_a_directory(hand_db):
    with pytest.raises(Exception, match="E707"):
        export(hand_db, "parquet", io.StringIO())


def _cells(db, fmt):
    _, rows = _rows(db, fmt, modality="all")
    return rows[1:] if layouts()[fmt]["header"] else rows


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_fill_in_the_docs_is_what_the_exporter_writes(example_db, hand_db, fmt):
    """'empty' columns are empty in every row; 'filled' and 'derived' ones hold a value
    in some row of the examples or the hand-made events."""
    rows = _cells(example_db, fmt) + _cells(hand_db, fmt)
    for i, column in enumerate(layouts()[fmt]["columns"]):
        values = [row[i] for row in rows if row[i]]
        if column_fill(column) == "empty":
            assert not values, column["name"]
        else:
            assert values, (fmt, column["name"], column_fill(column))


def test_names_sectors_cameo_text_and_contexts(example_db):
    gdelt = _cells(example_db, "gdelt")
    names = column_names("gdelt")
    by_code = {row[names.index("Actor1Code")]: row for row in gdelt}
    assert by_code["IRNGOV"][names.index("Actor1Name")] in {"TEHRAN", "IRAN"}
    assert all(row[names.index("Actor1Name")] for row in gdelt if row[names.index("Actor1Code")])
    icews = _cells(example_db, "icews")
    names = column_names("icews")
    texts = {row[names.index("CAMEO Code")]: row[names.index("Event Text")] for row in icews}
    assert texts["042"] == "Make a visit" and texts["163"].startswith("Impose embargo")
    sectors = {row[names.index("Source Sectors")] for row in icews}
    assert "Government" in sectors and "GOV" not in sectors
    polecat = _cells(example_db, "polecat")
    names = column_names("polecat")
    named = [row for row in polecat if row[names.index("Actor Name Raw")]]
    assert sum(bool(row[names.index("Actor Name")]) for row in named) / len(named) > 0.8
    contexts = {row[names.index("Contexts")] for row in polecat}
    assert {"diplomatic", "military"} <= contexts


def test_lookup_files_are_complete():
    with (DATA_DIR / "actors" / "sectors.yaml").open(encoding="utf-8") as fh:
        import yaml

        codes = [s["code"] for s in yaml.safe_load(fh)["sectors"]]
    assert set(codes) <= set(sector_names())
    rules = context_rules()
    vocabulary = set(rules["contexts"])
    used = [c for cs in rules["cameo"].values() for c in cs]
    used += [c for cs in rules["modes"].values() for c in cs] + list(rules["triggers"])
    assert set(used) <= vocabulary, set(used) - vocabulary
    assert set(rules["cameo"]) <= set(cameo_labels())
    assert cameo_contexts("0312") == ["military"] and cameo_contexts("0319") == []
    assert cameo_contexts("1952") == ["military"]  # 195 via its root 19


def test_export_takes_the_filters_of_events(hand_db):
    count, _ = _rows(hand_db, "icews", actor="UKR")
    assert count == 2  # the third UKR event is alleged
    count, _ = _rows(hand_db, "icews", actor="UKR", modality="all")
    assert count == 3
    count, rows = _rows(hand_db, "jsonl", source="PRK", type="AID")
    assert count == 1 and json.loads(rows[0][0])["modality"] == "denied"
    count, _ = _rows(hand_db, "gdelt-mentions", since="2025-03-01", until="2025-03-31")
    assert count == 5  # asserted: the denied AID and the alleged ACCUSE are left out
    assert _rows(hand_db, "csv", text="consult")[0] == 2
    with pytest.raises(QueryError, match="E706"):
        _rows(hand_db, "gdelt", type="HUG")
    with pytest.raises(QueryError, match="E706"):
        export_lines(hand_db, "gdelt", EventFilter(modality="rumoured"))


def test_sidecar_says_what_the_export_holds(hand_db, tmp_path):
    out = tmp_path / "ukr.tsv"
    export(hand_db, "icews", out, EventFilter(actor="ukr"))
    meta = json.loads((tmp_path / "ukr.tsv.meta.json").read_text(encoding="utf-8"))
    assert meta["format"] == "icews" and meta["filters"] == {"actor": "ukr"}
    assert meta["modality"] == ["asserted"] and meta["rows"] == 2
    assert export_meta("csv")["modality"] == "all"
    parquet = tmp_path / "events"
    assert export(hand_db, "parquet", parquet, EventFilter(since="2025-03-01")) == 7
    meta = json.loads((parquet / "_dyads.meta.json").read_text(encoding="utf-8"))
    assert meta["filters"] == {"since": "2025-03-01"} and meta["rows"] == 7
    assert ds.dataset(parquet, partitioning="hive").to_table().num_rows == 7


def _by_name(db, fmt):
    _, rows = _rows(db, fmt, modality="all")
    names = column_names(fmt)
    if layouts()[fmt]["header"]:
        rows = rows[1:]
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_locations_in_gdelt(hand_db):
    rows = _by_name(hand_db, "gdelt")
    pyongyang = next(r for r in rows if r["ActionGeo_FullName"].startswith("Pyongyang"))
    assert pyongyang["ActionGeo_Type"] == "4"  # a world city
    assert pyongyang["ActionGeo_CountryCode"] == "KN"  # FIPS, as GDELT writes it
    assert pyongyang["ActionGeo_ADM1Code"] == "KN12"
    assert pyongyang["ActionGeo_FeatureID"] == "1871859"
    assert float(pyongyang["ActionGeo_Lat"]) == pytest.approx(39.03)
    # the target (PRKGOV) is in the event's country: the event's place; the source
    # (RUSGOV) is not: its country's point
    assert pyongyang["Actor2Geo_FullName"] == pyongyang["ActionGeo_FullName"]
    assert (pyongyang["Actor1Geo_Type"], pyongyang["Actor1Geo_CountryCode"]) == ("1", "RS")
    austin = next(r for r in rows if r["ActionGeo_FullName"].startswith("Austin"))
    assert austin["ActionGeo_Type"] == "3" and austin["ActionGeo_FullName"] == (
        "Austin, Texas, United States"
    )
    texas = next(r for r in rows if r["ActionGeo_FullName"].startswith("Texas"))
    assert texas["ActionGeo_Type"] == "2"
    unlocated = [r for r in rows if not r["ActionGeo_Type"]]
    assert unlocated and all(not r["ActionGeo_Lat"] for r in unlocated)


def test_locations_in_icews_and_polecat(hand_db):
    icews = _by_name(hand_db, "icews")
    austin = next(r for r in icews if r["City"] == "Austin")
    assert (austin["Province"], austin["Country"]) == ("Texas", "United States")
    texas = next(r for r in icews if r["Province"] == "Texas" and not r["City"])
    assert float(texas["Longitude"]) == pytest.approx(-99.25)
    polecat = _by_name(hand_db, "polecat")
    kyiv = next(r for r in polecat if r["Placename"] == "Ukraine")
    assert (kyiv["GeoNames ID"], kyiv["Feature Type"], kyiv["City"]) == ("690791", "PCLI", "")


def test_exports_filter_by_place(hand_db):
    count, _ = _rows(hand_db, "jsonl", location_country="USA")
    assert count == 2
    count, _ = _rows(hand_db, "jsonl", near="30.0,-98.0", radius_km=100)
    assert count == 1  # Austin, not the centre of Texas ~150 km away
