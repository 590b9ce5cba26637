"""The resumable ingest loop: read sources, code, store, then cluster stories and events.

Resumable and exact. Documents are keyed by doc_id (the input's id, else the
content hash) and URL: a rerun skips a document stored with the same content
hash and a URL already stored, so it does not fetch or code it again. Each batch
(documents, their rows, their MinHash signatures and the errors met while reading
them) is one transaction, so a run killed at any moment leaves whole batches.
Stories and event groups are a deterministic function of the stored documents,
recomputed in one transaction by ``dyads.crossdoc.finalize`` at the end of every run: a rerun
of a killed run ends with exactly the tables of an uninterrupted one.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from ..batches import RunSummary, batches
from ..config import Options
from ..crossdoc import finalize
from ..crossdoc.stories import signature
from ..errors import DyadsError, Errors, InputError, Warnings
from ..model import CodedDocument, Document, Rejection
from ..pipeline import code_documents
from ..store import Store
from ..store.rows import content_hash
from .fetch import Fetched, Fetcher
from .language import detect_language
from .sources import SourceReader, read_url_list


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def error_input(error: DyadsError) -> str:
    """The source an error is about: URL, or path with its line."""
    details = error.details
    where = details.get("url") or details.get("path") or "<input>"
    if "line" in details:
        where = f"{where}:{details['line']}"
    return str(where)


class _Run:
    """State of one ingest run: what is stored, what this run has seen, what to write."""

    def __init__(self, store: Store, options: Options, summary: RunSummary) -> None:
        self.store = store
        self.options = options
        self.summary = summary
        self.known = dict(
            store.con.execute("SELECT doc_id, content_hash FROM documents").fetchall()
        )
        rows = store.con.execute("SELECT DISTINCT url FROM documents WHERE url IS NOT NULL")
        self.known_urls = {url for (url,) in rows.fetchall()}
        self.seen: dict[str, str] = {}
        self.fetched_at: dict[str, dt.datetime] = {}
        self.error_rows: list[dict[str, Any]] = []
        self.fetch_rows: list[dict[str, Any]] = []

    def log_fetch(self, url: str, page: Fetched | None, code: str | None) -> None:
        at = _now()
        if page is not None:
            self.fetched_at[page.final_url] = at
        self.fetch_rows.append(
            {
                "url": url,
                "final_url": page.final_url if page else None,
                "status": page.status if page else None,
                "content_type": page.content_type if page else None,
                "bytes": len(page.content) if page else None,
                "code": code,
                "run_id": self.summary.run_id,
                "fetched_at": at,
            }
        )

    def error(self, error: DyadsError) -> None:
        where = error_input(error)
        self.summary.errors.append(Rejection(error.code, str(error), input=where))
        self.error_rows.append(
            {
                "input": where,
                "code": error.code,
                "message": str(error),
                "source": where.split("#")[0].split("@")[0],
                "run_id": self.summary.run_id,
                "recorded_at": _now(),
            }
        )

    def admit(self, document: Document, default_date: str | None) -> bool:
        """Whether to code ``document``: new or changed, not a duplicate of this run."""
        if document.published is None and default_date is not None:
            document.published, document.date_source = default_date, "option"
        digest = content_hash(document)
        earlier = self.seen.get(document.doc_id)
        if earlier is not None:
            if earlier == digest:
                self.summary.duplicates += 1
            else:
                where = document.path or document.url or document.doc_id
                self.error(InputError(Errors.E610, doc_id=document.doc_id, path=where))
            return False
        self.seen[document.doc_id] = digest
        if self.known.get(document.doc_id) == digest:
            self.summary.skipped += 1
            return False
        self.summary.warnings.extend(document.warnings)
        self.summary.unreadable_dates += any(w.startswith("[W004]") for w in document.warnings)
        self.summary.undated += document.published is None
        return True

    def pending_writes(self) -> Callable[[], None]:
        """Errors and fetch log rows gathered so far, written inside the next transaction."""
        errors, fetches = self.error_rows, self.fetch_rows
        self.error_rows, self.fetch_rows = [], []

        def work() -> None:
            for row in errors:
                self.store.delete_where("ingest_errors", input=row["input"], code=row["code"])
            self.store.insert("ingest_errors", errors)
            self.store.insert("fetches", fetches)

        return work

    def write(self, coded: list[CodedDocument]) -> None:
        columns: dict[str, dict[str, Any]] = {}
        signatures = []
        for result in coded:
            doc = result.document
            columns[doc.doc_id] = {"fetched_at": self.fetched_at.get(doc.url or "")}
            signatures.append({"doc_id": doc.doc_id, "minhash": signature(doc.text, self.options)})
        self.store.write(
            coded,
            self.summary.run_id,
            document_columns=columns,
            extra_rows={"doc_signatures": signatures},
            also=self.pending_writes(),
        )
        self.summary.count(coded)


def _flag_language(document: Document) -> CodedDocument | None:
    """A stored-but-not-coded result for a non-English document, else None."""
    document.language = detect_language(document.text)
    if document.language == "en":
        return None
    where = document.path or document.url or document.doc_id
    reason = Warnings.W601.format(path=where, language=document.language)
    return CodedDocument(document, rejections=[Rejection("W601", reason, document.doc_id)])


def code_ingest_batch(batch: list[Document], options: Options) -> list[CodedDocument]:
    """Code the English documents of a batch; flag the others.

    Pure, so local worker processes and Dask workers run the same function.
    """
    flagged = {d.doc_id: _flag_language(d) for d in batch}
    english = [d for d in batch if flagged[d.doc_id] is None]
    coded = {c.document.doc_id: c for c in code_documents(english, options)} if english else {}
    return [flagged[d.doc_id] or coded[d.doc_id] for d in batch]


def ingest(
    sources: Sequence[str],
    options: Options,
    db: str,
    *,
    urls_file: str | None = None,
    workers: int = 1,
    allow_private: bool = False,
    date: str | None = None,
    progress: Callable[[RunSummary], None] | None = None,
    text_column: str = "text",
    transport: Any = None,
    command: str | None = None,
) -> RunSummary:
    """Read, code and store every source; then recompute stories and event groups."""
    summary = RunSummary()
    tick = progress or (lambda summary: None)
    all_sources = list(sources) + (read_url_list(urls_file) if urls_file else [])
    with Store(db, wait=options.store_open_timeout) as store:  # a reader may hold it briefly
        summary.run_id = store.start_run(command or "dyads ingest " + " ".join(all_sources))
        run = _Run(store, options, summary)
        fetcher = Fetcher(options, allow_private=allow_private, transport=transport)
        fetcher.log = run.log_fetch
        reader = SourceReader(options, fetcher, text_column, skip_url=run.known_urls.__contains__)
        documents = (
            batch.documents
            for batch in batches(
                reader.read(all_sources), options.batch_size,
                admit=lambda document: run.admit(document, date), reject=run.error,
            )
        )  # fmt: skip
        try:
            if workers > 1:
                with worker_pool(workers) as pool:
                    for coded in _parallel(pool, documents, options, workers):
                        run.write(coded)
                        tick(summary)
            else:
                for batch in documents:
                    run.write(code_ingest_batch(batch, options))
                    tick(summary)
            summary.skipped += len(reader.skipped_urls)
            store.transaction(run.pending_writes())
            summary.stories, summary.groups = finalize(store, options)
            tick(summary)
        finally:
            fetcher.close()
            from ..store import WriteStats

            total = WriteStats(documents=summary.documents, events=summary.events)
            store.finish_run(summary.run_id, total)
    summary.finish()
    return summary


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of coding processes that exit when this process dies.

    A worker waiting for its next batch never notices its parent is gone, so an
    ingest killed with -9 (or by the out-of-memory killer) left every worker
    running, each holding a spaCy model. Each worker now watches its parent
    (``_exit_with_parent``).
    """
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )


def _exit_with_parent(owner: int) -> None:
    """Pool initializer: end this worker when its parent process ends. On Linux the
    kernel kills it (``prctl(PR_SET_PDEATHSIG)``); everywhere, a thread also checks
    once a second that its parent is still the one it started under. ``owner``: the
    process that made the pool, its parent unless a fork server started it."""
    if sys.platform.startswith("linux"):
        _parent_death_signal()
    parent = os.getppid()
    if parent != owner and not _alive(owner):  # the owner died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="dyads-parent-watch",
                     daemon=True).start()  # fmt: skip


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _parent_death_signal() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (nothing to flush: a
    worker's results go only to the parent). Best effort; the watcher thread stays."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def _watch_parent(parent: int, interval: float = 1.0) -> None:
    """Exit (without cleanup: the parent that would collect results is gone) once this
    process is no longer ``parent``'s child: POSIX gives an orphan to another process."""
    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os._exit(1)


def _parallel(
    pool: Executor, batches: Iterator[list[Document]], options: Options, workers: int
) -> Iterator[list[CodedDocument]]:
    """Results in submission order, with at most ``2 * workers`` batches in flight."""
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(pool.submit(code_ingest_batch, batch, options))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
