"""dyads.scale: the same pure per-batch coding function, run on a Dask cluster.

Documents are read and partitioned on the driver as plain records (``records``),
coded on the workers (``batch``, the spaCy model loaded once per worker process),
and written as Parquet, one folder per store table (``parquet``). The driver
never holds the results. ``load_parquet`` then loads them into a DuckDB store and
runs the cross-document stage (stories, event groups) that ``dyads ingest`` runs.
The driver's batch loop and run summary are ``dyads.batches``, shared with
``dyads code`` and ``dyads ingest``.

Nothing here imports dask at import time: dyads works without it, and asking for
the Dask engine without it is a coded error (E901).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import code_batch
    from .engine import run_dask
    from .parquet import load_parquet

__all__ = ["code_batch", "load_parquet", "run_dask"]

_WHERE = {
    "code_batch": "batch",
    "run_dask": "engine",
    "load_parquet": "parquet",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
