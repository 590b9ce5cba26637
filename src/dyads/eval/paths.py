"""Where the public gold data lives: ``$DYADS_SHARED/benchmarks`` or ``<repo>/../shared``.

The gold is never copied into the repo, so every runner finds it at run time
and says clearly (E501) when a dataset is absent rather than passing silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DyadsError, Errors


class DatasetMissing(DyadsError):
    """A benchmark folder or file is absent: the dataset is skipped, never passed."""


def repo_root() -> Path:
    """The project checkout: found from the package location, else from the cwd upwards."""
    here = Path(__file__).resolve()
    for parent in (here.parents[3], *Path.cwd().resolve().parents, Path.cwd().resolve()):
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "dyads").is_dir():
            return parent
    return here.parents[3]


def shared_dir() -> Path:
    """``$DYADS_SHARED`` when set, else the ``shared`` folder next to the repo."""
    env = os.environ.get("DYADS_SHARED")
    if env:
        return Path(env)
    return repo_root().parent / "shared"


def benchmarks_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """The benchmarks folder: ``--data`` when given, else ``<shared>/benchmarks``."""
    return Path(data) if data else shared_dir() / "benchmarks"


def require(path: Path, name: str) -> Path:
    """Return ``path`` if it exists, else raise E501 naming the dataset."""
    if not path.exists():
        raise DatasetMissing(Errors.E501, name=name, path=str(path))
    return path
