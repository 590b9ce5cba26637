"""`dyads code` and `dyads extract`, run for real through the CLI."""

import json

import duckdb
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.store import validate_event

from ..conftest import EXAMPLES

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def events_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_code_examples_jsonl_is_schema_valid():
    result = run("code", str(EXAMPLES), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    events = events_of(result.stdout)
    assert len(events) >= 5
    for event in events:
        validate_event(event)
    assert {e["doc_id"] for e in events} >= {
        "wire-drills-2025-04",
        "wire-sanctions-2025-05",
    } or len({e["doc_id"] for e in events}) >= 3


@pytest.mark.parametrize("name", ["visit.html", "accusation.txt", "wire.jsonl"])
def test_each_input_kind(name):
    result = run("code", str(EXAMPLES / name), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert events_of(result.stdout)


def test_stdin():
    result = run("code", "-", "--format", "jsonl", "--date", "2025-03-01",
                 input="Kenya accused Uganda of shelling border villages.\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = events_of(result.stdout)
    assert any(e["type"] == "ACCUSE" and e["date"] == "2025-03-01" for e in events)


def test_csv_has_header_and_rows():
    result = run("code", str(EXAMPLES / "accusation.txt"), "--format", "csv")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("event_id,doc_id,sentence_id")
    assert len(lines) > 1


def test_recoding_replaces_never_duplicates(tmp_path):
    db = tmp_path / "t.duckdb"
    for _ in range(2):
        assert run("code", str(EXAMPLES), "--db", str(db), "--format", "none").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    unique = con.execute("SELECT count(DISTINCT event_id) FROM events").fetchone()[0]
    assert docs >= 4 and events == unique
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 2


def test_bad_inputs_are_reported_and_good_ones_kept(tmp_path):
    db = tmp_path / "t.duckdb"
    assert (
        run("code", str(EXAMPLES / "accusation.txt"), "--db", str(db), "--format", "none").exit_code
        == 0
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Chile praised Peru."}\n{not json\n', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    unknown = tmp_path / "data.xyz"
    unknown.write_text("hello", encoding="utf-8")
    nope = str(tmp_path / "nope.txt")
    result = run("code", str(bad), str(empty), str(binary), str(unknown), nope,
                 "--db", str(db), "--format", "none")  # fmt: skip
    assert result.exit_code == 1
    err = result.stderr
    for code, name in [("E006", "bad.jsonl:2"), ("E002", "empty.txt"), ("E003", "blob.txt"),
                       ("E004", "data.xyz"), ("E001", "nope.txt")]:  # fmt: skip
        assert code in err and name in err, (code, err)
    con = duckdb.connect(str(db), read_only=True)
    ids = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
    assert "a" in ids and len(ids) == 2  # the earlier document survived, the good line was coded


def test_too_large_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Chile praised Peru. " * 100, encoding="utf-8")
    result = run("code", str(big), "--max-bytes", "100", "--format", "none")
    assert result.exit_code == 1 and "E005" in result.stderr


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    page = tmp_path / "latin.txt"
    page.write_bytes("Chile praised Peru for the caf\xe9 deal.".encode("latin-1"))
    result = run("code", str(page), "--format", "jsonl")
    assert result.exit_code == 0
    assert "W001" in result.stderr


def test_bad_date_option_is_a_clear_error():
    result = run("code", str(EXAMPLES / "accusation.txt"), "--date", "21/04/2025")
    assert result.exit_code == 2 and "E203" in result.stderr


def test_extract_shows_clean_text_and_metadata():
    result = run("extract", str(EXAMPLES / "visit.html"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] and data["text"] and data["paragraphs"]
    assert data["published"]


def test_events_lint_passes_builtin_and_fails_bad_file(tmp_path):
    assert run("events", "lint").exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\npatterns:\n  - {id: x, type: WAR, verbs: [fight]}\n", encoding="utf-8"
    )
    result = run("events", "lint", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3:" in result.stdout and "WAR" in result.stdout


def test_code_into_a_store_builds_stories_and_event_groups(tmp_path):
    db = tmp_path / "s.duckdb"
    assert run("code", str(EXAMPLES), "--db", str(db), "--format", "none").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    groups = con.execute("SELECT count(*) FROM event_groups").fetchone()[0]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert stories == docs  # four different stories
    assert 0 < groups <= events


def test_version():
    from dyads import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"dyads {__version__}\n"


def test_code_into_a_store_prints_the_summary_only(tmp_path):
    db = tmp_path / "quiet.duckdb"
    result = run("code", str(EXAMPLES / "accusation.txt"), "--db", str(db))
    assert result.exit_code == 0 and result.stdout == ""
    assert "event(s) into" in result.stderr
    result = run("code", str(EXAMPLES / "accusation.txt"), "--db", str(db), "--format", "jsonl")
    assert events_of(result.stdout)


def test_date_option_wins_over_the_date_in_the_text():
    text = (EXAMPLES / "accusation.txt").read_text(encoding="utf-8")
    assert "March 12, 2025" in text
    result = run("code", "-", "--format", "jsonl", "--date", "2025-04-21", input=text)
    assert result.exit_code == 0, result.output
    dates = {e["date"] for e in events_of(result.stdout)}
    assert "2025-04-21" in dates and not any(d.startswith("2025-03") for d in dates)
    assert "W003" not in result.stderr
