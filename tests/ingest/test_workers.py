"""Coding workers of ``dyads ingest --workers N`` exit when the ingest process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

# The parent makes a pool as ``ingest`` does (both workers start: two tasks at once),
# then keeps one worker busy and leaves the other idle, as between batches, and waits.
PARENT = """
import os, sys, threading, time
from concurrent.futures import ProcessPoolExecutor, wait
from dyads.ingest import run


def watcher_only():  # the fallback alone, as where prctl is missing
    threading.Thread(target=run._watch_parent, args=(os.getppid(),), daemon=True).start()


if sys.argv[1] == "pool":
    pool = run.worker_pool(2)
else:
    pool = ProcessPoolExecutor(2, initializer=watcher_only)
wait([pool.submit(time.sleep, 0.5) for _ in range(2)])
pool.submit(time.sleep, 300)
print("ready", flush=True)
time.sleep(300)
"""


def _children(pid: int) -> list[int]:
    try:
        import psutil
    except ImportError:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
        return found
    return [child.pid for child in psutil.Process(pid).children()]


def _gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (absent, or a zombie waiting to be reaped)."""
    try:
        import psutil
    except ImportError:
        stat = Path(f"/proc/{pid}/stat")
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except (FileNotFoundError, ProcessLookupError):
            return True
    try:
        return psutil.Process(pid).status() in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.NoSuchProcess:
        return True


def _workers_of(mode: str) -> tuple[subprocess.Popen[str], list[int]]:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, mode], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    assert parent.stdout.readline().strip() == "ready"
    workers = _children(parent.pid)
    assert len(workers) >= 2, workers  # the two workers (and Python's resource tracker)
    return parent, workers


@pytest.mark.parametrize("mode", ["pool", "watcher"])
def test_workers_exit_when_the_parent_is_killed(mode: str) -> None:
    parent, workers = _workers_of(mode)
    try:
        assert not any(_gone(pid) for pid in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15  # the watcher checks once a second; slack for load
        while time.monotonic() < deadline and not all(_gone(pid) for pid in workers):
            time.sleep(0.1)
        assert all(_gone(pid) for pid in workers), f"workers still running: {workers}"
    finally:
        for pid in workers:  # never leave them behind, even when the test fails
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
