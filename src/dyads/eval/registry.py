"""The datasets ``dyads eval`` knows, and how to run one or all of them."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import DyadsError, Errors
from . import (
    actors,
    attribution,
    cameo,
    constructions,
    extraction,
    geo,
    geo_events,
    magnitudes,
    news,
    petrarch,
    plover,
    stories,
    throughput,
)
from .paths import DatasetMissing, benchmarks_dir
from .report import Report
from .system import SystemMissing

Runner = Callable[..., Report]

DATASETS: dict[str, Runner] = {
    "news": news.run,
    "constructions": constructions.run,
    "cameo": cameo.run,
    "plover": plover.run,
    "magnitudes": magnitudes.run,
    "actors": actors.run,
    "petrarch": petrarch.run,
    "attribution": attribution.run,
    "extraction": extraction.run,
    "geo": geo.run,
    "geo-events": geo_events.run,
    "stories": stories.run,
    "throughput": throughput.run,
}

# `dyads eval all` keeps throughput small so the whole run stays within minutes.
ALL_THROUGHPUT_N = 40


class UnknownDataset(DyadsError):
    """A dataset name `dyads eval` does not know."""


def run_dataset(
    name: str,
    data: str | Path | None = None,
    limit: int | None = None,
    split: str | None = None,
    options: Options | None = None,
) -> Report:
    """Run one dataset; a missing dataset or library function gives a skipped report."""
    if name not in DATASETS:
        raise UnknownDataset(Errors.E502, name=name, choices=", ".join([*DATASETS, "all"]))
    start = time.perf_counter()
    try:
        report = DATASETS[name](benchmarks_dir(data), limit=limit, options=options, split=split)
    except (DatasetMissing, SystemMissing) as exc:
        report = Report(name, split or "-", 0, skipped=str(exc))
    report.seconds = time.perf_counter() - start
    return report


def run_all(
    data: str | Path | None = None,
    limit: int | None = None,
    options: Options | None = None,
    **_: Any,
) -> list[Report]:
    """Every dataset once: attribution on dev, throughput on a small N."""
    reports = []
    for name in DATASETS:
        n = (limit or ALL_THROUGHPUT_N) if name == "throughput" else limit
        reports.append(
            run_dataset(name, data, n, "dev" if name == "attribution" else None, options)
        )
    return reports
