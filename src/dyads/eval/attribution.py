"""PolNeAR attribution: who is quoted (source spans) and by which cue (cue spans).

Gold: ``polnear/polnear_attributions.jsonl``, dev split by default (``--split
test`` is for final reporting). Each attribution gives a source span (the
union of its source pieces; 1,953 attributions have none) and a cue span. For
articles annotated twice the first annotation in the file is used.

System side: ``dyads.attribution.find_attributions(text)`` when it exists,
giving ``(source Span, cue Span, content Span)`` triples. Otherwise spans are
derived from coded events: each event's ``attributed_to`` actor is a source
span, and the word that governs it in the sentence parse (the reporting verb:
"said", "told", "according to") is the cue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import Event
from .paths import require
from .report import ErrorCase, Report, Table
from .spans import score_documents, unique
from .system import code_items, function, has

GOLD = Path("polnear") / "polnear_attributions.jsonl"
Pieces = list[tuple[int, int]]


@dataclass(slots=True)
class AttributionDoc:
    id: str
    text: str
    date: str | None
    sources: list[Pieces] = field(default_factory=list)
    cues: list[Pieces] = field(default_factory=list)


def _pieces(parts: Iterable[dict[str, Any]] | None) -> Pieces:
    return [(int(a), int(b)) for part in parts or [] for a, b in part.get("spans", [])]


def parse(rec: dict[str, Any]) -> AttributionDoc:
    doc = AttributionDoc(rec["doc_id"], rec["text"], rec.get("date"))
    for att in rec.get("attributions") or []:
        if src := _pieces(att.get("source")):
            doc.sources.append(src)
        if cue := _pieces(att.get("cue")):
            doc.cues.append(cue)
    return doc


def load(data: Path, split: str = "dev", limit: int | None = None) -> list[AttributionDoc]:
    docs: dict[str, AttributionDoc] = {}
    with require(data / GOLD, "attribution").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("compartment") == split and rec["doc_id"] not in docs:
                docs[rec["doc_id"]] = parse(rec)
    out = list(docs.values())
    return out[:limit] if limit else out


def _locate(text: str, start: int, end: int, surface: str, sentence_start: int) -> Pieces:
    """Document offsets for an actor span, whether it was given doc- or sentence-relative."""
    if text[start:end] == surface:
        return [(start, end)]
    s, e = sentence_start + start, sentence_start + end
    if text[s:e] == surface:
        return [(s, e)]
    return [(start, end)]


def from_events(
    text: str, events: Iterable[Event], nlp: Any | None = None
) -> tuple[list[Pieces], list[Pieces]]:
    """Source and cue spans derived from events' ``attributed_to`` actors."""
    sources: list[Pieces] = []
    cues: list[Pieces] = []
    parsed: dict[int, Any] = {}
    for event in events:
        actor = event.attributed_to
        if actor is None:
            continue
        sent_start = text.find(event.sentence) if event.sentence else 0
        sent_start = max(sent_start, 0)
        piece = _locate(text, actor.start, actor.end, actor.text, sent_start)
        sources.append(piece)
        if nlp is None or not event.sentence:
            continue
        if event.sentence_id not in parsed:
            parsed[event.sentence_id] = nlp(event.sentence)
        doc = parsed[event.sentence_id]
        span = doc.char_span(
            piece[0][0] - sent_start, piece[0][1] - sent_start, alignment_mode="expand"
        )
        if span is not None and span.root.head is not span.root:
            head = span.root.head
            if head.dep_ == "pobj" or head.pos_ == "ADP":
                head = head.head if head.head is not head else head
            cues.append([(sent_start + head.idx, sent_start + head.idx + len(head.text))])
    return sources, cues


def system_spans(
    docs: list[AttributionDoc], options: Options | None
) -> tuple[dict[str, tuple[list[Pieces], list[Pieces]]], str]:
    """System source and cue spans per document, and which method gave them."""
    if has("dyads.attribution:find_attributions"):
        find = function("dyads.attribution:find_attributions", "attribution")
        out = {}
        for d in docs:
            triples = find(d.text)
            out[d.id] = (
                [[(s.start, s.end)] for s, _, _ in triples if s is not None],
                [[(c.start, c.end)] for _, c, _ in triples if c is not None],
            )
        return out, "dyads.attribution.find_attributions"
    events = code_items(((d.id, d.text, d.date) for d in docs), options, "attribution")
    nlp = function("dyads.nlp:load_model", "attribution")(options or Options())
    out = {d.id: from_events(d.text, events.get(d.id, []), nlp) for d in docs}
    return out, "events' attributed_to + governing word (find_attributions not available)"


def run(
    data: Path,
    limit: int | None = None,
    options: Options | None = None,
    split: str | None = None,
    **_: Any,
) -> Report:
    split = split or "dev"
    docs = load(data, split, limit)
    spans, method = system_spans(docs, options)
    src = score_documents((d.sources, spans[d.id][0]) for d in docs)
    cue = score_documents((d.cues, spans[d.id][1]) for d in docs)
    figures = {f"source_{k}": v for k, v in src.items()} | {f"cue_{k}": v for k, v in cue.items()}
    figures["method"] = method
    report = Report("attribution", split, len(docs), figures)
    cols = ["spans", "match", "precision", "recall", "F1"]
    rows = [
        [name, mode, f[f"{mode}_precision"], f[f"{mode}_recall"], f[f"{mode}_f1"]]
        for name, f in (("source", src), ("cue", cue))
        for mode in ("exact", "overlap")
    ]
    report.tables.append(
        Table("attribution: P/R/F1 (micro, unique spans per document)", cols, rows)
    )
    report.notes.append(f"System spans from {method}.")
    if split == "test":
        report.notes.append("WARNING: test split: for final reporting only, do not tune on it.")
    for d in docs:
        gold = set(unique(d.sources))
        for span in unique(spans[d.id][0]):
            if span not in gold:
                report.errors.append(
                    ErrorCase(
                        item=d.id,
                        sentence=" ... ".join(d.text[a:b] for a, b in span),
                        gold="not a gold source span",
                        system=f"source span {list(span)}",
                    )
                )
    return report
