"""Read-only SQL over the documented views (``dyads query``).

Two locks: the store is opened read-only, and the text must be one SELECT,
WITH, DESCRIBE, SHOW or EXPLAIN statement, checked with DuckDB's own parser
(so ``COPY ... TO`` or ``ATTACH``, which a read-only store would still allow,
are refused too). File access is switched off for the query's connection.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from ..config import Options
from ..errors import Errors, QueryError
from .connection import Db, connect, db_name, limited

READ_TYPES = frozenset({duckdb.StatementType.SELECT})
_EXPLAIN = re.compile(r"^\s*EXPLAIN(\s+ANALYZE)?\s+", re.IGNORECASE)


def check_sql(sql: str) -> str:
    """Return ``sql`` if it is a single read-only statement, else raise E703."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(Errors.E703, detail=f"cannot parse it ({_first_line(exc)})") from exc
    if len(statements) != 1:
        raise QueryError(Errors.E703, detail=f"{len(statements)} statements, expected one")
    kind = statements[0].type
    if kind == duckdb.StatementType.EXPLAIN:
        check_sql(_EXPLAIN.sub("", sql, count=1))  # EXPLAIN ANALYZE runs its statement
        return sql
    if kind not in READ_TYPES:
        raise QueryError(Errors.E703, detail=f"a {kind.name} statement")
    return sql


def run_query(db: Db, sql: str, options: Options | None = None) -> pd.DataFrame:
    """The result of one read-only statement as a DataFrame.

    Bounded by ``query_timeout`` (E709: a recursive CTE would otherwise run until
    killed) and ``query_memory_limit`` (E710), from ``options`` or the defaults.
    """
    options = options or Options()
    check_sql(sql)
    name = db_name(db)
    limit = options.query_memory_limit
    with (
        connect(db, sandbox=True, memory_limit=limit) as con,
        limited(con, name, options.query_timeout),
    ):
        try:
            return con.execute(sql).df()
        except duckdb.Error as exc:
            raise QueryError(Errors.E705, path=name, detail=_first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
