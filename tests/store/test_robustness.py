"""Opening a store another process holds, refusing foreign and damaged files, and
reporting the real cause when a commit cannot reach the disk (issue #19)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dyads.errors import StoreError
from dyads.store import Store

REPO = Path(__file__).resolve().parents[2]


def hold(path: Path, seconds: float, read_only: bool) -> subprocess.Popen:
    """Another process that holds ``path`` for ``seconds``; returns once it does."""
    script = (
        "import sys, time, duckdb; "
        "c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == '1'); "
        "print('held', flush=True); time.sleep(float(sys.argv[3]))"
    )
    args = [sys.executable, "-c", script, str(path), "1" if read_only else "0", str(seconds)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def stored(tmp_path, make_coded) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write([make_coded(f"doc-{i}") for i in range(3)])
    return path


def test_writer_waits_while_a_reader_in_another_process_holds_the_file(stored, make_coded):
    reader = hold(stored, 1.0, read_only=True)
    try:
        with Store(stored, wait=30) as store:  # opens once the reader lets go
            store.write([make_coded("doc-new")])
    finally:
        reader.wait()
    with Store(stored, read_only=True) as store:
        assert store.counts()["documents"] == 4


def test_writer_gives_up_with_E305_naming_the_holder(stored):
    writer = hold(stored, 5.0, read_only=False)
    try:
        with pytest.raises(StoreError) as info:
            Store(stored, wait=0.2)
        assert info.value.code == "E305"
        assert f"held by process {writer.pid}" in str(info.value)
        with pytest.raises(StoreError) as info:
            Store(stored, read_only=True)  # readers do not wait by default
        assert info.value.code == "E305"
    finally:
        writer.kill()
        writer.wait()


def test_foreign_duckdb_file_is_refused_for_writing_and_left_alone(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            Store(path, read_only=read_only)
        assert info.value.code == "E306"
        assert "not a dyads store" in str(info.value) and "customers" in str(info.value)
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    con.close()
    assert tables == [("customers",)]  # no dyads table was added


def test_empty_duckdb_file_becomes_a_store(tmp_path):
    path = tmp_path / "new.duckdb"
    duckdb.connect(str(path)).close()
    with Store(path) as store:
        assert store.counts()["documents"] == 0


def test_truncated_store_is_reported_damaged_not_foreign(tmp_path, make_coded):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write([make_coded(f"doc-{i}") for i in range(300)])
    data = path.read_bytes()
    cut = tmp_path / "cut.duckdb"
    # inside the first data block, and half-way: the second opens, then 'meta' is unreadable
    for size in (20_000, len(data) // 2):
        cut.write_bytes(data[:size])
        for read_only in (True, False):
            with pytest.raises(StoreError) as info:
                Store(cut, read_only=read_only)
            assert info.value.code == "E307", (size, str(info.value))
            assert "truncated or corrupt" in str(info.value)
            assert "not a dyads store" not in str(info.value)


def test_failed_commit_reports_the_io_error_with_the_wal_path_blocked(stored, make_coded):
    """A directory where the WAL goes: an I/O failure at COMMIT that root cannot bypass."""
    with Store(stored) as store:
        (stored.parent / (stored.name + ".wal")).mkdir()
        with pytest.raises(StoreError) as info:
            store.write([make_coded(f"late-{i}") for i in range(50)])
        assert info.value.code == "E303"
        assert "Is a directory" in str(info.value)
        assert "cannot rollback" not in str(info.value)
        assert store.counts()["documents"] == 3
    (stored.parent / (stored.name + ".wal")).rmdir()
    with Store(stored, read_only=True) as store:
        assert store.counts()["documents"] == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_failed_commit_reports_the_io_error_in_an_unwritable_folder(stored, make_coded):
    folder = stored.parent
    with Store(stored) as store:
        folder.chmod(0o555)
        try:
            with pytest.raises(StoreError) as info:
                store.write([make_coded(f"late-{i}") for i in range(50)])
        finally:
            folder.chmod(0o755)
        assert info.value.code == "E303" and "cannot rollback" not in str(info.value)
        assert "Permission denied" in str(info.value)
    with Store(stored, read_only=True) as store:
        assert store.counts()["documents"] == 3


def test_failed_commit_past_the_file_size_limit_stands_in_for_a_full_disk(stored):
    """RLIMIT_FSIZE makes writes fail with EFBIG, as a full disk fails them with ENOSPC."""
    script = textwrap.dedent(
        """
        import resource, signal, sys
        sys.path.insert(0, sys.argv[2])
        from store.conftest import make_coded_document
        from dyads.errors import StoreError
        from dyads.store import Store

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        with Store(sys.argv[1]) as store:
            resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
            try:
                store.write([make_coded_document(f"late-{i}") for i in range(500)])
            except StoreError as exc:
                print(exc.code, exc)
            print("documents", store.counts()["documents"])
        """
    )
    args = [sys.executable, "-c", script, str(stored), str(REPO / "tests")]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.startswith("E303 ") and "File too large" in out, out
    assert "cannot rollback" not in out
    assert "documents 3" in out
    with Store(stored, read_only=True) as store:
        assert store.counts()["documents"] == 3
