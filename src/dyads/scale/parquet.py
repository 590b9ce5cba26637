"""Parquet output of the Dask engine, and the second stage that makes it a dyads store.

Layout: one folder per store table (``documents/``, ``sentences/``,
``actor_mentions/``, ``events/``, ``event_mentions/``, ``rejections/``; with
``dyads ingest`` also ``doc_signatures/``, ``ingest_errors/`` and
``skipped_documents/``, the documents the target store already held), each holding
``part-<partition>-<sub>.parquet`` files with the table's columns
(``store.tables.arrow_schema``), and ``runs/`` with one row per run.

``load_parquet`` is the documented second stage. It loads the parts into a
DuckDB store in one transaction, keeping one copy of each document (the last
part for ``dyads code``, as re-coding replaces; the first for ``dyads ingest``,
whose later copies with other content are E610) and replacing what the store
held for those documents. A skipped document takes part in choosing the copy
(it is the stored one) but leaves the store's rows as they are. When the output
came from ``dyads ingest`` it then
runs ``dyads.crossdoc.finalize``: stories and cross-document event groups are
computed over the whole store, exactly as a local ingest run ends.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..batches import RunSummary
from ..config import Options
from ..errors import Errors, InputError, StoreError
from ..model import Rejection
from ..store.tables import DOCUMENT_TABLES, SCHEMA_VERSION, TABLES, columns, quote
from .records import is_remote

OUTPUT_TABLES: tuple[str, ...] = (*DOCUMENT_TABLES, "ingest_errors", "skipped_documents", "runs")


def _fs(output: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    return url_to_fs(output)


def prepare_output(output: str) -> None:
    """Create the output folder; remove the part files an earlier run left there."""
    try:
        fs, root = _fs(output)
        fs.makedirs(root, exist_ok=True)
        for table in OUTPUT_TABLES:
            for old in fs.glob(f"{root}/{table}/*.parquet"):
                fs.rm(old)
    except OSError as exc:
        raise StoreError(Errors.E907, path=output, detail=str(exc)) from exc


def write_tables(tables: dict[str, pa.Table], output: str, name: str) -> None:
    """Write each table to ``<output>/<table>/<name>.parquet`` (via a temporary name)."""
    import pyarrow.parquet as pq

    fs, root = _fs(output)
    for table, data in tables.items():
        folder = f"{root}/{table}"
        final = f"{folder}/{name}.parquet"
        try:
            fs.makedirs(folder, exist_ok=True)
            with fs.open(final + ".tmp", "wb") as fh:
                pq.write_table(data, fh)
            fs.mv(final + ".tmp", final)
        except OSError as exc:
            raise StoreError(Errors.E907, path=final, detail=str(exc)) from exc


def write_run(output: str, row: dict[str, Any]) -> None:
    """The run's row (``runs`` table), written by the driver when the run ends."""
    from ..store.tables import arrow_schema

    table = pa.Table.from_pylist([row], schema=arrow_schema("runs"))
    write_tables({"runs": table}, output, f"run-{row['run_id']}")


# -- the second stage --------------------------------------------------------------


def _location(directory: str | os.PathLike[str]) -> str:
    text = os.fspath(directory)
    return text if is_remote(text) else str(Path(text).resolve())


def _present(location: str) -> set[str]:
    """Tables with at least one Parquet file in the output."""
    fs, root = _fs(location)
    return {t for t in OUTPUT_TABLES if fs.glob(f"{root}/{t}/*.parquet")}


def _source(location: str, table: str) -> str:
    pattern = f"{location}/{table}/*.parquet".replace("'", "''")
    return f"read_parquet('{pattern}', filename = true)"


def load_parquet(
    directory: str | os.PathLike[str],
    db: str | os.PathLike[str],
    *,
    options: Options | None = None,
    views: bool = False,
) -> RunSummary:
    """Load a Dask run's Parquet into the DuckDB store ``db`` (or, with ``views``, make views).

    Runs the cross-document stage (stories, event groups) when the output came
    from ``dyads ingest``. Raises E904 when ``directory`` holds no dyads output.
    """
    location = _location(directory)
    present = _present(location)
    if "documents" not in present:
        detail = "no documents/*.parquet; write them with --engine dask --output DIR"
        raise StoreError(Errors.E904, path=os.fspath(directory), detail=detail)
    if views:
        return _create_views(location, present, os.fspath(db))
    from ..config import load_options
    from ..store import Store

    options = options or load_options()
    summary = RunSummary(ingest="doc_signatures" in present)
    with Store(db) as store:
        _load(store, location, present, summary)
        from ..crossdoc import finalize

        if not summary.ingest:
            _sign_missing(store, options)  # as `dyads code --db` does
        summary.stories, summary.groups = finalize(store, options)
    summary.finish()
    return summary


def _sign_missing(store: Any, options: Options) -> None:
    """MinHash signatures for stored documents that have none (Dask `code` output)."""
    from ..crossdoc.stories import signature

    rows = store.con.execute(
        "SELECT doc_id, text FROM documents "
        "WHERE doc_id NOT IN (SELECT doc_id FROM doc_signatures) ORDER BY doc_id"
    ).fetchall()
    if rows:
        signed = [{"doc_id": d, "minhash": signature(t, options)} for d, t in rows]
        store.transaction(lambda: store.insert("doc_signatures", signed))


def _load(store: Any, location: str, present: set[str], summary: RunSummary) -> None:
    con = store.con
    pick = "min" if summary.ingest else "max"
    parts = (
        "SELECT doc_id, parse_filename(filename) AS part, path, url, content_hash, "
        f"false AS skipped FROM {_source(location, 'documents')}"
    )
    if "skipped_documents" in present:
        parts += (
            " UNION ALL SELECT doc_id, parse_filename(filename), path, url, content_hash, true "
            f"FROM {_source(location, 'skipped_documents')}"
        )

    def work() -> None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _dyads_parts AS {parts}")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _dyads_chosen AS SELECT doc_id, "
            f"{pick}(part) AS part, arg_{pick}(skipped, part) AS skipped "
            "FROM _dyads_parts GROUP BY doc_id"
        )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _dyads_winners AS "
            "SELECT doc_id, part FROM _dyads_chosen WHERE NOT skipped"
        )
        others = con.execute(
            "SELECT p.doc_id, p.path, p.url, p.content_hash = k.content_hash "
            "FROM _dyads_parts p JOIN _dyads_chosen w USING (doc_id) "
            "JOIN _dyads_parts k ON k.doc_id = w.doc_id AND k.part = w.part "
            "WHERE p.part <> w.part ORDER BY p.part, p.doc_id"
        ).fetchall()
        for table in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _dyads_winners)")
        for table in DOCUMENT_TABLES:
            if table not in present:
                continue
            cols = ", ".join(f"p.{quote(c)}" for c in columns(table))
            names = ", ".join(quote(c) for c in columns(table))
            con.execute(
                f"INSERT INTO {table} ({names}) SELECT {cols} FROM {_source(location, table)} p "
                "LEFT JOIN _dyads_winners w ON w.doc_id = p.doc_id "
                "WHERE p.doc_id IS NULL OR w.part = parse_filename(p.filename)"
            )
        summary.duplicates = sum(1 for row in others if row[3])
        summary.errors = _load_errors(store, location, present, others)
        if "runs" in present:
            names = ", ".join(quote(c) for c in columns("runs"))
            con.execute(
                f"INSERT INTO runs ({names}) SELECT {names} FROM {_source(location, 'runs')} "
                "WHERE run_id NOT IN (SELECT run_id FROM runs)"
            )
        summary.documents, summary.events, summary.skipped = con.execute(
            "SELECT count(*), (SELECT count(*) FROM events WHERE doc_id IN "
            "(SELECT doc_id FROM _dyads_winners)), "
            "(SELECT count(*) FROM _dyads_chosen WHERE skipped) FROM _dyads_winners"
        ).fetchone()
        con.execute("DROP TABLE _dyads_winners")
        con.execute("DROP TABLE _dyads_chosen")
        con.execute("DROP TABLE _dyads_parts")

    store.transaction(work)


def _load_errors(
    store: Any, location: str, present: set[str], others: list[tuple]
) -> list[Rejection]:
    """ingest_errors from the parts, plus E610 for later copies of an id with other content."""
    from .batch import error_row

    con = store.con
    rows: list[dict[str, Any]] = []
    if "ingest_errors" in present:
        names = ", ".join(quote(c) for c in columns("ingest_errors"))
        cursor = con.execute(f"SELECT {names} FROM {_source(location, 'ingest_errors')}")
        keys = [d[0] for d in cursor.description]
        rows = [dict(zip(keys, values, strict=True)) for values in cursor.fetchall()]
    if "doc_signatures" in present:
        run = con.execute(
            f"SELECT max(run_id) FROM {_source(location, 'runs')}" if "runs" in present else
            "SELECT NULL"
        ).fetchone()[0]  # fmt: skip
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for doc_id, path, url, same in others:
            if not same:
                error = InputError(Errors.E610, doc_id=doc_id, path=path or url or doc_id)
                rows.append(error_row(error, run, now))
    for row in rows:
        store.delete_where("ingest_errors", input=row["input"], code=row["code"])
    store.insert("ingest_errors", rows)
    return [Rejection(r["code"], r["message"], input=r["input"]) for r in rows]


def _create_views(location: str, present: set[str], db: str) -> RunSummary:
    """Views named like the store's tables over the Parquet, and empty tables for the rest.

    Nothing is copied; the per-document tables are read from the Parquet on each
    query. No second stage runs (stories and event groups stay empty): load the
    output with ``load_parquet`` for those.
    """
    import duckdb

    from ..store.tables import create_statements

    try:
        con = duckdb.connect(db)
    except duckdb.Error as exc:
        raise StoreError(Errors.E301, path=db, detail=str(exc).splitlines()[0]) from exc
    try:
        for table in TABLES:
            if table in present:
                cols = ", ".join(
                    f"CAST({quote(name)} AS {sql.split(' ')[0]}) AS {quote(name)}"
                    for name, sql in TABLES[table]
                )
                glob = f"{location}/{table}/*.parquet".replace("'", "''")
                con.execute(
                    f"CREATE OR REPLACE VIEW {table} AS SELECT {cols} FROM read_parquet('{glob}')"
                )
        for statement in create_statements():
            target = statement.split(" ON ")[-1].split(" (")[0].split()[-1]
            if statement.startswith("CREATE INDEX") and target in present:
                continue
            if statement.startswith("CREATE TABLE") and statement.split()[5] in present:
                continue
            con.execute(statement)
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
            [SCHEMA_VERSION],
        )
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    except duckdb.Error as exc:
        raise StoreError(Errors.E303, path=db, detail=str(exc).splitlines()[0]) from exc
    finally:
        con.close()
    return RunSummary(documents=int(documents), events=int(events), views=True)
