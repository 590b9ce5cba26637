"""Open a store for reading, with the documented views in place.

Every analysis takes ``db``: a path to a store, an open ``Store``, or a DuckDB
connection. Paths are opened read-only (``duckdb.connect(read_only=True)``),
so no query or analysis can change stored data. ``limited`` bounds a read in
time and ``set_memory_limit`` in memory: the settings ``query_timeout`` and
``query_memory_limit``, for ``dyads query`` and every request of ``dyads serve``.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from ..errors import ConfigError, DyadsError, Errors, QueryError
from ..store import Store
from .views import create_views

_MEMORY = re.compile(r"^\d+(\.\d+)?\s*(B|[KMGT]i?B)$", re.IGNORECASE)

Db = str | os.PathLike[str] | Store | duckdb.DuckDBPyConnection


def db_name(db: Db) -> str:
    """How a store is named in messages."""
    if isinstance(db, Store):
        return db.path
    if isinstance(db, duckdb.DuckDBPyConnection):
        return "<connection>"
    return os.fspath(db)


def set_memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> None:
    """DuckDB's ``memory_limit`` for the database behind ``con`` ("": its own default)."""
    if not limit:
        return
    if not _MEMORY.match(limit.strip()):
        detail = "expected a size such as '4GB' or '512MiB'"
        raise ConfigError(Errors.E401, key="query_memory_limit", path=limit, detail=detail)
    con.execute(f"SET memory_limit = '{limit.strip()}'")


@contextmanager
def limited(con: duckdb.DuckDBPyConnection, name: str, timeout: float) -> Iterator[None]:
    """Interrupt what ``con`` runs after ``timeout`` seconds (0: never) and say so (E709).

    DuckDB has no statement timeout: a timer thread calls ``con.interrupt()``. A
    query over its memory limit becomes E710, however the caller wrapped it.
    """
    fired = threading.Event()
    timer = None
    if timeout > 0:

        def stop() -> None:
            fired.set()
            con.interrupt()

        timer = threading.Timer(timeout, stop)
        timer.daemon = True
        timer.start()
    try:
        yield
    except (duckdb.Error, DyadsError) as exc:
        if fired.is_set():
            raise QueryError(Errors.E709, path=name, seconds=timeout) from exc
        cause = exc if isinstance(exc, duckdb.Error) else exc.__cause__
        if isinstance(cause, duckdb.OutOfMemoryException):
            limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
            detail = _first_line(cause)
            raise QueryError(Errors.E710, path=name, detail=detail, limit=limit) from exc
        raise
    finally:
        if timer is not None:
            timer.cancel()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


@contextmanager
def connect(
    db: Db, sandbox: bool = False, memory_limit: str = "", views: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the views ``events``, ``mentions``, ``documents``, ``stories``, ``actors``.

    With ``sandbox`` (user SQL), a connection we opened also loses file system
    access and its configuration is locked, so SQL cannot read or write files.
    ``memory_limit`` applies to a store this opens (a caller's connection keeps its own).
    ``views=False`` skips building the views (~10 ms) for a caller that reads tables only.
    """
    if isinstance(db, duckdb.DuckDBPyConnection):
        if views:
            create_views(db, reuse=True)  # a caller-held connection: build the views once
        yield db
        return
    if isinstance(db, Store):
        if views:
            create_views(db.con)
        yield db.con
        return
    store = Store(os.fspath(db), read_only=True)
    try:
        con = store.con
        if views:
            create_views(con)
        set_memory_limit(con, memory_limit)
        if sandbox:
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        yield con
    finally:
        store.close()
