"""`make bench` writes its run into bench/RESULTS.md, replacing the previous run only."""

import importlib.util

from ..conftest import REPO

spec = importlib.util.spec_from_file_location("bench_record", REPO / "bench" / "record.py")
record = importlib.util.module_from_spec(spec)
spec.loader.exec_module(record)


def test_make_bench_runs_the_recorder():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert "bench/record.py" in target


def test_section_is_replaced_and_the_rest_kept(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nHand-written table.\n", encoding="utf-8")
    record.write(record.section([("python a.py", "first\n", 1.0, 0)]), results)
    record.write(record.section([("python a.py", "second\n", 2.0, 1)]), results)
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nHand-written table.\n")
    assert text.count(record.BEGIN) == 1 and "second" in text and "first" not in text
    assert "**exit code 1**" in text


def test_results_has_a_recorded_run():
    text = (REPO / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    assert record.BEGIN in text and "## Latest `make bench` run" in text
