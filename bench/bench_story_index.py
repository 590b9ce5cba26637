"""How the semantic story index grows: candidate pairs from 1,000 to 100,000 documents.

    python bench/bench_story_index.py [--sizes 1000 10000 100000] [--per-day 100]

Synthetic key-term MinHashes (128 values) at ``--per-day`` documents a day; one document in
ten is a rewrite of an earlier one of its day (60% of its values kept, the rest new), the
others share nothing. Times ``crossdoc.semantic.candidate_pairs`` (LSH bands within the
2-day window) and its peak memory (tracemalloc). Prints one Markdown row per size.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from dyads.crossdoc.semantic import KEY_PERMUTATIONS, candidate_pairs


def synthetic(n: int, per_day: int, seed: int = 7) -> tuple[list[int], list[list[int]]]:
    rng = random.Random(seed)
    days, hashes = [], []
    for i in range(n):
        day = i // per_day
        if i % 10 == 9 and i % per_day:
            base = hashes[i - 1 - rng.randrange(min(8, i % per_day))]
            values = [v if rng.random() < 0.6 else rng.getrandbits(32) for v in base]
        else:
            values = [rng.getrandbits(32) for _ in range(KEY_PERMUTATIONS)]
        days.append(day)
        hashes.append(values)
    return days, hashes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--per-day", type=int, default=100)
    args = parser.parse_args()
    base = None
    for n in args.sizes:
        days, hashes = synthetic(n, args.per_day)
        tracemalloc.start()
        start = time.perf_counter()
        pairs = candidate_pairs(days, hashes, window=2)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        base = base or (n, seconds, peak)
        print(
            f"| {n:,} documents, {args.per_day}/day | {seconds:.2f} s | peak {peak:.0f} MiB "
            f"| {len(pairs):,} candidate pairs | time x{seconds / base[1]:.1f}, "
            f"memory x{peak / base[2]:.1f} for x{n / base[0]:.0f} documents |"
        )


if __name__ == "__main__":
    main()
