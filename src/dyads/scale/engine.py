"""The driver: read and partition sources, code partitions on Dask workers, count results.

``run_dask`` submits ``batch.code_partition`` for each partition with at most a
few partitions per worker thread in flight, collecting them as they complete, so
reading, coding and writing overlap and the driver's memory stays flat: tasks
return counts, the rows go straight from the workers to Parquet. The last
records are cut into smaller and smaller partitions (``records.balanced``), so
the workers finish together instead of one waiting on another's last big task.
``address`` is ``"local"`` (a LocalCluster of worker processes on this machine)
or a scheduler such as ``tcp://host:8786``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..batches import RunSummary
from ..config import Options
from ..errors import ConfigError, DyadsError, Errors
from .batch import code_partition, options_to_dict
from .deps import require_dask
from .parquet import prepare_output, write_run
from .records import balanced, iter_records

IN_FLIGHT_PER_THREAD = 2


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@contextmanager
def connect(address: str = "local", workers: int | None = None) -> Iterator[Any]:
    """A Dask client: a new local cluster of processes, or one connected to ``address``."""
    require_dask()
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(Errors.E903, address=address, detail=str(exc) or "timed out") from exc
    try:
        yield client
    finally:
        client.close()


def run_dask(
    sources: Sequence[str],
    options: Options,
    output: str,
    *,
    address: str = "local",
    workers: int | None = None,
    client: Any = None,
    mode: str = "code",
    partition_size: int | None = None,
    default_date: str | None = None,
    text_column: str = "text",
    command: str | None = None,
    progress: Callable[[RunSummary], None] | None = None,
    db: str | None = None,
) -> RunSummary:
    """Code ``sources`` on Dask into Parquet under ``output``; ``client`` reuses a cluster.

    With ``mode="ingest"`` and ``db``, documents that store holds with the same
    content are skipped, as a local ``dyads ingest`` rerun skips them.
    """
    require_dask()
    summary = RunSummary(run_id=uuid.uuid4().hex[:16], output=output)
    started_at = _now()
    prepare_output(output)
    known = stored_hashes(db) if mode == "ingest" and db else {}
    job = _Job(options, output, mode, partition_size, default_date, text_column, known)
    if client is not None:
        _run(client, sources, job, summary, progress)
    else:
        with connect(address, workers) as new_client:
            _run(new_client, sources, job, summary, progress)
    summary.finish()
    write_run(
        output,
        {
            "run_id": summary.run_id,
            "started_at": started_at,
            "finished_at": _now(),
            "command": command or f"dyads {mode} --engine dask " + " ".join(sources),
            "documents": summary.documents,
            "events": summary.events,
            "rejections": sum(summary.coding_rejections.values()) + len(summary.errors),
        },
    )
    return summary


def stored_hashes(db: str) -> dict[str, str]:
    """doc_id -> content hash of what the store ``db`` holds (empty when there is no store)."""
    from pathlib import Path

    if not Path(db).is_file():
        return {}
    from ..store import Store

    with Store(db, read_only=True) as store:
        return dict(store.con.execute("SELECT doc_id, content_hash FROM documents").fetchall())


@dataclass(slots=True, frozen=True)
class _Job:
    """What every task of a run shares."""

    options: Options
    output: str
    mode: str
    partition_size: int | None
    default_date: str | None
    text_column: str
    known: dict[str, str]


def _run(
    client: Any,
    sources: Sequence[str],
    job: _Job,
    summary: RunSummary,
    progress: Callable[[RunSummary], None] | None,
) -> None:
    from distributed import as_completed

    from .plugin import ModelPlugin

    options_dict = options_to_dict(job.options)
    size = job.partition_size or job.options.batch_size * 4
    client.register_plugin(ModelPlugin(options_dict))
    threads = sum(client.nthreads().values()) or 1
    limit = IN_FLIGHT_PER_THREAD * threads
    # one copy per worker, not one per task; in a list, as a dict would scatter item by item
    known = client.scatter([job.known], broadcast=True, hash=False)[0] if job.known else None
    pending = as_completed()
    where: dict[str, tuple[int, str]] = {}

    def collect(future: Any) -> None:
        part, first = where.pop(future.key)
        try:
            counts = future.result()
        except DyadsError:
            raise
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            raise ConfigError(Errors.E906, part=part, input=first, detail=detail) from exc
        summary.add(counts)
        if progress is not None:
            progress(summary)

    records = iter_records(sources, job.mode, rows=size)
    for part, batch in enumerate(balanced(records, size, threads)):
        future = client.submit(
            code_partition, batch, options_dict, job.output, part, mode=job.mode,
            run_id=summary.run_id, default_date=job.default_date, text_column=job.text_column,
            size=size, known=known, pure=False,
        )  # fmt: skip
        where[future.key] = (part, _first_input(batch[0]))
        summary.partitions += 1
        pending.add(future)
        while pending.count() >= limit:
            collect(next(pending))
    for future in pending:
        collect(future)


def _first_input(record: dict[str, Any]) -> str:
    name = record.get("path") or record.get("name") or record.get("details", {}).get("path")
    line = record.get("line")
    return f"{name}:{line}" if line else str(name)
