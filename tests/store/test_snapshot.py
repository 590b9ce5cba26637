"""A consistent copy of a store for dyads serve, and the stamp that says it is stale."""

from __future__ import annotations

import pytest

from dyads.errors import StoreError
from dyads.store import Store
from dyads.store.snapshot import copy_store, stamp

from .test_robustness import hold


def test_copy_is_the_same_store_and_the_stamp_moves_on_write(tmp_path, make_coded):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write([make_coded("doc-1")])
    copied = copy_store(path, tmp_path / "copy.duckdb")
    assert copied == stamp(path)
    with Store(tmp_path / "copy.duckdb", read_only=True) as copy:
        assert copy.counts()["events"] == 2
    with Store(path) as store:
        store.write([make_coded("doc-2")])
    assert stamp(path) != copied


def test_no_copy_while_another_process_writes(tmp_path, make_coded):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write([make_coded("doc-1")])
    writer = hold(path, 5.0, read_only=False)
    try:
        with pytest.raises(StoreError) as info:
            copy_store(path, tmp_path / "copy.duckdb")
        assert info.value.code == "E305"
        assert not (tmp_path / "copy.duckdb").exists()
    finally:
        writer.kill()
        writer.wait()
