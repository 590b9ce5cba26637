"""Cut a text into runs of plain and highlighted characters, for the templates.

Offsets come from the store (document offsets); the caller shifts them to the
shown text. Overlapping spans are allowed: each run carries every label that
covers it, so a trigger inside an actor phrase still shows as both. The runs
are rendered by Jinja2 with autoescaping, never joined into HTML here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass(slots=True)
class Mark:
    """A labelled span of the shown text (end exclusive)."""

    start: int
    end: int
    label: str
    ref: str | None = None


@dataclass(slots=True)
class Run:
    text: str
    labels: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)  # refs of triggers that end with this run


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """``text`` split at every mark boundary; marks outside the text are ignored."""
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= size]
    cuts = sorted({0, size, *(m.start for m in valid), *(m.end for m in valid)})
    out: list[Run] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        labels = sorted({m.label for m in covering}, key=_order)
        refs = sorted({m.ref for m in covering if m.ref})
        ends = sorted({m.ref for m in covering if m.ref and m.end == end and m.label == "trigger"})
        out.append(Run(text[start:end], labels, refs, ends))
    return out


_PRIORITY = ("trigger", "source", "target", "attributed")


def _order(label: str) -> int:
    return _PRIORITY.index(label) if label in _PRIORITY else len(_PRIORITY)
