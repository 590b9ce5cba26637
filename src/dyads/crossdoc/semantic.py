"""Semantic story pairs: rewritten copies that share no word 5-grams with their original.

Content farms reword every sentence, reorder paragraphs and drop details, so the
lexical MinHash of ``stories`` sees nothing. What a rewrite keeps is what the
story is about (its meaning, sentence by sentence), the names and numbers it
reports, and its date: copies appear within days. Three signals, measured on the
rewrites benchmark (``dyads eval stories``), decide a pair:

* ``cosine``: of the two documents' vectors, each the mean of its sentences'
  all-MiniLM-L6-v2 embeddings (``embed``). Whole-document meaning: it survives
  reordering and rewording, where the lead alone does not (a copy's new headline
  and first lines moved positive pairs down to 0.45);
* ``names``: the share of the smaller set of key terms (capitalised names not
  opening a sentence, and numbers) found in the other document: a copy reports
  the original's people, places and figures, a follow-up about the same people
  adds new ones;
* ``words``: Jaccard similarity of the two sets of content words.

``score = 0.5 cosine + 0.2 names + 0.3 words``; a pair at or above
``story_semantic_threshold`` whose dates are at most ``story_window_days`` apart is
one story. No signal alone separates copies from same-topic follow-ups in the
Guardian sample; together they do (EVALUATION.md). Undated documents are
compared only with each other (nothing says they are days apart).

Candidates come from an index, never from all pairs: a MinHash of each document's
key terms, cut into bands of two values (LSH), gives pairs that share a band;
only pairs within the date window whose key-term Jaccard is at least
``story_candidate_min`` are scored, and only their documents are embedded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

WEIGHTS = {"cosine": 0.5, "names": 0.2, "words": 0.3}
KEY_PERMUTATIONS = 128
BAND_ROWS = 2  # P(candidate) at key-term Jaccard 0.3: 0.998; at 0.05: 0.15
SENTENCE_TOKENS = 64

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", re.MULTILINE)
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'])|\n+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words (data/crossdoc/stopwords.txt), left out of ``words``."""
    text = resources.files("dyads").joinpath("data/crossdoc/stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#")[0].split())


def split_sentences(text: str) -> list[str]:
    """Sentences of five words or more (shorter lines are headlines and page furniture)."""
    return [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 5]


def key_terms(text: str) -> list[str]:
    """Capitalised words not opening a line or a sentence (names), and numbers, sorted.
    Title-case lines (headlines, bylines, furniture) are left out: a rewrite's new
    headline is all capitals and says nothing of the story's names."""
    lines = [
        line
        for line in text.splitlines()
        if sum(w[:1].isupper() for w in line.split()) * 2 < len(line.split())
    ]
    kept = "\n".join(lines)
    return sorted(set(_NUMBER.findall(kept)) | set(_NAME.findall(kept)))


def content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more, function words left out."""
    stop = stopwords()
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop}


def key_hash(terms: Sequence[str]) -> list[int]:
    """MinHash of the key terms (the index's input), as plain integers."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=KEY_PERMUTATIONS, seed=2, scheme="affine32")
    minhash.update_batch([t.encode("utf-8") for t in terms])
    return [int(v) for v in minhash.hashvalues]


def doc_vectors(texts: Sequence[str], sentences: int) -> np.ndarray:
    """Each text's vector: the normalised mean of its first ``sentences`` sentence vectors."""
    from .embed import DIMENSIONS, embed_texts

    parts = [split_sentences(t)[:sentences] or [t[:500]] for t in texts]
    flat = [s for p in parts for s in p]
    if not flat:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = embed_texts(flat, SENTENCE_TOKENS)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    at = 0
    for i, p in enumerate(parts):
        mean = vectors[at : at + len(p)].mean(0)
        out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        at += len(p)
    return out


def blas_threads(threads: int) -> AbstractContextManager[Any]:
    """Hold numpy's BLAS to ``threads`` threads while embedding (the ``blas_threads``
    setting; 0: no cap). The process-wide cap comes with the spaCy model, which
    ``dyads eval stories`` and ``load-parquet`` never load; without it OpenBLAS starts a
    thread per core, and on a busy machine its spinning threads made the encoder 2-4
    times slower than one thread (bench/RESULTS.md)."""
    if threads <= 0:
        return nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")


def candidate_pairs(
    days: Sequence[int | None], hashes: Sequence[Sequence[int]], window: int
) -> set[tuple[int, int]]:
    """Index pairs (a < b) sharing an LSH band of their key-term MinHash, dated at most
    ``window`` days apart (or both undated). Each band's bucket is sorted by day, so a
    document meets only the bucket's documents inside its window: time grows with
    bucket sizes, not with all pairs."""
    undated = -(10**7)  # undated documents meet only each other: no date says they differ
    days = [undated if d is None else d for d in days]
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for i, values in enumerate(hashes):
        if not values:
            continue
        for band in range(0, len(values) - BAND_ROWS + 1, BAND_ROWS):
            buckets.setdefault((band, tuple(values[band : band + BAND_ROWS])), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (days[i], i))
        start = 0
        for n, b in enumerate(members):
            while days[b] - days[members[start]] > window:
                start += 1
            for a in members[start:n]:
                pairs.add((min(a, b), max(a, b)))
    return pairs


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(slots=True, frozen=True)
class PairScore:
    cosine: float
    names: float
    words: float

    @property
    def score(self) -> float:
        return round(
            WEIGHTS["cosine"] * self.cosine
            + WEIGHTS["names"] * self.names
            + WEIGHTS["words"] * self.words,
            6,
        )
