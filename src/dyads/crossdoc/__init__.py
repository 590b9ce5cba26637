"""Cross-document work: stories (copies of one article) and event groups (one real-world
event, every report of it), computed over the whole store by one idempotent stage.

``finalize`` is that stage; ``dyads code --db``, ``dyads ingest`` and
``dyads load-parquet`` all end with it. ``stories`` clusters documents (lexical MinHash
for near copies, ``semantic`` for rewrites, ``embed`` for the sentence vectors);
``groups`` groups event records across documents, using the stories.
"""

from __future__ import annotations

from .finalize import finalize

__all__ = ["finalize"]
