"""p95 latency of GET /api/events on a 1M-event store, through the whole app.

The store is bench_query.py's synthetic one (built the same way, by importing
its builder); requests go through FastAPI's TestClient, so the figure includes
routing, the guard middleware, opening the store read-only, the query and JSON
encoding, but not a network hop. Target: p95 under 100 ms.
Run: python bench/bench_web.py [--events N] [--requests N] [--db FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_query import build

warnings.filterwarnings("ignore", message="Using `httpx`")

QUERIES: list[tuple[str, dict[str, str | int]]] = [
    ("first page", {}),
    ("--actor C07", {"actor": "C07"}),
    ("--source C03 --target C04", {"source": "C03", "target": "C04"}),
    (
        "--type ACCUSE,THREATEN --since 2024-06-01",
        {"type": "ACCUSE,THREATEN", "since": "2024-06-01"},
    ),
    ("--modality alleged --until 2023-12-31", {"modality": "alleged", "until": "2023-12-31"}),
    ("--actor C01GOV, page 3", {"actor": "C01GOV", "offset": 100}),
    ("--text 'number 4242'", {"text": "number 4242"}),
]


def measure(db: Path, requests: int) -> list[float]:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    app = create_app(db)
    app.state.limits.burst = 10**9
    client = TestClient(app)
    times: list[float] = []
    per_query: dict[str, list[float]] = {}
    for i in range(requests + len(QUERIES)):
        label, params = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        response = client.get("/api/events", params={"limit": 50, **params})
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code} {response.text[:200]}")
        if i >= len(QUERIES):  # the first round warms caches
            times.append(elapsed)
            per_query.setdefault(label, []).append(elapsed)
    for label, values in per_query.items():
        print(f"  {label:<45} median {statistics.median(values) * 1000:6.1f} ms")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=210)
    parser.add_argument("--db", type=Path, help="Reuse (or build once into) this store.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            start = time.perf_counter()
            build(db, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - start:.1f} s")
        times = sorted(measure(db, args.requests))
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    verdict = "PASS" if p95 < 0.1 else "FAIL"
    print(
        f"{verdict}: GET /api/events, {len(times)} requests: p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms (target p95 < 100 ms)"
    )


if __name__ == "__main__":
    main()
