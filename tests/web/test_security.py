"""Issue #19's web findings: who a client is, who may export, how much at once, what errors show."""

from __future__ import annotations

import gc
import io
import logging
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from dyads.analysis import export
from dyads.analysis.export import export_lines
from dyads.config import load_options
from dyads.errors import ConfigError, Errors, StoreError
from dyads.web import create_app
from dyads.web.api import ExportStream
from dyads.web.guard import bearer_matches, client_address, proxy_networks
from dyads.web.problems import ApiError, public_message

from .conftest import live
from .test_api import error_shape


@pytest.fixture()
def limited_server(web_db) -> Iterator[str]:
    app = create_app(web_db)
    app.state.limits.burst = 5
    app.state.limits.rate = 0.001
    yield from live(app)


# -- rate limit: X-Forwarded-For ----------------------------------------------------


def test_forwarded_for_cannot_pick_a_rate_limit_bucket(limited_server):
    with httpx.Client(base_url=limited_server) as http:
        statuses = [
            http.get("/api/map", headers={"X-Forwarded-For": f"10.0.{i}.1"}).status_code
            for i in range(12)
        ]
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}


def test_forwarded_for_is_read_only_from_a_trusted_proxy():
    proxies = proxy_networks(["10.0.0.0/8"])
    header = [(b"x-forwarded-for", b"6.6.6.6, 203.0.113.7, 10.1.1.1")]
    direct = {"client": ("198.51.100.9", 1), "headers": header}
    assert client_address(direct, proxies) == "198.51.100.9"  # not a proxy: header ignored
    via = {"client": ("10.0.0.2", 1), "headers": header}
    assert client_address(via, proxies) == "203.0.113.7"  # the last hop no proxy vouches for
    assert client_address(via) == "10.0.0.2"  # no proxies configured: the peer


def test_bad_trusted_proxy_setting_is_E401(web_db):
    with pytest.raises(ConfigError) as error:
        create_app(web_db, options=load_options(serve_trusted_proxies=["nginx"]))
    assert error.value.code == "E401" and "nginx" in str(error.value)


# -- the token ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        ("Bearer s3cret", True),
        ("bearer s3cret", True),  # the scheme is case-insensitive (RFC 9110)
        ("s3cret", False),  # the token alone, no scheme
        ("Basic s3cret", False),
        ("Bearer  s3cret", False),
        ("Bearer s3cret ", False),
        ("Bearer s3cre", False),
        ("Bearer", False),
        ("", False),
        (None, False),
    ],
)
def test_bearer_token_must_be_exact(header, ok):
    assert bearer_matches(header, "s3cret") is ok
    assert not bearer_matches(header, None) and not bearer_matches(header, "")


# -- exports ----------------------------------------------------------------------------


def test_export_off_loopback_needs_the_token(web_db):
    public = TestClient(create_app(web_db, host="0.0.0.0", token="s3cret"))
    for headers in ({}, {"Authorization": "s3cret"}, {"Authorization": "Bearer nope"}):
        assert "[E806]" in error_shape(public.get("/api/export", headers=headers), 403)
    ok = public.get("/api/export", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.text.strip()
    assert public.get("/api/overview").status_code == 200  # reading pages stays open
    tokenless = TestClient(create_app(web_db, host="0.0.0.0"))
    assert "--token" in error_shape(tokenless.get("/api/export"), 403)
    local = TestClient(create_app(web_db))
    assert local.get("/api/export").status_code == 200


def test_exports_beyond_the_limit_get_503_with_retry_after(web_db):
    app = create_app(web_db, options=load_options(serve_max_exports=1))
    client = TestClient(app)
    for _ in range(3):  # each finished export gives its slot back
        assert client.get("/api/export", params={"format": "csv"}).status_code == 200
    slots = app.state.export_slots
    assert slots.acquire(blocking=False)  # one export still streaming
    try:
        busy = client.get("/api/export")
        assert "[E808]" in error_shape(busy, 503)
        assert busy.headers["retry-after"] == "10"
        assert client.get("/api/events").status_code == 200  # other reads are not held up
    finally:
        slots.release()
    assert client.get("/api/export").status_code == 200


def test_export_is_streamed_in_pieces(client, web_db):
    response = client.get("/api/export", params={"format": "jsonl"})
    assert response.status_code == 200 and "content-length" not in response.headers
    assert 'filename="dyads-jsonl.jsonl"' in response.headers["content-disposition"]
    pieces = list(export_lines(web_db, "jsonl", batch=2))
    assert len(pieces) > 2 and all(p.count("\n") <= 2 for p in pieces)
    whole = io.StringIO()
    export(web_db, "jsonl", whole)
    assert "".join(pieces) == whole.getvalue() == response.text
    with pytest.raises(Exception) as error:
        export_lines(web_db, "parquet")
    assert getattr(error.value, "code", None) == "E402"


def test_a_slowly_read_export_is_not_cut_by_query_timeout(web_db, monkeypatch):
    """query_timeout bounds each piece's reading from DuckDB, not the client's pace."""
    from dyads.web import api
    from dyads.web.access import StoreAccess

    monkeypatch.setattr(api, "EXPORT_BATCH", 1)
    access = StoreAccess(web_db, load_options(query_timeout=0.2))
    try:
        pieces = []
        for piece in api._export_pieces(access, "jsonl", None):
            pieces.append(piece)
            time.sleep(0.1)  # a slow client: the whole export outlasts query_timeout
        whole = io.StringIO()
        export(web_db, "jsonl", whole)
        assert len(pieces) > 3 and "".join(pieces) == whole.getvalue()
    finally:
        access.shutdown()


def test_an_abandoned_export_gives_its_slot_back():
    released = []

    def pieces():
        yield "a\n"
        yield "b\n"

    started = ExportStream(pieces(), lambda: released.append("started"))
    assert next(started) == "a\n"
    del started  # the client went away mid-stream: Starlette drops the iterator
    never = ExportStream(pieces(), lambda: released.append("never"))
    del never  # dropped before the first piece
    gc.collect()
    assert sorted(released) == ["never", "started"]
    done = ExportStream(pieces(), lambda: released.append("done"))
    assert list(done) == ["a\n", "b\n"]
    done.close()
    assert released.count("done") == 1  # once only


# -- what errors show ---------------------------------------------------------------


LOCKED = (
    'IO Error: Could not set lock on file "{db}": Conflicting lock is held in '
    "/usr/bin/python3.11 (PID 4242) by user dyads."
)


def test_server_errors_show_no_paths_or_pids(web_db, tmp_path, monkeypatch, caplog):
    from dyads.web import ingest

    db = str((tmp_path / "locked.duckdb").resolve())
    detail = LOCKED.format(db=db)

    def locked(*args, **kwargs):
        raise StoreError(Errors.E301, path=db, detail=detail)

    monkeypatch.setattr(ingest, "code_paths", locked)
    client = TestClient(create_app(web_db, allow_ingest=True, token="s3cret"))
    article = {"documents": [{"text": "Japan sent aid to the Philippines."}]}
    with caplog.at_level(logging.ERROR, logger="dyads.web"):
        response = client.post(
            "/api/ingest", json=article, headers={"Authorization": "Bearer s3cret"}
        )
    message = error_shape(response, 500)
    assert message.startswith("[E807]") and "E301" in message
    for secret in (str(tmp_path), "/usr/bin", "4242", "PID"):
        assert secret not in message
    assert "4242" in caplog.text and db in caplog.text  # the operator still sees it all


def test_web_layer_messages_are_scrubbed_of_the_store_folder(tmp_path):
    db = str(tmp_path / "news.duckdb")
    busy = ApiError(Errors.E305, 503, path=db, detail="held by PID 77", waited=0)
    message = public_message(busy, "/api/events", 503, db)
    assert message.startswith("[E305]") and "news.duckdb" in message
    assert str(tmp_path) not in message and "77" not in message


def test_a_store_held_by_an_outside_writer_is_503_not_400():
    from dyads.web.problems import status_of

    busy = StoreError(Errors.E305, path="x.duckdb", detail="PID 1", waited=10)
    assert status_of(busy) == 503
