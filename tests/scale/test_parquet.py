"""Parquet parts have the store's columns; loading keeps one copy per document."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from dyads.errors import StoreError
from dyads.model import Document
from dyads.pipeline import document_from_text
from dyads.scale.batch import code_items
from dyads.scale.parquet import load_parquet, write_tables
from dyads.store.tables import arrow_schema

pytestmark = pytest.mark.slow


def _doc(text: str, doc_id: str) -> Document:
    return document_from_text(text, date="2025-01-10", doc_id=doc_id)


def test_parts_have_store_schema(tmp_path, options):
    tables = code_items([_doc("Russia denied attacking Ukraine.", "a")], options)
    write_tables(tables, str(tmp_path), "part-000000-0000")
    for table, data in tables.items():
        assert data.schema == arrow_schema(table)
        stored = pq.read_table(tmp_path / table / "part-000000-0000.parquet")
        assert stored.schema.names == arrow_schema(table).names
    assert tables["events"].num_rows >= 1


def test_last_part_wins_for_code(tmp_path, options):
    first = code_items([_doc("Russia denied attacking Ukraine.", "a")], options)
    second = code_items([_doc("Japan agreed to send aid to the Philippines.", "a")], options)
    write_tables(first, str(tmp_path / "out"), "part-000000-0000")
    write_tables(second, str(tmp_path / "out"), "part-000001-0000")
    summary = load_parquet(tmp_path / "out", tmp_path / "s.duckdb", options=options)
    assert summary.documents == 1 and not summary.ingest
    import duckdb

    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    texts = con.execute("SELECT DISTINCT sentence FROM events").fetchall()
    assert texts == [("Japan agreed to send aid to the Philippines.",)]


def test_views_and_empty_dir(tmp_path, options):
    with pytest.raises(StoreError) as info:
        load_parquet(tmp_path, tmp_path / "x.duckdb")
    assert info.value.code == "E904"
    tables = code_items([_doc("Russia denied attacking Ukraine.", "a")], options)
    write_tables(tables, str(tmp_path / "out"), "part-000000-0000")
    summary = load_parquet(tmp_path / "out", tmp_path / "v.duckdb", views=True)
    assert summary.views and summary.documents == 1 and summary.events >= 1
    from dyads.analysis import find_events

    frame = find_events(str(tmp_path / "v.duckdb"))  # the documented views, over the Parquet
    assert len(frame) == summary.events and set(frame["source_code"]) == {"RUS"}


def test_skipped_copy_is_the_stored_one(tmp_path, options):
    """A skipped document wins over a later copy with other content, which is E610."""
    from dyads.store.rows import content_hash

    stored = _doc("Russia denied attacking Ukraine.", "a")
    write_tables(code_items([stored], options, mode="ingest"), str(tmp_path / "one"), "part-0")
    load_parquet(tmp_path / "one", tmp_path / "s.duckdb", options=options)
    known = {"a": content_hash(stored)}
    again = _doc("Russia denied attacking Ukraine.", "a")
    skipped = code_items([again], options, mode="ingest", known=known)
    assert skipped["documents"].num_rows == 0 and skipped["skipped_documents"].num_rows == 1
    other = code_items([_doc("Japan agreed to send aid.", "a")], options, mode="ingest")
    write_tables(skipped, str(tmp_path / "two"), "part-000000-0000")
    write_tables(other, str(tmp_path / "two"), "part-000001-0000")
    summary = load_parquet(tmp_path / "two", tmp_path / "s.duckdb", options=options)
    assert (summary.documents, summary.skipped, len(summary.errors)) == (0, 1, 1)
    import duckdb

    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    assert con.execute("SELECT text FROM documents").fetchall() == [(stored.text,)]
    assert con.execute("SELECT code FROM ingest_errors").fetchall() == [("E610",)]
