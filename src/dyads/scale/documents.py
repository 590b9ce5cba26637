"""Worker side: records become Documents through the same extractors the local engine uses.

Each record kind goes to the ``dyads.ingest`` reader the local engine would use
for it, so a document extracted on a worker equals the local one (same text,
doc_id, path and date). Problems are InputErrors naming the input, as locally.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import Errors, InputError, Warnings
from ..ingest.csvfile import read_csv
from ..ingest.inputs import document_from_record, documents_from_page, jsonl_line, read_file
from ..ingest.reading import decode, read_stream
from ..ingest.warc import read_warc
from ..model import Document
from .records import Record, is_remote

Item = Document | InputError


class RemotePath:
    """Just enough of ``pathlib.Path`` for ``read_warc``: a name and ``open('rb')`` via fsspec."""

    def __init__(self, url: str) -> None:
        self.url = url

    def open(self, mode: str = "rb") -> Any:
        import fsspec

        return fsspec.open(self.url, mode).open()

    def __str__(self) -> str:
        return self.url


def documents_from_records(
    records: Iterable[Record], options: Options, text_column: str = "text"
) -> Iterator[Item]:
    """Documents (or InputErrors) from records, in record order."""
    for record in records:
        kind = record["kind"]
        if kind == "file":
            yield from _page(record["path"], record["type"], options)
        elif kind == "jsonl":
            yield from _jsonl_line(record)
        elif kind == "row":
            yield _row(record["record"], record["name"], record["line"])
        elif kind == "warc":
            path = record["path"]
            target: Any = RemotePath(path) if is_remote(path) else Path(path)
            yield from read_warc(target, options.max_bytes)
        elif kind == "csv":
            yield from read_csv(Path(record["path"]), options.max_bytes, text_column)
        elif kind == "error":
            yield InputError(Errors[record["code"]], **record["details"])
        else:
            raise ValueError(f"unknown record kind {kind!r}")


def _page(path: str, kind: str, options: Options) -> Iterator[Item]:
    if not is_remote(path):
        yield from read_file(Path(path), kind, options)
        return
    import fsspec

    try:
        with fsspec.open(path, "rb") as fh:
            data = read_stream(fh, options.max_bytes, path)
        text, warnings = decode(data, path)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(Errors.E001, path=f"{path} ({exc})")
        return
    yield from documents_from_page(text, kind, path, warnings)


def _jsonl_line(record: Record) -> Iterator[Item]:
    name, number, text = record["name"], record["line"], record["text"]
    items = [jsonl_line(text, name, number)]
    replaced = text.count("\ufffd")
    for item in items:
        if replaced and isinstance(item, Document):
            warning = Warnings.W001.format(path=f"{name}:{number}", count=replaced)
            item.warnings.insert(0, warning)
    yield from items


def _row(value: dict[str, Any], name: str, number: int) -> Item:
    """A record already parsed (a Parquet row): its Document, or the coded error."""
    try:
        return document_from_record(value, f"{name}:{number}", name, number)
    except InputError as exc:
        return exc
