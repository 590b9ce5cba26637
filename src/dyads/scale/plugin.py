"""Load the spaCy pipeline and dyads' dictionaries once per Dask worker, before any task.

Coding already caches its components per process (``pipeline._components``, keyed
by the Options); this plugin fills that cache when a worker starts, so the first
task does not pay the load and a broken model fails at start-up, not mid-run.
Imports distributed: only ``engine`` imports this module.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from ..model import stable_hash
from .batch import options_from_dict


class ModelPlugin(WorkerPlugin):
    """Warm the per-process model cache for one set of options."""

    def __init__(self, options_dict: dict[str, Any]) -> None:
        self.options_dict = options_dict
        self.name = "dyads-model-" + stable_hash(sorted(options_dict.items()), length=12)

    def setup(self, worker: Any) -> None:
        from ..pipeline import _components

        _components(options_from_dict(self.options_dict))
