"""`yes x | dyads code -` and `dyads code - < /dev/zero` end with a coded error (issue #19)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DYADS = [sys.executable, "-c", "from dyads.cli import main; main()"]


@pytest.mark.skipif(shutil.which("yes") is None, reason="needs yes(1)")
def test_endless_pipe_ends_in_e010():
    with subprocess.Popen(["yes", "x"], stdout=subprocess.PIPE) as producer:
        result = subprocess.run(
            [*DYADS, "code", "-", "--max-bytes", "100000", "--format", "none"],
            stdin=producer.stdout, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        producer.kill()
    assert result.returncode == 1, result.stderr
    assert "[E010]" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_binary_e003():
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [*DYADS, "code", "-", "--format", "none"],
            stdin=zero, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "[E003]" in result.stderr and "NUL" in result.stderr
