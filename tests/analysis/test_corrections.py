"""Corrections: checked against their event, kept beside the coded rows, applied to
queries only when asked, and exported as news_gold records."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from dyads.analysis import connect, find_events
from dyads.analysis.corrections import (
    Correction,
    add_correction,
    corrected_view,
    export_gold,
    gold_records,
    list_corrections,
)
from dyads.cli import app
from dyads.errors import QueryError
from dyads.store import Store

from .conftest import hand_documents


@pytest.fixture()
def db(tmp_path, hand_db):
    path = tmp_path / "hand.duckdb"
    shutil.copy(hand_db, path)
    return path


def _event(db, index: int) -> dict:
    rows = find_events(db).to_dict("records")
    doc_id = f"hand-{index:02d}"
    return next(r for r in rows if r["doc_id"] == doc_id)


def test_a_wrong_record_is_shown_corrected_only_when_asked(db):
    event = _event(db, 0)  # RUSGOV -> PRKGOV CONSULT, asserted
    row = add_correction(
        db, Correction(event["event_id"], "wrong", type="assault", target_code="ukrgov",
                       modality="alleged", note="the talks were an attack")
    )  # fmt: skip
    assert row["verdict"] == "wrong" and row["type"] == "ASSAULT" and row["doc_id"] == "hand-00"
    coded = find_events(db, type="ASSAULT")
    assert event["event_id"] not in set(coded["event_id"])  # the coded rows are untouched
    fixed = find_events(db, apply_corrections=True, type="ASSAULT", modality="alleged")
    record = fixed[fixed["event_id"] == event["event_id"]].iloc[0]
    assert record["target_code"] == "UKRGOV" and record["source_code"] == "RUSGOV"
    with connect(db) as con, corrected_view(con):
        quad, intensity, cameo, country = con.execute(
            "SELECT quad_class, intensity, cameo, target_country FROM events WHERE event_id = ?",
            [event["event_id"]],
        ).fetchall()[0]
    assert (quad, intensity, cameo, country) == (4, -9.0, None, "UKR")
    with connect(db) as con:  # the documented view is back as coded afterwards
        assert con.execute(
            "SELECT type FROM events WHERE event_id = ?", [event["event_id"]]
        ).fetchall() == [("CONSULT",)]


def test_not_an_event_is_dropped_and_the_latest_correction_counts(db):
    event = _event(db, 1)
    total = len(find_events(db))
    add_correction(db, Correction(event["event_id"], "not_event"))
    assert len(find_events(db, apply_corrections=True)) == total - 1
    add_correction(db, Correction(event["event_id"], "right", note="on second thoughts"))
    assert len(find_events(db, apply_corrections=True)) == total
    assert [c["verdict"] for c in list_corrections(db, event["event_id"])] == ["right", "not_event"]
    assert len(find_events(db)) == total


def test_recoding_keeps_corrections(db):
    event = _event(db, 2)
    add_correction(db, Correction(event["event_id"], "not_event"))
    with Store(db) as store:
        store.write(hand_documents()[2:3])  # the document coded again: its rows replaced
        assert len(store.corrections(event["event_id"])) == 1


@pytest.mark.parametrize(
    ("correction", "code"),
    [
        (Correction("no-such-event", "right"), "E810"),
        (Correction("{event}", "wrong"), "E810"),  # wrong, but nothing said to be right
        (Correction("{event}", "wrong", type="CONSULT"), "E810"),  # the coded type
        (Correction("{event}", "right", type="ACCUSE"), "E810"),
        (Correction("{event}", "maybe"), "E706"),
        (Correction("{event}", "wrong", type="PARTY"), "E706"),
        (Correction("{event}", "wrong", modality="certain"), "E706"),
        (Correction("{event}", "wrong", source_code="U S A"), "E706"),
    ],
)
def test_bad_corrections_are_coded_errors(db, correction, code):
    event = _event(db, 0)
    if correction.event_id == "{event}":
        fields = {k: getattr(correction, k) for k in correction.__dataclass_fields__}
        correction = Correction(**{**fields, "event_id": event["event_id"]})
    with pytest.raises(QueryError) as caught:
        add_correction(db, correction)
    assert caught.value.code == code
    assert list_corrections(db) == []


def test_gold_records_follow_news_gold(db, tmp_path):
    fixed, confirmed, dropped = _event(db, 3), _event(db, 9), _event(db, 4)
    add_correction(db, Correction(fixed["event_id"], "wrong", type="SANCTION", target_code="CHN"))
    add_correction(db, Correction(confirmed["event_id"], "right", note="clear accusation"))
    add_correction(db, Correction(dropped["event_id"], "not_event"))
    records = list(gold_records(db))
    assert [r["event_id"] for r in records] == [fixed["event_id"], confirmed["event_id"]]
    first, second = records
    assert first["types"] == ["SANCTION"] and first["sources"] == ["RUS"]
    assert first["targets"] == ["CHN"] and first["modality"] == ["asserted"]
    assert second == {
        "doc_id": "hand-09", "sent": 0, "sent_start": 0, "sent_end": len(confirmed["sentence"]),
        "trigger": "accuse", "trigger_start": confirmed["trigger_start"],
        "trigger_end": confirmed["trigger_end"], "types": ["ACCUSE"], "sources": ["UKR"],
        "targets": ["RUS"], "symmetric": False, "modality": ["asserted"], "required": True,
        "note": "clear accusation", "event_id": confirmed["event_id"],
        "correction_id": second["correction_id"],
    }  # fmt: skip
    out, articles = tmp_path / "gold.jsonl", tmp_path / "articles.jsonl"
    assert export_gold(db, out, articles) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["event_id"] for r in lines] == [fixed["event_id"], confirmed["event_id"]]
    docs = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["hand-03", "hand-09"] and docs[0]["text"]


def test_cli_add_list_export_and_apply(db, tmp_path):
    runner = CliRunner()
    event = _event(db, 5)
    args = ["--event", event["event_id"], "--verdict", "wrong", "--type", "REJECT"]
    added = runner.invoke(app, ["corrections", "add", "--db", str(db), *args])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["type"] == "REJECT"
    bad = runner.invoke(app, ["corrections", "add", "--db", str(db), "--event", "nope",
                              "--verdict", "right"])  # fmt: skip
    assert bad.exit_code == 2 and "[E810]" in bad.stderr
    listed = runner.invoke(app, ["corrections", "list", "--db", str(db)])
    assert listed.exit_code == 0 and json.loads(listed.stdout)["event_id"] == event["event_id"]
    shown = runner.invoke(app, ["events", "--db", str(db), "--type", "REJECT",
                                "--apply-corrections", "-f", "jsonl"])  # fmt: skip
    assert [json.loads(x)["event_id"] for x in shown.stdout.splitlines()] == [event["event_id"]]
    out = tmp_path / "gold.jsonl"
    exported = runner.invoke(app, ["corrections", "export", "--db", str(db), "-o", str(out)])
    assert exported.exit_code == 0 and "Exported 1 gold record(s)" in exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["types"] == ["REJECT"]


def test_a_store_without_the_table_has_no_corrections(tmp_path, hand_db):
    path = tmp_path / "old.duckdb"
    shutil.copy(hand_db, path)
    with Store(path) as store:
        store.con.execute("DROP TABLE corrections")
    assert list_corrections(path) == [] and list(gold_records(path)) == []
    assert len(find_events(path, apply_corrections=True)) == len(find_events(path))


def test_export_applies_corrections_when_asked(db, tmp_path):
    from dyads.analysis import export

    event = _event(db, 6)
    add_correction(db, Correction(event["event_id"], "wrong", type="PROTEST"))
    coded, fixed = tmp_path / "coded.jsonl", tmp_path / "fixed.jsonl"
    export(db, "jsonl", coded)
    export(db, "jsonl", fixed, apply_corrections=True)

    def types(path):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return {r["event_id"]: r["type"] for r in rows}

    assert types(coded)[event["event_id"]] == event["type"]
    assert types(fixed)[event["event_id"]] == "PROTEST"
    runner = CliRunner()
    out = tmp_path / "cli.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "jsonl", "-o", str(out),
                                 "--apply-corrections"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert types(out)[event["event_id"]] == "PROTEST"
