"""The batch loop and run summary every driver shares."""

from __future__ import annotations

from dyads.batches import RunSummary, batches
from dyads.model import CodedDocument, Document, Rejection


def doc(n: int) -> Document:
    return Document(doc_id=f"d{n}", text=f"Text {n}.")


def test_batches_cut_admitted_documents_and_problems_ride_along():
    items = [doc(1), Rejection("E001", "empty"), doc(2), doc(3), Rejection("E002", "binary")]
    cut = list(batches(items, 2, admit=lambda d: d.doc_id != "d2"))
    assert [[d.doc_id for d in b.documents] for b in cut] == [["d1", "d3"], []]
    assert [[p.code for p in b.problems] for b in cut] == [["E001"], ["E002"]]


def test_reject_gets_problems_in_input_order_and_no_empty_batch():
    seen: list[str] = []
    items = [Rejection("E001", "empty"), doc(1), doc(2), Rejection("E002", "binary")]
    cut = list(batches(items, 2, reject=lambda p: seen.append(p.code)))
    assert [[d.doc_id for d in b.documents] for b in cut] == [["d1", "d2"]]
    assert seen == ["E001", "E002"]


def test_summary_counts_coded_batches_and_dask_counts_alike():
    summary = RunSummary()
    summary.count(
        [CodedDocument(doc(1)), CodedDocument(doc(2), rejections=[Rejection("W601", "fr")])]
    )
    error = {"code": "E001", "reason": "x", "input": "a"}
    summary.add({"documents": 3, "events": 4, "errors": [error], "coding": {"R007": 2}})
    assert (summary.documents, summary.events, summary.non_english) == (5, 4, 1)
    assert summary.failed_inputs == 1 and summary.coding_rejections["R007"] == 2
    summary.finish()
    assert summary.elapsed == summary.elapsed  # fixed once finished
