"""Read the CAMEO -> PLOVER conversion table (PLOVER manual 2021) at run time.

Lines look like ``0311: AGREE,  ,   economic # comment``; root lines like
``03: AGREE``. Codes the table leaves out (all of 01 and 02: statements and
appeals) are events PLOVER drops: for scoring they mean "no event expected".
A code that is absent inherits from its nearest listed parent (``0315`` from
``031``, then ``03``). When a code is listed twice the first line wins (the
table lists root ``08`` as both CONCEDE and RETREAT; its leaf codes are explicit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors
from .paths import DatasetMissing

_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*(.*)$")


@dataclass(frozen=True, slots=True)
class PloverMapping:
    code: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]


class CameoToPlover:
    """CAMEO code -> PLOVER type/mode/contexts, with parent inheritance."""

    def __init__(self, entries: dict[str, PloverMapping]) -> None:
        self.entries = entries

    @classmethod
    def from_text(cls, text: str) -> CameoToPlover:
        entries: dict[str, PloverMapping] = {}
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            match = _LINE.match(line)
            if not match:
                continue
            code, rest = match.groups()
            parts = [p.strip() for p in rest.split(",")]
            if not parts or not parts[0]:
                continue
            mode = parts[1] if len(parts) > 1 and parts[1] else None
            contexts = tuple(
                c.strip() for c in (parts[2] if len(parts) > 2 else "").split(";") if c.strip()
            )
            entries.setdefault(code, PloverMapping(code, parts[0].upper(), mode, contexts))
        return cls(entries)

    @classmethod
    def from_path(cls, path: str | Path) -> CameoToPlover:
        path = Path(path)
        if not path.is_file():
            raise DatasetMissing(Errors.E501, name="CAMEO2PLOVER", path=str(path))
        return cls.from_text(path.read_text(encoding="utf-8"))

    def lookup(self, code: str | None) -> PloverMapping | None:
        """The mapping for ``code`` or its nearest listed parent; None if PLOVER drops it."""
        if not code:
            return None
        code = code.strip()
        for end in range(len(code), 1, -1):
            found = self.entries.get(code[:end])
            if found is not None:
                return found
        return None

    def type_of(self, code: str | None) -> str | None:
        found = self.lookup(code)
        return found.type if found else None
