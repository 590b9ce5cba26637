"""dyads eval stories: the vector cache makes a second run embed nothing."""

from __future__ import annotations

from pathlib import Path

import yaml

from dyads.config import load_options
from dyads.eval import stories
from dyads.ingest import extract_plain

PARAPHRASE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "paraphrase.yaml"


def test_second_run_reads_vectors_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DYADS_CACHE_DIR", str(tmp_path))
    records = []
    for rec in yaml.safe_load(PARAPHRASE.read_text(encoding="utf-8")):
        doc = extract_plain(rec["text"], title=rec["title"], doc_id=rec["id"])  # as stored
        records.append((doc.doc_id, doc.text, rec["date"]))
    options = load_options()
    first, _ = stories.cluster(records, options)
    assert first["para-original"] == first["para-copy"]
    assert stories.vector_cache(options).parent == tmp_path

    def no_embedding(*args, **kwargs):
        raise AssertionError("embedded again")

    monkeypatch.setattr(stories, "doc_vectors", no_embedding)
    again, _ = stories.cluster(records, options)
    assert again == first
