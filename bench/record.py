"""Run bench scripts and write what they print into bench/RESULTS.md (``make bench``).

Each script runs in its own process; its output, the command, the commit and the
date replace the section between the markers below (added at the end the first
time), so the hand-written tables above it stay as they are.

    .venv/bin/python bench/record.py bench/bench_store.py bench/bench_actors.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
BEGIN = "<!-- make bench: begin (written by bench/record.py; do not edit by hand) -->"
END = "<!-- make bench: end -->"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def section(runs: list[tuple[str, str, float, int]]) -> str:
    """The Markdown of one bench run: per script, its command, time, exit code, output."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        "## Latest `make bench` run",
        "",
        f"{now}, commit {_commit()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU(s), {platform.machine()}. Figures depend on the machine and "
        "its load: read the ratios each script prints, not the absolute numbers.",
    ]
    for command, output, seconds, code in runs:
        status = "" if code == 0 else f", **exit code {code}**"
        lines += ["", f"`{command}` ({seconds:.1f} s{status})", "", "```text"]
        lines += [output.rstrip() or "(no output)", "```"]
    lines.append(END)
    return "\n".join(lines) + "\n"


def write(text: str, results: Path = RESULTS) -> None:
    """Replace the marked section of ``results`` with ``text`` (append it if absent)."""
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + text + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    results.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scripts", nargs="+", help="bench scripts to run, in order")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    runs = []
    for script in args.scripts:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, script], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        output = done.stdout + (done.stderr if done.returncode else "")
        runs.append((f"python {script}", output, seconds, done.returncode))
    write(section(runs), args.results)
    print(f"wrote the 'Latest make bench run' section of {args.results}")
    return max(code for *_, code in runs)


if __name__ == "__main__":
    raise SystemExit(main())
