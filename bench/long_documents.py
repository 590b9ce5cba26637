"""Long documents: time and peak memory per MB, so a reader can check they are linear.

    python bench/long_documents.py [--sizes 1,3,10] [--profile MB] [--whole CHARS]

Each size is coded in a fresh subprocess (``dyads code FILE --format jsonl``), so
its peak RSS (``ru_maxrss`` of the child) is its own and includes loading the model;
seconds per MB are counted after start-up (a run on a 3 KB article).
The document is synthetic news: a few paragraphs of our own writing (four in ten
report events, the rest are background), with names, places, numbers and days
varied. Prints one Markdown row per size, with seconds per MB relative to the
smallest size (1.0: linear) and peak RSS. ``--profile MB`` runs cProfile in-process
on one size instead (with ``piece_chars = 0`` in a config file, keep it under 0.3 MB:
whole, a long document's cost grows with the square of its length).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = (
    "{a} on {day} accused {b} of supplying {c} with a new batch of long-range attack drones, "
    "saying wreckage recovered after overnight strikes near {city} carried components made "
    "in {b}.",
    "{a}'s foreign minister said the drones had been delivered in recent weeks despite "
    "repeated assurances from {b} that it was not arming {c}. He called on the European Union "
    "to widen sanctions against manufacturers in {b} and urged partners to share intelligence.",
    "{b}'s foreign ministry rejected the accusation within hours. A ministry spokesman told a "
    'news conference in {city} that the claim was "baseless and politically motivated" and '
    "said {b} had not sent any weapons to either side.",
    "{c} did not comment on the report. Its government has previously denied using drones "
    "from {b}, describing the weapons as its own.",
    "Analysts say the dispute could complicate talks between {b} and European governments, "
    "which are expected to resume in {city} later this month. A diplomat said {n} capitals "
    "would share their own assessment of the debris with {a}.",
    "{a}'s air force said it had shot down {n} of the {m} drones launched overnight. No "
    "casualties were reported, but a warehouse and several homes near the port were damaged.",
    "The armed forces of {a}, {b} and {c} began joint naval drills on {day}, the largest such "
    "exercise the three have held together. More than {m} troops and {n} warships will take "
    "part.",
    "{c} condemned the drills as a provocation and warned that it would take all necessary "
    "measures to defend its sovereignty. Its coast guard sent patrol ships to monitor the "
    "exercise.",
    "The president of {a} met the prime minister of {b} in {city} on {day} and the two leaders "
    "signed an agreement on energy cooperation. They also discussed trade and security.",
    "Protesters gathered outside the embassy of {c} in {city} on {day}, demanding the release "
    "of {n} detained journalists. Police arrested {m} people.",
)
QUIET = (  # background: no event, as much of a long report is
    "Fuel prices rose for a third week in {city}, where a litre of diesel now costs {n} per cent "
    "more than a year ago. Shops along the main avenue stayed open late on {day}.",
    "The weather service expects rain over the coast until the weekend, with temperatures "
    "around {n} degrees. Ferries to the islands kept to their timetable.",
    "Harvest figures published on {day} showed wheat output at {m} thousand tonnes, close to "
    "the average of the past five years, while maize yields fell slightly.",
    "The old port of {city} was rebuilt in the nineteenth century and now houses a museum, "
    "a fish market and about {n} restaurants that draw visitors all year.",
    "Schools in the region reopen on {day} after the holiday. Teachers said classes would be "
    "larger this year because {n} new families had moved into the district.",
)
EVENTFUL = 0.4  # share of paragraphs with events: about what news articles have
COUNTRIES = (
    "Ukraine", "Russia", "Iran", "China", "Japan", "France", "Germany", "Turkey", "Israel",
    "Egypt", "India", "Pakistan", "Brazil", "Mexico", "Poland", "Syria", "Iraq", "Kenya",
)  # fmt: skip
CITIES = ("Geneva", "Vienna", "Doha", "Ankara", "Cairo", "Warsaw", "Nairobi", "Oslo", "Rome")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def synthetic_text(chars: int, seed: int = 0) -> str:
    """Just under ``chars`` characters (and bytes: it is ASCII) of news-like prose,
    paragraphs split by blank lines."""
    rng = random.Random(seed)
    parts = ["Ministers Trade Accusations Over Drone Supplies", "March 12, 2025"]
    size = sum(len(p) + 2 for p in parts) - 1  # the text ends with one newline
    while True:
        a, b, c = rng.sample(COUNTRIES, 3)
        para = rng.choice(PARAGRAPHS if rng.random() < EVENTFUL else QUIET).format(
            a=a,
            b=b,
            c=c,
            city=rng.choice(CITIES),
            day=rng.choice(DAYS),
            n=rng.randint(2, 60),
            m=rng.randint(61, 5000),
        )
        if size + len(para) + 2 > chars:
            return "\n\n".join(parts) + "\n"
        parts.append(para)
        size += len(para) + 2


def _child(path: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) and event count of ``dyads code`` on one file, in a subprocess."""
    dyads = Path(sys.executable).with_name("dyads")
    out = path.with_suffix(".jsonl")
    with out.open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(dyads), "code", str(path), "--format", "jsonl"],
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"dyads code {path} exited with {child.returncode}")
    events = sum(1 for _ in out.open(encoding="utf-8"))
    return seconds, usage.ru_maxrss / 1024, events


def _profile(mb: float) -> None:
    import cProfile
    import pstats

    from dyads.config import load_options
    from dyads.ingest import extract_plain
    from dyads.pipeline import code_documents

    options = load_options()
    code_documents([extract_plain("Warm up. Russia attacked Ukraine.")], options)
    document = extract_plain(synthetic_text(int(mb * 1_000_000)), doc_id="long")
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    coded = code_documents([document], options)
    profile.disable()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{mb} MB: {time.perf_counter() - start:.1f} s, peak RSS {rss:.0f} MB, "
          f"{len(coded[0].events)} events")  # fmt: skip
    pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


def _whole(chars: int) -> None:
    """Seconds to code one synthetic document of ``chars`` characters whole
    (``piece_chars = 0``), in this process: what pieces protect against."""
    from dyads.config import load_options
    from dyads.ingest import extract_plain
    from dyads.pipeline import code_documents

    options = load_options(piece_chars=0)
    code_documents([extract_plain("Warm up. Russia attacked Ukraine.")], options)
    document = extract_plain(synthetic_text(chars), doc_id="long")
    start = time.perf_counter()
    coded = code_documents([document], options)
    print(f"{len(document.text):,} characters coded whole: "
          f"{time.perf_counter() - start:.1f} s, {len(coded[0].events)} events")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,3,10", help="document sizes in MB")
    parser.add_argument("--profile", type=float, default=None, help="cProfile one size (MB)")
    parser.add_argument("--whole", type=int, default=None, help="time N characters unsplit")
    args = parser.parse_args()
    if args.profile is not None:
        _profile(args.profile)
        return
    if args.whole is not None:
        _whole(args.whole)
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "article.txt"  # start-up: interpreter, model, dictionaries
        small.write_text(synthetic_text(3000), encoding="utf-8")
        startup, startup_rss, _ = _child(small)
        print(f"start-up (a 3 KB article): {startup:.1f} s, peak RSS {startup_rss:.0f} MB")
        print("| document | seconds | s/MB after start-up | vs smallest | peak RSS MB | events |")
        print("|---|---|---|---|---|---|", flush=True)
        for mb in sizes:
            path = Path(tmp) / f"long-{mb}.txt"
            path.write_text(synthetic_text(int(mb * 1_000_000)), encoding="utf-8")
            real_mb = path.stat().st_size / 1_000_000
            seconds, rss, events = _child(path)
            per_mb = (seconds - startup) / real_mb
            base = base or per_mb
            print(f"| {real_mb:.2f} MB | {seconds:.1f} | {per_mb:.1f} | {per_mb / base:.2f} "
                  f"| {rss:.0f} | {events} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
