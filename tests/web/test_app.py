"""Startup: a missing or broken store is a coded error before serving; `dyads serve`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dyads.cli import app as cli
from dyads.errors import ConfigError, StoreError
from dyads.web import create_app


def test_missing_store_is_E801(tmp_path):
    with pytest.raises(StoreError) as err:
        create_app(tmp_path / "absent.duckdb")
    assert err.value.code == "E801" and "absent.duckdb" in str(err.value)


def test_corrupt_store_is_E301(tmp_path):
    bad = tmp_path / "corrupt.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        create_app(bad)
    assert err.value.code == "E301" and "corrupt.duckdb" in str(err.value)


def test_ingest_needs_a_token(web_db):
    with pytest.raises(ConfigError) as err:
        create_app(web_db, allow_ingest=True)
    assert err.value.code == "E806"


def test_serve_reports_a_missing_store(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "[E801]" in result.output


def test_serve_binds_localhost_by_default(monkeypatch, web_db):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(cli, ["serve", "--db", web_db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["proxy_headers"] is False  # X-Forwarded-For cannot pick a rate limit bucket
    assert "/api/ingest" not in seen["app"].openapi()["paths"]
