"""The pure per-batch function the workers run: records in, table rows out.

``code_batch`` turns plain records into Arrow tables with the DuckDB store's
columns (``store.tables.arrow_schema``), through the same converters the store
uses (``store.duckdb_store.batch_rows`` over ``store.rows``) and, for ingest,
the same coding step as local ``dyads ingest`` (``ingest.run.code_ingest_batch``).
``mode="code"`` gives what ``dyads code --db`` stores; ``mode="ingest"`` adds
what ``dyads ingest`` stores (language flags, MinHash signatures, ingest_errors)
and, like a local rerun, skips documents the target store holds with the same
content (listed in ``skipped_documents``, so loading still finds a later copy
with other content: E610). spaCy Docs never leave the worker: only records go
in and only tables come out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from typing import Any

import pyarrow as pa

from ..batches import batches
from ..config import Options
from ..errors import DyadsError, Errors, InputError
from ..model import CodedDocument, Document, Rejection
from ..store.duckdb_store import batch_rows
from ..store.rows import content_hash, to_rejection_row
from ..store.tables import DOCUMENT_TABLES, arrow_schema
from .documents import documents_from_records
from .records import Record

CODE_TABLES: tuple[str, ...] = tuple(t for t in DOCUMENT_TABLES if t != "doc_signatures")
INGEST_TABLES: tuple[str, ...] = (*DOCUMENT_TABLES, "ingest_errors", "skipped_documents")
MODES = ("code", "ingest")
# documents an ingest task left alone because the target store holds them unchanged
SKIPPED_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("path", pa.string()), ("url", pa.string()),
     ("content_hash", pa.string())]
)  # fmt: skip
Known = dict[str, str]  # doc_id -> content_hash of what the target store holds


def options_to_dict(options: Options) -> dict[str, Any]:
    """Options as plain values, to send to workers (``options_from_dict`` reverses it)."""
    return {f.name: getattr(options, f.name) for f in fields(Options)}


def options_from_dict(values: dict[str, Any]) -> Options:
    return _options(tuple(sorted((k, _freeze(v)) for k, v in values.items())))


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(value)
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    return value


@lru_cache(maxsize=8)
def _options(frozen: tuple[tuple[str, Any], ...]) -> Options:
    """One Options object per distinct settings, so the per-process model cache hits."""
    values = dict(frozen)
    values["extra"] = dict(values.get("extra") or ())
    return Options(**values)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _input_name(error: DyadsError) -> str:
    """The input an error names: URL, or path with its line (as ``dyads code`` and ingest do)."""
    from ..ingest.run import error_input

    return error_input(error)


def _unique(documents: list[Document], mode: str) -> tuple[list[Document], list[InputError], int]:
    """One document per doc_id: the last wins for ``code`` (as the store's write does),
    the first for ``ingest``, where a later copy with other content is E610."""
    if mode == "code":
        kept = {d.doc_id: d for d in documents}
        return list(kept.values()), [], 0
    first: dict[str, Document] = {}
    errors: list[InputError] = []
    duplicates = 0
    for document in documents:
        earlier = first.get(document.doc_id)
        if earlier is None:
            first[document.doc_id] = document
        elif content_hash(earlier) == content_hash(document):
            duplicates += 1
        else:
            where = document.path or document.url or document.doc_id
            errors.append(InputError(Errors.E610, doc_id=document.doc_id, path=where))
    return list(first.values()), errors, duplicates


def _code(documents: list[Document], options: Options, mode: str) -> list[CodedDocument]:
    """``dyads ingest``'s coding step (language flags) or ``dyads code``'s: one per engine pair."""
    if not documents:
        return []
    if mode == "ingest":
        from ..ingest.run import code_ingest_batch

        return code_ingest_batch(documents, options)
    from ..pipeline import code_documents

    return code_documents(documents, options)


def error_row(error: DyadsError, run_id: str | None, at: dt.datetime) -> dict[str, Any]:
    """An ``ingest_errors`` row, as ``dyads ingest`` records one."""
    where = _input_name(error)
    return {
        "input": where,
        "code": error.code,
        "message": str(error),
        "source": where.split("#")[0].split("@")[0],
        "run_id": run_id,
        "recorded_at": at,
    }


def code_items(
    items: Iterable[Document | InputError],
    options: Options,
    *,
    mode: str = "code",
    run_id: str | None = None,
    default_date: str | None = None,
    known: Known | None = None,
) -> dict[str, pa.Table]:
    """Code documents and turn them, and the input errors met, into per-table Arrow tables.

    With ``mode="ingest"``, documents whose doc_id ``known`` maps to their content
    hash are not coded: a rerun does no work for what the store already holds.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in items:
        if isinstance(item, DyadsError):
            errors.append(item)
            continue
        if item.published is None and default_date is not None:
            item.published, item.date_source = default_date, "option"
        documents.append(item)
    documents, duplicate_errors, duplicates = _unique(documents, mode)
    errors.extend(duplicate_errors)
    skipped: list[dict[str, Any]] = []
    if mode == "ingest" and known:
        documents, skipped = _split_known(documents, known)
    now = _now()
    rows = batch_rows(_code(documents, options, mode), run_id, now)
    if mode == "ingest":
        from ..crossdoc.stories import signature

        rows["doc_signatures"] = [
            {"doc_id": d.doc_id, "minhash": signature(d.text, options)} for d in documents
        ]
        rows["ingest_errors"] = [error_row(e, run_id, now) for e in errors]
    else:
        rows.pop("doc_signatures", None)
        rows["rejections"].extend(
            to_rejection_row(run_id, Rejection(e.code, str(e), input=_input_name(e)))
            for e in errors
        )
    tables = {t: pa.Table.from_pylist(r, schema=arrow_schema(t)) for t, r in rows.items()}
    if mode == "ingest":
        tables["skipped_documents"] = pa.Table.from_pylist(skipped, schema=SKIPPED_SCHEMA)
    if duplicates:
        tables["documents"] = tables["documents"].replace_schema_metadata(
            {"dyads_duplicates": str(duplicates)}
        )
    return tables


def _split_known(
    documents: list[Document], known: Known
) -> tuple[list[Document], list[dict[str, Any]]]:
    """Documents to code, and rows for those the store holds with the same content hash."""
    todo: list[Document] = []
    skipped: list[dict[str, Any]] = []
    for document in documents:
        digest = content_hash(document)
        if known.get(document.doc_id) == digest:
            row = {"doc_id": document.doc_id, "path": document.path, "url": document.url}
            skipped.append({**row, "content_hash": digest})
        else:
            todo.append(document)
    return todo, skipped


def code_batch(
    records: list[Record],
    options_dict: dict[str, Any],
    *,
    mode: str = "code",
    run_id: str | None = None,
    default_date: str | None = None,
    text_column: str = "text",
    known: Known | None = None,
) -> dict[str, pa.Table]:
    """Records -> Arrow tables named like the store's tables. Pure: runs in any process."""
    options = options_from_dict(options_dict)
    items = documents_from_records(records, options, text_column)
    return code_items(
        items, options, mode=mode, run_id=run_id, default_date=default_date, known=known
    )


def summarize(tables: dict[str, pa.Table]) -> dict[str, Any]:
    """What the driver needs of a written part: counts, errors and warnings, no rows."""
    documents = tables["documents"]
    meta = documents.schema.metadata or {}
    errors = tables.get("ingest_errors")
    if errors is not None:
        problems = [
            {"code": r["code"], "reason": r["message"], "input": r["input"]}
            for r in errors.to_pylist()
        ]
        coding = tables["rejections"].column("code").to_pylist()
    else:
        rejections = tables["rejections"].to_pylist()
        problems = [
            {"code": r["code"], "reason": r["reason"], "input": r["input"]}
            for r in rejections
            if r["doc_id"] is None
        ]
        coding = [r["code"] for r in rejections if r["doc_id"] is not None]
    skipped = tables.get("skipped_documents")
    return {
        "documents": documents.num_rows,
        "skipped": skipped.num_rows if skipped is not None else 0,
        "events": tables["events"].num_rows,
        "duplicates": int(meta.get(b"dyads_duplicates", 0)),
        "non_english": sum(1 for code in coding if code == "W601"),
        "errors": problems,
        "coding": dict(Counter(coding)),
        "warnings": [w for ws in documents.column("warnings").to_pylist() for w in ws or []],
    }


def code_partition(
    records: list[Record],
    options_dict: dict[str, Any],
    output: str,
    part: int,
    *,
    mode: str = "code",
    run_id: str | None = None,
    default_date: str | None = None,
    text_column: str = "text",
    size: int | None = None,
    known: Known | None = None,
) -> dict[str, Any]:
    """The Dask task: code a partition and write it as Parquet; return counts only.

    The worker writes its own Parquet, so rows never travel to the driver. An
    archive (WARC, CSV) expands to many documents: they are coded and written
    ``size`` documents at a time, as ``part-<part>-<sub>`` files. ``known`` is the
    target store's doc_id -> content hash (scattered once to every worker).
    """
    from .parquet import write_tables

    options = options_from_dict(options_dict)
    items = documents_from_records(records, options, text_column)
    total: dict[str, Any] = {}
    for sub, batch in enumerate(batches(items, size or options.batch_size * 4)):
        tables = code_items(
            [*batch.problems, *batch.documents], options, mode=mode, run_id=run_id,
            default_date=default_date, known=known,
        )  # fmt: skip
        write_tables(tables, output, f"part-{part:06d}-{sub:04d}")
        total = merge_counts(total, summarize(tables))
    return total


def merge_counts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Add two part summaries: numbers add, lists join, code counts add."""
    out = dict(a)
    for key, value in b.items():
        if key not in out:
            out[key] = value
        elif isinstance(value, dict):
            out[key] = dict(Counter(out[key]) + Counter(value))
        else:
            out[key] = out[key] + value
    return out
