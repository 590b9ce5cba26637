"""One read-only connection shared by concurrent requests, let go when idle.

Opening a store costs tens of milliseconds, so requests share one read-only
DuckDB connection, each through its own cursor. When no request has used it
for ``linger`` seconds it is closed, which releases the file for another
process (``dyads ingest``) to write. An ingest through the API takes the store
alone: it waits for open reads, closes the shared connection (DuckDB refuses a
read-write open while the same process holds a read-only one), and new reads
wait until it is done.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from ..store import Store

_OPEN: weakref.WeakSet[StoreAccess] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Close shared connections before the interpreter stops its daemon threads.

    A linger timer firing during interpreter shutdown would close a DuckDB
    connection from a dying thread, which aborts the process.
    """
    for access in list(_OPEN):
        access.shutdown()


class StoreAccess:
    def __init__(self, path: str, linger: float = 2.0) -> None:
        self.path = path
        self.linger = linger
        self._cond = threading.Condition()
        self._store: Store | None = None
        self._readers = 0
        self._writing = False
        self._timer: threading.Timer | None = None
        self._stopped = False
        _OPEN.add(self)

    def shutdown(self) -> None:
        """Cancel the linger timer and close the connection for good (app shutdown, exit)."""
        with self._cond:
            self._stopped = True
            self._close()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared read-only connection, for one request."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._store is None:
                self._store = Store(self.path, read_only=True)
            self._readers += 1
            cursor = self._store.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()
                    self._schedule_close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The store alone: no open reads, no shared connection."""
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
            self._close()
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if not self._readers:
                self._close()

    def _schedule_close(self) -> None:
        if self.linger <= 0 or self._stopped:
            self._close()
            return
        timer = threading.Timer(self.linger, self.close)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            self._store.close()
            self._store = None
