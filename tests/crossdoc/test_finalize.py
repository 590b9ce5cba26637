"""The cross-document stage over a store: an original and its rewritten copy from another
outlet are one story, and the events both report are one event group counting both."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import yaml

from dyads.config import load_options
from dyads.ingest.run import ingest

PARAPHRASE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "paraphrase.yaml"


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[list[tuple], Path]:
    """story_members after ingesting the original and its copy; then the store after a
    second ingest adds the copy posted again by its outlet (3 articles, 2 outlets)."""
    records = yaml.safe_load(PARAPHRASE.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("paraphrase")
    db = folder / "s.duckdb"
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest([str(first)], load_options(), str(db))
    con = duckdb.connect(str(db), read_only=True)
    members = con.execute("SELECT doc_id, story_id, via, score FROM story_members").fetchall()
    con.close()
    again = dict(records[1], id="para-copy-again", url=records[1]["url"] + "?page=2")
    second.write_text(json.dumps(again) + "\n", encoding="utf-8")
    ingest([str(second)], load_options(), str(db))
    return members, db


def test_original_and_rewritten_copy_are_one_story(stores):
    members, db = stores
    assert len({story for _, story, _, _ in members}) == 1
    via = {doc_id: (how, score) for doc_id, _, how, score in members}
    assert via["para-original"] == ("canonical", 1.0)  # published first
    assert via["para-copy"][0] == "semantic"
    assert via["para-copy"][1] >= load_options().story_semantic_threshold
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT num_articles, num_sources FROM stories").fetchall() == [(3, 2)]


def test_an_event_both_report_is_one_group_of_three_articles_from_two_outlets(stores):
    con = duckdb.connect(str(stores[1]), read_only=True)
    shared = con.execute(
        "SELECT g.type, g.num_articles, g.num_sources FROM event_groups g "
        "WHERE g.group_id IN (SELECT group_id FROM event_group_members "
        "GROUP BY group_id HAVING count(DISTINCT doc_id) = 3) ORDER BY g.type"
    ).fetchall()
    # the accusation (UKR -> RUS), and the attack: the copy's "barrage against the port"
    # has no target country, and joins the one Russian attack of its story
    assert shared == [("ACCUSE", 3, 2), ("ASSAULT", 3, 2)]
