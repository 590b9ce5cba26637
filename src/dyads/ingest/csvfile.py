"""CSV files with one article per row: a text column, and id, url, title, date if present."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .plain import extract_plain
from .reading import decode, read_bytes

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(
    path: Path, max_bytes: int, text_column: str = "text"
) -> Iterator[Document | InputError]:
    """One Document per row; a row without text is E008, a file without the column E611."""
    name = str(path)
    try:
        text, warnings = decode(read_bytes(path, max_bytes), name)
    except InputError as exc:
        yield exc
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    if text_column not in columns:
        yield InputError(Errors.E611, column=text_column, path=name, columns=", ".join(columns))
        return
    for number, row in enumerate(reader, start=2):
        body = (row.get(text_column) or "").strip()
        if not body:
            yield InputError(Errors.E008, path=name, line=number)
            continue
        document = extract_plain(
            body,
            path=f"{name}:{number}",
            doc_id=(row.get("id") or "").strip() or None,
            date=(row.get("date") or "").strip() or None,
            url=(row.get("url") or "").strip() or None,
            title=(row.get("title") or "").strip() or None,
            find_headline=False,
        )
        if document.date_source == "input":
            document.date_source = "csv"
        document.source = (row.get("source") or "").strip() or None
        document.warnings[:0] = warnings
        yield document
