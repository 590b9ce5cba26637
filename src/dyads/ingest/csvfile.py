"""CSV files with one article per row: a text column, and id, url, title, date if present.

Parsed strictly: a stray quote is an error for its row (E012), never a field that
silently swallows the rows after it; a column dyads reads must appear once (E013).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .normalize import printable, scrub
from .plain import extract_plain
from .reading import decode, read_bytes

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
METADATA = ("id", "date", "url", "title", "source")


def read_csv(
    path: Path, max_bytes: int, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """One Document per row; a row without text is E008, a file without the column E611."""
    name = printable(str(path))
    try:
        text, warnings = decode(read_bytes(path, max_bytes), name)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(Errors.E001, path=f"{name} ({exc.strerror})")
        return
    rows = _rows(text, name)
    header = next(rows, None)
    if isinstance(header, InputError):  # the header itself is malformed
        yield header
        return
    columns = header[1] if header is not None else []
    if text_column not in columns:
        yield InputError(Errors.E611, column=text_column, path=name, columns=", ".join(columns))
        return
    twice = [c for c, n in Counter(columns).items() if n > 1 and c in (text_column, *METADATA)]
    if twice:
        yield InputError(Errors.E013, column=twice[0], path=name)
        return
    for item in rows:
        if isinstance(item, InputError):
            yield item
            continue
        number, values = item
        row = dict(zip(columns, values, strict=False))
        if len(values) != len(columns) and any("\n" in v for v in values):
            detail = (
                f"{len(values)} fields where the header has {len(columns)}, one of them running "
                "over several lines: a quote opened here does not close where it should"
            )
            yield InputError(Errors.E012, path=name, line=number, detail=detail)
            continue
        yield from _document(row, text_column, f"{name}:{number}", name, number, warnings)


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]] | InputError]:
    """(first line, fields) per record, or E012 where the strict parser stops on one."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            detail = f"a quoted field opened here does not close ({exc}, line {reader.line_num})"
            yield InputError(Errors.E012, path=name, line=start, detail=detail)
            if reader.line_num < start:  # nothing consumed: stop rather than loop
                return
            continue
        if values:
            yield start, values


def _document(
    row: dict[str, str], text_column: str, where: str, name: str, number: int, warnings: list[str]
) -> Iterator[Document | InputError]:
    body = (row.get(text_column) or "").strip()
    if not body:
        yield InputError(Errors.E008, path=name, line=number)
        return

    def cell(column: str) -> str | None:
        return (row.get(column) or "").strip() or None

    try:
        document = extract_plain(
            body, path=where, doc_id=cell("id"), date=cell("date"), url=cell("url"),
            title=cell("title"), find_headline=False,
        )  # fmt: skip
    except InputError as exc:  # a row that is all page furniture: E002 for that row only
        yield exc
        return
    if document.date_source == "input":
        document.date_source = "csv"
    document.source = scrub(cell("source"), "source", where, document.warnings)
    document.warnings[:0] = warnings
    yield document
