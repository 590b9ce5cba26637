from __future__ import annotations

import dataclasses

import duckdb
import pytest

from dyads.errors import StoreError
from dyads.model import Rejection
from dyads.store import Store, WriteStats, validate_event
from dyads.store.duckdb_store import Store as StoreClass
from dyads.store.tables import SCHEMA_VERSION


@pytest.fixture
def db(tmp_path):
    return tmp_path / "events.duckdb"


def test_round_trip_all_tables(db, coded):
    with Store(db) as store:
        stats = store.write([coded])
    assert stats == WriteStats(documents=1, sentences=2, mentions=4, events=2, rejections=1)
    with Store(db, read_only=True) as store:
        assert store.documents() == [coded.document]
        assert store.sentences() == coded.sentences
        assert store.sentences("doc-1") == coded.sentences
        got_mentions = store.mentions("doc-1")
        # token indexes are not stored; everything else is
        assert sorted(got_mentions, key=lambda m: m.actor.start) == sorted(
            coded.mentions, key=lambda m: m.actor.start
        )
        assert store.events() == coded.events
        assert store.rejections(doc_id="doc-1") == coded.rejections


def test_event_round_trip_keeps_none_actors_and_types(db, coded):
    with Store(db) as store:
        store.write([coded])
        consult, reject = store.events("doc-1")
    assert consult.attributed_to is None
    assert reject.target is None and reject.goldstein is None and reject.date is None
    assert consult.date == "2024-03-03" and isinstance(consult.date, str)
    assert consult.to_dict() == coded.events[0].to_dict()
    for event in (consult, reject):
        validate_event(event.to_dict())


def test_rewrite_replaces_not_duplicates(db, make_coded):
    with Store(db) as store:
        store.write([make_coded("doc-1"), make_coded("doc-2")])
        before = store.counts()
        store.write([make_coded("doc-1")])
        assert store.counts() == before
        new = make_coded("doc-1", n_events=3)
        new.document.title = "Changed"
        store.write([new])
        after = store.counts()
        assert after["events"] == before["events"] + 1
        assert after["documents"] == before["documents"]
        assert store.documents("doc-1")[0].title == "Changed"
        assert len(store.events("doc-1")) == 3
        assert len(store.events("doc-2")) == 2


def test_duplicate_document_in_one_batch_last_wins(db, make_coded):
    first, second = make_coded("doc-1", n_events=1), make_coded("doc-1", n_events=3)
    with Store(db) as store:
        stats = store.write([first, second])
        assert stats.documents == 1
        assert len(store.events()) == 3


def test_failed_batch_rolls_back(db, make_coded, monkeypatch):
    with Store(db) as store:
        store.write([make_coded("doc-1", n_events=1)])
        before = store.counts()
        original = StoreClass._insert
        calls = []

        def failing_insert(self, table, batch):
            calls.append(table)
            if len(calls) > 1:
                raise RuntimeError("disk on fire")
            original(self, table, batch)

        monkeypatch.setattr(StoreClass, "_insert", failing_insert)
        with pytest.raises(StoreError) as info:
            store.write([make_coded("doc-1", n_events=3), make_coded("doc-2")])
        assert info.value.code == "E303"
        assert "disk on fire" in str(info.value)
        assert calls[0] == "documents"
        monkeypatch.undo()
        assert store.counts() == before
        assert [e.doc_id for e in store.events()] == ["doc-1"]
        # the store still works after a rollback
        store.write([make_coded("doc-2")])
        assert store.counts()["documents"] == 2


def test_bad_date_fails_the_whole_batch(db, make_coded):
    bad = make_coded("doc-2")
    bad.events[0] = dataclasses.replace(bad.events[0], date="2024-13-45")
    with Store(db) as store:
        store.write([make_coded("doc-1")])
        before = store.counts()
        with pytest.raises(StoreError, match=r"\[E303\].*events\.duckdb"):
            store.write([make_coded("doc-1", n_events=4), bad])
        assert store.counts() == before


def test_read_only_refuses_writes(db, coded):
    with Store(db) as store:
        store.write([coded])
    with Store(db, read_only=True) as store:
        for attempt in (
            lambda: store.write([coded]),
            lambda: store.start_run("code"),
            lambda: store.finish_run("x", WriteStats()),
            lambda: store.record_rejections(None, [Rejection("E001", "missing")]),
        ):
            with pytest.raises(StoreError) as info:
                attempt()
            assert info.value.code == "E302"
            assert str(db) in str(info.value)
        assert store.counts()["events"] == 2


def test_missing_file_read_only(tmp_path):
    path = tmp_path / "nope.duckdb"
    with pytest.raises(StoreError) as info:
        Store(path, read_only=True)
    assert info.value.code == "E301"
    assert str(path) in str(info.value)
    assert not path.exists()


def test_corrupt_file(tmp_path):
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"this is not a database\x00\x01\x02" * 500)
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            Store(path, read_only=read_only)
        assert info.value.code == "E301"
        assert str(path) in str(info.value)


def test_foreign_duckdb_file_read_only(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a dyads store"):
        Store(path, read_only=True)


def test_schema_version_mismatch(db):
    with Store(db) as store:
        store.con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"'0', this dyads reads '{SCHEMA_VERSION}'"):
        Store(db)


def test_runs_and_rejections(db, coded):
    with Store(db) as store:
        run_id = store.start_run("dyads code news/")
        stats = store.write([coded], run_id=run_id)
        extra = [Rejection("E002", "empty input", input="news/empty.txt")]
        assert store.record_rejections(run_id, extra) == 1
        store.finish_run(run_id, stats + WriteStats(rejections=1))
        (run,) = store.runs()
        assert run["run_id"] == run_id
        assert run["command"] == "dyads code news/"
        assert run["finished_at"] >= run["started_at"]
        assert (run["documents"], run["events"], run["rejections"]) == (1, 2, 2)
        assert len(store.rejections(run_id=run_id)) == 2
        assert store.rejections(run_id=run_id)[0].input == "news/empty.txt"
        with pytest.raises(StoreError) as info:
            store.finish_run("no-such-run", stats)
        assert info.value.code == "E304"


def test_large_batch(db, make_coded):
    batch = [make_coded(f"doc-{i:04d}", n_events=10) for i in range(1000)]
    with Store(db) as store:
        stats = store.write(batch)
        assert stats.events == 10_000
        assert store.counts()["events"] == 10_000
        assert len(store.events(limit=5)) == 5


def test_empty_write_and_memory_store():
    with Store(":memory:") as store:
        assert store.write([]) == WriteStats()
        assert set(store.counts().values()) == {0}


def test_closed_store_errors(db):
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_write_stats_add():
    total = WriteStats(1, 2, 3, 4, 5) + WriteStats(1, 1, 1, 1, 1)
    assert total.to_dict() == {
        "documents": 2,
        "sentences": 3,
        "mentions": 4,
        "events": 5,
        "rejections": 6,
    }


def test_event_evidence_round_trips(tmp_path):
    import dyads
    from dyads.store import Store

    text = "Russia attacked Ukraine on Monday.\n\nOn Tuesday Russia attacked Ukraine again."
    coded = dyads.code_documents([dyads.document_from_text(text, "2024-03-01")])
    event = next(e for e in coded[0].events if e.type == "ASSAULT")
    assert event.mentions == 2 and len(event.evidence) == 2
    with Store(tmp_path / "e.duckdb") as store:
        store.write(coded)
        back = next(e for e in store.events() if e.event_id == event.event_id)
    assert back == event
