"""PETRARCH2's unit-test suite, coded with its own validation dictionaries.

Gold: ``petrarch2_validation/petrarch2_unittest_gold.jsonl`` (fictional actors:
Arnor, Gondor...). The suite's dictionaries are converted at run time
(:mod:`dyads.eval.petrarch_dicts`) and dyads codes every sentence with only
those dictionaries and patterns.

- triple accuracy: gold (source, target, CAMEO) triples found among the
  system's triples of the same sentence / all gold triples (multisets, so a
  triple expected twice must be produced twice). Codes are compared as text,
  the system's ``Actor.code``; a gold ``---`` (no country) prefix is dropped
  and a missing actor is the empty code;
- extra-event rate: system triples not matched to gold / all system triples;
- honourable share: sentences whose every gold CAMEO code is produced by at
  least one converted pattern (an upper bound on what the conversion allows;
  sentences expecting no event count as honourable).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..model import Event
from . import petrarch_dicts
from .cameo2plover import CameoToPlover
from .paths import require
from .report import ErrorCase, Report, Table, ratio
from .system import code_items, function, rules

FOLDER = Path("petrarch2_validation")
GOLD = FOLDER / "petrarch2_unittest_gold.jsonl"
DICTS = FOLDER / "dictionaries"
Triple = tuple[str, str, str]


@dataclass(slots=True)
class PetrarchSentence:
    id: str
    text: str
    date: str | None
    triples: list[Triple] = field(default_factory=list)


def norm_code(code: str | None) -> str:
    """``---GOV`` -> ``GOV``; ``---`` and None -> ''."""
    code = (code or "").strip().upper()
    while code.startswith("---"):
        code = code[3:]
    return code


def _iso(date: str | None) -> str | None:
    if date and len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return None


def load(data: Path, limit: int | None = None) -> list[PetrarchSentence]:
    out = []
    with require(data / GOLD, "petrarch").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            triples = [
                (norm_code(e.get("source")), norm_code(e.get("target")), str(e.get("eventcode")))
                for e in rec.get("events") or []
            ]
            out.append(PetrarchSentence(rec["id"], rec["text"], _iso(rec.get("date")), triples))
    return out[:limit] if limit else out


def triples_of(events: Iterable[Event]) -> list[Triple]:
    return [
        (norm_code(e.source_code), norm_code(e.target_code), str(e.cameo or "")) for e in events
    ]


def score(
    gold: Sequence[Sequence[Triple]],
    system: Sequence[Sequence[Triple]],
    codes: set[str] | None = None,
) -> dict[str, Any]:
    found = n_gold = n_sys = extra = honourable = 0
    for want, got in zip(gold, system, strict=True):
        w, g = Counter(want), Counter(got)
        matched = sum((w & g).values())
        found += matched
        n_gold += sum(w.values())
        n_sys += sum(g.values())
        extra += sum(g.values()) - matched
        if codes is not None:
            honourable += all(t[2] in codes for t in want)
    out = {
        "n": len(gold),
        "n_gold_triples": n_gold,
        "n_system_triples": n_sys,
        "triple_accuracy": ratio(found, n_gold),
        "extra_event_rate": ratio(extra, n_sys),
    }
    if codes is not None:
        out["honourable_share"] = ratio(honourable, len(gold))
    return out


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    sentences = load(data, limit)
    table = CameoToPlover.from_path(require(data / "plover" / "CAMEO2PLOVER-2021.txt", "petrarch"))
    folder = require(data / DICTS, "petrarch")
    base = options or Options()
    nlp = function("dyads.nlp:load_model", "petrarch")(base)
    with tempfile.TemporaryDirectory(prefix="dyads-petrarch-") as tmp:
        conv = petrarch_dicts.convert(
            folder, Path(tmp), table, petrarch_dicts.spacy_lemmatizer(nlp)
        )
        opts = base.with_(
            builtin_actors=False,
            actor_files=(str(conv.actors_file), str(conv.agents_file)),
            builtin_patterns=False,
            pattern_files=(str(conv.patterns_file),),
        )
        events = code_items(((s.id, s.text, s.date) for s in sentences), opts, "petrarch")
    system = [triples_of(events.get(s.id, [])) for s in sentences]
    figures = score([s.triples for s in sentences], system, conv.codes)
    figures["actor_reader"] = conv.actor_reader
    figures["converted"] = {
        "actors": conv.n_actors,
        "agent_sectors": conv.n_agents,
        "patterns": conv.n_patterns,
    }
    figures["not_honoured"] = dict(conv.unhonoured)
    report = Report("petrarch", "all", len(sentences), figures)
    report.tables.append(
        Table(
            "petrarch: parts of the PETRARCH dictionary format not honoured (count)",
            ["construct", "count"],
            [[k, v] for k, v in conv.unhonoured.most_common()],
        )
    )
    report.notes.append(
        f"Actors and agents read by {conv.actor_reader}; code suffixes outside our sector list "
        "are dropped there (PSEREBHMS -> PSEREB), so a few gold codes cannot match."
    )
    report.notes.append(
        "Also not honoured: noun/adjective phrase patterns, stems matching as prefixes "
        "(words without trailing _), date-restricted verb codes, compound-actor distribution, "
        "discards; CAMEO codes are scored as given (many are WEIS-era)."
    )
    for s, got in zip(sentences, system, strict=True):
        if Counter(s.triples) != Counter(got):
            evs = events.get(s.id, [])
            report.errors.append(
                ErrorCase(
                    item=s.id,
                    sentence=s.text,
                    gold="; ".join("/".join(t) for t in s.triples) or "no event",
                    system="; ".join("/".join(t) for t in got) or "no event",
                    rule=rules(evs),
                )
            )
    return report
