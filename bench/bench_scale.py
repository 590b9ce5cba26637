"""1-to-2-worker scaling: local processes (`dyads ingest --workers`) and the Dask engine.

    python bench/bench_scale.py [--limit 1000] [--partition-size 32] [--repeat 2]

Reads the first ``--limit`` articles of ../shared/benchmarks/throughput_corpus/articles.jsonl
(or $DYADS_SHARED). Before any timing, one warm-up (the model, a small local ingest and a
small ``load_parquet``) pays the first-call costs, so neither the 1- nor the 2-worker runs
carry them. Local: ``ingest(workers=N)`` into a fresh store, in a fresh process after the
same warm-up, timed end to end (worker processes fork from it). Dask: a LocalCluster of N
single-threaded worker processes is started and its model loaded first (reported as
start-up, also shown added in), then ``run_dask`` in ingest mode plus ``load_parquet``
(the second stage, stories and event groups) are timed. The four runs repeat ``--repeat``
times, alternating, so a load spike hits one repetition, not one engine. Prints Markdown.

Partitions of 32 records by default (the CLI's default is 4 x ``batch_size``, 64): after
coding got cheaper per document, 32 scaled best of 16, 32 and 64 on 1,000 documents in
the same conditions; the machine's noise is large (``bench/RESULTS.md`` has all three).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dyads.eval.paths import benchmarks_dir


def corpus_path() -> Path:
    return benchmarks_dir() / "throughput_corpus" / "articles.jsonl"


def time_local(sample: Path, workers: int, tmp: Path, options: Any) -> dict[str, float]:
    """``ingest(workers=N)`` in a fresh process, as a user's run: its own warm-up, then timed.

    A fresh process each time, because coding caches (actor names, lemmas) fill as it
    runs: a 2-worker pool forked from a parent that has just coded the sample would
    start with the caches of the 1-worker run, which Dask's fresh workers never have.
    """
    db = tmp / f"local{workers}.duckdb"
    db.unlink(missing_ok=True)
    args = [sys.executable, __file__, "--local-run", str(sample), str(workers), str(db)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def local_run(sample: str, workers: int, db: str) -> None:
    """The child of ``time_local``: print one JSON line of seconds and documents."""
    from dyads.config import load_options
    from dyads.ingest.run import ingest

    options = load_options()
    with tempfile.TemporaryDirectory() as name:
        warm_up(Path(sample), Path(name), options)
    start = time.perf_counter()
    summary = ingest([sample], options, db, workers=workers)
    print(json.dumps({"seconds": time.perf_counter() - start, "docs": summary.documents}))


def time_dask(sample: Path, workers: int, tmp: Path, options: Any, size: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from dyads.scale.batch import options_to_dict
    from dyads.scale.engine import run_dask
    from dyads.scale.parquet import load_parquet
    from dyads.scale.plugin import ModelPlugin

    db, out = tmp / f"dask{workers}.duckdb", str(tmp / f"dask{workers}")
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with Client(cluster) as client:
        client.register_plugin(ModelPlugin(options_to_dict(options)))
        startup = time.perf_counter() - start
        start = time.perf_counter()
        summary = run_dask(
            [str(sample)], options, out, client=client, mode="ingest", partition_size=size
        )
        coded = time.perf_counter() - start
        load_parquet(out, db, options=options)
        seconds = time.perf_counter() - start
    cluster.close()
    return {"startup": startup, "coded": coded, "seconds": seconds, "docs": summary.documents}


def warm_up(source: Path, tmp: Path, options: Any) -> None:
    """Load the model and pay DuckDB's, finalize's and read_parquet's first calls once.

    Five articles only: enough for the first calls, too few to fill the coding caches.
    """
    from dyads.ingest.run import ingest
    from dyads.pipeline import document_from_text
    from dyads.scale.batch import code_items
    from dyads.scale.parquet import load_parquet, write_tables

    sample = tmp / "warm.jsonl"
    with source.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(5), fh, strict=False)))
    ingest([str(sample)], options, str(tmp / "warm.duckdb"))
    document = document_from_text("Russia denied attacking Ukraine.", "2024-01-01", "w")
    write_tables(code_items([document], options, mode="ingest"), str(tmp / "warm"), "part-0")
    load_parquet(tmp / "warm", tmp / "warm2.duckdb", options=options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--partition-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--local-run", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.local_run:
        sample, workers, db = args.local_run
        local_run(sample, int(workers), db)
        return
    source = corpus_path()
    if not source.is_file():
        print(f"skipped: {source} is missing", file=sys.stderr)
        return
    from dyads.config import load_options

    options = load_options()
    runs: list[tuple[int, str, int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        warm_up(source, tmp, options)
        sample = tmp / "sample.jsonl"
        with source.open(encoding="utf-8") as fh:
            sample.write_text("".join(line for _, line in zip(range(args.limit), fh, strict=False)))
        for rep in range(1, args.repeat + 1):
            for n in (1, 2):
                runs.append((rep, "local", n, time_local(sample, n, tmp, options)))
            for n in (1, 2):
                dask = time_dask(sample, n, tmp, options, args.partition_size)
                runs.append((rep, "dask", n, dask))
    print(
        f"First {args.limit} articles of throughput_corpus, {os.cpu_count()} CPU cores, "
        f"Dask partitions of {args.partition_size} records.\n"
    )
    print("| run | engine | workers | start-up s | seconds | docs/s | speed-up 1 -> 2 |")
    print("|---|---|---|---|---|---|---|")
    base: dict[tuple[int, str], dict[str, float]] = {}
    for rep, engine, n, r in runs:
        if n == 1:
            base[rep, engine] = r
        one = base[rep, engine]
        if engine == "local":
            what, startup, seconds = "local processes (`dyads ingest --workers`)", "-", ""
            speedup = f"{one['seconds'] / r['seconds']:.2f}x"
        else:
            what = "Dask LocalCluster, ingest + load-parquet"
            startup, seconds = f"{r['startup']:.1f}", f" (coding {r['coded']:.1f})"
            with_startup = (one["seconds"] + one["startup"]) / (r["seconds"] + r["startup"])
            speedup = f"{one['seconds'] / r['seconds']:.2f}x ({with_startup:.2f}x with start-up)"
        print(
            f"| {rep} | {what} | {n} | {startup} | {r['seconds']:.1f}{seconds} "
            f"| {r['docs'] / r['seconds']:.2f} | {speedup if n == 2 else '-'} |"
        )


if __name__ == "__main__":
    main()
