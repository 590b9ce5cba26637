from pathlib import Path

from dyads.actors.dictionary import builtin_files
from dyads.actors.lint import LintIssue, lint

from .conftest import MINI

BAD = """\
version: 1
actors:
  - id: person.someone
    type: person
    names: [Some One]
    roles:
      - {title: President, country: RUS, sector: GOV, start: 2010-01-01, end: 2005-01-01}
      - {title: Minister, country: RUS, sector: GOV, start: 2000-01-01, end: 2004-01-01}
      - {title: Minister, country: RUS, sector: GOV, start: 2003-01-01, end: 2006-01-01}
  - id: bad id!
    type: planet
    names: []
    country: XXY
    sector: WIZ
  - {id: person.someone, type: person, names: [Again], start: 2020-02-30}
  - id: person.dated
    type: person
    names: [Dated]
    roles:
      - {title: Mayor, country: RUS, sector: GOV, start: 2020-02-30}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _messages(issues: list[LintIssue]) -> dict[int, str]:
    return {i.line: i.message for i in issues}


def test_inverted_and_overlapping_ranges_with_lines(tmp_path):
    path = _write(tmp_path, BAD)
    issues = lint([path])
    by_line = _messages(issues)
    assert "starts 2010-01-01 after it ends 2005-01-01" in by_line[7]
    assert "overlaps" in by_line[9]
    assert str(issues[0]).startswith(f"{path}:")


def test_schema_errors_with_lines(tmp_path):
    path = _write(tmp_path, BAD)
    text = "\n".join(str(i) for i in lint([path]))
    assert f"{path}:10: bad id 'bad id!'" in text
    assert f"{path}:11: bad type 'planet'" in text
    assert ":12: " in text and "'names' must be a non-empty list" in text
    assert f"{path}:13: bad id!: unknown country 'XXY'" in text
    assert "unknown sector 'WIZ'" in text
    assert "duplicate id 'person.someone'" in text
    assert "unknown key 'start'" in text
    assert "bad date '2020-02-30'" in text


def test_yaml_syntax_error_has_line(tmp_path):
    path = _write(tmp_path, "version: 1\nactors:\n  - {id: X, type: state\n")
    issues = lint([path])
    assert len(issues) == 1 and issues[0].line >= 3 and "YAML syntax" in issues[0].message


def test_clean_files_pass():
    assert lint([MINI]) == []
    assert lint(builtin_files()) == []
