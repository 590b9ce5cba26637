"""Throughput: words per second of ``dyads.code_documents`` and of plain spaCy.

All runs share one process and the same first N articles of
``throughput_corpus/articles.jsonl``: dyads end to end (as configured, parse
skipping on by default), dyads with parse skipping off, and the stock spaCy
pipeline dyads loads (``spacy.load`` of the same package, every component,
without dyads' compiled attribute ruler and lemmatizer, multiplying matrices with
thinc's default BLIS) through ``nlp.pipe(texts, batch_size=options.batch_size)``:
the cost of a coder that parses every sentence; and that stock pipeline again with
dyads' matrix library (``matmul``, ``blas_threads``), which isolates what skipping
and dyads' own components save from what the faster products save. Each is warmed
up on a few texts first, then all four run in turns over rounds of ``ROUND``
documents (who goes first rotates), so a change in the machine's load slows all
alike. ratio = stock spaCy seconds / dyads seconds (> 1: dyads is faster);
``ratio_same_matmul`` = the same-matmul spaCy's seconds / dyads seconds. A last
run times dyads' stages one at a time, and the events of the two dyads runs are
compared, so the speed and what skipping costs in events are printed together.
Absolute figures depend on the machine and its load; compare ratios.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy

from ..config import Options
from ..model import CodedDocument, Document
from ..nlp.matmul import use_matmul
from .paths import require
from .report import Report, Table
from .system import function

CORPUS = Path("throughput_corpus") / "articles.jsonl"
DEFAULT_N = 200
WARMUP = 3
ROUND = 100  # documents per round: each round times every run, so load drifts hit all
STAGES = ("prepass", "nlp", "entity_select", "entities", "coding")


def load(data: Path, limit: int | None = None) -> list[Document]:
    n = limit or DEFAULT_N
    docs = []
    with require(data / CORPUS, "throughput").open(encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= n:
                break
            if line.strip():
                rec = json.loads(line)
                docs.append(
                    Document(
                        doc_id=f"{rec.get('source')}:{rec.get('doc_id')}",
                        text=rec.get("text") or "",
                        title=rec.get("title"),
                        url=rec.get("url"),
                    )
                )
    return docs


def words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def peak_rss_mb() -> float | None:
    """The process's peak resident memory so far, in MiB (None where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rates(n_words: int, dyads_s: float, spacy_s: float) -> dict[str, Any]:
    """Words/s of each and the speed ratio (spaCy time / dyads time)."""
    return {
        "words": n_words,
        "dyads_seconds": dyads_s,
        "spacy_seconds": spacy_s,
        "dyads_words_per_s": n_words / dyads_s if dyads_s else None,
        "spacy_words_per_s": n_words / spacy_s if spacy_s else None,
        "ratio": spacy_s / dyads_s if dyads_s else None,
    }


def event_keys(coded: Iterable[CodedDocument]) -> Counter[tuple[Any, ...]]:
    """Events as comparable keys: document, trigger offsets, type, modality, dyad codes."""
    keys: Counter[tuple[Any, ...]] = Counter()
    for doc in coded:
        for e in doc.events:
            source = e.source.code if e.source else None
            target = e.target.code if e.target else None
            keys[
                (e.doc_id, e.trigger.start, e.trigger.end, e.type, e.modality, source, target)
            ] += 1
    return keys


def compare_events(full: Iterable[CodedDocument], skipping: Iterable[CodedDocument]) -> dict:
    """Events with parse skipping against events without: how many lost and gained."""
    a, b = event_keys(full), event_keys(skipping)
    return {
        "events_without_skipping": sum(a.values()),
        "events": sum(b.values()),
        "events_lost_by_skipping": sum((a - b).values()),
        "events_gained_by_skipping": sum((b - a).values()),
    }


def parsed_shares(counts: dict[str, float]) -> dict[str, float | None]:
    """Share of tokens and of sentences parsed (the rest skipped), from the stage counts."""
    out: dict[str, float | None] = {}
    for unit in ("tokens", "sentences"):
        parsed, skipped = counts.get(f"parsed_{unit}", 0), counts.get(f"skipped_{unit}", 0)
        out[f"parsed_{unit[:-1]}_share"] = parsed / (parsed + skipped) if parsed + skipped else None
    every = counts.get("parsed_tokens", 0) + counts.get("skipped_tokens", 0)
    out["entity_token_share"] = counts.get("entity_tokens", 0) / every if every else None
    return out


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    options = options or Options()
    full_options = options.with_(skip_unlikely_sentences=False)
    docs = load(data, limit)
    texts = [d.text for d in docs]
    n_words = words(texts)
    code_documents = function("dyads:code_documents", "throughput")
    code_timed = function("dyads.pipeline:code_documents_timed", "throughput")
    model = function("dyads.nlp:load_model", "throughput")(options)
    nlp = spacy.load(model.meta["dyads_model_name"])  # stock: no dyads changes
    same = spacy.load(model.meta["dyads_model_name"])  # stock components, dyads' matmul
    use_matmul(same, options.matmul, options.blas_threads)
    runs: dict[str, Callable[[Sequence[Document]], list[Any]]] = {
        "dyads": lambda part: list(code_documents(part, options)),
        "dyads_without_skipping": lambda part: list(code_documents(part, full_options)),
        "spacy": lambda part: [
            sum(1 for _ in nlp.pipe([d.text for d in part], batch_size=options.batch_size))
        ],
        "spacy_same_matmul": lambda part: [
            sum(1 for _ in same.pipe([d.text for d in part], batch_size=options.batch_size))
        ],
    }
    for run_one in runs.values():
        run_one(docs[:WARMUP])
    memory: dict[str, float | None] = {"memory_before_mb": peak_rss_mb()}
    seconds = dict.fromkeys(runs, 0.0)
    outputs: dict[str, list[Any]] = {name: [] for name in runs}
    names = list(runs)
    for r, start in enumerate(range(0, len(docs), ROUND)):
        part = docs[start : start + ROUND]
        turn = r % len(names)
        for name in names[turn:] + names[:turn]:  # rotate who goes first
            took, out = timed(lambda run_one=runs[name], part=part: run_one(part))
            seconds[name] += took
            if name.startswith("dyads"):
                outputs[name].extend(out)
            if r == 0:
                memory[f"peak_rss_after_first_{name}_round_mb"] = peak_rss_mb()
    dyads_s, full_s, spacy_s = seconds["dyads"], seconds["dyads_without_skipping"], seconds["spacy"]
    coded, coded_full = outputs["dyads"], outputs["dyads_without_skipping"]
    memory["peak_rss_mb"] = peak_rss_mb()
    _, stages = code_timed(docs, options)
    figures = rates(n_words, dyads_s, spacy_s)
    figures["dyads_without_skipping_seconds"] = full_s
    figures["dyads_without_skipping_words_per_s"] = n_words / full_s if full_s else None
    figures["ratio_without_skipping"] = spacy_s / full_s if full_s else None
    same_s = seconds["spacy_same_matmul"]
    figures["spacy_same_matmul_seconds"] = same_s
    figures["spacy_same_matmul_words_per_s"] = n_words / same_s if same_s else None
    figures["ratio_same_matmul"] = same_s / dyads_s if dyads_s else None
    figures["ratio_without_skipping_same_matmul"] = same_s / full_s if full_s else None
    figures["matmul"] = options.matmul
    figures["blas_threads"] = options.blas_threads
    for stage in STAGES:
        figures[f"stage_{stage}_seconds"] = stages.get(stage, 0.0)
        figures[f"stage_{stage}_words_per_s"] = (
            n_words / stages[stage] if stages.get(stage) else None
        )
    figures.update(parsed_shares(stages))
    figures.update(compare_events(coded_full, coded))
    figures.update(memory)
    figures["skip_unlikely_sentences"] = options.skip_unlikely_sentences
    figures["batch_size"] = options.batch_size
    figures["pipeline"] = (
        f"{nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}: " + ", ".join(nlp.pipe_names)
    )
    figures["cpus"] = os.cpu_count()
    report = Report("throughput", "first-N", len(docs), figures)
    report.tables.append(
        Table(
            "dyads stages (run separately, each materialised)",
            ["stage", "seconds", "words/s"],
            [[s, figures[f"stage_{s}_seconds"], figures[f"stage_{s}_words_per_s"]] for s in STAGES],
        )
    )
    report.notes.append(
        "Absolute times are machine- and load-dependent (shared 2-core machine here); "
        "ratio = stock spaCy full-pipeline time / dyads time, > 1 means dyads is faster; "
        "ratio_same_matmul divides the time of that pipeline with dyads' matrix library "
        "(matmul, blas_threads) instead."
    )
    report.notes.append(
        "Peak memory is the process's peak RSS after the first round of each run, in that "
        "round's order (dyads, dyads without skipping, spaCy, spaCy with dyads' matmul: "
        "each figure includes everything before it), and at the end."
    )
    return report
