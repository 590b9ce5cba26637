"""Store write speed: Arrow batches through ``Store.write`` vs one INSERT per row.

Both run in the same process on the same machine, so the ratio is what to read;
absolute rows/s depend on the machine. Synthetic events, ten per document.

    .venv/bin/python bench/bench_store.py --events 100000 --batch 10000 --sample 1000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dyads.model import (
    MODALITIES,
    PLOVER_TYPES,
    Actor,
    CodedDocument,
    Document,
    Event,
    Sentence,
    Span,
    stable_hash,
)
from dyads.store import Store, to_event_row
from dyads.store.tables import columns, quote

COUNTRIES = ("NOR", "KEN", "SOM", "FRA", "BRA", "IND", "NATO", "AU")
SECTORS = ("GOV", "MIL", "REB", None)
PER_DOC = 10


def synthetic(n_events: int, prefix: str = "doc") -> list[CodedDocument]:
    """``n_events`` events spread over documents of ``PER_DOC`` events each."""
    out: list[CodedDocument] = []
    for d in range(0, n_events, PER_DOC):
        doc_id = f"{prefix}-{d // PER_DOC:07d}"
        sentence = f"Officials of country {d} met envoys and signed an accord on trade."
        doc = Document(doc_id=doc_id, text=sentence, published="2024-01-01", language="en")
        events = []
        for i in range(min(PER_DOC, n_events - d)):
            k = d + i
            country, sector = COUNTRIES[k % len(COUNTRIES)], SECTORS[k % len(SECTORS)]
            source = Actor(
                "Officials", 0, 9, country, sector, country, Actor.make_code(country, sector)
            )
            target = Actor("envoys", 35, 41, "KEN", "GOV", "Kenya", "KENGOV")
            events.append(
                Event(
                    event_id=stable_hash(doc_id, i),
                    doc_id=doc_id,
                    sentence_id=0,
                    sentence=sentence,
                    trigger=Span("met", 31, 34),
                    type=PLOVER_TYPES[k % len(PLOVER_TYPES)],
                    mode=None,
                    cameo="040",
                    quad_class=1 + k % 4,
                    intensity=float(k % 21 - 10),
                    goldstein=1.0,
                    modality=MODALITIES[k % len(MODALITIES)],
                    attributed_to=None,
                    source=source,
                    target=target,
                    date=f"2024-01-{1 + k % 28:02d}",
                    date_precision="day",
                    mention_id=stable_hash(doc_id, "m", i),
                    confidence=0.5,
                    rule="bench",
                )
            )
        sentences = [Sentence(0, 0, len(sentence), sentence)]
        out.append(CodedDocument(doc, sentences, [], events, []))
    return out


def batched(path: Path, coded: list[CodedDocument], batch_events: int) -> float:
    """Seconds to write everything with ``Store.write``, ``batch_events`` events a call."""
    per_call = max(1, batch_events // PER_DOC)
    with Store(path) as store:
        start = time.perf_counter()
        for i in range(0, len(coded), per_call):
            store.write(coded[i : i + per_call])
        return time.perf_counter() - start


def row_at_a_time(path: Path, coded: list[CodedDocument]) -> float:
    """Seconds to insert the same events one ``INSERT`` each, in one transaction."""
    cols = columns("events")
    sql = (
        f"INSERT INTO events ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join('?' for _ in cols)})"
    )
    with Store(path) as store:
        con = store.con
        start = time.perf_counter()
        con.begin()
        for doc in coded:
            for event in doc.events:
                row = to_event_row(event)
                con.execute(sql, [row[c] for c in cols])
        con.commit()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events for the batched run")
    parser.add_argument("--batch", type=int, default=10_000, help="events per Store.write call")
    parser.add_argument("--sample", type=int, default=1_000, help="events for the per-row run")
    args = parser.parse_args()

    big, small = synthetic(args.events), synthetic(args.sample, prefix="row")
    with tempfile.TemporaryDirectory() as tmp:
        fast = args.events / batched(Path(tmp) / "batched.duckdb", big, args.batch)
        slow = args.sample / row_at_a_time(Path(tmp) / "rows.duckdb", small)
    print(
        f"| store write | {args.events:,} events in batches of {args.batch:,} | "
        f"{fast:,.0f} rows/s | row-at-a-time ({args.sample:,}) {slow:,.0f} rows/s | "
        f"{fast / slow:,.1f}x |"
    )


if __name__ == "__main__":
    main()
