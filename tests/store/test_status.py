"""`dyads status`: counts, sources, errors and the last run of a store written by ingest."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dyads.cli import app
from dyads.store.status import store_status


def test_ingest_then_status(tmp_path):
    corpus = tmp_path / "wire.jsonl"
    lines = [
        {"id": "a", "text": "Japan agreed to send aid to the Philippines.", "date": "2025-01-10",
         "url": "https://wire.example/a"},
        {"id": "b", "text": "Chad rejected the proposal.", "date": "2025-01-11",
         "source": "Example Wire"},
        "not json",
    ]  # fmt: skip
    corpus.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines))
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 1  # one malformed line, reported, the rest stored
    assert "[E006]" in result.output
    assert "Ingested 2 document(s)" in result.output
    info = store_status(str(db))
    assert info["counts"]["documents"] == 2
    assert info["errors"] == [("E006", 1)]
    assert dict(info["sources"]) == {"wire.example": 1, "Example Wire": 1}
    assert info["last_run"]["command"].startswith("dyads ingest")
    shown = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert shown.exit_code == 0
    assert "event groups" in shown.output and "E006" in shown.output


def test_unreadable_and_missing_dates_are_counted(tmp_path):
    corpus = tmp_path / "wire.jsonl"
    lines = [
        {"id": "a", "text": "Japan agreed to send aid to the Philippines.",
         "date": "November 13, 2004"},
        {"id": "b", "text": "Chad rejected the proposal.", "date": "sometime in spring"},
        {"id": "c", "text": "Mali rejected the proposal."},
    ]  # fmt: skip
    corpus.write_text("\n".join(json.dumps(x) for x in lines))
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0
    assert "2 undated (1 unreadable date(s), W004)" in result.output
    counts = store_status(str(db))["counts"]
    assert counts["undated documents"] == 2
    assert counts["unreadable dates (W004)"] == 1
    assert (counts["events"], counts["undated events"]) == (4, 2)  # Japan agreed, and sends aid
    shown = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert "unreadable dates (W004)" in shown.output
