"""Confidence that predicts correctness: measured, not assigned.

Every event record gets ``confidence`` = the probability that a careful coder would
accept it, from a small logistic model over what the coder knows about how the record
was made: its type, modality and trigger kind, the strategy that filled each role (and
whether through coreference or the document's context), whether it was derived from
another event, and its pattern. The weights are data (``data/events/calibration.yaml``),
fitted by ``dyads events calibrate`` on the training half of ``news_gold`` (the half
``dyads eval news`` calls A); the other half and ``constructions`` are never seen by
it, and ``dyads eval news`` prints precision per confidence band on both.

``min_confidence`` (settings) then drops what the model expects to be wrong: the
precision-first default keeps a record only when it is more likely right than wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..config import DATA_DIR

CALIBRATION_FILE = DATA_DIR / "events" / "calibration.yaml"
CONTEXT_MARKS = ("+context", "+document", "+place", "+event_place")


def _base(via: str | None) -> str:
    if not via:
        return "none"
    base = via.split("+", 1)[0]
    prepositional = base.startswith(("prep:", "object_prep", "aspect_prep"))
    return base.split(":", 1)[0] if prepositional else base


def features(
    type_: str,
    modality: str,
    rule: str,
    source_via: str | None,
    target_via: str | None,
    source_country: str | None,
    target_country: str | None,
) -> list[str]:
    """The record's features, as strings (one-hot): generic on purpose, so the model says
    how much a kind of evidence is worth, not how a known sentence was coded. Everything
    here is on the stored event too (``event_features``)."""
    pattern = rule.removeprefix("pattern:").split("+", 1)[0]
    family = pattern.split("@", 1)[0]
    out = [
        f"type={type_}",
        f"modality={modality}",
        f"source={_base(source_via)}",
        f"target={_base(target_via)}",
        f"pattern={family}",
    ]
    if family.startswith("derived."):
        out.append(f"derived={family.split('.')[1]}")
    if "@" in pattern:
        out.append(f"retyped={pattern.split('@', 1)[1]}")
    for role, via, country in (
        ("source", source_via, source_country),
        ("target", target_via, target_country),
    ):
        if via and "+coreference" in via:
            out.append(f"{role}_coreference")
        if via and any(m in via for m in CONTEXT_MARKS):
            out.append(f"{role}_context")
        if via and not country:
            out.append(f"{role}_no_country")
    if source_country and source_country == target_country:
        out.append("same_country")
    return out


def event_features(event) -> list[str]:
    """``features`` of a finished event record."""
    return features(
        event.type, event.modality, event.rule, event.source_via, event.target_via,
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )  # fmt: skip


@dataclass(slots=True)
class Calibration:
    """Logistic weights per feature, and where they came from."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)

    def confidence(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)


@lru_cache(maxsize=4)
def load_calibration(path: str | None = None) -> Calibration:
    """The packaged weights (or a user's file); none at all gives 0.5 everywhere."""
    file = Path(path) if path else CALIBRATION_FILE
    if not file.exists():
        return Calibration()
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return Calibration(
        bias=float(data.get("bias", 0.0)),
        weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
        meta=dict(data.get("meta") or {}),
    )


def fit(
    rows: Sequence[tuple[list[str], bool]],
    l2: float = 1.0,
    steps: int = 3000,
    rate: float = 0.5,
) -> Calibration:
    """L2-regularised logistic regression by gradient descent (numpy; a few hundred rows
    and a hundred features need nothing heavier)."""
    import numpy as np

    names = sorted({f for feats, _ in rows for f in feats})
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    y = np.array([1.0 if ok else 0.0 for _, ok in rows])
    for r, (feats, _) in enumerate(rows):
        for f in feats:
            x[r, index[f]] = 1.0
    w = np.zeros(len(names))
    b = float(np.log((y.mean() + 1e-3) / (1 - y.mean() + 1e-3)))
    n = len(rows)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / n + l2 * w / n
        grad_b = float((p - y).mean())
        w -= rate * grad_w
        b -= rate * grad_b
    weights = {name: round(float(v), 4) for name, v in zip(names, w, strict=True) if abs(v) > 1e-4}
    return Calibration(bias=round(b, 4), weights=weights)


def dump(calibration: Calibration, path: Path) -> None:
    header = (
        "# Confidence model of the event coder (events/calibration.py): logistic weights per\n"
        "# record feature. Generated by `dyads events calibrate`; do not edit by hand.\n"
    )
    body = {"version": 1, "meta": calibration.meta, "bias": calibration.bias,
            "weights": dict(sorted(calibration.weights.items()))}  # fmt: skip
    path.write_text(header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")  # fmt: skip
