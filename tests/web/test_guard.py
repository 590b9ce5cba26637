"""Security headers, request size and rate limits, on a small app of their own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dyads.web import create_app
from dyads.web.guard import CSP, Buckets, Limits


@pytest.fixture()
def fresh(web_db):
    return create_app(web_db)


def test_every_response_carries_the_security_headers(client, some_event):
    for url in ["/", "/api/events", f"/events/{some_event['event_id']}", "/static/dyads.css",
                "/api/events/missing", "/missing"]:  # fmt: skip
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CSP, url
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP
    assert "script-src 'self'" in CSP and "default-src 'self'" in CSP


def test_rate_limit_answers_429_with_the_error_shape(fresh):
    fresh.state.limits.burst = 5
    fresh.state.limits.rate = 0.01
    client = TestClient(fresh)
    statuses = [client.get("/api/overview").status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    last = client.get("/api/overview")
    assert last.json() == {"ok": False, "error": last.json()["error"], "status": 429}
    assert last.json()["error"].startswith("[E805]") and last.headers["retry-after"] == "1"


def test_token_bucket_empties_per_client_and_refills():
    limits = Limits(rate=0.0001, burst=1)
    buckets = Buckets()
    assert buckets.take("a", limits)
    assert not buckets.take("a", limits)
    assert buckets.take("b", limits)  # clients have separate buckets
    level, seen = buckets.tokens["a"]
    buckets.tokens["a"] = (level, seen - 20_000)  # 20 000 s later: two tokens, capped at one
    assert buckets.take("a", limits)
    assert not buckets.take("a", limits)


def test_large_bodies_are_refused_before_any_route(fresh):
    fresh.state.limits.max_body = 100
    client = TestClient(fresh)
    response = client.post("/api/events", content=b"x" * 101)
    assert response.status_code == 413
    assert response.json()["error"].startswith("[E804]") and response.json()["status"] == 413

    def chunks():
        yield b"x" * 60
        yield b"x" * 60

    chunked = client.post("/api/events", content=chunks())
    assert chunked.status_code == 413
