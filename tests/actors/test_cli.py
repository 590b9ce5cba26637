"""`dyads actors ...`: exact output and exit codes."""

import json

from typer.testing import CliRunner

from dyads.cli.actors import app

from .conftest import FIXTURES, MINI

runner = CliRunner()


def test_resolve_json():
    result = runner.invoke(
        app, ["resolve", "Joe Biden", "--date", "2010-06-01", "--actors", str(MINI)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "text": "Joe Biden", "date": "2010-06-01", "country": "USA", "sector": "GOV",
        "name": "Joe Biden", "code": "USAGOV", "matched": "alias", "reason": None,
    }  # fmt: skip


def test_resolve_table():
    result = runner.invoke(app, ["resolve", "gunmen", "--date", "2020-01-01", "--format", "table"])
    assert result.exit_code == 0
    assert "sector   UAF" in result.output and "code     UAF" in result.output


def test_bad_date_is_one_line_and_exit_2():
    result = runner.invoke(app, ["resolve", "Putin", "--date", "19/06/2024"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("[E203] Invalid date '19/06/2024'")
    assert len(result.output.strip().splitlines()) == 1


def test_resolve_input_file_keeps_order_and_reports_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "gunmen", "date": "2020-01-01"}\nnot json\n{"text": "Japan", "date": "x"}\n'
        '{"text": "Kyiv police", "date": "2022-01-01"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["resolve", "--input", str(path), "--actors", str(MINI)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [line.get("code") for line in lines] == ["UAF", None, None, "UKRCOP"]
    assert lines[1]["error"].startswith("[E006]") and lines[1]["line"] == 2
    assert lines[2]["error"].startswith("[E203]") and lines[2]["line"] == 3


def test_show_roles():
    result = runner.invoke(app, ["show", "Putin", "--date", "2010-01-01", "--actors", str(MINI)])
    assert result.exit_code == 0
    assert "person.vladimir_putin (person) Vladimir Putin" in result.output
    assert "2008-05-08 to 2012-05-07: Prime Minister RUS GOV" in result.output
    assert "on 2010-01-01: RUS GOV Prime Minister" in result.output


def test_lint_reports_file_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nactors:\n  - id: p.x\n    type: person\n    names: [X]\n    roles:\n"
        "      - {title: King, country: GBR, sector: GOV, start: 2000-01-01, end: 1999-01-01}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:7: p.x: role starts 2000-01-01 after it ends 1999-01-01" in result.output
    ok = runner.invoke(app, ["lint", str(MINI)])
    assert ok.exit_code == 0 and ok.output.startswith("OK: 1 file(s)")


def test_import_phoenix_writes_yaml(tmp_path):
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import-phoenix", str(FIXTURES / "phoenix"), "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Converted by 'dyads actors import-phoenix'")
    assert "person.odon_karlsson" in text
    missing = runner.invoke(app, ["import-phoenix", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "[E201]" in missing.output
