"""An embedded DuckDB store for coded documents.

One file, no server. Each ``write`` is one transaction: a document re-coded
replaces all of its earlier rows, and a batch that fails leaves the store as it
was. Rows go in as Arrow batches (``INSERT ... SELECT``), not one at a time.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import Errors, StoreError
from ..model import ActorMention, CodedDocument, Document, Event, Rejection, Sentence
from . import rows as convert
from .tables import (
    DOCUMENT_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    arrow_schema,
    columns,
    create_statements,
    quote,
)

MEMORY = ":memory:"
WRITE_WAIT = 10.0  # seconds a read-write open waits for a lock another process holds
POLL = 0.05


@dataclass(slots=True)
class WriteStats:
    """How many rows a write (or a whole run) stored."""

    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    rejections: int = 0

    def __add__(self, other: WriteStats) -> WriteStats:
        return WriteStats(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (self.documents, self.sentences, self.mentions, self.events, self.rejections)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _now() -> dt.datetime:
    """UTC wall time without tzinfo, as DuckDB's TIMESTAMP holds it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A DuckDB file of documents, sentences, actor mentions, events, rejections and runs.

    >>> with Store("events.duckdb") as store:
    ...     stats = store.write(coded_documents)

    DuckDB lets one process write a file, and no other process read it meanwhile. A
    file another process holds is retried for ``wait`` seconds (default: ``WRITE_WAIT``
    for a writer, which readers hold only briefly; none for a reader), then E305.
    """

    def __init__(
        self, path: str | os.PathLike[str], read_only: bool = False, wait: float | None = None
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        if self.path != MEMORY:
            file = Path(self.path)
            if read_only and not file.is_file():
                raise StoreError(Errors.E301, path=self.path, detail="the file does not exist")
            if not read_only:
                file.parent.mkdir(parents=True, exist_ok=True)
        self._con = self._connect((0.0 if read_only else WRITE_WAIT) if wait is None else wait)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    # -- life cycle ---------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({self.path!r}, {mode})"

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for ad-hoc SQL."""
        if self._con is None:
            raise StoreError(Errors.E301, path=self.path, detail="the store is closed")
        return self._con

    def _connect(self, wait: float) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying while another process holds its lock (up to ``wait`` s)."""
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.Error as exc:
                text = _first_line(exc)
                if not is_lock_conflict(exc):
                    if _DAMAGED in text:
                        raise StoreError(Errors.E307, path=self.path, detail=text) from exc
                    raise StoreError(Errors.E301, path=self.path, detail=text) from exc
                if time.monotonic() >= deadline:
                    raise StoreError(
                        Errors.E305, path=self.path, detail=lock_holder(text), waited=wait
                    ) from exc
            time.sleep(POLL)

    def _check_foreign(self) -> None:
        """Refuse a DuckDB file of another application: never add dyads tables to it."""
        names = {
            row[0]
            for row in self.con.execute(
                "SELECT table_name FROM duckdb_tables() "
                "WHERE database_name = current_database() AND schema_name = 'main'"
            ).fetchall()
        }
        if names and "meta" not in names:
            shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
            raise StoreError(Errors.E306, path=self.path, tables=shown)

    def _prepare(self) -> None:
        """Create missing tables and upgrade an older store (read-write), then check the
        schema version."""
        try:
            self._check_foreign()
        except duckdb.Error as exc:
            raise StoreError(Errors.E307, path=self.path, detail=_first_line(exc)) from exc
        if not self.read_only:
            try:
                self._migrate()
                for statement in create_statements():
                    self.con.execute(statement)
                self.con.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                    [SCHEMA_VERSION],
                )
            except duckdb.Error as exc:
                error = Errors.E307 if _DAMAGED in str(exc) else Errors.E301
                raise StoreError(error, path=self.path, detail=_first_line(exc)) from exc
        try:
            found = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except duckdb.Error as exc:
            if _DAMAGED in str(exc):  # the catalog names 'meta', its blocks are missing
                raise StoreError(Errors.E307, path=self.path, detail=_first_line(exc)) from exc
            detail = "not a dyads store (no 'meta' table)"
            raise StoreError(Errors.E301, path=self.path, detail=detail) from exc
        if found is None or found[0] != SCHEMA_VERSION:
            version = None if found is None else found[0]
            detail = f"store schema version {version!r}, this dyads reads {SCHEMA_VERSION!r}"
            if version in MIGRATIONS and self.read_only:
                detail += " (open it once for writing, e.g. `dyads status --db PATH`, to upgrade)"
            raise StoreError(Errors.E301, path=self.path, detail=detail)

    def _migrate(self) -> None:
        """Upgrade an older store in one transaction (``tables.MIGRATIONS``)."""
        try:
            found = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except duckdb.CatalogException:
            return  # a new store: nothing to upgrade
        version = None if found is None else found[0]
        while version in MIGRATIONS:
            target, statements = MIGRATIONS[version]
            self.con.execute("BEGIN TRANSACTION")
            try:
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [target])
                self.con.execute("COMMIT")
            except duckdb.Error:
                self.con.execute("ROLLBACK")
                raise
            version = target

    def _check_writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(Errors.E302, detail=f"cannot {action} {self.path}")

    # -- writing ------------------------------------------------------------

    def write(
        self,
        coded: Sequence[CodedDocument],
        run_id: str | None = None,
        *,
        document_columns: Mapping[str, Mapping[str, Any]] | None = None,
        extra_rows: Mapping[str, list[dict[str, Any]]] | None = None,
        also: Callable[[], None] | None = None,
    ) -> WriteStats:
        """Store a batch of coded documents in one transaction.

        Each document's earlier rows (in every table) are deleted first, so
        re-coding replaces rather than duplicates. If a document appears twice
        in the batch, the last one wins. On failure nothing of the batch stays.
        ``document_columns`` fills per-document columns the model does not carry
        (content_hash, fetched_at); ``extra_rows`` adds rows to other document
        tables (doc_signatures); ``also`` runs inside the same transaction.
        """
        self._check_writable("write to")
        batch = list({c.document.doc_id: c for c in coded}.values())
        if not batch:
            return WriteStats()
        try:
            rows = batch_rows(batch, run_id, _now())
            for row in rows["documents"]:
                row.update((document_columns or {}).get(row["doc_id"], {}))
            for table, more in (extra_rows or {}).items():
                rows[table].extend(more)
        except Exception as exc:
            raise StoreError(Errors.E303, path=self.path, detail=_first_line(exc)) from exc
        doc_ids = [c.document.doc_id for c in batch]

        def work() -> None:
            self._delete_documents(doc_ids)
            for table in DOCUMENT_TABLES:
                self._insert(table, rows[table])
            if also is not None:
                also()

        self._transaction(work)
        return WriteStats(
            documents=len(rows["documents"]),
            sentences=len(rows["sentences"]),
            mentions=len(rows["actor_mentions"]),
            events=len(rows["events"]),
            rejections=len(rows["rejections"]),
        )

    def start_run(self, command: str) -> str:
        """Record the start of a run (a CLI command, a batch job) and return its id."""
        self._check_writable("start a run in")
        run_id = uuid.uuid4().hex[:16]
        self._transaction(
            lambda: self.con.execute(
                "INSERT INTO runs (run_id, started_at, command) VALUES (?, ?, ?)",
                [run_id, _now(), command],
            )
        )
        return run_id

    def finish_run(self, run_id: str, stats: WriteStats) -> None:
        """Close a run with its totals."""
        self._check_writable("finish a run in")
        sql = (
            "UPDATE runs SET finished_at = ?, documents = ?, events = ?, rejections = ? "
            "WHERE run_id = ? RETURNING run_id"
        )
        params = [_now(), stats.documents, stats.events, stats.rejections, run_id]
        try:
            updated = self.con.execute(sql, params).fetchall()
        except duckdb.Error as exc:
            raise StoreError(Errors.E303, path=self.path, detail=_first_line(exc)) from exc
        if not updated:
            raise StoreError(Errors.E304, run_id=run_id, path=self.path)

    def record_rejections(self, run_id: str | None, rejections: Iterable[Rejection]) -> int:
        """Store rejections that belong to no coded document (unreadable inputs, say)."""
        self._check_writable("record rejections in")
        batch = [convert.to_rejection_row(run_id, r) for r in rejections]
        if batch:
            self._transaction(lambda: self._insert("rejections", batch))
        return len(batch)

    def add_correction(self, correction: Mapping[str, Any]) -> dict[str, Any]:
        """Store an analyst's correction of one coded event; return the stored row.

        ``correction`` holds the columns of the ``corrections`` table (``event_id``,
        ``doc_id`` and ``verdict`` at least); ``correction_id`` and ``created_at`` are
        filled in when missing. Coded rows are never changed: corrections are kept
        beside them, and re-coding a document leaves its corrections in place.
        Checking the values is ``dyads.analysis.corrections``' work.
        """
        self._check_writable("add a correction to")
        known = set(columns("corrections"))
        unknown = sorted(set(correction) - known)
        if unknown:
            detail = "unknown correction field(s): " + ", ".join(unknown)
            raise StoreError(Errors.E303, path=self.path, detail=detail)
        row: dict[str, Any] = {name: correction.get(name) for name in columns("corrections")}
        row["correction_id"] = row["correction_id"] or uuid.uuid4().hex[:16]
        row["created_at"] = row["created_at"] or _now()
        self._transaction(lambda: self._insert("corrections", [row]))
        return row

    def corrections(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Stored corrections as plain dicts, oldest first (all, or one event's)."""
        if not self._has_table("corrections"):
            return []
        return self._select("corrections", "created_at, correction_id", {"event_id": event_id})

    def _has_table(self, table: str) -> bool:
        """Is ``table`` in this store (a store opened read-only may predate it)?"""
        found = self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = ?",
            [table],
        ).fetchone()
        return bool(found and found[0])

    def _transaction(self, work: Any) -> None:
        con = self.con
        con.begin()
        try:
            work()
            con.commit()
        except BaseException as exc:
            # A failed COMMIT (disk full, unwritable WAL) has already rolled back: its
            # rollback fails too, and only ``exc`` says why.
            with suppress(duckdb.Error):
                con.rollback()
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            raise StoreError(Errors.E303, path=self.path, detail=_first_line(exc)) from exc

    def _delete_documents(self, doc_ids: list[str]) -> None:
        self.con.register("_dyads_doc_ids", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
        try:
            for table in DOCUMENT_TABLES:
                self.con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _dyads_doc_ids)"
                )
        finally:
            self.con.unregister("_dyads_doc_ids")

    def replace_table(self, table: str, batch: list[dict[str, Any]]) -> None:
        """Delete every row of ``table`` and insert ``batch`` (call inside a transaction)."""
        self.con.execute(f"DELETE FROM {table}")
        self._insert(table, batch)

    def transaction(self, work: Callable[[], None]) -> None:
        """Run ``work`` in one transaction: all of it is stored, or none."""
        self._check_writable("write to")
        self._transaction(work)

    def insert(self, table: str, batch: list[dict[str, Any]]) -> None:
        """Bulk insert rows into ``table`` (call inside ``transaction``): the public way for
        the stages that write tables of their own (ingest errors, fetches, stories)."""
        self._insert(table, batch)

    def delete_where(self, table: str, **equals: Any) -> None:
        """Delete the rows of ``table`` whose columns equal ``equals`` (inside ``transaction``)."""
        where = " AND ".join(f"{quote(k)} = ?" for k in equals) or "true"
        self.con.execute(f"DELETE FROM {table} WHERE {where}", list(equals.values()))

    def _insert(self, table: str, batch: list[dict[str, Any]]) -> None:
        """Bulk insert rows through an Arrow table (one statement per table)."""
        if not batch:
            return
        arrow = pa.Table.from_pylist(batch, schema=arrow_schema(table))
        name = f"_dyads_batch_{table}"
        cols = ", ".join(quote(c) for c in columns(table))
        self.con.register(name, arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.con.unregister(name)

    # -- reading ------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def _select(
        self,
        table: str,
        order: str,
        where: dict[str, Any] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        filters = {k: v for k, v in (where or {}).items() if v is not None}
        sql = f"SELECT * FROM {table}"
        if filters:
            sql += " WHERE " + " AND ".join(f"{quote(k)} = ?" for k in filters)
        sql += f" ORDER BY {order}"
        params = list(filters.values())
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._rows(sql, params)

    def events(self, doc_id: str | None = None, limit: int | None = None) -> list[Event]:
        """Events in document order (all documents, or one)."""
        order = "doc_id, sentence_id, trigger_start, event_id"
        rows = self._select("events", order, {"doc_id": doc_id}, limit)
        events = [convert.from_event_row(row) for row in rows]
        evidence = self._select(
            "event_mentions", "doc_id, event_id, sentence_id, trigger_start", {"doc_id": doc_id}
        )
        by_event: dict[str, list] = {}
        for row in evidence:
            by_event.setdefault(row["event_id"], []).append(convert.from_evidence_row(row))
        for event in events:
            event.evidence = by_event.get(event.event_id, [])
        return events

    def documents(self, doc_id: str | None = None) -> list[Document]:
        rows = self._select("documents", "doc_id", {"doc_id": doc_id})
        return [convert.from_document_row(row) for row in rows]

    def sentences(self, doc_id: str | None = None) -> list[Sentence]:
        rows = self._select("sentences", "doc_id, sentence_id", {"doc_id": doc_id})
        return [convert.from_sentence_row(row) for row in rows]

    def mentions(self, doc_id: str | None = None) -> list[ActorMention]:
        order = 'doc_id, sentence_id, start, "end"'
        rows = self._select("actor_mentions", order, {"doc_id": doc_id})
        return [convert.from_mention_row(row) for row in rows]

    def rejections(self, run_id: str | None = None, doc_id: str | None = None) -> list[Rejection]:
        order = "doc_id NULLS FIRST, sentence_id NULLS FIRST, code"
        rows = self._select("rejections", order, {"run_id": run_id, "doc_id": doc_id})
        return [convert.from_rejection_row(row) for row in rows]

    def runs(self) -> list[dict[str, Any]]:
        """Runs as plain dicts, oldest first."""
        return self._select("runs", "started_at, run_id")

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        present = [t for t in TABLES if t != "corrections" or self._has_table(t)]
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in present)
        return {name: int(n) for name, n in self.con.execute(sql).fetchall()}


def batch_rows(
    batch: Sequence[CodedDocument], run_id: str | None, coded_at: dt.datetime
) -> dict[str, list[dict[str, Any]]]:
    """All rows of a batch, per table: ``Store.write`` and the Dask workers share it."""
    out: dict[str, list[dict[str, Any]]] = {table: [] for table in DOCUMENT_TABLES}
    for coded in batch:
        doc_id = coded.document.doc_id
        out["documents"].append(convert.to_document_row(coded.document, coded_at))
        out["sentences"].extend(convert.to_sentence_row(doc_id, s) for s in coded.sentences)
        out["actor_mentions"].extend(convert.to_mention_row(m) for m in coded.mentions)
        out["events"].extend(convert.to_event_row(e) for e in coded.events)
        out["event_mentions"].extend(
            convert.to_evidence_row(e, ev) for e in coded.events for ev in e.evidence
        )
        for rejection in coded.rejections:
            row = convert.to_rejection_row(run_id, rejection)
            row["doc_id"] = row["doc_id"] or doc_id
            out["rejections"].append(row)
    return out


_DAMAGED = "Could not read enough bytes"  # DuckDB's words for a file cut short


def is_lock_conflict(exc: BaseException) -> bool:
    """Is this DuckDB's refusal because another process holds the file?"""
    return isinstance(exc, duckdb.IOException) and "Could not set lock" in str(exc)


def lock_holder(message: str) -> str:
    """'held by PID 123' from DuckDB's lock message, else the message."""
    found = message.rfind("(PID ")
    if found < 0:
        return message
    return "held by process " + message[found + 5 :].split(")")[0]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
