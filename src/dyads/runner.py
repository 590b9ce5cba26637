"""Code inputs end to end: read, code in batches, store each batch in one transaction.

The CLI's ``dyads code`` is a thin layer over ``code_paths``; callers get every
coded document through ``sink`` and every rejection in the returned summary. The
batch loop and the summary are the ones every driver shares (``dyads.batches``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .batches import RunSummary, batches
from .config import Options
from .crossdoc.stories import signature
from .ingest import iter_inputs
from .model import CodedDocument, Document
from .pipeline import code_documents

__all__ = ["RunSummary", "code_paths"]


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

    def admit(document: Document) -> bool:
        if default_date is not None:  # an explicit --date wins over a date found in the input
            document.published, document.date_source = default_date, "option"
            document.warnings = [w for w in document.warnings if not w.startswith("[W003]")]
        summary.warnings.extend(document.warnings)
        return True

    items = iter_inputs(paths, options)
    try:
        for batch in batches(items, options.batch_size, admit=admit, reject=summary.errors.append):
            coded = code_documents(batch.documents, options)
            if store is not None:
                last = {c.document.doc_id: c.document for c in coded}  # a reused id: last wins
                signatures = [
                    {"doc_id": doc_id, "minhash": signature(doc.text, options)}
                    for doc_id, doc in last.items()
                ]  # so stories and event groups cover documents coded here too
                totals = totals + store.write(
                    coded, run_id=summary.run_id, extra_rows={"doc_signatures": signatures}
                )
            summary.count(coded)
            if sink is not None:
                for result in coded:
                    sink(result)
            if progress is not None:
                progress(summary.documents, summary.events)
        if store is not None:
            from .crossdoc import finalize

            # stories and cross-document event groups, one transaction
            summary.stories, summary.groups = finalize(store, options)
    finally:
        if store is not None:
            store.record_rejections(summary.run_id, summary.errors)
            store.finish_run(summary.run_id, totals)
            store.close()
    summary.finish()
    return summary
