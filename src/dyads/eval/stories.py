"""Story clustering: same-story pair precision and recall.

Two sets, scored alike with ``crossdoc.stories.pair_scores`` (over every pair of
documents: a pair is right when the system puts it in one story and the gold
does):

- ``rewrites``: the 20 paraphrased copies of ``rewrites/rewrites.jsonl`` with all
  249 articles of ``ngec/guardian_sample_unlabeled.jsonl`` (269 documents). The
  gold same-story pairs are exactly the 20 (copy, original) pairs; every other
  pair, follow-ups days apart about the same people included, is a different
  story;
- ``fixtures``: the articles we wrote in ``tests/fixtures/stories/stories.yaml``
  (originals, lightly rewritten copies and same-topic distinct stories).

Documents go through the same steps as in a store (``extract_plain``, MinHash
signature, key terms) and the same ``cluster_stories``. Vectors come from a file cache
instead of the store's ``doc_features`` (``vector_cache``: keyed by each text's hash, in
a file named after the encoder's code, weights and settings), so only the first run
pays for embedding (minutes, nearly all of the eval's time).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..config import Options, load_options
from ..crossdoc.semantic import doc_vectors, key_hash, key_terms
from ..crossdoc.stories import StoryDoc, cluster_stories, pair_scores, signature
from ..errors import DyadsError
from ..ingest import extract_plain
from .paths import repo_root, require
from .report import ErrorCase, Report

REWRITES = Path("rewrites") / "rewrites.jsonl"
GUARDIAN = Path("ngec") / "guardian_sample_unlabeled.jsonl"
FIXTURES = Path("tests") / "fixtures" / "stories" / "stories.yaml"
TARGET = 0.95


def story_doc(doc_id: str, text: str, date: str | None, options: Options) -> StoryDoc:
    """What the store keeps of a document for clustering, made in memory."""
    terms = key_terms(text)
    return StoryDoc(doc_id, date, signature(text, options), terms=terms, keyhash=key_hash(terms))


def cluster(
    records: list[tuple[str, str, str | None]], options: Options
) -> tuple[dict[str, str], dict[str, Any]]:
    """doc_id -> story label for (doc_id, text, date) records; and the assignments."""
    texts = {doc_id: text for doc_id, text, _ in records}
    docs = [story_doc(doc_id, text, date, options) for doc_id, text, date in records]

    def lookup(ids: list[str], vectors: bool) -> dict[str, tuple[str, np.ndarray | None]]:
        if not vectors:
            return {i: (texts[i], None) for i in ids}
        path = vector_cache(options)
        cached = _read_cache(path)
        keys = {i: hashlib.sha256(texts[i].encode("utf-8")).hexdigest() for i in ids}
        missing = sorted({keys[i] for i in ids} - cached.keys())
        if missing:
            text_of = {keys[i]: texts[i] for i in ids}
            vectors = doc_vectors([text_of[k] for k in missing], options.story_embed_sentences)
            cached.update(zip(missing, vectors, strict=True))
            _write_cache(path, cached)
        return {i: (texts[i], cached[keys[i]]) for i in ids}

    assignments = cluster_stories(docs, options, lookup)
    return {d: a.story_id for d, a in assignments.items()}, assignments


def vector_cache(options: Options) -> Path:
    """The eval's vector cache file: its name changes with the encoder's code, its
    weights and the sentences per vector, so a stale file is never read."""
    from ..crossdoc import embed, semantic

    key = hashlib.sha256(str(options.story_embed_sentences).encode())
    for module in (embed, semantic):
        key.update(Path(module.__file__).read_bytes())
    try:
        weights = embed.model_dir() / "model.safetensors"
        key.update(f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}".encode())
    except (OSError, DyadsError):
        pass  # no model: embedding raises E403 before the cache matters
    base = os.environ.get("DYADS_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "dyads"
    )
    return Path(base) / f"story-vectors-{key.hexdigest()[:16]}.npz"


def _read_cache(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def _write_cache(path: Path, vectors: dict[str, np.ndarray]) -> None:
    keys = sorted(vectors)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([vectors[k] for k in keys]))
        tmp.replace(path)  # atomic: a reader never sees half a file
    except OSError:
        pass  # a cache only: the next run embeds again


def load_rewrites(data: Path, limit: int | None = None) -> tuple[list, dict[str, str]]:
    """(doc_id, text, date) records and doc_id -> gold story, rewrites + Guardian sample."""
    rewrites = require(data / REWRITES, "stories")
    guardian = require(data / GUARDIAN, "stories")
    records, gold = [], {}
    with guardian.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            records.append(_as_stored(rec))
            gold[rec["id"]] = rec["id"]
    with rewrites.open(encoding="utf-8") as fh:
        copies = [json.loads(line) for line in fh if line.strip()]
    for rec in copies[:limit] if limit else copies:
        records.append(_as_stored(rec))
        gold[rec["id"]] = rec["original_id"]
    return records, gold


def _as_stored(rec: dict[str, Any]) -> tuple[str, str, str | None]:
    """(doc_id, text, date) of a JSONL record as ``dyads ingest`` stores it: the text
    extracted as plain text, page furniture ("Share This Article") left out."""
    doc = extract_plain(rec["text"], doc_id=rec["id"], find_headline=False)
    return doc.doc_id, doc.text, rec.get("date")


def load_fixtures() -> tuple[list, dict[str, str]]:
    """The hand-written fixture articles, extracted as a plain page would be."""
    path = repo_root() / FIXTURES
    if not path.is_file():
        return [], {}
    records, gold = [], {}
    for rec in yaml.safe_load(path.read_text(encoding="utf-8")):
        doc = extract_plain(rec["text"], title=rec["title"], doc_id=rec["id"])
        records.append((doc.doc_id, doc.text, rec["date"]))
        gold[doc.doc_id] = rec["story"]
    return records, gold


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    options = options or load_options()
    records, gold = load_rewrites(data, limit)
    predicted, assignments = cluster(records, options)
    precision, recall, positives = pair_scores(gold, predicted)
    figures: dict[str, Any] = {
        "rewrites_precision": round(precision, 3),
        "rewrites_recall": round(recall, 3),
        "rewrites_gold_pairs": positives,
    }
    fixture_records, fixture_gold = load_fixtures()
    if fixture_records:
        fixture_pred, _ = cluster(fixture_records, options)
        fp, fr, fpos = pair_scores(fixture_gold, fixture_pred)
        figures.update(fixtures_precision=round(fp, 3), fixtures_recall=round(fr, 3),
                       fixtures_gold_pairs=fpos)  # fmt: skip
    met = precision >= TARGET and recall >= TARGET
    figures["targets_met"] = met
    report = Report("stories", "all", len(records), figures)
    report.notes.append(
        f"Targets: pair precision and recall >= {TARGET} on rewrites + Guardian sample "
        f"({len(records)} documents): {'met' if met else 'NOT met'}. Semantic threshold "
        f"{options.story_semantic_threshold}, window {options.story_window_days} days, "
        f"lexical threshold {options.story_threshold}."
    )
    by_story: dict[str, list[str]] = {}
    for doc_id, story in predicted.items():
        by_story.setdefault(story, []).append(doc_id)
    for doc_id in sorted(gold):
        same_gold = {d for d in gold if gold[d] == gold[doc_id] and d != doc_id}
        same_pred = {d for d in by_story[predicted[doc_id]] if d != doc_id}
        for other in sorted(same_pred - same_gold):
            if doc_id < other:
                score = min(assignments[doc_id].score, assignments[other].score)  # a copy's
                report.errors.append(ErrorCase(f"{doc_id}+{other}", "", "different stories",
                                               f"one story (score {score:.3f})"))  # fmt: skip
        for other in sorted(same_gold - same_pred):
            if doc_id < other:
                report.errors.append(ErrorCase(f"{doc_id}+{other}", "", "one story",
                                               "different stories"))  # fmt: skip
    return report
