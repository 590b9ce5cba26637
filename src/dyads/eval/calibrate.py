"""Fit the coder's confidence model on news_gold's training half (``dyads events calibrate``).

The model (``events.calibration``) learns how often records made a given way are right.
It is fitted on half A of ``news_gold`` only (ids sorted as strings, even positions: the
README's split), so half B and ``constructions`` stay unseen: ``dyads eval news`` and
``dyads eval constructions`` report on them. Rebuild after changing patterns or role
strategies; the file records when, on what, and how well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Options
from ..events.calibration import CALIBRATION_FILE, Calibration, dump, event_features, fit
from . import news
from .eventgold import figures

TRAIN_HALF = "A"


@dataclass(slots=True)
class CalibrationRun:
    calibration: Calibration
    path: Path
    train_records: int
    summary: dict[str, Any]


def training_rows(
    articles: list[news.Article], options: Options
) -> tuple[list[tuple[list[str], bool]], list[news.Scored]]:
    """(features, correct) for every record mention of the articles, coded with no
    confidence floor, plus their scoring."""
    coded = {c.document.doc_id: c for c in news.code_articles(articles, options)}
    scored = [news.score_article(a, coded[a.id]) for a in articles]
    rows = [(event_features(j.events[0]), j.correct) for s in scored for j in s.judged]
    return rows, scored


def calibrate(
    data: Path, out: Path | None = None, options: Options | None = None, l2: float = 4.0
) -> CalibrationRun:
    """Fit on half A, write the model, and report precision and recall on half B at the
    thresholds a user may pick."""
    options = (options or Options()).with_(min_confidence=0.0, calibration_file="")
    articles = news.load(data)
    halves = news.half_of(articles)
    train = [a for a in articles if halves[a.id] == TRAIN_HALF]
    test = [a for a in articles if halves[a.id] != TRAIN_HALF]
    rows, _ = training_rows(train, options)
    model = fit(rows, l2=l2)
    # how the model does on the half it did not see, at each threshold
    test_scored = training_rows(test, options)[1]
    summary: dict[str, Any] = {}
    for threshold in (0.0, 0.3, 0.4, 0.5, 0.6):
        judged = [
            j for s in test_scored for j in s.judged
            if model.confidence(event_features(j.events[0])) >= threshold
        ]  # fmt: skip
        kept_units = {(j.unit, j.key) for j in judged}
        recalled = [
            news.Recalled(r.gold, [e for e in r.events if any(
                (r.gold.unit, k) in kept_units for k in [(e.type, *_countries(e))]
            )])
            for s in test_scored for r in s.recalled
        ]  # fmt: skip
        f = figures(judged, recalled)
        summary[f"half B at {threshold:.1f}"] = {
            "precision": _round(f["precision"]), "recall": _round(f["recall"]),
            "records": f["system_records"],
        }  # fmt: skip
    model.meta = {
        "trained_on": f"news_gold half {TRAIN_HALF} ({len(train)} articles, {len(rows)} records)",
        "fitted": dt.date.today().isoformat(),
        "l2": l2,
        "held_out": summary,
    }
    path = out or CALIBRATION_FILE
    dump(model, path)
    return CalibrationRun(model, path, len(rows), summary)


def _countries(event) -> tuple[str | None, str | None]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
