"""The cross-document stage: stories and event groups from the stored documents.

Deterministic and idempotent: it reads only stored rows and replaces the tables it
owns (``stories``, ``story_members``, ``event_groups``, ``event_group_members``,
``documents.story_id`` / ``copy_of``) in one transaction, so a run killed at any
moment and resumed ends with the tables of an uninterrupted one. The semantic
index's inputs are cached in ``doc_features`` (key terms and their MinHash for
every document, the sentence-embedding vector only for documents that were ever in
a candidate pair that could reach the bar), keyed by content hash, so a rerun embeds
nothing it embedded before.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa

from ..config import Options
from ..store import Store
from .groups import Mention, group_events
from .semantic import doc_vectors, key_hash, key_terms
from .stories import StoryDoc, cluster_stories


def outlet(site: str | None, source: str | None, url: str | None) -> str | None:
    """The outlet of a document: its site, else its source, else its URL's host."""
    if site or source:
        return site or source
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _refresh_features(store: Store) -> None:
    """Key terms and MinHash for documents without a current ``doc_features`` row."""
    con = store.con
    rows = con.execute(
        "SELECT d.doc_id, d.content_hash, d.text FROM documents d "
        "LEFT JOIN doc_features f ON f.doc_id = d.doc_id "
        "WHERE f.doc_id IS NULL OR f.content_hash IS DISTINCT FROM d.content_hash "
        "ORDER BY d.doc_id"
    ).fetchall()
    fresh = []
    for doc_id, digest, text in rows:
        terms = key_terms(text or "")
        fresh.append({"doc_id": doc_id, "content_hash": digest, "terms": terms,
                      "keyhash": key_hash(terms), "vector": None})  # fmt: skip

    def work() -> None:
        con.execute("DELETE FROM doc_features WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        for row in fresh:
            store.delete_where("doc_features", doc_id=row["doc_id"])
        store.insert("doc_features", fresh)

    store.transaction(work)


def _lookup(store: Store, options: Options):
    """The semantic step's source of texts and vectors: cached vectors, else embedded now
    and cached."""
    con = store.con

    def lookup(ids: list[str], vectors: bool) -> dict[str, tuple[str, np.ndarray | None]]:
        con.register("_dyads_ids", pa.table({"doc_id": pa.array(ids, pa.string())}))
        try:
            rows = con.execute(
                "SELECT d.doc_id, d.text, f.vector FROM documents d JOIN _dyads_ids USING (doc_id) "
                "LEFT JOIN doc_features f ON f.doc_id = d.doc_id ORDER BY d.doc_id"
            ).fetchall()
        finally:
            con.unregister("_dyads_ids")
        if not vectors:
            return {d: (t or "", None) for d, t, _ in rows}
        missing = [(d, t) for d, t, v in rows if v is None]
        computed = doc_vectors([t or "" for _, t in missing], options.story_embed_sentences)
        new = {d: v for (d, _), v in zip(missing, computed, strict=True)}

        def work() -> None:
            for doc_id, vector in new.items():
                con.execute(
                    "UPDATE doc_features SET vector = ? WHERE doc_id = ?",
                    [[float(x) for x in vector], doc_id],
                )

        if new:
            store.transaction(work)
        return {
            d: (t or "", new[d] if v is None else np.asarray(v, dtype=np.float32))
            for d, t, v in rows
        }

    return lookup


def finalize(store: Store, options: Options) -> tuple[int, int]:
    """Recompute stories and event groups from the stored documents, in one transaction.

    Returns (stories, event groups). Deterministic: the same stored documents give
    the same rows, whatever order they came in and however many runs it took.
    """
    con = store.con
    if options.story_embeddings:
        _refresh_features(store)
    docs = con.execute(
        "SELECT d.doc_id, d.published, d.credits, d.site, d.source, d.url, s.minhash, "
        "f.terms, f.keyhash FROM documents d JOIN doc_signatures s USING (doc_id) "
        "LEFT JOIN doc_features f ON f.doc_id = d.doc_id ORDER BY d.doc_id"
    ).fetchall()
    outlets = {row[0]: outlet(row[3], row[4], row[5]) for row in docs}
    story_docs = [
        StoryDoc(
            doc_id,
            published.isoformat() if published else None,
            list(sig),
            credits or [],
            terms=list(terms or []),
            keyhash=list(keyhash or []),
        )
        for doc_id, published, credits, _, _, _, sig, terms, keyhash in docs
    ]
    lookup = _lookup(store, options) if options.story_embeddings else None
    assignments = cluster_stories(story_docs, options, lookup)
    published = {d.doc_id: d.published for d in story_docs}
    story_rows: dict[str, dict[str, Any]] = {}
    for doc_id, assignment in assignments.items():
        row = story_rows.setdefault(
            assignment.story_id,
            {"story_id": assignment.story_id, "canonical_doc_id": None, "members": []},
        )
        row["members"].append(doc_id)
        if assignment.copy_of is None:
            row["canonical_doc_id"] = doc_id
    stories = []
    for row in story_rows.values():
        members = row.pop("members")
        dates = sorted(published[m] for m in members if published[m])
        row.update(
            num_articles=len(members),
            num_sources=len({outlets[m] or m for m in members}),
            first_published=dates[0] if dates else None,
        )
        stories.append(row)
    mentions = [
        Mention(
            event_id=event_id,
            doc_id=doc_id,
            type=etype,
            modality=modality,
            source=source,
            target=target,
            date=day.isoformat() if day else None,
            trigger=trigger or "",
            sentence=sentence or "",
            mentions=count or 1,
            story_id=assignments[doc_id].story_id if doc_id in assignments else None,
            outlet=outlets.get(doc_id),
        )
        for event_id, doc_id, etype, modality, source, target, day, trigger, sentence, count in (
            con.execute(
                "SELECT event_id, doc_id, type, modality, coalesce(source_country, source_code), "
                "coalesce(target_country, target_code), date, trigger_text, sentence, mentions "
                "FROM events ORDER BY event_id"
            ).fetchall()
        )
    ]
    groups = group_events(mentions, options.dedup_window_days, options.dedup_min_overlap)
    group_rows = [
        {
            "group_id": g.group_id,
            "canonical_event_id": g.canonical_event_id,
            "type": g.members[0].type,
            "modality": g.members[0].modality,
            "source_code": g.members[0].source,
            "target_code": g.members[0].target,
            "first_date": g.first_date,
            "last_date": g.last_date,
            "num_mentions": g.num_mentions,
            "num_sources": g.num_sources,
            "num_articles": g.num_articles,
        }
        for g in groups
    ]
    member_rows = [
        {"group_id": g.group_id, "event_id": m.event_id, "doc_id": m.doc_id}
        for g in groups
        for m in g.members
    ]
    assignment_rows = [
        {"doc_id": doc_id, "story_id": a.story_id, "copy_of": a.copy_of}
        for doc_id, a in sorted(assignments.items())
    ]
    membership_rows = [
        {"story_id": a.story_id, "doc_id": doc_id, "score": a.score, "via": a.via}
        for doc_id, a in sorted(assignments.items())
    ]

    def work() -> None:
        store.replace_table("stories", stories)
        store.replace_table("story_members", membership_rows)
        store.replace_table("event_groups", group_rows)
        store.replace_table("event_group_members", member_rows)
        table = pa.Table.from_pylist(
            assignment_rows,
            schema=pa.schema([("doc_id", pa.string()), ("story_id", pa.string()),
                              ("copy_of", pa.string())]),
        )  # fmt: skip
        con.register("_dyads_stories", table)
        try:
            con.execute("UPDATE documents SET story_id = NULL, copy_of = NULL")
            con.execute(
                "UPDATE documents SET story_id = a.story_id, copy_of = a.copy_of "
                "FROM _dyads_stories a WHERE documents.doc_id = a.doc_id"
            )
        finally:
            con.unregister("_dyads_stories")

    store.transaction(work)
    return len(stories), len(groups)
