"""p95 latency of GET /api/events with concurrent clients, over a real socket.

Issue #19 measured p95 205 ms with 8 concurrent clients on 200k events. This starts
``dyads serve``'s app under uvicorn on loopback and runs CLIENTS threads, each with
its own keep-alive connection, through bench_web.py's seven filter mixes; the store
is bench_query.py's synthetic one. The first round of each client warms caches and
is not counted.
Run: python bench/bench_web_concurrent.py [--events 200000] [--clients 8] [--rounds 10]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_query import build
from bench_web import QUERIES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path, port: int):
    import uvicorn

    from dyads.web import create_app

    app = create_app(db)
    app.state.limits.burst = 10**9
    app.state.limits.rate = 10.0**9
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread


def client(port: int, rounds: int, offset: int, times: list[float], errors: list[str]) -> None:
    import httpx

    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
        for i in range(len(QUERIES) * (rounds + 1)):
            label, params = QUERIES[(i + offset) % len(QUERIES)]
            start = time.perf_counter()
            response = http.get("/api/events", params={"limit": 50, **params})
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                errors.append(f"{label}: HTTP {response.status_code}")
            if i >= len(QUERIES):
                times.append(elapsed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10, help="Counted rounds of 7 queries.")
    parser.add_argument("--db", type=Path, help="Reuse (or build once into) this store.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            build(db, args.events)
        server, thread = serve(db, port := free_port())
        times: list[float] = []
        errors: list[str] = []
        started = time.perf_counter()
        workers = [
            threading.Thread(target=client, args=(port, args.rounds, n, times, errors))
            for n in range(args.clients)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wall = time.perf_counter() - started
        server.should_exit = True
        thread.join()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"GET /api/events, {args.events:,} events, {args.clients} clients, {len(times)} "
        f"counted requests: p50 {statistics.median(times) * 1000:.1f} ms, p95 "
        f"{p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms; {len(times) / wall:.0f} "
        f"requests/s overall; {len(errors)} errors {errors[:3]}"
    )


if __name__ == "__main__":
    main()
