"""Length-preserving character normalization for the NLP stage.

The coder keeps the original characters in ``Document.text``; spaCy sees a copy in
which typographic quotes and odd spaces are plain ASCII. Every replacement is one
character for one character, so offsets in the normalized text are offsets in the
clean text: the offset map between the two is the identity and nothing is stored.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ..config import DATA_DIR
from ..errors import DictionaryError, Errors

CHARACTERS_FILE = DATA_DIR / "ingest" / "characters.yaml"


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
