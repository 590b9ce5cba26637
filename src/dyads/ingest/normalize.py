"""Length-preserving character normalization for the NLP stage.

The coder keeps the original characters in ``Document.text``; spaCy sees a copy in
which typographic quotes and odd spaces are plain ASCII. Every replacement is one
character for one character, so offsets in the normalized text are offsets in the
clean text: the offset map between the two is the identity and nothing is stored.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from ..config import DATA_DIR
from ..errors import DictionaryError, Errors, Warnings

CHARACTERS_FILE = DATA_DIR / "ingest" / "characters.yaml"
_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _table(path: Path = CHARACTERS_FILE) -> dict[int, str]:
    with path.open(encoding="utf-8") as fh:
        mapping = yaml.safe_load(fh) or {}
    table: dict[int, str] = {}
    for target, sources in mapping.items():
        for source in sources:
            if len(str(target)) != 1 or len(str(source)) != 1:
                detail = f"{source!r} -> {target!r} is not one character for one character"
                raise DictionaryError(Errors.E202, path=path, line="?", detail=detail)
            table[ord(source)] = str(target)
    return table


def normalize_for_nlp(text: str) -> str:
    """Map typographic quotes, apostrophes and odd spaces to ASCII, keeping the length."""
    return text.translate(_table())


def scrub(value: str | None, field: str, where: str, warnings: list[str]) -> str | None:
    """``value`` with lone surrogates replaced by U+FFFD, one character for one, with a W005.

    JSON escapes (``"\\ud800"``) and surrogate-escaped file names put them in Python
    strings, but no UTF-8 writer (DuckDB, JSON output, a terminal) accepts them.
    """
    if not value or value.isascii():
        return value
    clean, count = _SURROGATE.subn("\ufffd", value)
    if count:
        warnings.append(Warnings.W005.format(path=printable(where), count=count, field=field))
    return clean


def printable(name: str) -> str:
    """``name`` as every writer accepts it: a byte of a non-UTF-8 file name (surrogate-escaped
    by Python) becomes ``\\xe9``, any other lone surrogate U+FFFD."""
    return name if name.isascii() else _SURROGATE.sub(_escape, name)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"
