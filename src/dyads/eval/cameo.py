"""CAMEO codebook examples: does each example sentence get its PLOVER type?

Gold: ``cameo_codebook/cameo_examples.jsonl`` (one example sentence per CAMEO
code), mapped to PLOVER with ``plover/CAMEO2PLOVER-2021.txt``. Codes PLOVER
drops (01 statements, 02 appeals) expect no event.

Every example with an expected type falls in exactly one bucket, so
``type_recall + wrong_type_rate + miss_rate == 1``:

- hit: at least one system event has the expected type;
- wrong type: at least one event, none of the expected type;
- miss: no event at all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Options
from .cameo2plover import CameoToPlover
from .paths import require
from .report import ErrorCase, Report, Table, ratio
from .system import code_items, describe, rules

EXAMPLES = Path("cameo_codebook") / "cameo_examples.jsonl"
TABLE = Path("plover") / "CAMEO2PLOVER-2021.txt"


@dataclass(frozen=True, slots=True)
class CameoExample:
    code: str
    text: str
    expected: str | None  # PLOVER type, None when PLOVER drops the code


def load(data: Path, limit: int | None = None) -> list[CameoExample]:
    table = CameoToPlover.from_path(require(data / TABLE, "cameo"))
    out = []
    with require(data / EXAMPLES, "cameo").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append(CameoExample(rec["code"], rec["example"], table.type_of(rec["code"])))
    return out[:limit] if limit else out


def score(expected: Sequence[str | None], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Figures from expected types (None: no event expected) and system types per example."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    wrong = miss = no_event = no_event_fp = 0
    for want, got in zip(expected, predicted, strict=True):
        got = set(got)
        if want is None:
            no_event += 1
            no_event_fp += bool(got)
            continue
        totals[want] += 1
        if want in got:
            hits[want] += 1
        elif got:
            wrong += 1
        else:
            miss += 1
    typed = sum(totals.values())
    return {
        "n": len(expected),
        "n_typed": typed,
        "type_recall": ratio(sum(hits.values()), typed),
        "wrong_type_rate": ratio(wrong, typed),
        "miss_rate": ratio(miss, typed),
        "n_no_event": no_event,
        "no_event_fp_rate": ratio(no_event_fp, no_event),
        "per_type": {
            t: {"n": totals[t], "recall": ratio(hits[t], totals[t])} for t in sorted(totals)
        },
    }


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    examples = load(data, limit)
    events = code_items(((e.code, e.text, None) for e in examples), options, "cameo")
    predicted = [[ev.type for ev in events.get(e.code, [])] for e in examples]
    figures = score([e.expected for e in examples], predicted)
    report = Report("cameo", "all", len(examples), figures)
    report.tables.append(
        Table(
            "cameo: recall per PLOVER type",
            ["type", "n", "recall"],
            [[t, v["n"], v["recall"]] for t, v in figures["per_type"].items()],
        )
    )
    report.notes.append(
        "type_recall + wrong_type_rate + miss_rate = 1 over examples with an expected type; "
        "no_event_fp_rate is over examples of codes PLOVER drops (01, 02)."
    )
    for e in examples:
        evs = events.get(e.code, [])
        types = {ev.type for ev in evs}
        if (e.expected is None and evs) or (e.expected is not None and e.expected not in types):
            report.errors.append(
                ErrorCase(
                    item=e.code,
                    sentence=e.text,
                    gold=e.expected or "no event (dropped by PLOVER)",
                    system="; ".join(describe(ev) for ev in evs) or "no event",
                    rule=rules(evs),
                )
            )
    return report
