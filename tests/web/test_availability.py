"""dyads serve stays up while dyads ingest writes, and ingest never fails for a reader
(issue #19): pages come from a snapshot, a server with none answers 503, reads are bounded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyads.config import Options, load_options
from dyads.ingest import run as ingest_run
from dyads.web import create_app

REPO = Path(__file__).resolve().parents[2]

# Codes each article as one Russia -> Ukraine accusation, without spaCy: the ingest loop,
# its transactions and its story clustering are real, only the coder is stubbed.
STUB = textwrap.dedent(
    """
    import time
    from dyads.model import Actor, CodedDocument, Event, Sentence, Span, stable_hash
    from dyads.ingest import run

    def fake_code(documents, options):
        time.sleep(0.01)  # a little coding time per batch, so polls meet the writer
        out = []
        for doc in documents:
            end = doc.text.index(".") + 1
            sentence = Sentence(0, 0, end, doc.text[:end], 0)
            rus = Actor("Russia", 0, 6, country="RUS", name="Russia", code="RUS")
            ukr = Actor("Ukraine", 16, 23, country="UKR", name="Ukraine", code="UKR")
            event = Event(
                event_id=stable_hash(doc.doc_id, "e"), doc_id=doc.doc_id, sentence_id=0,
                sentence=sentence.text, trigger=Span("accused", 7, 14), type="ACCUSE",
                mode=None, cameo="112", quad_class=3, intensity=-2.0, goldstein=-2.0,
                modality="asserted", attributed_to=None, source=rus, target=ukr,
                date=doc.published, date_precision="day",
                mention_id=stable_hash(doc.doc_id, "m"), confidence=0.9, rule="stub",
            )
            out.append(CodedDocument(doc, [sentence], [], [event], []))
        return out
    """
)


def articles(path: Path, start: int, count: int) -> Path:
    lines = [
        {
            "id": f"a{i:04d}",
            "date": f"2024-05-{1 + i % 28:02d}",
            "title": f"Border report {i}",
            "text": f"Russia accused Ukraine of shelling border village number {i} on "
            f"Monday. Officials in Kyiv rejected the claim about village {i} and said "
            f"the report about the shelling of village {i} was false.",
        }
        for i in range(start, start + count)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def seed_store(tmp_path: Path, monkeypatch) -> Path:
    """A store of 10 stubbed articles, written in this process."""
    namespace: dict = {}
    exec(STUB, namespace)  # our own stub coder, patched in for this test only
    monkeypatch.setattr(ingest_run, "code_documents", namespace["fake_code"])
    db = tmp_path / "news.duckdb"
    ingest_run.ingest([str(articles(tmp_path / "seed.jsonl", 0, 10))], load_options(), str(db))
    return db


def start_ingest(db: Path, files: list[Path]) -> subprocess.Popen:
    """Another process ingesting ``files`` one run after another (a cron job, say)."""
    script = STUB + textwrap.dedent(
        """
        import sys
        from dyads.config import load_options
        run.code_documents = fake_code
        for source in sys.argv[2:]:
            summary = run.ingest([source], load_options(batch_size=8), sys.argv[1])
            print("documents", summary.documents, flush=True)
        """
    )
    args = [sys.executable, "-c", script, str(db), *map(str, files)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def client_for(db: Path, **settings) -> TestClient:
    app = create_app(db, options=load_options(**settings))
    app.state.limits.burst = 10**9
    app.state.limits.rate = 10.0**9
    return TestClient(app, raise_server_exceptions=False)


def test_every_page_answers_while_a_300_article_ingest_writes(tmp_path, monkeypatch):
    db = seed_store(tmp_path, monkeypatch)
    client = client_for(db)
    first = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    event_id, doc_id = first["event_id"], first["doc_id"]
    routes = [
        "/", "/events", f"/events/{event_id}", f"/documents/{doc_id}", "/dyads/RUS/UKR",
        "/network", "/alerts", "/map", "/api/overview", "/api/events?limit=20",
        f"/api/events/{event_id}", f"/api/documents/{doc_id}", "/api/dyads/RUS/UKR",
        "/api/network", "/api/alerts", "/api/map", "/api/export?format=csv",
    ]  # fmt: skip
    # three runs of 100: between runs the server copies the store under a read lock,
    # which the next run must wait for rather than fail on
    files = [articles(tmp_path / f"batch{n}.jsonl", 10 + 100 * n, 100) for n in range(3)]
    writer = start_ingest(db, files)
    statuses: dict[int, list[str]] = {}
    rounds_while_writing = 0
    try:
        while writer.poll() is None:
            for route in routes:
                statuses.setdefault(client.get(route).status_code, []).append(route)
            rounds_while_writing += 1
            time.sleep(0.25)
        out, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    assert out.split() == ["documents", "100"] * 3
    assert rounds_while_writing >= 2
    assert set(statuses) == {200}, {k: v[:5] for k, v in statuses.items()}
    deadline = time.monotonic() + 15
    while client.get("/api/overview").json()["counts"]["documents"] != 310:
        assert time.monotonic() < deadline, "the snapshot never caught up with the store"
        time.sleep(0.2)


def hold_for_writing(db: Path, seconds: float) -> subprocess.Popen:
    script = (
        "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(float(sys.argv[2])); c.close()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_server_started_during_an_ingest_answers_503_with_retry_after(tmp_path, monkeypatch):
    db = seed_store(tmp_path, monkeypatch)
    writer = hold_for_writing(db, 2.0)
    try:
        client = client_for(db)
        api = client.get("/api/overview")
        page = client.get("/")
    finally:
        writer.wait()
    assert api.status_code == 503 and api.headers["retry-after"] == "1"
    body = api.json()
    assert body["ok"] is False and body["status"] == 503 and body["error"].startswith("[E305]")
    assert page.status_code == 503 and "[E305]" in page.text
    time.sleep(1.1)  # Retry-After: the store is free now
    assert client.get("/api/overview").json()["counts"]["documents"] == 10


def test_a_request_over_query_timeout_is_stopped_with_503(tmp_path, monkeypatch):
    db = seed_store(tmp_path, monkeypatch)
    client = client_for(db, query_timeout=0.5)
    from dyads.web import reads

    def endless(con):
        con.execute("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                    "SELECT count(*) FROM r").fetchall()  # fmt: skip

    monkeypatch.setattr(reads, "overview", endless)
    response = client.get("/api/overview")
    assert response.status_code == 503
    assert response.json()["error"].startswith("[E709]")
    assert client.get("/api/events").status_code == 200  # the server is still fine


@pytest.mark.parametrize("limit", ["lots", "4 parsecs"])
def test_a_bad_memory_limit_is_a_setting_error(tmp_path, monkeypatch, limit):
    from dyads.errors import ConfigError

    db = seed_store(tmp_path, monkeypatch)
    with pytest.raises(ConfigError) as info:
        create_app(db, options=Options(query_memory_limit=limit))
    assert info.value.code == "E401" and "query_memory_limit" in str(info.value)
