"""Corrections over HTTP: the event page's form (same origin, the page's token, the
server's token off loopback) and POST/GET /api/corrections, in the one error shape."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest
from fastapi.testclient import TestClient

from dyads.analysis import find_events

from .conftest import XSS_ID


@pytest.fixture()
def store(tmp_path, web_db) -> str:
    """A copy of the shared store with no corrections (the browser tests add some)."""
    path = tmp_path / "corrections.duckdb"
    shutil.copy(web_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM corrections")
    return str(path)


def _client(store: str, **kwargs) -> TestClient:
    from dyads.web import create_app

    app = create_app(store, **kwargs)
    app.state.limits.burst = 100_000
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def client(store) -> TestClient:
    return _client(store)


def _event(store: str) -> dict:
    rows = find_events(store).to_dict("records")
    return next(r for r in rows if r["source_code"] and r["target_code"] and r["doc_id"] != XSS_ID)


def _csrf(client: TestClient, event_id: str) -> str:
    page = client.get(f"/events/{event_id}").text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def test_api_records_and_lists_corrections(client, store):
    event = _event(store)
    body = {"event_id": event["event_id"], "verdict": "wrong", "type": "ASSAULT",
            "modality": "alleged", "note": "an attack, not talks"}  # fmt: skip
    response = client.post("/api/corrections", json=body)
    assert response.status_code == 200, response.text
    stored = response.json()["correction"]
    assert stored["type"] == "ASSAULT" and stored["doc_id"] == event["doc_id"]
    listed = client.get("/api/corrections", params={"event_id": event["event_id"]}).json()
    assert listed["ok"] and listed["count"] == 1
    assert listed["corrections"][0]["correction_id"] == stored["correction_id"]
    assert client.get("/api/corrections").json()["count"] == 1
    fixed = client.get("/api/events", params={"apply_corrections": "true", "type": "ASSAULT"})
    if fixed.status_code == 200:  # /api/events takes apply_corrections
        assert event["event_id"] in {e["event_id"] for e in fixed.json()["events"]}
    page = client.get(f"/events/{event['event_id']}").text
    assert 'id="corrections-table"' in page and "an attack, not talks" in page


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"event_id": "nope", "verdict": "right"}, 404, "E803"),
        ({"event_id": "{event}", "verdict": "maybe"}, 400, "E706"),
        ({"event_id": "{event}", "verdict": "wrong"}, 400, "E810"),
        ({"event_id": "{event}", "verdict": "wrong", "type": "PARTY"}, 400, "E706"),
        ({"verdict": "right"}, 400, "E802"),
    ],
)
def test_api_errors_have_the_one_shape(client, store, body, status, code):
    event = _event(store)
    body = {k: (event["event_id"] if v == "{event}" else v) for k, v in body.items()}
    response = client.post("/api/corrections", json=body)
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": status}
    assert response.json()["error"].startswith(f"[{code}]")
    assert store not in response.json()["error"]  # no paths
    assert client.get("/api/corrections").json()["count"] == 0


def test_api_refuses_forms_and_other_sites(client, store):
    event = _event(store)
    text = client.post(
        "/api/corrections", content=f'{{"event_id": "{event["event_id"]}", "verdict": "right"}}',
        headers={"content-type": "text/plain"},
    )  # fmt: skip
    assert text.status_code == 400 and text.json()["error"].startswith("[E802]")
    other = client.post(
        "/api/corrections", json={"event_id": event["event_id"], "verdict": "right"},
        headers={"origin": "http://evil.example"},
    )  # fmt: skip
    assert other.status_code == 403 and other.json()["error"].startswith("[E806]")
    assert client.get("/api/corrections", params={"evnt": "x"}).status_code == 400
    assert client.get("/api/corrections").json()["count"] == 0


def test_off_loopback_writing_needs_the_token(store):
    event = _event(store)
    body = {"event_id": event["event_id"], "verdict": "right"}
    closed = _client(store, host="0.0.0.0")
    assert closed.post("/api/corrections", json=body).status_code == 403
    guarded = _client(store, host="0.0.0.0", token="s3cret")
    assert guarded.post("/api/corrections", json=body).status_code == 403
    wrong = {"authorization": "Bearer nope"}
    assert guarded.post("/api/corrections", json=body, headers=wrong).status_code == 403
    right = {"authorization": "Bearer s3cret"}
    assert guarded.post("/api/corrections", json=body, headers=right).status_code == 200
    page = guarded.get(f"/events/{event['event_id']}").text
    assert 'name="token"' in page  # the form asks for the server's token
    form = {"csrf": _csrf(guarded, event["event_id"]), "verdict": "right"}
    url = f"/events/{event['event_id']}/corrections"
    assert guarded.post(url, data=form, follow_redirects=False).status_code == 403
    ok = guarded.post(url, data={**form, "token": "s3cret"}, follow_redirects=False)
    assert ok.status_code == 303


def test_the_form_needs_its_token_and_this_origin(client, store):
    event = _event(store)
    other = next(e for e in find_events(store)["event_id"] if e != event["event_id"])
    url = f"/events/{event['event_id']}/corrections"
    form = {"csrf": _csrf(client, event["event_id"]), "verdict": "wrong", "type": "ASSAULT"}
    for data, headers in (
        ({**form, "csrf": "0" * 64}, {}),  # a forged token
        ({k: v for k, v in form.items() if k != "csrf"}, {}),  # none
        ({**form, "csrf": _csrf(client, other)}, {}),  # another event's
        (form, {"origin": "http://evil.example"}),
        (form, {"sec-fetch-site": "cross-site"}),
    ):
        response = client.post(url, data=data, headers=headers, follow_redirects=False)
        assert response.status_code == 403, (data, headers)
        assert "[E806]" in response.text
    assert client.get("/api/corrections").json()["count"] == 0
    base = str(client.base_url).rstrip("/")
    done = client.post(url, data=form, headers={"origin": base}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/events/{event['event_id']}#corrections"
    assert client.get("/api/corrections").json()["corrections"][0]["type"] == "ASSAULT"


def test_a_bad_form_comes_back_with_the_reason(client, store):
    event = _event(store)
    url = f"/events/{event['event_id']}/corrections"
    form = {"csrf": _csrf(client, event["event_id"]), "verdict": "wrong", "note": "kept"}
    response = client.post(url, data=form)
    assert response.status_code == 400 and "[E810]" in response.text
    assert 'value="kept"' in response.text  # what was typed is not lost
    assert store not in response.text  # no paths
    assert client.post("/events/nope/corrections", data=form).status_code == 403
    unknown = {**form, "csrf": _csrf(client, event["event_id"]).replace("a", "b")}
    assert client.post("/events/nope/corrections", data=unknown).status_code == 403


def test_exports_and_events_apply_corrections_when_asked(client, store):
    event = _event(store)
    client.post("/api/corrections", json={"event_id": event["event_id"], "verdict": "not_event"})
    coded = client.get("/api/export", params={"format": "jsonl"}).text
    fixed = client.get("/api/export", params={"format": "jsonl", "apply_corrections": "true"}).text
    assert event["event_id"] in coded and event["event_id"] not in fixed
    assert len(fixed.splitlines()) == len(coded.splitlines()) - 1
    ids = {
        e["event_id"] for e in client.get("/api/events", params={"limit": 1000}).json()["events"]
    }
    assert event["event_id"] in ids
    shown = client.get("/api/events", params={"limit": 1000, "apply_corrections": "true"}).json()
    assert event["event_id"] not in {e["event_id"] for e in shown["events"]}
    page = client.get("/events", params={"apply_corrections": "true"}).text
    assert f'data-event="{event["event_id"]}"' not in page
    assert "apply_corrections=true&amp;format=csv" in page  # the download says so too
