"""1-to-2-worker scaling: local processes (`dyads ingest --workers`) and the Dask engine.

    python bench/bench_scale.py [--limit 200] [--partition-size 16]

Reads the first ``--limit`` articles of ../shared/benchmarks/throughput_corpus/articles.jsonl
(or $DYADS_SHARED). Local: ``ingest(workers=N)`` into a fresh store, timed end to end (the
worker processes load the model inside the timing, as a user's run does). Dask: a
LocalCluster of N single-threaded worker processes is started and its model loaded first
(reported as start-up), then ``run_dask`` in ingest mode plus ``load_parquet`` (the second
stage) are timed. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from dyads.eval.paths import benchmarks_dir


def corpus_path() -> Path:
    return benchmarks_dir() / "throughput_corpus" / "articles.jsonl"


def time_local(sample: Path, workers: int, tmp: Path, options) -> tuple[float, int]:
    from dyads.ingest.run import ingest

    start = time.perf_counter()
    summary = ingest([str(sample)], options, str(tmp / f"local{workers}.duckdb"), workers=workers)
    return time.perf_counter() - start, summary.documents


def time_dask(sample: Path, workers: int, tmp: Path, options, size: int):
    from distributed import Client, LocalCluster

    from dyads.scale.batch import options_to_dict
    from dyads.scale.engine import run_dask
    from dyads.scale.parquet import load_parquet
    from dyads.scale.plugin import ModelPlugin

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with Client(cluster) as client:
        client.register_plugin(ModelPlugin(options_to_dict(options)))
        startup = time.perf_counter() - start
        start = time.perf_counter()
        out = str(tmp / f"dask{workers}")
        summary = run_dask(
            [str(sample)], options, out, client=client, mode="ingest", partition_size=size
        )
        coded = time.perf_counter() - start
        load_parquet(out, tmp / f"dask{workers}.duckdb", options=options)
        total = time.perf_counter() - start
    cluster.close()
    return startup, coded, total, summary.documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--partition-size", type=int, default=16)
    args = parser.parse_args()
    source = corpus_path()
    if not source.is_file():
        print(f"skipped: {source} is missing", file=sys.stderr)
        return
    from dyads.config import load_options
    from dyads.pipeline import code_text

    options = load_options()
    code_text("Russia denied attacking Ukraine.", options=options)  # the 1-worker run's model
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        sample = tmp / "sample.jsonl"
        with source.open(encoding="utf-8") as fh:
            sample.write_text("".join(line for _, line in zip(range(args.limit), fh, strict=False)))
        local = {n: time_local(sample, n, tmp, options) for n in (1, 2)}
        dask = {n: time_dask(sample, n, tmp, options, args.partition_size) for n in (1, 2)}
    for n in (1, 2):
        seconds, docs = local[n]
        rows.append(
            f"| local processes (`dyads ingest --workers {n}`) | {n} | - | {seconds:.1f} "
            f"| {docs / seconds:.2f} | {local[1][0] / seconds:.2f}x |"
        )
    for n in (1, 2):
        startup, coded, total, docs = dask[n]
        rows.append(
            f"| Dask LocalCluster, ingest + load-parquet | {n} | {startup:.1f} | {total:.1f} "
            f"(coding {coded:.1f}) | {docs / total:.2f} | {dask[1][2] / total:.2f}x |"
        )
    print(f"First {args.limit} articles of throughput_corpus, {os.cpu_count()} CPU cores.\n")
    print("| engine | workers | start-up s | seconds | docs/s | speed-up |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
