"""Throughput: words per second of ``dyads.code_documents`` and of plain spaCy.

Both run in one process over the same first N articles of
``throughput_corpus/articles.jsonl``: dyads end to end, and the same spaCy
pipeline (``dyads.nlp.load_model``) with every component enabled through
``nlp.pipe(texts, batch_size=options.batch_size)``. Both are warmed up on a
few texts first. ratio = spaCy seconds / dyads seconds (> 1: dyads is faster).
Absolute figures depend on the machine and its load; compare ratios.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import Document
from .paths import require
from .report import Report
from .system import function

CORPUS = Path("throughput_corpus") / "articles.jsonl"
DEFAULT_N = 200
WARMUP = 3


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


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    options = options or Options()
    docs = load(data, limit)
    texts = [d.text for d in docs]
    code_documents = function("dyads:code_documents", "throughput")
    nlp = function("dyads.nlp:load_model", "throughput")(options)
    code_documents(docs[:WARMUP], options)
    list(nlp.pipe(texts[:WARMUP], batch_size=options.batch_size))
    dyads_s, coded = timed(lambda: list(code_documents(docs, options)))
    spacy_s, _ = timed(lambda: list(nlp.pipe(texts, batch_size=options.batch_size)))
    figures = rates(words(texts), dyads_s, spacy_s)
    figures["events"] = sum(len(c.events) for c in coded)
    figures["pipeline"] = (
        f"{nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}: " + ", ".join(nlp.pipe_names)
    )
    figures["cpus"] = os.cpu_count()
    report = Report("throughput", "first-N", len(docs), figures)
    report.notes.append(
        "Absolute times are machine- and load-dependent (shared 2-core machine here); "
        "ratio = spaCy full-pipeline time / dyads time, > 1 means dyads is faster."
    )
    return report
