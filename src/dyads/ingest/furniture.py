"""Recognise the lines of a scraped page that are not the article.

The patterns live in ``data/ingest/furniture.yaml``; this module compiles them once
and answers one question per line: is it a byline, an image credit, a dateline, the
start of the page tail, furniture, or article text?
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from ..config import DATA_DIR
from ..errors import DictionaryError, Errors

FURNITURE_FILE = DATA_DIR / "ingest" / "furniture.yaml"
KINDS = ("byline", "credit", "dateline", "tail", "furniture")

Kind = Literal["byline", "credit", "dateline", "tail", "furniture", "text"]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LineKind:
    """What a line is, and the value worth keeping from it (a name, a credit, a date)."""

    kind: Kind
    value: str | None = None


@dataclass(frozen=True)
class Rules:
    max_line_chars: int
    max_bio_chars: int
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    inline_dateline: tuple[re.Pattern[str], ...] = ()

    def dateline_prefix(self, text: str) -> int:
        """Length of a wire dateline opening ``text`` ("KYIV, March 22 (Reuters) - "), or 0."""
        for pattern in self.inline_dateline:
            match = pattern.match(text)
            if match is not None:
                return match.end()
        return 0

    def classify(self, line: str) -> LineKind:
        """Classify one line; datelines are only reported, the caller decides if they count."""
        flat = squash(line)
        if not flat or len(flat) > self.max_line_chars:
            return LineKind("text")
        for kind in KINDS:
            for pattern in self.patterns[kind]:
                match = pattern.fullmatch(flat)
                if match is None:
                    continue
                groups = match.groupdict()
                value = groups.get("name") or groups.get("credit") or groups.get("date")
                if kind == "byline" and value is None:
                    value = flat
                return LineKind(kind, value.strip() if value else None)  # type: ignore[arg-type]
        return LineKind("text")


def squash(line: str) -> str:
    """Strip a line and collapse its whitespace (non-breaking spaces included)."""
    return _SPACES.sub(" ", line).strip()


def _line_of(lines: list[str], needle: str) -> int | str:
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return "?"


@cache
def load_rules(path: Path = FURNITURE_FILE) -> Rules:
    """Read and compile the furniture file (cached: loaded once per process)."""
    raw_text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw_text) or {}
    lines = raw_text.splitlines()
    macros: dict[str, str] = data.get("macros") or {}

    def expand(pattern: str) -> str:
        for _ in range(5):  # macros may use macros
            for name, body in macros.items():
                pattern = pattern.replace(f"%{name}%", body)
        return pattern

    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for kind in KINDS:
        compiled = []
        for source in data.get(kind) or []:
            try:
                compiled.append(re.compile(expand(str(source))))
            except re.error as exc:
                line = _line_of(lines, str(source)[:40])
                raise DictionaryError(Errors.E202, path=path, line=line, detail=str(exc)) from exc
        patterns[kind] = tuple(compiled)
    inline = []
    for source in data.get("inline_dateline") or []:
        try:
            inline.append(re.compile(expand(str(source))))
        except re.error as exc:
            line = _line_of(lines, str(source)[:40])
            raise DictionaryError(Errors.E202, path=path, line=line, detail=str(exc)) from exc
    return Rules(
        max_line_chars=int(data.get("max_line_chars", 160)),
        max_bio_chars=int(data.get("max_bio_chars", 400)),
        patterns=patterns,
        inline_dateline=tuple(inline),
    )
