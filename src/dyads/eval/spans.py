"""Precision, recall and F1 over character spans, exact and overlap matching.

A span is a set of ``(start, end)`` pieces (end exclusive) so discontinuous
spans ("the minister, *he said*, would ...") compare whole. Spans are
normalised (sorted, touching or overlapping pieces merged) and de-duplicated
per document on both sides, so one source span that heads several
attributions counts once, and duplicate predictions cannot inflate or
deflate the scores.

- exact: a system span is correct when the same span is in the gold;
- overlap: a system span is correct when it shares at least one character
  with some gold span; recall counts gold spans overlapped by some system span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .report import ratio

Piece = tuple[int, int]
SpanSet = tuple[Piece, ...]


def normalise(pieces: Iterable[Sequence[int]]) -> SpanSet:
    """Sorted, merged, non-empty pieces: ``[[5,9],[0,3],[3,4]]`` -> ``((0,4),(5,9))``."""
    ordered = sorted((int(a), int(b)) for a, b in pieces if int(b) > int(a))
    merged: list[list[int]] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def overlaps(a: SpanSet, b: SpanSet) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def unique(spans: Iterable[Iterable[Sequence[int]]]) -> list[SpanSet]:
    seen: dict[SpanSet, None] = {}
    for span in spans:
        norm = normalise(span)
        if norm:
            seen.setdefault(norm, None)
    return list(seen)


def counts(
    gold: Iterable[Iterable[Sequence[int]]], system: Iterable[Iterable[Sequence[int]]]
) -> dict[str, int]:
    """Matched counts for one document: exact and overlap, system and gold sides."""
    g, s = unique(gold), unique(system)
    gset = set(g)
    return {
        "gold": len(g),
        "system": len(s),
        "exact_sys": sum(span in gset for span in s),
        "exact_gold": sum(span in set(s) for span in g),
        "overlap_sys": sum(any(overlaps(span, x) for x in g) for span in s),
        "overlap_gold": sum(any(overlaps(span, x) for x in s) for span in g),
    }


def prf(totals: dict[str, int]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 from summed :func:`counts`."""
    out: dict[str, Any] = {}
    for mode in ("exact", "overlap"):
        p = ratio(totals[f"{mode}_sys"], totals["system"])
        r = ratio(totals[f"{mode}_gold"], totals["gold"])
        f = None if p is None and r is None else f1(p or 0.0, r or 0.0)
        out[f"{mode}_precision"], out[f"{mode}_recall"], out[f"{mode}_f1"] = p, r, f
    return out


def f1(p: float, r: float) -> float:
    """Harmonic mean; 0 when both are 0 (an undefined precision counts as 0 here)."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score_documents(
    docs: Iterable[tuple[Iterable[Iterable[Sequence[int]]], Iterable[Iterable[Sequence[int]]]]],
) -> dict[str, Any]:
    """Micro P/R/F1 over documents of ``(gold spans, system spans)``."""
    totals = dict.fromkeys(
        ("gold", "system", "exact_sys", "exact_gold", "overlap_sys", "overlap_gold"), 0
    )
    for gold, system in docs:
        for key, value in counts(gold, system).items():
            totals[key] += value
    return {**prf(totals), "n_gold": totals["gold"], "n_system": totals["system"]}
