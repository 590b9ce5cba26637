"""Main-text extraction: ``dyads.ingest.extract_html`` against the Zyte benchmark.

Gold: ``article_extraction_benchmark`` (181 HTML pages with a human-checked
articleBody), scored the way that benchmark's ``evaluate.py`` scores (our own
implementation of its published method):

- text is split into word tokens (regex ``\\w+``) and then into overlapping
  4-token shingles (a text shorter than 4 tokens is one shingle);
- per page, shingle multisets give TP = shared, FP = extra, FN = missing,
  normalised by their sum so long pages do not weigh more;
- precision is the mean over pages that predicted anything, recall the mean
  over pages with gold text (both 1 when a page has no FP and no FN);
  F1 is the harmonic mean of those two means;
- accuracy is the share of pages whose token sequence equals the gold one.

The six published baseline outputs are scored by the same code in the same
run, so the ranking is like for like.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..config import Options
from .paths import require
from .report import ErrorCase, Report, Table
from .system import function

FOLDER = Path("article_extraction_benchmark")
_WORD = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) <= n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold: str | None, pred: str | None, n: int = 4) -> Counts:
    """Normalised (TP, FP, FN) over shingles for one page."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(gold: Mapping[str, str], predicted: Mapping[str, str | None]) -> dict[str, Any]:
    """P/R/F1/accuracy over the pages in ``gold`` (a missing prediction is empty text)."""
    pages = [page_counts(gold[k], predicted.get(k)) for k in gold]
    precisions = [_precision(*c) for c in pages if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in pages if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    accuracy = [float(tokens(gold[k]) == tokens(predicted.get(k))) for k in gold]
    return {
        "n": len(gold),
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "accuracy": statistics.mean(accuracy) if accuracy else 0.0,
    }


def load_gold(data: Path) -> dict[str, dict[str, Any]]:
    with require(data / FOLDER / "ground-truth.json", "extraction").open(encoding="utf-8") as fh:
        return json.load(fh)


def load_baseline(path: Path) -> dict[str, str]:
    """A published output file: ``{id: {articleBody}}``, sometimes under ``output``."""
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    raw = raw.get("output", raw) if isinstance(raw, dict) else raw
    return {k: (v or {}).get("articleBody") or "" for k, v in raw.items()}


def extract_all(
    data: Path, ids: Sequence[str], extract: Callable[..., Any], urls: Mapping[str, str | None]
) -> tuple[dict[str, str], dict[str, str]]:
    """Texts from ``extract(html, url=...)`` per page, and errors by page id."""
    out, failures = {}, {}
    for key in ids:
        path = require(data / FOLDER / "html" / f"{key}.html.gz", "extraction")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        try:
            out[key] = extract(html, url=urls.get(key)).text or ""
        except Exception as exc:  # a rejected page scores as empty text, with its reason
            out[key] = ""
            failures[key] = f"{type(exc).__name__}: {exc}"
    return out, failures


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    truth = load_gold(data)
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    gold = {k: truth[k].get("articleBody") or "" for k in ids}
    urls = {k: truth[k].get("url") for k in ids}
    extract = function("dyads.ingest:extract_html", "extraction")
    ours, failures = extract_all(data, ids, extract, urls)
    results = {"dyads": score(gold, ours)}
    for path in sorted((data / FOLDER / "baseline_outputs").glob("*.json")):
        results[path.stem] = score(gold, load_baseline(path))
    ranked = sorted(results.items(), key=lambda kv: kv[1]["f1"], reverse=True)
    figures = dict(results["dyads"])
    figures["rank"] = [name for name, _ in ranked].index("dyads") + 1
    figures["failures"] = len(failures)
    figures["baselines"] = {k: v for k, v in results.items() if k != "dyads"}
    report = Report("extraction", "all", len(ids), figures)
    report.tables.append(
        Table(
            "extraction: ranked by F1 (4-token shingles, as the benchmark's evaluate.py)",
            ["rank", "extractor", "precision", "recall", "F1", "accuracy"],
            [
                [i, name, m["precision"], m["recall"], m["f1"], m["accuracy"]]
                for i, (name, m) in enumerate(ranked, 1)
            ],
        )
    )
    report.notes.append("Baselines are the published outputs shipped with the benchmark.")
    for key in ids:
        c = page_counts(gold[key], ours[key])
        if key in failures or _recall(*c) < 0.8 or _precision(*c) < 0.8:
            report.errors.append(
                ErrorCase(
                    item=key,
                    sentence=urls.get(key) or key,
                    gold=gold[key][:200],
                    system=failures.get(key) or ours[key][:200],
                    rule=f"P={_precision(*c):.2f} R={_recall(*c):.2f}",
                )
            )
    return report
