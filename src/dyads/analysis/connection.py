"""Open a store for reading, with the documented views in place.

Every analysis takes ``db``: a path to a store, an open ``Store``, or a DuckDB
connection. Paths are opened read-only (``duckdb.connect(read_only=True)``),
so no query or analysis can change stored data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from ..store import Store
from .views import create_views

Db = str | os.PathLike[str] | Store | duckdb.DuckDBPyConnection


def db_name(db: Db) -> str:
    """How a store is named in messages."""
    if isinstance(db, Store):
        return db.path
    if isinstance(db, duckdb.DuckDBPyConnection):
        return "<connection>"
    return os.fspath(db)


@contextmanager
def connect(db: Db, sandbox: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the views ``events``, ``mentions``, ``documents``, ``stories``, ``actors``.

    With ``sandbox`` (user SQL), a connection we opened also loses file system
    access and its configuration is locked, so SQL cannot read or write files.
    """
    if isinstance(db, duckdb.DuckDBPyConnection):
        create_views(db, reuse=True)  # a caller-held connection: build the views once
        yield db
        return
    if isinstance(db, Store):
        create_views(db.con)
        yield db.con
        return
    store = Store(os.fspath(db), read_only=True)
    try:
        con = store.con
        create_views(con)
        if sandbox:
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        yield con
    finally:
        store.close()
