"""Reads for one server: a private snapshot of the store, never the store file itself.

DuckDB lets one process write a file and no other process open it meanwhile, so
a server reading the store file would answer 500 (E301) while ``dyads ingest``
writes, and a dashboard polled every 250 ms would hold the file and make
``ingest`` fail. Instead the server reads a copy it owns (``store.snapshot``):
taken at startup, and again, under a brief read lock, when a request finds the
store changed. While a writer holds the store the copy cannot be refreshed and
requests are served from the last consistent one; a writer that meets the brief
read lock waits for it (``store_open_timeout``). Only a server that has never
copied the store (started during an ingest) answers 503 with Retry-After.
Requests share the copy's read-only connection, each through its own cursor,
bounded by ``query_timeout`` and ``query_memory_limit``.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..analysis.connection import limited, set_memory_limit
from ..config import Options
from ..errors import Errors, QueryError, StoreError
from ..store import Store
from ..store.snapshot import Stamp, copy_store, remove_copy, stamp
from .problems import ApiError

RETRY_AFTER = 1  # seconds: how long a busy store is left alone, and what 503 asks for
_OPEN: weakref.WeakSet[StoreAccess] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Close the copies' connections and delete the copies before the interpreter stops."""
    for access in list(_OPEN):
        access.shutdown()


@dataclass(slots=True, eq=False)
class _Snapshot:
    path: Path
    store: Store
    stamp: Stamp
    readers: int = 0
    retired: bool = False


class StoreAccess:
    def __init__(self, path: str, options: Options | None = None) -> None:
        self.path = path
        self.options = options or Options()
        self._dir = Path(tempfile.mkdtemp(prefix="dyads-serve-"))
        self._names = itertools.count(1)
        self._cond = threading.Condition()
        self._current: _Snapshot | None = None
        self._refreshing = False
        self._writing = False
        self._busy_until = 0.0
        self._stopped = False
        _OPEN.add(self)
        self.refresh()

    def shutdown(self) -> None:
        """Close every copy and delete them (app shutdown, exit)."""
        with self._cond:
            self._stopped = True
            current, self._current = self._current, None
            if current is not None:
                current.store.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    @contextmanager
    def reading(self, timed: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the freshest copy, for one request; 503 when there is none yet.

        ``timed=False`` leaves ``query_timeout`` to the caller: a streamed export
        times each piece it reads, not the client's pace of reading them."""
        self.refresh()
        with self._cond:
            snap = self._current
            if snap is None:
                raise self._busy()
            snap.readers += 1
            cursor = snap.store.con.cursor()
        try:
            with limited(cursor, self.path, self.options.query_timeout if timed else 0):
                yield cursor
        except QueryError as exc:
            if exc.code not in ("E709", "E710"):
                raise
            raise ApiError(Errors[exc.code], 503, **exc.details) from exc
        finally:
            cursor.close()
            with self._cond:
                snap.readers -= 1
                if snap.retired and not snap.readers:
                    _drop(snap)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The store for this process to write (POST /api/ingest); reads go on meanwhile."""
        with self._cond:
            while self._writing or self._refreshing:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._busy_until = 0.0
                self._cond.notify_all()
            self.refresh()  # serve what was just written

    def refresh(self) -> None:
        """Copy the store again if it changed since the last copy and no writer holds it."""
        with self._cond:
            if self._stopped or self._refreshing or self._writing:
                return
            if time.monotonic() < self._busy_until:
                return
            if self._current is not None and self._current.stamp == stamp(self.path):
                return
            self._refreshing = True
        try:
            fresh = self._copy()
        finally:
            with self._cond:
                self._refreshing = False
                self._cond.notify_all()
        if fresh is None:
            return
        with self._cond:
            old, self._current = self._current, fresh
            if self._stopped:
                self._current = None
                _drop(fresh)
            if old is not None:
                old.retired = True
                if not old.readers:
                    _drop(old)

    def _copy(self) -> _Snapshot | None:
        """A new copy, or None while another process writes the store."""
        dest = self._dir / f"snapshot-{next(self._names)}.duckdb"
        try:
            copied = copy_store(self.path, dest)
            store = Store(dest, read_only=True)
        except (StoreError, OSError) as exc:
            remove_copy(dest)
            busy = isinstance(exc, StoreError) and exc.code == "E305"
            if not busy and self._current is None:
                raise  # nothing to serve and the store is broken: say why
            with self._cond:  # busy, or broken since: keep serving the last copy
                self._busy_until = time.monotonic() + RETRY_AFTER
            return None
        try:
            set_memory_limit(store.con, self.options.query_memory_limit)
        except BaseException:
            store.close()
            remove_copy(dest)
            raise
        return _Snapshot(dest, store, copied)

    def _busy(self) -> ApiError:
        detail = "a writer has held it since this server started"
        error = ApiError(Errors.E305, 503, path=self.path, detail=detail, waited=0)
        error.headers = {"Retry-After": str(RETRY_AFTER)}
        return error


def _drop(snap: _Snapshot) -> None:
    snap.store.close()
    remove_copy(snap.path)
