"""The Dask engine on a local 2-worker cluster gives the store a local run gives."""

from __future__ import annotations

import pytest

from dyads.ingest.run import ingest
from dyads.runner import code_paths
from dyads.scale.engine import run_dask
from dyads.scale.parquet import load_parquet

from .conftest import snapshot

pytestmark = pytest.mark.slow


def test_code_on_dask_equals_local(client, corpus, options, tmp_path):
    local = code_paths([str(corpus)], options, db=str(tmp_path / "local.duckdb"))
    summary = run_dask(
        [str(corpus)], options, str(tmp_path / "out"), client=client, partition_size=4
    )
    assert summary.partitions > 2  # the work was really split
    assert [e.code for e in summary.errors] == [r.code for r in local.errors]
    assert summary.errors  # the broken JSONL line
    loaded = load_parquet(tmp_path / "out", tmp_path / "dask.duckdb")
    dask_rows = snapshot(tmp_path / "dask.duckdb")
    local_rows = snapshot(tmp_path / "local.duckdb")
    assert loaded.documents == len(local_rows["documents"])
    assert loaded.events == len(local_rows["events"])
    assert dask_rows["events"] and dask_rows["actor_mentions"]
    for table in ("documents", "sentences", "actor_mentions", "events", "event_mentions"):
        assert dask_rows[table] == local_rows[table], table
    assert dask_rows["rejections"] == local_rows["rejections"]


def test_ingest_on_dask_equals_local(client, corpus, options, tmp_path):
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    local = ingest([str(corpus)], options, str(local_db))
    summary = run_dask(
        [str(corpus)], options, str(tmp_path / "out"), client=client, mode="ingest",
        partition_size=5,
    )  # fmt: skip
    loaded = load_parquet(tmp_path / "out", dask_db, options=options)
    assert loaded.ingest and loaded.stories == local.stories and loaded.groups == local.groups
    assert summary.events == local.events
    assert sorted(e.code for e in summary.errors) == sorted(
        e.code for e in local.errors if e.code != "E610"
    )  # a duplicate id across partitions is found when loading
    assert snapshot(dask_db) == snapshot(local_db)


def test_parquet_input(client, corpus, options, tmp_path):
    """A Parquet file of JSONL-shaped rows codes like the JSONL it came from."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = (corpus / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    pq.write_table(pa.Table.from_pylist([json.loads(x) for x in lines]), tmp_path / "w.parquet")
    run_dask([str(tmp_path / "w.parquet")], options, str(tmp_path / "pq"), client=client)
    run_dask([str(corpus / "wire.jsonl")], options, str(tmp_path / "js"), client=client)
    load_parquet(tmp_path / "pq", tmp_path / "pq.duckdb")
    load_parquet(tmp_path / "js", tmp_path / "js.duckdb")
    from_parquet, from_jsonl = snapshot(tmp_path / "pq.duckdb"), snapshot(tmp_path / "js.duckdb")
    assert from_parquet["events"] == from_jsonl["events"] and from_jsonl["events"]


def test_cli_code_and_load_parquet(client, corpus, tmp_path):
    """`dyads code --engine dask --address tcp://...` then `dyads load-parquet`."""
    from typer.testing import CliRunner

    from dyads.cli import app

    runner = CliRunner()
    out, db = tmp_path / "out", tmp_path / "cli.duckdb"
    args = ["code", str(corpus / "wire.jsonl"), "--engine", "dask", "--output", str(out)]
    result = runner.invoke(app, [*args, "--address", client.scheduler.address])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["load-parquet", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Loaded 2 document(s)" in result.output
    missing = runner.invoke(app, ["code", str(corpus), "--engine", "dask"])
    assert missing.exit_code == 2 and "E905" in missing.output


def test_second_ingest_on_dask_skips_stored_documents(client, corpus, options, tmp_path):
    """A rerun against the store codes only what changed, as a local `dyads ingest` rerun."""
    import json

    import pyarrow.parquet as pq

    lines = [
        line
        for line in (corpus / "stories.jsonl").read_text(encoding="utf-8").splitlines()
        if line.startswith('{"id"') and "Other text" not in line
    ]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = json.loads(lines[2])
    changed["text"] += " Talks resumed on Friday."
    lines[2] = json.dumps(changed)
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dask_db, local_db, out = tmp_path / "dask.duckdb", tmp_path / "local.duckdb", tmp_path / "out"
    for path in (first, second):
        ingest([str(path)], options, str(local_db))
    run_dask([str(first)], options, str(out), client=client, mode="ingest", db=str(dask_db))
    load_parquet(out, dask_db, options=options)
    again = run_dask(
        [str(second)], options, str(out), client=client, mode="ingest", partition_size=4,
        db=str(dask_db),
    )  # fmt: skip
    assert again.partitions > 2
    assert again.documents == 1 and again.skipped == len(lines) - 1
    coded = pq.read_table(out / "documents").column("doc_id").to_pylist()
    assert coded == [changed["id"]]  # nothing the store held unchanged was coded again
    loaded = load_parquet(out, dask_db, options=options)
    assert loaded.documents == 1 and loaded.skipped == len(lines) - 1
    assert snapshot(dask_db) == snapshot(local_db)
