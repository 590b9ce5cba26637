"""Code inputs end to end: read, code in batches, store each batch in one transaction.

The CLI's ``dyads code`` is a thin layer over ``code_paths``; callers get every
coded document through ``sink`` and every rejection in the returned summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .config import Options
from .crossdoc.stories import signature
from .ingest import iter_inputs
from .model import CodedDocument, Document, Rejection
from .pipeline import code_documents


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    events: int = 0
    input_rejections: list[Rejection] = field(default_factory=list)
    coding_rejections: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    run_id: str | None = None

    @property
    def failed_inputs(self) -> int:
        return len(self.input_rejections)


def _batches(
    items: Iterable[Document | Rejection], size: int, summary: RunSummary, default_date: str | None
):
    batch: list[Document] = []
    for item in items:
        if isinstance(item, Rejection):
            summary.input_rejections.append(item)
            continue
        if default_date is not None:  # an explicit --date wins over a date found in the input
            item.published, item.date_source = default_date, "option"
            item.warnings = [w for w in item.warnings if not w.startswith("[W003]")]
        summary.warnings.extend(item.warnings)
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_paths(
    paths: Iterable[str],
    options: Options,
    db: str | None = None,
    sink: Callable[[CodedDocument], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    command: str = "dyads code",
    default_date: str | None = None,
) -> RunSummary:
    """Code every input; with ``db``, write each batch to the store transactionally."""
    summary = RunSummary()
    store = None
    if db is not None:
        from .store import Store, WriteStats

        store = Store(db)
        summary.run_id = store.start_run(command)
        totals = WriteStats()
    try:
        for batch in _batches(
            iter_inputs(paths, options), options.batch_size, summary, default_date
        ):
            coded = code_documents(batch, options)
            if store is not None:
                last = {c.document.doc_id: c.document for c in coded}  # a reused id: last wins
                signatures = [
                    {"doc_id": doc_id, "minhash": signature(doc.text, options)}
                    for doc_id, doc in last.items()
                ]  # so stories and event groups cover documents coded here too
                totals = totals + store.write(
                    coded, run_id=summary.run_id, extra_rows={"doc_signatures": signatures}
                )
            for result in coded:
                summary.documents += 1
                summary.events += len(result.events)
                summary.coding_rejections.update(r.code for r in result.rejections)
                if sink is not None:
                    sink(result)
            if progress is not None:
                progress(summary.documents, summary.events)
        if store is not None:
            from .crossdoc import finalize

            finalize(store, options)  # stories and cross-document event groups, one transaction
    finally:
        if store is not None:
            store.record_rejections(summary.run_id, summary.input_rejections)
            store.finish_run(summary.run_id, totals)
            store.close()
    return summary
