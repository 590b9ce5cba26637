"""Registered pipeline components, named with versions (``dyads.event_coder.v1``).

A stage is swapped by naming another registered factory in the options, never by
editing the pipeline. Factories take the Options object and return the component.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ConfigError, Errors

_FACTORIES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(factory: Callable[..., Any]) -> Callable[..., Any]:
        _FACTORIES[name] = factory
        return factory

    return wrap


def create(name: str, options: Any) -> Any:
    if name not in _FACTORIES:
        raise ConfigError(
            Errors.E401, key=name, path="<options>",
            detail=f"no component registered under that name; known: {sorted(_FACTORIES)}",
        )  # fmt: skip
    return _FACTORIES[name](options)


def names() -> list[str]:
    return sorted(_FACTORIES)
