"""news_gold: real articles in which every event of every sentence is coded.

Gold: ``news_gold/articles.jsonl`` (39 articles: Guardian 2017-2019, Wikinews
2004-2005) and ``news_gold/gold.jsonl`` (one record per sentence, type, source
and target, with every acceptable value). Scoring follows the dataset's README
exactly (see :mod:`dyads.eval.eventgold`); in short:

- a system record belongs to the gold sentence whose word set overlaps the
  record's sentence most (|A∩B| / min(|A|, |B|) of lowercased ``\\w+`` words), if
  at least 0.6; otherwise it sits in a sentence with no gold record (spurious);
- a record merged from several mentions counts once in each sentence that
  mentions it (the gold codes each sentence on its own);
- figures for all articles, per source, and for the two halves the README
  defines (ids sorted as strings, even positions A, odd B).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import CodedDocument, Document, Event
from .eventgold import (
    ERROR_KINDS,
    STRATEGY_COLUMNS,
    GoldEvent,
    Judged,
    Recalled,
    confidence_bands,
    figures,
    judge_unit,
    overlap,
    recall_unit,
    strategy_precision,
    via_of,
    words,
)
from .paths import require
from .report import ErrorCase, Report, Table, ratio
from .system import code_records

FOLDER = Path("news_gold")
MIN_OVERLAP = 0.6


@dataclass(slots=True)
class GoldSentence:
    index: int
    start: int
    end: int
    text: str
    words: set[str]
    gold: list[GoldEvent] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    id: str
    date: str | None
    source: str
    text: str
    title: str | None
    sentences: list[GoldSentence] = field(default_factory=list)


def load(data: Path, limit: int | None = None) -> list[Article]:
    folder = require(data / FOLDER, "news")
    articles: dict[str, Article] = {}
    with require(folder / "articles.jsonl", "news").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                articles[str(rec["id"])] = Article(
                    str(rec["id"]), rec.get("date"), rec.get("source") or "-", rec["text"],
                    rec.get("title"),
                )  # fmt: skip
    with require(folder / "gold.jsonl", "news").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            article = articles.get(str(rec["doc_id"]))
            if article is None:
                continue
            sentence = next((s for s in article.sentences if s.index == rec["sent"]), None)
            if sentence is None:
                start, end = rec["sent_start"], rec["sent_end"]
                text = article.text[start:end]
                sentence = GoldSentence(rec["sent"], start, end, text, words(text))
                article.sentences.append(sentence)
            sentence.gold.append(GoldEvent.from_json(f"{article.id}#{rec['sent']}", rec))
    ordered = sorted(articles.values(), key=lambda a: a.id)
    return ordered[:limit] if limit else ordered


def half_of(articles: Sequence[Article]) -> dict[str, str]:
    """The README's halves: ids sorted as strings, even positions A, odd positions B."""
    return {a.id: "AB"[i % 2] for i, a in enumerate(sorted(articles, key=lambda a: a.id))}


def code_articles(articles: Sequence[Article], options: Options | None) -> list[CodedDocument]:
    """Code the articles as a user's JSONL dump of them would be coded."""
    records = [
        {"id": a.id, "text": a.text, "date": a.date, "title": a.title, "source": a.source}
        for a in articles
    ]
    coded = code_records(records, options, "news")
    return [coded.get(a.id) or CodedDocument(Document(doc_id=a.id, text=a.text)) for a in articles]


def mentions_of(coded: CodedDocument) -> list[tuple[str, Event]]:
    """(sentence text, event) for every mention: a merged record is counted in each
    sentence that reports it."""
    by_id = {s.sentence_id: s.text for s in coded.sentences}
    out = []
    for event in coded.events:
        evidence = event.evidence or []
        sentence_ids = sorted({ev.sentence_id for ev in evidence}) or [event.sentence_id]
        for sid in sentence_ids:
            text = by_id.get(sid, event.sentence)
            out.append(
                (
                    text,
                    event
                    if sid == event.sentence_id
                    else replace(event, sentence=text, sentence_id=sid),
                )
            )
    return out


def assign(article: Article, sentence: str) -> GoldSentence | None:
    """The gold sentence a system sentence belongs to, if any overlaps enough."""
    mine = words(sentence)
    best, best_score = None, MIN_OVERLAP
    for gold in article.sentences:
        score = overlap(mine, gold.words)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = gold, score
    return best


@dataclass(slots=True)
class Scored:
    article: Article
    judged: list[Judged]
    recalled: list[Recalled]
    sentences: dict[str, str]  # unit -> sentence text


def score_article(article: Article, coded: CodedDocument) -> Scored:
    by_unit: dict[str, list[Event]] = {}
    texts: dict[str, str] = {}
    for text, event in mentions_of(coded):
        gold = assign(article, text)
        unit = f"{article.id}#{gold.index}" if gold else f"{article.id}#sys{event.sentence_id}"
        by_unit.setdefault(unit, []).append(event)
        texts.setdefault(unit, gold.text if gold else text)
    gold_by_unit = {f"{article.id}#{s.index}": s for s in article.sentences}
    judged: list[Judged] = []
    recalled: list[Recalled] = []
    for unit, events in by_unit.items():
        gold = gold_by_unit.get(unit)
        judged += judge_unit(unit, events, gold.gold if gold else [])
    for unit, sentence in gold_by_unit.items():
        recalled += recall_unit(by_unit.get(unit, []), sentence.gold)
        texts.setdefault(unit, sentence.text)
    return Scored(article, judged, recalled, texts)


def _pooled(scored: Iterable[Scored]) -> dict[str, Any]:
    scored = list(scored)
    return figures([j for s in scored for j in s.judged], [r for s in scored for r in s.recalled])


def _describe(event: Event) -> str:
    source, target = via_of(event)
    src = event.source_code or (event.source.text if event.source else "-")
    tgt = event.target_code or (event.target.text if event.target else "-")
    return (
        f"{event.type} {src} -> {tgt} [{event.modality}] '{event.trigger.text}' "
        f"(source via {source}, target via {target}, conf {event.confidence:.2f})"
    )


def errors(scored: Sequence[Scored]) -> list[ErrorCase]:
    """Wrong records, then missed required records, in text order."""
    out: list[ErrorCase] = []
    for s in scored:
        for j in s.judged:
            if j.correct:
                continue
            out.append(
                ErrorCase(
                    item=f"{j.unit} {j.verdict}",
                    sentence=s.sentences.get(j.unit, j.events[0].sentence),
                    gold="; ".join(g.describe() for g in j.gold) or "no event",
                    system=" | ".join(_describe(e) for e in j.events),
                    rule=", ".join(sorted({e.rule for e in j.events})),
                )
            )
        for r in s.recalled:
            if not r.found:
                out.append(
                    ErrorCase(
                        item=f"{r.gold.unit} missed",
                        sentence=s.sentences.get(r.gold.unit, ""),
                        gold=r.gold.describe(),
                        system="; ".join(
                            _describe(j.events[0]) for j in s.judged if j.unit == r.gold.unit
                        )
                        or "no event",
                        rule="",
                    )
                )
    return out


ROW_FIGURES = ("precision", "recall", "f1", "modality_accuracy", "system_records",
               "required_gold", *ERROR_KINDS)  # fmt: skip


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    articles = load(data, limit)
    coded = {c.document.doc_id: c for c in code_articles(articles, options)}
    scored = [score_article(a, coded[a.id]) for a in articles]
    halves = half_of(articles)
    report = Report("news", "all", len(articles), _pooled(scored))
    named = [
        m for c in coded.values() for m in c.mentions if m.entity_label in ("PERSON", "ORG")
    ]  # fmt: skip
    report.figures["person_org_mentions"] = len(named)
    report.figures["person_org_without_country"] = ratio(
        sum(m.actor.country is None for m in named), len(named)
    )
    groups: list[tuple[str, list[Scored]]] = [("all", scored)]
    for source in sorted({a.source for a in articles}):
        groups.append((source, [s for s in scored if s.article.source == source]))
    for half in "AB":
        groups.append((f"half {half}", [s for s in scored if halves[s.article.id] == half]))
    rows = []
    for name, members in groups:
        f = _pooled(members)
        rows.append([name, len(members), *(f[k] for k in ROW_FIGURES)])
    report.tables.append(Table("news: by source and half", ["articles", "n", *ROW_FIGURES], rows))
    judged = [j for s in scored for j in s.judged]
    report.tables.append(
        Table(
            "news: precision of each role strategy",
            STRATEGY_COLUMNS,
            strategy_precision(judged),
        )
    )
    report.tables.append(
        Table(
            "news: precision per confidence band (the model is fitted on half A)",
            ["confidence", "records", "precision", "half A records", "half A precision",
             "half B records", "half B precision"],
            confidence_bands(
                judged, *([j for s in scored if halves[s.article.id] == h for j in s.judged]
                          for h in "AB"),
            ),
        )
    )  # fmt: skip
    report.notes.append(
        "Scored as news_gold/README.md says: records (type, source country, target country) "
        "per gold sentence (word overlap >= 0.6), each counted once; precision needs the "
        "modality too. Halves: ids sorted as strings, A even positions, B odd."
    )
    report.errors = errors(scored)
    return report
