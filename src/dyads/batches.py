"""One batch loop and one run summary, shared by the three drivers.

``dyads code`` (``runner.code_paths``), ``dyads ingest`` (``ingest.run.ingest``) and
the Dask engine (``scale.engine.run_dask``, whose tasks are ``scale.batch``, then
``scale.parquet.load_parquet``) all read a stream of documents and the problems met
while reading them, cut it into batches of documents, code each batch and count what
happened. ``batches`` is that cut and ``RunSummary`` those counts, so the drivers
differ only in where a batch goes (a store transaction, a worker process, a Parquet
part) and each command prints its own line from the same fields.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import DyadsError
from .model import CodedDocument, Document, Rejection

Problem = Rejection | DyadsError  # an input that gave no document, and why


@dataclass(slots=True)
class Batch:
    """Documents to code together, and the problems met since the previous batch (empty
    when the loop hands problems to ``reject`` as they come)."""

    documents: list[Document]
    problems: list[Problem] = field(default_factory=list)


def batches(
    items: Iterable[Document | Problem],
    size: int,
    *,
    admit: Callable[[Document], bool] | None = None,
    reject: Callable[[Problem], None] | None = None,
) -> Iterator[Batch]:
    """Batches of at most ``size`` documents that ``admit`` accepts (all by default).

    Lazy, so reading, coding and writing overlap and memory holds one batch. A
    problem goes to ``reject`` the moment it is met, in input order with what
    ``admit`` reports; without ``reject`` it rides along with the next batch, and a
    last batch may hold problems only.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for item in items:
        if not isinstance(item, Document):
            if reject is not None:
                reject(item)
            else:
                problems.append(item)
            continue
        if admit is None or admit(item):
            documents.append(item)
            if len(documents) >= size:
                yield Batch(documents, problems)
                documents, problems = [], []
    if documents or problems:
        yield Batch(documents, problems)


@dataclass(slots=True)
class RunSummary:
    """What a run did: the counts ``dyads code``, ``dyads ingest``, the Dask engine and
    ``load-parquet`` report (a driver leaves the ones it has no use for at zero)."""

    documents: int = 0
    events: int = 0
    skipped: int = 0  # stored before with the same content: not coded again
    duplicates: int = 0  # the same document twice in this run's input
    non_english: int = 0  # stored, not coded (W601)
    errors: list[Rejection] = field(default_factory=list)  # inputs that gave no document
    coding_rejections: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    unreadable_dates: int = 0  # documents whose given date was unreadable (W004)
    undated: int = 0  # documents coded without any date
    stories: int = 0
    groups: int = 0
    partitions: int = 0  # Dask tasks
    run_id: str | None = None
    output: str | None = None  # the Dask engine's Parquet folder
    ingest: bool = False  # load-parquet: the output came from `dyads ingest`
    views: bool = False  # load-parquet --views
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        """Seconds from start to ``finish()`` (or to now, while running)."""
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        """Documents coded per second so far."""
        elapsed = self.elapsed
        return self.documents / elapsed if elapsed > 0 else 0.0

    @property
    def failed_inputs(self) -> int:
        return len(self.errors)

    def finish(self) -> None:
        self.finished = time.monotonic()

    def count(self, coded: Iterable[CodedDocument]) -> None:
        """Add a coded batch: documents, events, coding rejections by code."""
        for result in coded:
            self.documents += 1
            self.events += len(result.events)
            codes = [r.code for r in result.rejections]
            self.coding_rejections.update(codes)
            self.non_english += "W601" in codes

    def add(self, counts: dict[str, Any]) -> None:
        """Add a Dask task's counts (``scale.batch.summarize``: plain values, no rows)."""
        for name in ("documents", "skipped", "events", "duplicates", "non_english"):
            setattr(self, name, getattr(self, name) + counts.get(name, 0))
        self.coding_rejections.update(counts.get("coding", {}))
        self.warnings.extend(counts.get("warnings", []))
        self.errors.extend(
            Rejection(e["code"], e["reason"], input=e["input"]) for e in counts.get("errors", [])
        )
