"""A last-consistent copy of a store, for a reader that must never hold the file.

DuckDB lets one process write a file and no other process open it meanwhile, and a
writer cannot open a file that a reader holds. ``dyads serve`` therefore reads
from its own copy: ``copy_store`` copies the file (and its WAL) while holding a
read lock, so no writer can be between two of the copied bytes, and ``stamp``
tells a reader cheaply when the store has changed and the copy is stale.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .duckdb_store import Store

Stamp = tuple[int, ...]


def stamp(path: str | os.PathLike[str]) -> Stamp:
    """Size and modification time of the store and its WAL: changes when a write commits."""
    out: list[int] = []
    for file in (os.fspath(path), os.fspath(path) + ".wal"):
        try:
            info = os.stat(file)
        except FileNotFoundError:
            out += [-1, -1]
        else:
            out += [info.st_size, info.st_mtime_ns]
    return tuple(out)


def copy_store(path: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Stamp:
    """Copy a store to ``dest`` as one consistent state; return the stamp it was copied at.

    Raises what ``Store`` raises: E305 while another process writes (nothing is
    copied then), E301/E306/E307 for a file that is not a readable dyads store.
    """
    source, target = os.fspath(path), Path(dest)
    with Store(source, read_only=True):  # the read lock: no writer until we are done
        copied = stamp(source)
        shutil.copyfile(source, target)
        wal = Path(source + ".wal")
        if wal.exists():  # left by a writer that died: the copy replays it too
            shutil.copyfile(wal, str(target) + ".wal")
    return copied


def remove_copy(dest: str | os.PathLike[str]) -> None:
    """Delete a copy and its WAL, if there."""
    for file in (Path(dest), Path(os.fspath(dest) + ".wal")):
        file.unlink(missing_ok=True)
