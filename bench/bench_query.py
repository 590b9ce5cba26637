"""Query latency on a 1M-event synthetic store: `dyad` and `events` under a second each.

Rows are generated with DuckDB SQL straight into a store's tables (not through the
coder): 200 actor codes over 60 countries, 16 PLOVER types, three years of dates,
one document per 10 events. Run: python bench/bench_query.py [--events N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dyads.analysis import dyad_series, find_events
from dyads.model import PLOVER_TYPES
from dyads.store import Store

QUADS = "[1,1,1,1,2,2,2,3,3,3,3,4,4,4,4,4]"  # quad class of each PLOVER type, in order


def build(db: Path, n: int) -> None:
    types = "[" + ", ".join(f"'{t}'" for t in PLOVER_TYPES) + "]"
    with Store(db) as store:
        con = store.con
        con.execute(f"""
            CREATE TEMP TABLE gen AS
            SELECT i, 'd' || (i // 10) AS doc_id,
                   1 + (hash(i) % 16)::INTEGER AS t,
                   (hash(i * 7) % 60)::INTEGER AS sc, (hash(i * 13) % 60)::INTEGER AS tc,
                   (hash(i * 17) % 4)::INTEGER AS ss, (hash(i * 19) % 4)::INTEGER AS ts,
                   DATE '2023-01-01' + (hash(i * 3) % 1095)::INTEGER AS date
            FROM range({n}) r(i)""")
        country = "'C' || lpad({}::VARCHAR, 2, '0')"
        sector = "['', 'GOV', 'MIL', 'BUS'][{} + 1]"
        con.execute("""
            INSERT INTO documents (doc_id, published, source, url, text)
            SELECT DISTINCT doc_id, min(date), 'Bench Wire', 'https://bench.example/' || doc_id,
                   'synthetic'
            FROM gen GROUP BY doc_id""")
        con.execute(f"""
            INSERT INTO events (event_id, doc_id, sentence_id, sentence, trigger_text,
                trigger_start, trigger_end, type, quad_class, intensity, modality,
                source_start, source_country, source_sector, source_code, source_name,
                target_start, target_country, target_sector, target_code, target_name,
                date, mention_id, confidence, rule, mentions)
            SELECT 'e' || i, doc_id, (i % 10)::INTEGER, 'Sentence number ' || i || '.', 'did',
                0, 3, {types}[t], {QUADS}[t], 0.0,
                CASE WHEN i % 7 = 0 THEN 'alleged' ELSE 'asserted' END,
                0, {country.format("sc")}, nullif({sector.format("ss")}, ''),
                {country.format("sc")} || {sector.format("ss")}, 'Actor ' || sc,
                5, {country.format("tc")}, nullif({sector.format("ts")}, ''),
                {country.format("tc")} || {sector.format("ts")}, 'Actor ' || tc,
                date, 'm' || i, 0.8, 'bench', 1
            FROM gen""")


def timed(label: str, fn, repeat: int = 5) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(fn())
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<55} median {median * 1000:7.1f} ms  ({rows} rows)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        build(db, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - start:.1f} s")
        results = [
            timed("dyad C01 C02 --freq week", lambda: dyad_series(db, "C01", "C02")),
            timed(
                "dyad C01GOV C02 --freq month", lambda: dyad_series(db, "C01GOV", "C02", "month")
            ),
            timed(
                "events --actor C07 --limit 1000", lambda: find_events(db, actor="C07", limit=1000)
            ),
            timed(
                "events --source C03 --target C04 --type ACCUSE --since",
                lambda: find_events(
                    db, source="C03", target="C04", type="ACCUSE", since="2024-01-01"
                ),
            ),
            timed("events --text 'number 4242'", lambda: find_events(db, text="number 4242")),
        ]
        verdict = "PASS" if max(results) < 1.0 else "FAIL"
        print(f"{verdict}: slowest {max(results) * 1000:.0f} ms (target < 1000 ms)")


if __name__ == "__main__":
    main()
