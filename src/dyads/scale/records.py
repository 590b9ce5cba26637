"""Driver side: sources become small plain records, grouped into partitions.

The driver only lists files and reads JSONL lines and Parquet rows; extraction
(trafilatura, the plain-text cleaner) and coding happen on the workers. A record
is a dict that pickles cheaply:

* ``{"kind": "file", "path": ..., "type": "text" | "html"}``: one page file
* ``{"kind": "jsonl", "name": ..., "line": n, "text": ...}``: one JSONL line
* ``{"kind": "row", "name": ..., "line": n, "record": {...}}``: one Parquet row
  (the JSONL fields: id, text or html, date, url, title, source)
* ``{"kind": "warc" | "csv", "path": ...}``: a whole archive or table, read by one task
* ``{"kind": "error", "code": "E001", "details": {...}}``: a problem met while listing

Local paths keep the spelling the user gave, so documents carry the same
``path`` as with the local engine; anything with ``scheme://`` goes through fsspec.
"""

from __future__ import annotations

import glob
import math
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import Errors
from ..ingest.inputs import KINDS
from ..ingest.inputs import walk as walk_inputs
from ..ingest.sources import GLOB_CHARS, is_url, kind_of
from ..ingest.sources import walk as walk_sources

Record = dict[str, Any]
# kinds a task reads whole: they expand to many documents on the worker
WHOLE_FILE_KINDS = frozenset({"warc", "csv"})


def is_remote(source: str) -> bool:
    """An fsspec URL (s3://, gs://, memory://...), not a plain local path."""
    return "://" in source and not source.startswith("file://")


def _error(code: Errors, **details: Any) -> Record:
    return {"kind": "error", "code": code.name, "details": details}


def _file_kind(name: str, mode: str) -> str | None:
    """What a file is, by name: the ``dyads code`` kinds, plus warc/csv/feed for ingest."""
    if mode == "code":
        return KINDS.get(PurePosixPath(name).suffix.lower())
    return kind_of(PurePosixPath(name))  # type: ignore[arg-type]


def iter_records(sources: Iterable[str], mode: str = "code", rows: int = 1024) -> Iterator[Record]:
    """Records for every source, in input order (files in a folder sorted)."""
    for source in sources:
        if source == "-" or is_url(source):
            detail = "standard input and web pages are read on one machine"
            yield _error(Errors.E902, source=source, detail=detail)
        elif is_remote(source):
            yield from _remote(source, mode, rows)
        else:
            yield from _local(source, mode, rows)


def _local(source: str, mode: str, rows: int) -> Iterator[Record]:
    target = Path(source.removeprefix("file://"))
    if target.is_dir():
        walk = walk_inputs if mode == "code" else walk_sources
        for file in walk(target):
            yield from _file(str(file), _file_kind(file.name, mode), rows, None)
    elif target.is_file():
        kind = _file_kind(target.name, mode)
        if kind is None and target.suffix.lower() != ".parquet":
            yield _error(Errors.E004, path=source, ext=target.suffix)
        else:
            yield from _file(str(target), kind, rows, None)
    elif mode == "ingest" and GLOB_CHARS & set(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield _error(Errors.E001, path=source)
        for match in matches:
            kind = _file_kind(match, mode)
            if Path(match).is_file() and kind:
                yield from _file(match, kind, rows, None)
    else:
        yield _error(Errors.E001, path=source)


def _remote(source: str, mode: str, rows: int) -> Iterator[Record]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(source)
    if fs.isdir(root):
        names = sorted(fs.find(root))
    elif fs.isfile(root):
        names = [root]
    else:
        names = sorted(fs.glob(root)) if GLOB_CHARS & set(root) else []
        if not names:
            yield _error(Errors.E001, path=source)
            return
    for name in names:
        base = PurePosixPath(name).name
        kind = _file_kind(base, mode)
        if base.startswith(".") or (kind is None and not base.endswith(".parquet")):
            continue
        yield from _file(fs.unstrip_protocol(name), kind, rows, fs)


def _file(path: str, kind: str | None, rows: int, fs: Any) -> Iterator[Record]:
    if path.lower().endswith(".parquet"):
        yield from _parquet_rows(path, rows, fs)
    elif kind == "jsonl":
        yield from _jsonl_lines(path, fs)
    elif kind in ("text", "html"):
        yield {"kind": "file", "path": path, "type": kind}
    elif kind == "warc" or (kind == "csv" and fs is None):
        yield {"kind": kind, "path": path}
    else:  # feeds (fetched pages), remote CSV
        yield _error(Errors.E902, source=path, detail=f"{kind} files are read on one machine")


def _open(path: str, fs: Any):
    if fs is None:
        return open(path, "rb")  # closed by the caller's with
    return fs.open(path, "rb")


def _jsonl_lines(path: str, fs: Any) -> Iterator[Record]:
    """One record per non-blank line; bytes are decoded on the driver, parsed on a worker."""
    found = False
    with _open(path, fs) as fh:
        for number, raw in enumerate(fh, start=1):
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
            if not text.strip():
                continue
            found = True
            yield {"kind": "jsonl", "name": path, "line": number, "text": text.rstrip("\r\n")}
    if not found:
        yield _error(Errors.E002, path=path)


def _parquet_rows(path: str, rows: int, fs: Any) -> Iterator[Record]:
    import pyarrow.parquet as pq

    number = 0
    with _open(path, fs) as fh:
        for batch in pq.ParquetFile(fh).iter_batches(batch_size=rows):
            for row in batch.to_pylist():
                number += 1
                yield {"kind": "row", "name": path, "line": number, "record": row}
    if number == 0:
        yield _error(Errors.E002, path=path)


def partitions(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Groups of at most ``size`` records; an archive or CSV table is a partition of its own."""
    batch: list[Record] = []
    for record in records:
        if record["kind"] in WHOLE_FILE_KINDS:
            if batch:
                yield batch
                batch = []
            yield [record]
            continue
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def balanced(records: Iterable[Record], size: int, workers: int) -> Iterator[list[Record]]:
    """``partitions``, except that the last ones shrink, so the workers finish together.

    The last ``workers + 1`` partitions are held back until the input ends, then
    recut as guided self-scheduling does: each new partition takes half of what
    is left per worker, ``ceil(left / (2 * workers))``, never under ``size // 8``
    records. Tasks then come largest first and the run ends on short ones,
    instead of one worker coding a whole partition while the others idle. Order
    is kept: part numbers still follow the input, which decides which copy of a
    doc_id wins.
    """
    held: deque[list[Record]] = deque()
    for batch in partitions(records, size):
        held.append(batch)
        if len(held) > workers + 1:
            yield held.popleft()
    left = sum(len(b) for b in held if b[0]["kind"] not in WHOLE_FILE_KINDS)
    smallest = max(1, size // 8)
    loose: list[Record] = []

    def cut() -> Iterator[list[Record]]:
        nonlocal left
        while loose:
            take = min(size, max(smallest, math.ceil(left / (2 * workers))))
            yield loose[:take]
            del loose[:take]
            left -= take

    for batch in held:
        if batch[0]["kind"] in WHOLE_FILE_KINDS:
            yield from cut()
            yield batch
        else:
            loose.extend(batch)
    yield from cut()
