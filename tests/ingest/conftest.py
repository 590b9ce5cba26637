"""Shared paths for the ingest tests (no spaCy needed here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyads.config import Options

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
EXAMPLES = REPO / "examples"


def shared_dir() -> Path:
    """Public gold data lives next to the repo (``../shared``), or where $DYADS_SHARED says."""
    return Path(os.environ.get("DYADS_SHARED") or REPO / ".." / "shared")


@pytest.fixture(scope="session")
def options() -> Options:
    return Options()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
