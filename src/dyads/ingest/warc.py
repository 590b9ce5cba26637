"""WARC and WARC.gz web archives (warcio): each HTML response record is a page.

A truncated or corrupt record ends the file with E609; the pages before it are kept.
So does a file that is no WARC at all (empty, or text named ``.warc.gz``), rather
than passing for an archive with nothing in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .html import extract_html
from .normalize import printable

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAGIC = (b"\x1f\x8b", b"WARC/")  # gzip (record by record, or whole), or an uncompressed WARC


def read_warc(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    """Documents from the HTML ``response`` records of a WARC file, in file order."""
    from warcio.archiveiterator import ArchiveIterator

    name = printable(str(path))
    try:
        with path.open("rb") as stream:
            head = stream.read(len(MAGIC[1]))
            if not head.startswith(MAGIC):
                detail = "the file is empty" if not head else f"it starts with {head!r}"
                yield InputError(Errors.E609, path=name, detail=f"not a WARC file: {detail}")
                return
            stream.seek(0)
            empty = True
            for record in ArchiveIterator(stream):
                empty = False
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(max_bytes + 1)
                if len(data) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                    detail = f"the record for {url} is truncated"
                    yield InputError(Errors.E609, path=name, detail=detail)
                    return
                headers = record.http_headers
                content_type = (headers.get_header("Content-Type") or "") if headers else ""
                if not content_type.lower().startswith(HTML_TYPES):
                    continue
                where = f"{name}@{url}"  # asking warcio for the offset empties the stream
                if len(data) > max_bytes:
                    yield InputError(Errors.E010, path=where, limit=max_bytes)
                    continue
                status = headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue
                try:
                    yield extract_html(data.decode("utf-8", errors="replace"), url=url, path=where)
                except InputError as exc:
                    yield exc
            if empty:
                yield InputError(Errors.E609, path=name, detail="it holds no WARC record")
    except Exception as exc:  # warcio raises several types for broken archives
        detail = f"{type(exc).__name__}: {str(exc).strip() or 'truncated record'}"
        yield InputError(Errors.E609, path=name, detail=detail.splitlines()[0])
