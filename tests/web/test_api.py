"""The JSON API: every endpoint on a real store, and one error shape for bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dyads.analysis import find_events

from .conftest import XSS_ID


def error_shape(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"ok", "error", "status"}
    assert data["ok"] is False and data["status"] == status
    assert data["error"].startswith("[E"), data["error"]
    return data["error"]


def test_events_page_and_filters_match_the_library(client, web_db):
    everything = find_events(web_db)
    data = client.get("/api/events", params={"limit": 5}).json()
    assert data["ok"] and data["count"] == 5 and data["next_offset"] == 5
    assert [e["event_id"] for e in data["events"]] == list(everything["event_id"][:5])
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert [e["event_id"] for e in second["events"]] == list(everything["event_id"][5:10])
    last = client.get("/api/events", params={"limit": 1000}).json()
    assert last["count"] == len(everything) and last["next_offset"] is None
    accused = client.get("/api/events", params={"type": "accuse", "actor": "UKR"}).json()
    expected = find_events(web_db, type="ACCUSE", actor="UKR")
    assert accused["count"] == len(expected) > 0
    assert all(e["type"] == "ACCUSE" for e in accused["events"])
    assert accused["filters"] == {"type": "accuse", "actor": "UKR"}


def test_events_filter_that_matches_nothing_is_empty_not_an_error(client):
    data = client.get("/api/events", params={"type": "SANCTION", "since": "2099-01-01"}).json()
    assert data["ok"] and data["count"] == 0 and data["events"] == []


def test_event_detail_has_mentions_and_offsets(client, some_event):
    data = client.get(f"/api/events/{some_event['event_id']}").json()
    event = data["event"]
    assert event["event_id"] == some_event["event_id"]
    assert data["mentions"] and data["mentions"][0]["doc_id"] == event["doc_id"]
    start = event["sentence_start"]
    sentence = event["sentence"]
    trigger = sentence[event["trigger_start"] - start : event["trigger_end"] - start]
    assert trigger == event["trigger_text"]


def test_document_detail(client, some_event):
    data = client.get(f"/api/documents/{some_event['doc_id']}").json()
    doc = data["document"]
    assert doc["doc_id"] == some_event["doc_id"] and doc["text"]
    assert some_event["event_id"] in {e["event_id"] for e in data["events"]}
    for e in data["events"]:
        assert doc["text"][e["trigger_start"] : e["trigger_end"]] == e["trigger_text"]


def test_dyad_series(client, some_event):
    a, b = some_event["source_code"], some_event["target_code"]
    data = client.get(f"/api/dyads/{a}/{b}", params={"freq": "month", "modality": "all"}).json()
    assert data["ok"] and data["rows"]
    assert {r["direction"] for r in data["rows"]} <= {f"{a}->{b}", f"{b}->{a}"}
    assert sum(r["events"] for r in data["rows"]) >= 1
    assert {"period", "net_cooperation", "ACCUSE"} <= set(data["rows"][0])


def test_network_is_node_link_json(client):
    import networkx as nx

    data = client.get("/api/network", params={"modality": "all"}).json()
    graph = nx.node_link_graph({k: v for k, v in data.items() if k != "ok"}, edges="links")
    assert graph.number_of_nodes() > 2 and graph.number_of_edges() > 1
    assert all("weight" in d for _, _, d in graph.edges(data=True))


def test_alerts(client):
    data = client.get(
        "/api/alerts", params={"since": "2025-04-21", "until": "2025-04-27", "min_count": 1}
    ).json()
    assert data["ok"] and data["since"] == "2025-04-21"
    for alert in data["alerts"]:
        assert {"source", "target", "kind", "change", "z", "events"} <= set(alert)
    default = client.get("/api/alerts").json()
    assert default["ok"] and default["since"]


def test_overview(client, web_db):
    data = client.get("/api/overview").json()
    assert data["counts"]["events"] == len(find_events(web_db))
    assert data["counts"]["documents"] == 5
    assert sum(r["events"] for r in data["modality"]) == data["counts"]["events"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt", "gdelt-mentions", "icews", "polecat"])
def test_export_downloads(client, fmt):
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    text = response.text
    assert text.strip()
    if fmt == "jsonl":
        assert all(json.loads(line)["event_id"] for line in text.splitlines())
    if fmt == "csv":
        assert "event_id" in next(csv.reader(io.StringIO(text)))


def test_openapi_schema_is_valid(client):
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"title", "version"} <= set(schema["info"])
    expected = {
        "/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/dyads/{a}/{b}",
        "/api/network", "/api/alerts", "/api/export", "/api/overview",
    }  # fmt: skip
    assert expected <= set(schema["paths"])
    assert "/api/ingest" not in schema["paths"]  # read-only server

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(schema):
        assert ref.startswith("#/"), ref
        target = schema
        for part in ref[2:].split("/"):
            target = target[part]  # every reference resolves
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            assert method in {"get", "post"}, (path, method)
            assert op["responses"], (path, method)
            params = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert params == {seg[1:-1] for seg in path.split("/") if seg.startswith("{")}


def test_docs_page_is_local(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/events" in page.text and "cdn" not in page.text.lower()
    assert "<script" not in page.text


BAD_REQUESTS: list[tuple[str, dict, int]] = [
    ("/api/events", {"since": "yesterday"}, 400),
    ("/api/events", {"until": "2025-13-01"}, 400),
    ("/api/events", {"since": "2025-02-01", "until": "2025-01-01"}, 400),
    ("/api/events", {"type": "HUG"}, 400),
    ("/api/events", {"modality": "rumoured"}, 400),
    ("/api/events", {"source": "U$A"}, 400),  # actor may be words of a name; source is a code
    ("/api/events", {"actor": "ZZZQ"}, 404),
    ("/api/events", {"limit": "ten"}, 400),
    ("/api/events", {"limit": 0}, 400),
    ("/api/events", {"limit": 100_000}, 400),
    ("/api/events", {"offset": -1}, 400),
    ("/api/events", {"text": "x" * 500}, 400),
    ("/api/events/no-such-event", {}, 404),
    ("/api/documents/no-such-doc", {}, 404),
    ("/api/dyads/UKR/UKR", {}, 400),
    ("/api/dyads/UKR/IRN", {"freq": "hourly"}, 400),
    ("/api/dyads/ZZZQ/UKR", {}, 404),
    ("/api/dyads/UKR/IRN", {"since": "soon"}, 400),
    ("/api/network", {"since": "2025-99-99"}, 400),
    ("/api/network", {"type": "NOPE"}, 400),
    ("/api/alerts", {"since": "bad"}, 400),
    ("/api/alerts", {"baseline_days": 0}, 400),
    ("/api/alerts", {"by": "planet"}, 400),
    ("/api/alerts", {"threshold": "high"}, 400),
    ("/api/alerts", {"per_documents": "maybe"}, 400),
    ("/api/network", {"by": "planet"}, 400),
    ("/api/brief", {"actor": "UKR"}, 400),  # since is required
    ("/api/brief", {"actor": "ZZZQ", "since": "2025-01-01"}, 404),
    ("/api/brief", {"actor": "UKR", "since": "2025-01-01", "by": "planet"}, 400),
    ("/api/export", {"format": "xlsx"}, 400),
    ("/api/export", {"format": "parquet"}, 400),
    ("/api/overview", {"x": "1"}, 400),  # unknown parameters are refused (E809)
    ("/api/corrections", {"event": "x"}, 400),  # it takes event_id
    ("/api/no-such-route", {}, 404),
    ("/api/ingest", {}, 404),  # read-only server: no ingest route
]


@pytest.mark.parametrize(("url", "params", "status"), BAD_REQUESTS)
def test_bad_input_gets_one_error_shape(client, url, params, status):
    response = client.get(url, params=params)
    if status == 200:
        assert response.json()["ok"] is True
        return
    message = error_shape(response, status)
    if status == 404 and "dyads/ZZZQ" in url:
        assert "E701" in message


def test_every_api_route_is_walked_with_bad_input(app):
    walked = {url.split("/")[2] for url, _, status in BAD_REQUESTS if status != 200}
    paths = [p for p in app.openapi()["paths"] if p.startswith("/api/")]
    routes = {p.split("/")[2] for p in paths}
    assert len(routes) >= 7 and routes - {"overview", "map"} <= walked  # no parameters


def test_wrong_method_has_the_error_shape(client):
    error_shape(client.post("/api/events", json={}), 405)


def test_probe_text_is_returned_verbatim_as_json(client):
    data = client.get(f"/api/documents/{XSS_ID}").json()
    assert "<script>" in data["document"]["title"]
    assert data["events"]  # the payload sentences were coded like any other


def test_map_counts_are_keyed_by_alpha2(client, web_db):
    data = client.get("/api/map").json()
    assert data["ok"] is True and data["countries"]
    for iso2, info in data["countries"].items():
        assert len(iso2) == 2 and len(info["iso3"]) == 3 and info["events"] >= 1


def test_basemap_is_served_locally(client):
    response = client.get("/basemap.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.count('class="') > 150 and "<script" not in response.text
