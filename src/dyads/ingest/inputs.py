"""Walk the inputs a user names and turn each into Documents, or Rejections that say why not.

One bad file never stops a run: ``iter_inputs`` yields a ``model.Rejection`` with
its catalogue code and goes on. ``read_document`` is the strict single-file form.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import Errors, InputError, Warnings
from ..model import Document, Rejection
from .html import extract_html
from .normalize import printable, scrub
from .plain import extract_plain
from .reading import decode, file_type, read_bytes, read_stream, sniff

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
    target, name = Path(path), printable(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        yield InputError(Errors.E001, path=name)
        return
    except (OSError, ValueError) as exc:  # no permission, name too long, a NUL in it
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        yield InputError(Errors.E001, path=f"{name} ({reason})")
        return
    if stat.S_ISDIR(mode):
        skipped: list[InputError] = []
        files = walk(target, skipped)
        yield from skipped
        for file in files:
            yield from read_file(file, KINDS[file.suffix.lower()], options)
    elif not stat.S_ISREG(mode):
        yield InputError(Errors.E011, path=name, kind=file_type(mode))
    elif (kind := KINDS.get(target.suffix.lower())) is None:
        yield InputError(Errors.E004, path=name, ext=printable(target.suffix))
    else:
        yield from read_file(target, kind, options)


def walk(directory: Path, skipped: list[InputError] | None = None) -> list[Path]:
    """Known-extension files under ``directory``, sorted, hidden files and folders skipped.

    FIFOs, sockets and devices are left out (see ``regular_files``), each noted in ``skipped``.
    """
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                found.append(Path(root) / name)
    found.sort(key=lambda p: p.relative_to(directory).parts)
    return regular_files(found, skipped)


def regular_files(paths: list[Path], skipped: list[InputError] | None = None) -> list[Path]:
    """``paths`` less the FIFOs, sockets and devices among them, each a W002 in ``skipped``.

    They are never opened: opening a FIFO named ``news.txt`` blocks until a writer comes.
    """
    kept = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError:
            kept.append(path)  # a broken link: read_file says why it cannot be read (E001)
            continue
        if stat.S_ISREG(mode):
            kept.append(path)
        elif skipped is not None:
            detail = f"it is {file_type(mode)}, not a regular file, so it was not opened"
            skipped.append(InputError(Warnings.W002, path=printable(str(path)), detail=detail))
    return kept


def read_file(path: Path, kind: str, options: Options) -> Iterator[Document | InputError]:
    """The documents in one local file of ``kind``; shared by dyads code, ingest and Dask."""
    name = printable(str(path))
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
    """Standard input, read with the same cap as files: ``yes | dyads code -`` ends (E010)."""
    limit = options.max_bytes
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if sys.stdin is None:  # closed (``dyads code - <&-``)
            raise InputError(Errors.E001, path=STDIN_NAME)
        if stream is not None:
            data = read_stream(stream, limit, STDIN_NAME)
        else:  # a text-only stream (tests, embedded interpreters)
            chars = sys.stdin.read(limit + 1)
            if len(chars) > limit:
                raise InputError(Errors.E010, path=STDIN_NAME, limit=limit)
            data = chars.encode("utf-8", "surrogatepass")  # a lone surrogate becomes W001
            if len(data) > limit:
                raise InputError(Errors.E005, path=STDIN_NAME, size=len(data), limit=limit)
        text, warnings = decode(data, STDIN_NAME)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:  # standard input is a directory, or was closed under us
        yield InputError(Errors.E001, path=f"{STDIN_NAME} ({exc.strerror})")
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
    except RecursionError:
        detail = "it is nested too deeply to be a record"
        return InputError(Errors.E006, path=name, line=number, detail=detail)
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
    """The Document of one parsed JSONL object or Parquet row; E008 when it has no text.

    A metadata field of the wrong type (a number for ``title``) is ignored with a W006.
    """
    warnings: list[str] = []
    doc_id, date, url, title, source = (
        _field(record, key, where, warnings) for key in ("id", "date", "url", "title", "source")
    )
    body, html = record.get("text"), record.get("html")
    if isinstance(body, str) and body.strip():
        document = extract_plain(
            body, path=where, doc_id=doc_id, date=date, url=url, title=title, find_headline=False
        )
    elif isinstance(html, str) and html.strip():
        document = extract_html(html, url=url, path=where, doc_id=doc_id, date=date)
        document.title = scrub(title, "title", where, document.warnings) or document.title
    else:
        raise InputError(Errors.E008, path=name, line=number)
    if document.date_source == "input":
        document.date_source = "jsonl"
    if source is not None:
        document.source = scrub(source, "source", where, document.warnings)
    document.warnings[:0] = warnings
    return document


def _field(record: dict[str, Any], key: str, where: str, warnings: list[str]) -> str | None:
    """A record's metadata value as text; an id may be a number, a date a date (Parquet)."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if key == "date" and isinstance(value, dt.date):
        return value.isoformat()
    warnings.append(Warnings.W006.format(field=key, path=where, kind=type(value).__name__))
    return None
