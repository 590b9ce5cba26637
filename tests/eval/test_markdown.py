import datetime as dt
from pathlib import Path

import pytest

from dyads.eval.markdown import BEGIN, END, MarkdownError, render, replace_block, update
from dyads.eval.report import Report, Table

DOC = f"# Title\n\nHand-written.\n\n{BEGIN}\nold results\n{END}\n\nFooter.\n"


def test_only_the_block_changes():
    out = replace_block(DOC, "new results")
    assert out == f"# Title\n\nHand-written.\n\n{BEGIN}\nnew results\n{END}\n\nFooter.\n"
    assert replace_block(out, "again").count(BEGIN) == 1


def test_missing_markers_is_a_coded_error():
    with pytest.raises(MarkdownError) as info:
        replace_block("# no markers", "x")
    assert info.value.code == "E505"


def test_render_has_date_commit_command_and_tables():
    report = Report("cameo", "all", 3, {"type_recall": 0.5, "per_type": {"AGREE": {}}})
    report.tables.append(Table("per type", ["type", "recall"], [["AGREE", 0.5]]))
    skipped = Report("plover", "-", 0, skipped="[E501] missing")
    text = render([report, skipped], "dyads eval all", "abc1234+dirty", dt.date(2026, 1, 2))
    assert "2026-01-02" in text and "`abc1234+dirty`" in text and "`dyads eval all`" in text
    assert "| type_recall | 0.500 |" in text
    assert "| AGREE | 0.500 |" in text
    assert "per_type" not in text  # nested figures go in their own tables
    assert "Skipped: [E501] missing" in text


def test_update_rewrites_file(tmp_path: Path):
    path = tmp_path / "EVALUATION.md"
    path.write_text(DOC)
    update(path, [Report("cameo", "all", 1, {"n": 1})], "dyads eval all", "abc")
    text = path.read_text()
    assert "old results" not in text and "Hand-written." in text and "Footer." in text


def test_repo_evaluation_md_has_the_markers():
    text = (Path(__file__).resolve().parents[2] / "EVALUATION.md").read_text()
    assert text.count(BEGIN) == 1 and text.count(END) == 1
