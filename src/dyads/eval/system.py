"""The system under test, imported lazily so the harness loads without it.

Runners call these instead of importing library functions at module level:
the coder, actor resolver and extractor are separate stages that may be absent
in a partial checkout, and then a dataset is reported as not scored (E503).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from ..config import Options
from ..errors import DyadsError, Errors
from ..model import Document, Event


class SystemMissing(DyadsError):
    """The library function a dataset needs is not importable."""


def function(dotted: str, dataset: str) -> Callable[..., Any]:
    """``"dyads.ingest:extract_html"`` -> the function, or E503 naming what is missing."""
    module_name, _, attr = dotted.partition(":")
    try:
        module = importlib.import_module(module_name)
        return getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        raise SystemMissing(Errors.E503, name=dataset, detail=f"{dotted} ({exc})") from exc


def has(dotted: str) -> bool:
    try:
        function(dotted, "-")
    except SystemMissing:
        return False
    return True


def code_items(
    items: Iterable[tuple[str, str, str | None]],
    options: Options | None,
    dataset: str,
) -> dict[str, list[Event]]:
    """Code ``(id, text, date)`` items; events by id. One batch through code_documents."""
    items = list(items)
    options = options or Options()
    if has("dyads:code_documents"):
        code_documents = function("dyads:code_documents", dataset)
        docs = [Document(doc_id=i, text=t, published=d) for i, t, d in items]
        out: dict[str, list[Event]] = {i: [] for i, _, _ in items}
        for coded in code_documents(docs, options):
            out.setdefault(coded.document.doc_id, []).extend(coded.events)
        return out
    code_text = function("dyads:code_text", dataset)
    return {i: list(code_text(t, date=d, options=options)) for i, t, d in items}


def code_records(
    records: Iterable[dict[str, Any]], options: Options | None, dataset: str
) -> dict[str, Any]:
    """Code JSONL-like records (id, text, date, title, source) exactly as ``dyads code`` and
    ``dyads ingest`` read a JSONL line: page furniture, bylines and datelines lifted out
    first. CodedDocuments by id; a record with nothing left to code gets none."""
    code_documents = function("dyads:code_documents", dataset)
    from ..ingest.inputs import document_from_record

    documents = []
    for number, record in enumerate(records, start=1):
        try:
            documents.append(document_from_record(record, dataset, dataset, number))
        except DyadsError:
            continue  # nothing codable: no events, as a user would get
    coded = code_documents(documents, options or Options())
    return {c.document.doc_id: c for c in coded}


def describe(event: Event) -> str:
    """An event in one line: ``TYPE(cameo) SRC -> TGT``."""
    src = event.source_code or (event.source.text if event.source else "-")
    tgt = event.target_code or (event.target.text if event.target else "-")
    return f"{event.type}({event.cameo or '-'}) {src} -> {tgt}"


def rules(events: Iterable[Event]) -> str:
    return ", ".join(sorted({e.rule for e in events if e.rule}))
