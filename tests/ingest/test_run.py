"""The resumable ingest loop: skips what is stored, flags non-English, survives kill -9."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from dyads.config import load_options
from dyads.ingest.run import ingest
from dyads.store.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "fixtures" / "stories" / "stories.yaml"
PARAPHRASE = ROOT / "tests" / "fixtures" / "stories" / "paraphrase.yaml"
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Les syndicats ont "
    "appelé à une grève nationale la semaine prochaine, et les partis d'opposition ont promis "
    "de déposer une motion de censure contre le premier ministre à l'Assemblée nationale."
)
VOLATILE = {"run_id", "coded_at", "fetched_at", "recorded_at", "started_at", "finished_at"}


def write_corpus(path: Path) -> Path:
    """Our story articles as JSONL, an original with its rewritten copy (joined by the
    semantic path, so vectors are cached), a French article and a duplicated id."""
    records = yaml.safe_load(STORIES.read_text(encoding="utf-8"))
    lines = [
        {"id": r["id"], "text": r["text"], "title": r["title"], "date": r["date"]} for r in records
    ]
    lines += yaml.safe_load(PARAPHRASE.read_text(encoding="utf-8"))
    lines.append({"id": "fr-1", "text": FRENCH, "date": "2024-05-21"})
    lines.append({"id": "s01-a", "text": "Different text under a used id.", "date": "2024-05-02"})
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, without run ids and timestamps, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, cols in TABLES.items():
            if table == "runs":
                continue
            names = [f'"{name}"' for name, _ in cols if name not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def options():
    return load_options(batch_size=4)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus, options):
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    summary = ingest([str(corpus)], options, str(db))
    return db, summary


def test_ingest_counts_stories_language_and_duplicate_ids(reference):
    db, summary = reference
    assert summary.documents == 39
    assert summary.non_english == 1
    assert [e.code for e in summary.errors] == ["E610"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT language FROM documents WHERE doc_id = 'fr-1'").fetchone() == ("fr",)
    assert con.execute("SELECT count(*) FROM events WHERE doc_id = 'fr-1'").fetchone() == (0,)
    copies = dict(
        con.execute("SELECT doc_id, copy_of FROM documents WHERE copy_of IS NOT NULL").fetchall()
    )
    assert copies["s01-b"] == "s01-a"  # canonical: earliest published
    assert copies["s03-b"] == "s03-a"  # same day: smallest doc_id
    assert summary.stories == 39 - 16
    assert con.execute("SELECT via FROM story_members WHERE doc_id = 'para-copy'").fetchone() == (
        "semantic",
    )
    assert con.execute("SELECT count(vector) FROM doc_features").fetchone()[0] >= 2
    assert con.execute("SELECT count(*) FROM ingest_errors WHERE code = 'E610'").fetchone() == (1,)
    con.close()


def test_rerun_skips_everything_and_keeps_tables(reference, corpus, options):
    db, _ = reference
    before = snapshot(db)
    again = ingest([str(corpus)], options, str(db))
    assert again.documents == 0
    assert again.skipped == 39
    assert snapshot(db) == before


def test_killed_twice_then_resumed_equals_uninterrupted(reference, corpus, options, tmp_path):
    db = tmp_path / "killed.duckdb"
    script = (
        "import sys; from dyads.config import load_options; from dyads.ingest.run import ingest; "
        "ingest([sys.argv[1]], load_options(batch_size=4), sys.argv[2])"
    )
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    for _ in range(2):
        proc = subprocess.Popen([sys.executable, "-c", script, str(corpus), str(db)])
        time.sleep(rng.uniform(2.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    ingest([str(corpus)], options, str(db))
    got, want = snapshot(db), snapshot(reference[0])
    for table in ("story_members", "doc_features", "stories", "event_groups"):
        assert want[table], table  # the stage ran: memberships, cached vectors, groups
        assert got[table] == want[table], f"{table}, random seed {seed}"
    assert got == want, f"random seed {seed}"


def test_two_worker_processes_give_the_same_tables(reference, corpus, options, tmp_path):
    db = tmp_path / "workers.duckdb"
    ingest([str(corpus)], options, str(db), workers=2)
    assert snapshot(db) == snapshot(reference[0])
