"""Every API route refuses a query parameter it does not take; exports take filters."""

from __future__ import annotations

import json

from dyads.analysis import EventFilter, export

from .test_api import error_shape


def test_every_api_route_refuses_an_unknown_parameter(app, client):
    paths = {p: ops for p, ops in app.openapi()["paths"].items() if p.startswith("/api/")}
    assert len(paths) >= 9
    for path, operations in paths.items():
        url = "/".join("RUS" if part.startswith("{") else part for part in path.split("/"))
        for method in operations:
            response = client.request(method.upper(), url, params={"actr": "TUR"})
            message = error_shape(response, 400)
            assert message.startswith("[E809]") and "'actr'" in message, (path, message)


def test_known_parameters_still_work(client):
    assert client.get("/api/events", params={"actor": "UKR", "limit": 2}).json()["ok"]


def test_export_takes_the_filters_and_says_so(client, web_db, tmp_path):
    response = client.get("/api/export", params={"format": "icews", "actor": "UKR"})
    assert response.status_code == 200, response.text
    meta = json.loads(response.headers["x-dyads-filters"])
    assert meta["filters"] == {"actor": "UKR"} and meta["modality"] == ["asserted"]
    whole = tmp_path / "ukr.tsv"
    rows = export(web_db, "icews", whole, EventFilter(actor="UKR"))
    assert response.text == whole.read_text(encoding="utf-8")
    assert 0 < rows < len(client.get("/api/export", params={"format": "icews"}).text.splitlines())
    response = client.get("/api/export", params={"format": "jsonl", "since": "2025-04-01"})
    dates = [json.loads(line)["date"] for line in response.text.splitlines()]
    assert dates and all(d >= "2025-04-01" for d in dates)
    assert json.loads(response.headers["x-dyads-filters"])["modality"] == "all"


def test_export_filter_errors_have_the_error_shape(client):
    error_shape(client.get("/api/export", params={"format": "gdelt", "type": "HUG"}), 400)
    error_shape(client.get("/api/export", params={"format": "gdelt", "since": "soon"}), 400)
    both = {"format": "gdelt", "all_modalities": "true", "modality": "denied"}
    error_shape(client.get("/api/export", params=both), 400)


def test_grouping_parameters(client):
    graph = client.get("/api/network").json()
    assert graph["graph"]["by"] == "country"
    assert not {"GOV", "REB", "CVL"} & {n["id"] for n in graph["nodes"]}
    by_code = client.get("/api/network", params={"by": "code"}).json()
    assert by_code["graph"]["by"] == "code"
    params = {"since": "2025-01-01", "per_documents": "true", "domestic": "false"}
    assert client.get("/api/alerts", params=params).json()["ok"]
    brief = client.get("/api/brief", params={"actor": "UKR", "since": "2025-01-01"}).json()
    assert brief["ok"] and brief["actor"] == "UKR" and brief["by"] == "country"
    assert brief["asserted"] + sum(brief["not_asserted"].values()) == brief["total"]
