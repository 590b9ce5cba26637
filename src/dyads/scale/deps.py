"""Dask is an optional extra: check for it once, with a coded error that says how to get it."""

from __future__ import annotations

from importlib.util import find_spec

from ..errors import ConfigError, Errors


def has_dask() -> bool:
    return find_spec("dask") is not None and find_spec("distributed") is not None


def require_dask() -> None:
    """Raise E901 unless ``dask[distributed]`` is importable."""
    if not has_dask():
        raise ConfigError(Errors.E901)
