"""Shared fixtures for the evaluation harness tests.

Scorer tests use tiny hand-made gold; only the slow smoke test reads
``../shared/benchmarks`` (``$DYADS_SHARED`` overrides) and skips when absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyads.model import Actor, Event, Span

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    env = os.environ.get("DYADS_SHARED")
    return Path(env) if env else REPO / ".." / "shared"


@pytest.fixture(scope="session")
def benchmarks() -> Path:
    path = shared_dir() / "benchmarks"
    if not path.is_dir():
        pytest.skip(f"shared benchmarks not found at {path} (set DYADS_SHARED)")
    return path


def make_event(
    type_: str,
    source: tuple[str | None, str | None] | None = None,
    target: tuple[str | None, str | None] | None = None,
    cameo: str | None = None,
    rule: str = "pattern:test",
    attributed_to: Actor | None = None,
    sentence: str = "",
) -> Event:
    """A hand-made event: ``source``/``target`` are (country, sector) pairs."""

    def actor(pair: tuple[str | None, str | None] | None) -> Actor | None:
        if pair is None:
            return None
        country, sector = pair
        return Actor("x", 0, 1, country, sector, code=Actor.make_code(country, sector))

    return Event(
        event_id="e",
        doc_id="d",
        sentence_id=0,
        sentence=sentence,
        trigger=Span("t", 0, 1),
        type=type_,
        mode=None,
        cameo=cameo,
        quad_class=1,
        intensity=0.0,
        goldstein=None,
        modality="asserted",
        attributed_to=attributed_to,
        source=actor(source),
        target=actor(target),
        date=None,
        date_precision=None,
        mention_id="m",
        confidence=1.0,
        rule=rule,
    )
