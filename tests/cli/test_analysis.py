"""`dyads events --db`, `query`, `dyad`, `network`, `alerts`, `brief`, `export`, for real."""

import json

import pytest
from typer.testing import CliRunner

from dyads.cli import app

from ..analysis.conftest import aggregate_db, example_db, hand_db  # noqa: F401  (fixtures)

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(map(str, args)))


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_events_filters_and_formats(example_db):  # noqa: F811
    result = run("events", "--db", example_db, "--actor", "USA", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert rows and all(r["sentence"] and r["doc_id"] for r in rows)
    csv_out = run("events", "--db", example_db, "--type", "SANCTION", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("event_id,date,type")
    table = run("events", "--db", example_db, "--limit", "2", "--format", "table")
    assert "2 row(s)" in table.stdout


def test_events_lint_still_works():
    result = run("events", "lint")
    assert result.exit_code == 0 and "OK" in result.stdout


def test_events_bad_input(hand_db):  # noqa: F811
    unknown = run("events", "--db", hand_db, "--actor", "PRQ")
    assert unknown.exit_code == 2 and "E701" in unknown.output and "PRK" in unknown.output
    empty = run("events", "--db", hand_db, "--actor", "PRK", "--type", "ASSAULT")
    assert empty.exit_code == 0 and "E702" in empty.output
    date = run("events", "--db", hand_db, "--since", "2025-02-30")
    assert date.exit_code == 2 and "E704" in date.output


def test_query(hand_db):  # noqa: F811
    ok = run("query", "--db", hand_db, "SELECT count(*) AS n FROM events", "--format", "jsonl")
    assert ok.exit_code == 0 and jsonl(ok.stdout) == [{"n": 12}]
    refused = run("query", "--db", hand_db, "DROP TABLE events")
    assert refused.exit_code == 2 and "E703" in refused.output


def test_dyad(hand_db, tmp_path):  # noqa: F811
    result = run("dyad", "RUS", "PRK", "--db", hand_db, "--freq", "month", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert {r["direction"] for r in rows} == {"RUS->PRK", "PRK->RUS"}
    assert sum(r["events"] for r in rows) == 9 - 1  # the denied AID is not counted
    pytest.importorskip("matplotlib", reason="matplotlib missing: pip install 'dyads[plot]'")
    chart = tmp_path / "dyad.png"
    assert run("dyad", "RUS", "PRK", "--db", hand_db, "--plot", chart).exit_code == 0
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_network(hand_db, tmp_path):  # noqa: F811
    result = run("network", "--db", hand_db)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"nodes", "directed"} <= set(data)
    out = tmp_path / "g.graphml"
    assert run("network", "--db", hand_db, "--format", "graphml", "-o", out).exit_code == 0
    assert "<graphml" in out.read_text(encoding="utf-8")


def test_alerts(hand_db):  # noqa: F811
    result = run("alerts", "--db", hand_db, "--since", "2025-03-03")
    assert result.exit_code == 0, result.output
    assert "RUS -> PRK: cooperation rise" in result.stdout
    assert "[hand-03#0]" in result.stdout
    as_json = jsonl(run("alerts", "--db", hand_db, "--since", "2025-03-03", "--json").stdout)
    assert as_json[0]["z"] > 2
    none = run("alerts", "--db", hand_db, "--since", "2025-03-03", "--threshold", "9")
    assert none.exit_code == 0 and "E702" in none.output


def test_brief(hand_db):  # noqa: F811
    result = run("brief", "--db", hand_db, "--actor", "PRK", "--since", "2025-01-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Brief: PRK") and "**[denied]**" in result.stdout


@pytest.mark.parametrize("fmt,columns", [("gdelt", 61), ("gdelt-mentions", 16),
                                         ("icews", 20), ("polecat", 40)])  # fmt: skip
def test_export(example_db, fmt, columns):  # noqa: F811
    result = run("export", "--db", example_db, "--format", fmt)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "\t" in line]
    assert lines and all(len(line.split("\t")) == columns for line in lines)


def test_export_parquet(hand_db, tmp_path):  # noqa: F811
    assert run("export", "--db", hand_db, "--format", "parquet").exit_code == 2
    out = tmp_path / "pq"
    assert run("export", "--db", hand_db, "--format", "parquet", "-o", out).exit_code == 0
    assert (out / "month=2025-03").is_dir()


def test_export_filters_and_sidecar(hand_db, tmp_path):  # noqa: F811
    result = run("export", "--db", hand_db, "--format", "icews", "--actor", "UKR")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 2  # header and the two asserted UKR events
    assert "--actor UKR; modality asserted" in result.stderr
    out = tmp_path / "prk.jsonl"
    args = ["--source", "PRK", "--type", "AID", "-o", out]
    result = run("export", "--db", hand_db, "--format", "jsonl", *args)
    assert result.exit_code == 0 and "Exported 1 row(s)" in result.stderr
    meta = json.loads((tmp_path / "prk.jsonl.meta.json").read_text(encoding="utf-8"))
    assert meta["filters"] == {"source": "PRK", "type": "AID"} and meta["modality"] == "all"
    both = run("export", "--db", hand_db, "-f", "gdelt", "--all-modalities", "--modality", "denied")
    assert both.exit_code == 2 and "E706" in both.stderr
    bad = run("export", "--db", hand_db, "-f", "gdelt", "--since", "March")
    assert bad.exit_code == 2 and "E704" in bad.stderr


def test_grouping_options(aggregate_db):  # noqa: F811
    result = run("network", "--db", aggregate_db)
    assert result.exit_code == 0, result.output
    assert {n["id"] for n in json.loads(result.stdout)["nodes"]} == {"RUS", "SYR", "USA"}
    assert "3 event(s) with a countryless actor left out" in result.stderr
    by_code = json.loads(run("network", "--db", aggregate_db, "--by", "code").stdout)
    assert "USAGOV" in {n["id"] for n in by_code["nodes"]}
    assert run("network", "--db", aggregate_db, "--by", "planet").exit_code == 2
    brief = run("brief", "--db", aggregate_db, "--actor", "RUS", "--since", "2025-01-01")
    assert "## SYR (Syria): 4 event(s)" in brief.stdout
    assert "## (no counterpart): 1 event(s)" in brief.stdout
    week = ["alerts", "--db", aggregate_db, "--since", "2025-03-03", "--until", "2025-03-09"]
    assert "USA -> USA" in run(*week).stdout
    assert "USA -> USA" not in run(*week, "--no-domestic").stdout
    scaled = run(*week, "--per-documents", "--threshold", "0", "--min-count", "0")
    assert "at the mean volume; 24 document(s)" in scaled.stdout


def test_unknown_actor_names_close_codes_and_the_store(example_db):  # noqa: F811
    result = run("dyad", "RUS", "PRK", "--db", example_db)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "[E701] Unknown actor code 'PRK'" in message
    assert "Did you mean:" in message or "the most frequent codes are:" in message
    assert f'dyads query --db {example_db} "SELECT code, name, events FROM actors' in message
    far = " ".join(run("events", "--db", example_db, "--actor", "QQQQQ").stderr.split())
    assert "the most frequent codes are:" in far or "Did you mean:" in far
