"""Story clustering: one story, however many outlets copied or rewrote it.

Each document gets a MinHash signature of its clean text's word shingles
(``story_shingle`` words, lower-cased). MinHash LSH finds candidate pairs; a pair
whose estimated Jaccard similarity is at least ``story_threshold`` is one story,
and stories are the connected components of those pairs, so the result does not
depend on the order documents arrived in. Shared image credits (a page crediting
the same wire photo) lower the bar by ``CREDIT_BONUS``: a weak extra signal only.

That lexical path joins exact and near copies. Rewritten copies, which share no
5-grams with their original, are joined by the semantic path (``semantic``:
sentence embeddings, names and numbers, content words, dates), over candidates
from an index. Each membership keeps the score of the pair that joined it.

The canonical member is the earliest published (no date sorts last; ties go to
the smallest doc_id); ``copy_of`` is null for it and its doc_id for the others.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..clusters import UnionFind
from ..config import Options
from ..model import stable_hash
from .semantic import PairScore, blas_threads, candidate_pairs, content_words, jaccard, overlap

SCHEME = "affine32"  # datasketch 2.x's default hashing; stored signatures depend on it
CREDIT_BONUS = 0.1
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class StoryDoc:
    """What clustering needs of a stored document."""

    doc_id: str
    published: str | None
    signature: list[int]
    credits: list[str] = field(default_factory=list)
    site: str | None = None
    terms: list[str] = field(default_factory=list)  # key terms (semantic.key_terms)
    keyhash: list[int] = field(default_factory=list)  # their MinHash, the semantic index


@dataclass(slots=True)
class Assignment:
    """A document's story, the canonical member it copies (None for that one), and how
    sure: the best score of the pairs that joined it (1.0 for the canonical member)."""

    story_id: str
    copy_of: str | None
    score: float = 1.0
    via: str = "canonical"  # canonical, lexical (MinHash) or semantic


# doc_ids, whether to embed -> doc_id -> (text, vector, or None when not asked for)
Lookup = Callable[[list[str], bool], dict[str, tuple[str, "np.ndarray | None"]]]


def shingles(text: str, size: int = 5) -> set[str]:
    """Word ``size``-grams of lower-cased text (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, options: Options) -> list[int]:
    """The MinHash signature of ``text`` as plain integers (stored as UBIGINT[])."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=options.story_num_perm, seed=1, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text, options.story_shingle)])
    return [int(v) for v in minhash.hashvalues]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def _lsh_pairs(docs: list[StoryDoc], threshold: float, num_perm: int) -> set[tuple[int, int]]:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: set[tuple[int, int]] = set()
    for i, doc in enumerate(docs):
        minhash = MinHash(
            num_perm=num_perm, seed=1, hashvalues=np.array(doc.signature, "uint64"), scheme=SCHEME
        )
        for j in lsh.query(minhash):
            pairs.add((j, i))
        lsh.insert(i, minhash)
    return pairs


def _credit_pairs(docs: list[StoryDoc]) -> set[tuple[int, int]]:
    by_credit: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        for credit in {c.strip().lower() for c in doc.credits if c.strip()}:
            by_credit.setdefault(credit, []).append(i)
    return {(a, b) for ids in by_credit.values() for a in ids for b in ids if a < b}


def cluster_stories(
    docs: Sequence[StoryDoc],
    options: Options,
    lookup: Lookup | None = None,
) -> dict[str, Assignment]:
    """doc_id -> (story_id, copy_of, score, via), a deterministic function of the documents.

    ``lookup`` gives the text, and when asked the sentence-embedding vector, of the
    documents the semantic step asks about (only those of candidate pairs); without it, or with
    ``story_embeddings`` off, only the lexical path joins documents.
    """
    ordered = sorted(docs, key=lambda d: d.doc_id)
    threshold = options.story_threshold
    lower = max(0.05, threshold - CREDIT_BONUS)
    candidates = _lsh_pairs(ordered, lower, options.story_num_perm)
    credited = _credit_pairs(ordered)
    groups = UnionFind(len(ordered))
    best = [0.0] * len(ordered)
    via = ["canonical"] * len(ordered)

    def join(a: int, b: int, score: float, how: str) -> None:
        groups.union(a, b)
        for i in (a, b):
            if score > best[i]:
                best[i], via[i] = score, how

    for a, b in sorted(candidates):
        score = similarity(ordered[a].signature, ordered[b].signature)
        bar = lower if (min(a, b), max(a, b)) in credited else threshold
        if score >= bar:
            join(a, b, score, "lexical")
    if lookup is not None and options.story_embeddings:
        for a, b, score in semantic_pairs(ordered, options, lookup):
            join(a, b, score, "semantic")
    members: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        members.setdefault(groups.find(i), []).append(i)
    out: dict[str, Assignment] = {}
    for group in members.values():
        canonical = min(group, key=lambda i: (ordered[i].published or "9999", ordered[i].doc_id))
        story_id = stable_hash("story", ordered[canonical].doc_id)
        for i in group:
            if i == canonical:
                out[ordered[i].doc_id] = Assignment(story_id, None, 1.0, "canonical")
            else:
                copy_of = ordered[canonical].doc_id
                out[ordered[i].doc_id] = Assignment(story_id, copy_of, round(best[i], 6), via[i])
    return out


def _day(value: str | None) -> int | None:
    return dt.date.fromisoformat(value[:10]).toordinal() if value else None


def semantic_pairs(
    ordered: Sequence[StoryDoc], options: Options, lookup: Lookup
) -> list[tuple[int, int, float]]:
    """Pairs the semantic signals join (``semantic``), with their scores, in index order."""
    days = [_day(d.published) for d in ordered]
    window = options.story_window_days
    terms = [set(d.terms) for d in ordered]
    pairs = sorted(
        (a, b)
        for a, b in candidate_pairs(days, [d.keyhash for d in ordered], window)
        if jaccard(terms[a], terms[b]) >= options.story_candidate_min
    )
    if not pairs:
        return []
    bar = options.story_semantic_threshold
    needed = sorted({i for pair in pairs for i in pair})
    texts = lookup([ordered[i].doc_id for i in needed], False)
    words = {i: content_words(texts[ordered[i].doc_id][0]) for i in needed}
    # The cosine is at most 1: a pair whose names and words cannot reach the bar even
    # then is dropped before anything is embedded (exact; most candidates go here, and
    # embedding is nearly all of the semantic path's cost).
    bounded = [
        (a, b, PairScore(1.0, overlap(terms[a], terms[b]), jaccard(words[a], words[b])))
        for a, b in pairs
    ]
    reachable = [(a, b, pair) for a, b, pair in bounded if pair.score >= bar]
    if not reachable:
        return []
    embed = sorted({i for a, b, _ in reachable for i in (a, b)})
    with blas_threads(options.blas_threads):
        found = lookup([ordered[i].doc_id for i in embed], True)
    out = []
    for a, b, bound in reachable:
        va, vb = found[ordered[a].doc_id][1], found[ordered[b].doc_id][1]
        pair = PairScore(float(np.dot(va, vb)), bound.names, bound.words)
        if pair.score >= bar:
            out.append((a, b, pair.score))
    return out


def pair_scores(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, int]:
    """Precision and recall of "same story" decisions over all document pairs, and the
    number of gold same-story pairs. ``gold`` and ``predicted`` map doc_id -> story label."""
    ids = sorted(gold)
    tp = fp = fn = 0
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            same_gold = gold[a] == gold[b]
            same_pred = predicted[a] == predicted[b]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fn
