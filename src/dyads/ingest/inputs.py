"""Walk the inputs a user names and turn each into Documents, or Rejections that say why not.

One bad file never stops a run: ``iter_inputs`` yields a ``model.Rejection`` with
its catalogue code and goes on. ``read_document`` is the strict single-file form.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import Errors, InputError
from ..model import Document, Rejection
from .html import extract_html
from .plain import extract_plain
from .reading import decode, read_bytes, read_stream, sniff

STDIN = "-"
STDIN_NAME = "<stdin>"
KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def iter_inputs(paths: Iterable[str], options: Options) -> Iterator[Document | Rejection]:
    """Documents from files, directories (recursive, sorted) and ``-`` (standard input).

    Problems become Rejections (E001-E008) naming the input, and reading goes on.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [str(paths)]  # one path, not its characters
    for path in paths:
        for item in _read_path(str(path), options):
            if isinstance(item, InputError):
                yield Rejection(code=item.code, reason=str(item), input=_input_name(item))
            else:
                yield item


def read_document(path: str, options: Options) -> Document:
    """Exactly one Document from one input; raises ``InputError`` where iter_inputs rejects."""
    if path != STDIN and Path(path).is_dir():
        raise InputError(Errors.E004, path=path, ext="(a directory)")
    documents: list[Document] = []
    for item in _read_path(path, options):
        if isinstance(item, InputError):
            raise item
        documents.append(item)
    if len(documents) != 1:
        name = STDIN_NAME if path == STDIN else path
        if not documents:
            raise InputError(Errors.E002, path=name)
        raise InputError(Errors.E009, path=name, count=len(documents))
    return documents[0]


def _input_name(error: InputError) -> str | None:
    details = error.details
    if "line" in details:
        return f"{details['path']}:{details['line']}"
    path = details.get("path")
    return str(path) if path is not None else None


def _read_path(path: str, options: Options) -> Iterator[Document | InputError]:
    if path == STDIN:
        yield from _read_stdin(options)
        return
    target = Path(path)
    if target.is_dir():
        for file in walk(target):
            yield from read_file(file, KINDS[file.suffix.lower()], options)
    elif target.is_file():
        kind = KINDS.get(target.suffix.lower())
        if kind is None:
            yield InputError(Errors.E004, path=path, ext=target.suffix)
        else:
            yield from read_file(target, kind, options)
    else:
        yield InputError(Errors.E001, path=path)


def walk(directory: Path) -> list[Path]:
    """Known-extension files under ``directory``, sorted, hidden files and folders skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def read_file(path: Path, kind: str, options: Options) -> Iterator[Document | InputError]:
    """The documents in one local file of ``kind``; shared by dyads code, ingest and Dask."""
    name = str(path)
    try:
        text, warnings = decode(read_bytes(path, options.max_bytes), name)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(Errors.E001, path=f"{name} ({exc.strerror})")
        return
    yield from documents_from_page(text, kind, name, warnings)


def _read_stdin(options: Options) -> Iterator[Document | InputError]:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            data = read_stream(stream, options.max_bytes, STDIN_NAME)
        else:  # a text-only stream (tests, embedded interpreters)
            data = sys.stdin.read().encode("utf-8")
            if len(data) > options.max_bytes:
                raise InputError(
                    Errors.E005, path=STDIN_NAME, size=len(data), limit=options.max_bytes
                )
        text, warnings = decode(data, STDIN_NAME)
    except InputError as exc:
        yield exc
        return
    yield from documents_from_page(text, sniff(text), STDIN_NAME, warnings)


def documents_from_page(
    text: str, kind: str, name: str, warnings: list[str]
) -> Iterator[Document | InputError]:
    """The documents in a decoded file's text (one page, or JSONL lines), wherever it was read."""
    if kind == "jsonl":
        for item in _jsonl(text, name):
            if isinstance(item, Document):
                item.warnings[:0] = warnings
            yield item
        return
    try:
        if kind == "html":
            document = extract_html(text, path=name)
        else:
            document = extract_plain(text, path=name)
    except InputError as exc:
        yield exc
        return
    document.warnings[:0] = warnings
    yield document


def jsonl_line(line: str, name: str, number: int) -> Document | InputError:
    """The Document in one JSON line, or the coded error naming ``name:number``."""
    try:
        record: Any = json.loads(line)
    except ValueError as exc:
        return InputError(Errors.E006, path=name, line=number, detail=str(exc))
    if not isinstance(record, dict):
        detail = f"expected a JSON object, got {type(record).__name__}"
        return InputError(Errors.E006, path=name, line=number, detail=detail)
    try:
        return document_from_record(record, f"{name}:{number}", name, number)
    except InputError as exc:
        return exc


def _jsonl(text: str, name: str) -> Iterator[Document | InputError]:
    """One Document per JSON line: id, text or html, and optional date, url, title, source."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield jsonl_line(line, name, number)


def document_from_record(record: dict[str, Any], where: str, name: str, number: int) -> Document:
    """The Document of one parsed JSONL object or Parquet row; E008 when it has no text."""
    body, html = record.get("text"), record.get("html")
    doc_id = None if record.get("id") is None else str(record["id"])
    date = None if record.get("date") is None else str(record["date"])
    url = record.get("url") if isinstance(record.get("url"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    if isinstance(body, str) and body.strip():
        document = extract_plain(
            body, path=where, doc_id=doc_id, date=date, url=url, title=title, find_headline=False
        )
    elif isinstance(html, str) and html.strip():
        document = extract_html(html, url=url, path=where, doc_id=doc_id, date=date)
        document.title = title or document.title
    else:
        raise InputError(Errors.E008, path=name, line=number)
    if document.date_source == "input":
        document.date_source = "jsonl"
    if isinstance(record.get("source"), str):
        document.source = record["source"]
    return document
