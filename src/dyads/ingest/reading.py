"""Bytes to text, with the checks that come before any extraction.

Size is checked before a file is read; binary files are refused rather than fed
to the extractor; invalid UTF-8 is replaced, not fatal, and counted in a warning.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError, Warnings
from .normalize import printable

SAMPLE_BYTES = 8192
MAX_CONTROL_SHARE = 0.10
COUNT_FACTOR = 16
_CHUNK = 1 << 20
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_REPLACEMENT = "\ufffd".encode()
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FILE_TYPES = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)
_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|article|main|div|p|h1|title|meta)\b", re.I)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, refusing one above ``max_bytes`` before reading it (E005).

    Anything else is refused before it is opened (E011): opening a FIFO blocks until a
    writer comes, and a device or socket may never end.
    """
    name = printable(str(path))
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Errors.E011, path=name, kind=file_type(info.st_mode))
    if info.st_size > max_bytes:
        raise InputError(Errors.E005, path=name, size=info.st_size, limit=max_bytes)
    with path.open("rb") as fh:
        return read_stream(fh, max_bytes, name)


def file_type(mode: int) -> str:
    """What a non-regular file is, in words, for E011 and W002."""
    for test, words in _FILE_TYPES:
        if test(mode):
            return words
    return "not a regular file"


def read_stream(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Up to ``max_bytes`` from a stream; more is refused, and never read without end.

    The first block is checked for binary content at once (E003). Past the limit, the rest
    is counted, unread, to report the size (E005), but only up to ``COUNT_FACTOR`` times
    the limit: an endless stream (``yes``) ends in E010, not a hang.
    """
    head = _read_up_to(stream, min(SAMPLE_BYTES, max_bytes + 1))
    if not head.startswith(_UTF16_BOMS):
        _refuse_binary(head, name)
    data = head + _read_up_to(stream, max_bytes + 1 - len(head))
    if len(data) <= max_bytes:
        return data
    size, most = len(data), COUNT_FACTOR * max_bytes
    while size <= most and (chunk := stream.read(_CHUNK)):
        size += len(chunk)
    if size > most:
        raise InputError(Errors.E010, path=name, limit=max_bytes)
    raise InputError(Errors.E005, path=name, size=size, limit=max_bytes)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes, or fewer at the end: a raw stream may return short reads before it."""
    parts: list[bytes] = []
    while size > 0 and (chunk := stream.read(min(size, _CHUNK))):
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text from bytes, refusing empty (E002) and binary (E003) input; bad UTF-8 -> W001."""
    if not data.strip():
        raise InputError(Errors.E002, path=name)
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16", errors="replace")
        data = text.encode("utf-8")
    _refuse_binary(data, name)
    text = data.decode("utf-8-sig", errors="replace")
    warnings = []
    replaced = text.count("\ufffd") - data.count(_REPLACEMENT)
    if replaced > 0:
        warnings.append(Warnings.W001.format(path=name, count=replaced))
    if not text.strip():
        raise InputError(Errors.E002, path=name)
    return text, warnings


def _refuse_binary(data: bytes, name: str) -> None:
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return
    if b"\x00" in sample:
        raise InputError(Errors.E003, path=name, detail="it contains NUL bytes")
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    share = controls / len(sample)
    if share > MAX_CONTROL_SHARE:
        raise InputError(Errors.E003, path=name, detail=f"{share:.0%} control characters")


def sniff(text: str) -> str:
    """'html', 'jsonl' or 'text' for unnamed input (standard input)."""
    head = text.lstrip()
    if head.startswith("<") and _HTML_TAG.search(head[:4096]):
        return "html"
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(_is_json_object(line) for line in lines):
        return "jsonl"
    return "text"


def _is_json_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # a line nested too deep is no record either
        return False
