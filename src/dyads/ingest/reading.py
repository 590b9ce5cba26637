"""Bytes to text, with the checks that come before any extraction.

Size is checked before a file is read; binary files are refused rather than fed
to the extractor; invalid UTF-8 is replaced, not fatal, and counted in a warning.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError, Warnings

SAMPLE_BYTES = 8192
MAX_CONTROL_SHARE = 0.10
_CHUNK = 1 << 20
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_REPLACEMENT = "\ufffd".encode()
_HTML_TAG = re.compile(r"<(?:!doctype|html|head|body|article|main|div|p|h1|title|meta)\b", re.I)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refusing one above ``max_bytes`` before reading it (E005)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(Errors.E005, path=str(path), size=size, limit=max_bytes)
    with path.open("rb") as fh:
        return read_stream(fh, max_bytes, str(path))


def read_stream(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Up to ``max_bytes`` from a stream; past that, count the rest and refuse (E005)."""
    data = stream.read(max_bytes + 1)
    if len(data) <= max_bytes:
        return data
    size = len(data)
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
    raise InputError(Errors.E005, path=name, size=size, limit=max_bytes)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text from bytes, refusing empty (E002) and binary (E003) input; bad UTF-8 -> W001."""
    if not data.strip():
        raise InputError(Errors.E002, path=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    except ValueError:
        return False
