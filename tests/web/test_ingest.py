"""POST /api/ingest: absent unless --allow-ingest, then only with the token."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from dyads.analysis import find_events
from dyads.web import create_app

ARTICLE = {
    "id": "posted-1",
    "date": "2025-05-02",
    "title": "Posted",
    "text": "Japan agreed to send aid to the Philippines after the storm.",
}


@pytest.fixture()
def writable(web_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    app = create_app(db, allow_ingest=True, token="s3cret")
    return TestClient(app), str(db)


def test_ingest_route_is_documented_only_when_enabled(writable):
    client, _ = writable
    assert "/api/ingest" in client.app.openapi()["paths"]


def test_ingest_requires_the_token(writable):
    client, _ = writable
    tries = ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cre"},
             {"Authorization": "s3cret"}, {"Authorization": "Basic s3cret"})  # fmt: skip
    for headers in tries:
        response = client.post("/api/ingest", json={"documents": [ARTICLE]}, headers=headers)
        assert response.status_code == 403
        assert response.json()["error"].startswith("[E806]")


def test_ingest_validates_the_body(writable):
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    for payload in ({}, {"documents": []}, {"documents": [{"title": "no text"}]}):
        response = client.post("/api/ingest", json=payload, headers=auth)
        assert response.status_code == 400 and response.json()["error"].startswith("[E802]")
    broken = client.post("/api/ingest", content=b"{not json", headers=auth)
    assert broken.status_code == 400


def test_ingest_refuses_an_unknown_query_parameter(writable):
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    response = client.post(
        "/api/ingest", params={"dryrun": "1"}, json={"documents": [ARTICLE]}, headers=auth
    )
    assert response.status_code == 400 and response.json()["error"].startswith("[E809]")


def test_ingest_codes_into_the_store_and_reads_see_it(writable):
    client, db = writable
    response = client.post(
        "/api/ingest", json={"documents": [ARTICLE]}, headers={"Authorization": "Bearer s3cret"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["documents"] == 1 and response.json()["events"] >= 1
    events = client.get("/api/events", params={"text": "storm"}).json()["events"]
    assert events and events[0]["doc_id"] == "posted-1"
    assert len(find_events(db, text="storm")) == len(events)
