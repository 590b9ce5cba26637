"""Ingest throughput: `dyads ingest` documents/s, and its ratio to `dyads code`, same input.

    python bench/bench_ingest.py [--limit 200]

Reads the first ``--limit`` articles of ../shared/benchmarks/throughput_corpus/articles.jsonl
(or $DYADS_SHARED), warms the spaCy model, then times, in this one process, ``code_paths``
(what `dyads code --db` runs) and ``ingest`` (extraction, language, coding, store, MinHash,
stories and event groups) into fresh stores. Prints one Markdown line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from dyads.config import load_options
from dyads.eval.paths import benchmarks_dir
from dyads.ingest.run import ingest
from dyads.pipeline import code_text
from dyads.runner import code_paths


def corpus_path() -> Path:
    return benchmarks_dir() / "throughput_corpus" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    source = corpus_path()
    if not source.is_file():
        print(f"skipped: {source} is missing", file=sys.stderr)
        return
    options = load_options()
    code_text("Russia denied attacking Ukraine.", options=options)  # load the model once
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with source.open(encoding="utf-8") as fh:
            sample.write_text("".join(line for _, line in zip(range(args.limit), fh, strict=False)))
        start = time.perf_counter()
        coded = code_paths([str(sample)], options, db=str(Path(tmp) / "code.duckdb"))
        code_s = time.perf_counter() - start
        start = time.perf_counter()
        summary = ingest([str(sample)], options, str(Path(tmp) / "ingest.duckdb"),
                         workers=args.workers)  # fmt: skip
        ingest_s = time.perf_counter() - start
    code_rate = coded.documents / code_s
    ingest_rate = summary.documents / ingest_s
    print(
        f"| dyads ingest, first {args.limit} throughput_corpus articles, workers={args.workers} "
        f"| {ingest_rate:.1f} docs/s | dyads code --db: {code_rate:.1f} docs/s "
        f"| ratio {ingest_rate / code_rate:.2f} | {summary.stories} stories, "
        f"{summary.groups} event groups, {summary.non_english} not English |"
    )


if __name__ == "__main__":
    main()
