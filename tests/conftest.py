"""Shared test helpers: where the public benchmarks and the founding article live."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYADS_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "000_f5ffe58f7aa4e480.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"founding article not found at {SEED} (set DYADS_SHARED)")
    return SEED
