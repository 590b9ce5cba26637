"""A two-worker local Dask cluster and a small corpus we wrote, shared by the scale tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import yaml

from dyads.config import Options
from dyads.store.tables import TABLES

REPO = Path(__file__).resolve().parents[2]
STORIES = REPO / "tests" / "fixtures" / "stories" / "stories.yaml"
EXAMPLES = REPO / "examples"
VOLATILE = {"run_id", "coded_at", "fetched_at", "recorded_at", "started_at", "finished_at"}


@pytest.fixture(scope="session")
def options() -> Options:
    return Options()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """Our story articles as JSONL (one broken line, one duplicated id) and examples/."""
    root = tmp_path_factory.mktemp("corpus")
    records = yaml.safe_load(STORIES.read_text(encoding="utf-8"))[:14]
    lines = [
        json.dumps({"id": r["id"], "text": r["text"], "title": r["title"], "date": r["date"]})
        for r in records
    ]
    lines.insert(3, "{not json")
    lines.append(json.dumps({"id": "s01-a", "text": "Other text under a used id.", "date": "2024"}))
    (root / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in EXAMPLES.iterdir():
        (root / path.name).write_bytes(path.read_bytes())
    return root


@pytest.fixture(scope="module")
def client():
    """LocalCluster(n_workers=2, threads_per_worker=1, processes=True); skipped without dask."""
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def snapshot(db: Path, skip: tuple[str, ...] = ("runs",)) -> dict[str, list[tuple]]:
    """Every table's rows, without run ids and timestamps, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, cols in TABLES.items():
            if table in skip:
                continue
            names = [f'"{name}"' for name, _ in cols if name not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()
