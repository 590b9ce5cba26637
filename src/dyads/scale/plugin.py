"""Load the spaCy pipeline and dyads' dictionaries once per Dask worker, before any task.

Coding caches its components per process, keyed by the Options; this plugin codes
one short document when a worker starts, so that cache (and the lazily loaded
language detector and MinHash settings) is full before the first task: no task
pays the load, and a broken model fails at start-up, not mid-run. Imports
distributed: only ``engine`` (and the benchmark) import this module.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from ..model import stable_hash
from .batch import code_items, options_from_dict

WARM_UP_TEXT = "Russia denied attacking Ukraine on Monday."


class ModelPlugin(WorkerPlugin):
    """Warm the per-process model cache for one set of options."""

    idempotent = True  # registering it again (each run_dask on a reused client) is a no-op

    def __init__(self, options_dict: dict[str, Any]) -> None:
        self.options_dict = options_dict
        self.name = "dyads-model-" + stable_hash(sorted(options_dict.items()), length=12)

    def setup(self, worker: Any) -> None:
        from ..pipeline import document_from_text

        document = document_from_text(WARM_UP_TEXT, "2024-01-01", doc_id="warm-up")
        code_items([document], options_from_dict(self.options_dict), mode="ingest")
