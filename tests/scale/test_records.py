"""Driver-side records and worker-side documents, local and through fsspec (memory://)."""

from __future__ import annotations

import json

import fsspec
import pytest

from dyads.config import Options
from dyads.errors import ConfigError
from dyads.ingest import iter_inputs
from dyads.model import Document
from dyads.scale import deps
from dyads.scale.documents import documents_from_records
from dyads.scale.records import balanced, iter_records, partitions


def test_folder_records_match_local_documents(corpus, options):
    records = list(iter_records([str(corpus)]))
    kinds = {r["kind"] for r in records}
    assert kinds == {"file", "jsonl"}
    mine = [d for d in documents_from_records(records, options) if isinstance(d, Document)]
    local = [d for d in iter_inputs([str(corpus)], options) if isinstance(d, Document)]
    assert [d.to_dict() for d in mine] == [d.to_dict() for d in local]


def test_errors_are_records(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    records = list(iter_records([str(tmp_path / "missing"), str(tmp_path / "notes.pdf"), "-"]))
    assert [r["code"] for r in records] == ["E001", "E004", "E902"]


def test_fsspec_paths():
    fs = fsspec.filesystem("memory")
    line = {
        "id": "m1",
        "text": "Japan agreed to send aid to the Philippines.",
        "date": "2025-01-10",
    }
    fs.pipe("/scale-test/a.jsonl", (json.dumps(line) + "\n").encode())
    fs.pipe("/scale-test/b.txt", b"Russia denied attacking Ukraine on Tuesday.\n")
    records = list(iter_records(["memory://scale-test"]))
    assert [r["kind"] for r in records] == ["jsonl", "file"]
    documents = list(documents_from_records(records, Options()))
    assert documents[0].doc_id == "m1" and documents[0].path.endswith("/scale-test/a.jsonl:1")
    assert documents[1].text.startswith("Russia denied")


def test_partitions_keep_archives_alone():
    records = [{"kind": "file"}] * 5 + [{"kind": "warc"}] + [{"kind": "file"}] * 2
    sizes = [[r["kind"] for r in p] for p in partitions(records, 2)]
    assert sizes == [["file"] * 2, ["file"] * 2, ["file"], ["warc"], ["file"] * 2]


def test_missing_dask_is_e901(monkeypatch):
    monkeypatch.setattr(deps, "find_spec", lambda name: None)
    with pytest.raises(ConfigError) as info:
        deps.require_dask()
    assert info.value.code == "E901"


def test_balanced_tail_shrinks_and_keeps_order():
    """The last partitions get smaller, so two workers end together; input order is kept."""
    records = [{"kind": "jsonl", "line": n} for n in range(100)]
    records.insert(60, {"kind": "warc", "path": "a.warc"})
    parts = list(balanced(records, 16, 2))
    assert [r for part in parts for r in part] == records
    sizes = [len(part) for part in parts if part[0]["kind"] == "jsonl"]
    assert sizes[:3] == [16, 16, 16] and sizes[-1] == 2 and max(sizes[3:]) < 16
    assert sizes[3:] == sorted(sizes[3:], reverse=True)
    assert [{"kind": "warc", "path": "a.warc"}] in parts
