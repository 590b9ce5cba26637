"""Ingest throughput: `dyads ingest` documents/s, and its ratio to `dyads code`, same input.

    python bench/bench_ingest.py [--limit 200]
    python bench/bench_ingest.py --limit 1000 --stories


Reads the first ``--limit`` articles of ../shared/benchmarks/throughput_corpus/articles.jsonl
(or $DYADS_SHARED), warms the spaCy model, then times, in this one process, ``code_paths``
(what `dyads code --db` runs) and ``ingest`` (extraction, language, coding, store, MinHash,
stories and event groups) into fresh stores. Prints one Markdown line.

With ``--stories``, times instead ``ingest`` with the semantic story path off
(``story_embeddings = false``: lexical stories only, the model never loaded) and on,
in this one process after a warm-up ingest, into fresh stores, in the order off, on,
on, off (so a machine that slows or speeds up during the runs weighs on both alike):
the ratio of on to off documents/s, each over its two runs, is what the semantic path
costs (#16's target: at least 0.80).
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
    parser.add_argument("--stories", action="store_true", help="semantic stories off vs on")
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
        if args.stories:
            stories_ratio(sample, Path(tmp), args)
            return
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


def stories_ratio(sample: Path, tmp: Path, args: argparse.Namespace) -> None:
    """Ingest ``sample`` with the semantic story path off, then on; print the ratio."""
    warm = tmp / "warm.jsonl"
    with sample.open(encoding="utf-8") as fh:
        warm.write_text("".join(line for _, line in zip(range(20), fh, strict=False)))
    ingest([str(warm)], load_options(), str(tmp / "warm.duckdb"))  # model, caches, encoder
    seconds: dict[str, float] = {"off": 0.0, "on": 0.0}
    documents: dict[str, int] = {"off": 0, "on": 0}
    stories: dict[str, int] = {}
    each: list[str] = []
    for n, label in enumerate(("off", "on", "on", "off")):
        options = load_options(story_embeddings=label == "on")
        start = time.perf_counter()
        summary = ingest([str(sample)], options, str(tmp / f"{label}{n}.duckdb"),
                         workers=args.workers)  # fmt: skip
        took = time.perf_counter() - start
        seconds[label] += took
        documents[label] += summary.documents
        stories[label] = summary.stories
        each.append(f"{label} {summary.documents / took:.1f}")
    rates = {label: documents[label] / seconds[label] for label in seconds}
    print(
        f"| dyads ingest, first {args.limit} throughput_corpus articles, workers={args.workers}, "
        f"semantic stories on | {rates['on']:.1f} docs/s | off: {rates['off']:.1f} docs/s "
        f"| ratio {rates['on'] / rates['off']:.2f} (runs: {', '.join(each)}) "
        f"| stories: {stories['on']} on, {stories['off']} off |"
    )


if __name__ == "__main__":
    main()
