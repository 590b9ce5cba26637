"""The README's commands run: every line starting with ``dyads`` (or piping into it) in a
fenced block right after a ``<!-- docs-test: run -->`` line is run with bash, in a folder
holding a copy of ``examples/`` and ``news.duckdb`` (the examples coded, plus hand-made
events for the actors the README names), and must exit 0 without a traceback.

Commands that need the network or a server (``http://``, ``https://``, ``dyads serve``)
are skipped; keep such commands out of marked blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dyads.config import load_options
from dyads.runner import code_paths
from dyads.store import Store

from ..analysis.conftest import AGGREGATE_EVENTS, hand_documents
from ..conftest import EXAMPLES, REPO

MARK = "<!-- docs-test: run -->"
NEEDS_MORE = ("http://", "https://", "dyads serve")
BIN = Path(sys.executable).parent


def readme_commands(text: str) -> list[str]:
    """The runnable lines of the marked blocks, in README order."""
    commands = []
    for block in re.findall(re.escape(MARK) + r"\n```[a-z]*\n(.*?)\n```", text, re.DOTALL):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("dyads ") or "| dyads " in line:
                commands.append(line)
    return commands


COMMANDS = readme_commands((REPO / "README.md").read_text(encoding="utf-8"))


def test_the_readme_marks_its_commands():
    assert len(COMMANDS) >= 15
    assert any(c.startswith("dyads code") for c in COMMANDS)
    assert any(c.startswith("dyads export") for c in COMMANDS)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Where the commands run: examples/ and news.duckdb, as the README assumes."""
    here = tmp_path_factory.mktemp("readme")
    shutil.copytree(EXAMPLES, here / "examples")
    with Store(here / "news.duckdb") as store:
        store.write(hand_documents() + hand_documents(AGGREGATE_EVENTS, "agg"))
    code_paths([str(here / "examples")], load_options(), db=str(here / "news.duckdb"))
    return here


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(folder, command):
    if any(marker in command for marker in NEEDS_MORE):
        pytest.skip("needs the network or a server")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, f"{command}\n{done.stderr[-2000:]}"
