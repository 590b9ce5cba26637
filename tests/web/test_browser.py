"""The dashboard in headless Chromium: every page, filters, highlights, charts, and
an article full of script payloads that must not run. Screenshots go to
test-artifacts/web/."""

from __future__ import annotations

import pytest

from .conftest import XSS_ID, shot

ROLES = (
    ("trigger", "trigger_text"),
    ("source", "source_text"),
    ("target", "target_text"),
    ("attributed", "attributed_to_text"),
)
ROLES_JS = """([selector, role]) => Array.from(document.querySelectorAll(selector + ' mark'))
    .filter(m => (m.dataset.roles || '').split(' ').includes(role))
    .map(m => m.textContent).join('')"""


def clean(page) -> None:
    """No dialogs, script errors, console errors (CSP violations are console errors)."""
    assert page.problems == [], page.problems
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_overview(page):
    page.goto(page.base + "/")
    assert int(page.locator("[data-count=events]").inner_text().replace(",", "")) > 10
    assert page.locator("#modality-chart rect.mark").count() >= 1
    assert page.locator("#latest tbody tr").count() >= 5
    shot(page, "overview")
    page.locator("#top-dyads a").first.click()
    page.wait_for_url("**/dyads/**")
    clean(page)


def test_events_filters_and_pagination(page, client):
    page.goto(page.base + "/events")
    everything = page.locator("#events-table tbody tr[data-event]").count()
    assert everything > 10
    page.fill("input[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**type=ACCUSE**")
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    expected = client.get("/api/events", params={"type": "ACCUSE"}).json()["count"]
    assert types and set(types) == {"ACCUSE"} and len(types) == expected
    page.select_option("select[name=modality]", "asserted")
    page.fill("input[name=actor]", "UKR")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**actor=UKR**")
    api = client.get(
        "/api/events", params={"type": "ACCUSE", "modality": "asserted", "actor": "UKR"}
    ).json()
    rows = page.locator("#events-table tbody tr[data-event]")
    assert rows.count() == api["count"]
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == [
        e["event_id"] for e in api["events"]
    ]
    shot(page, "events-filtered")
    clean(page)
    page.fill("input[name=since]", "not a date")
    page.click("#filters button[type=submit]")
    assert "[E704]" in page.locator("#error-message").inner_text()
    assert all("status of 400" in p for p in page.problems)  # the page itself is the 400


def test_event_page_highlights_the_right_spans(page, client):
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    checked = 0
    for event in events:
        if event["doc_id"] == XSS_ID or not (event["source_code"] and event["target_code"]):
            continue
        full = client.get(f"/api/events/{event['event_id']}").json()["event"]
        page.goto(f"{page.base}/events/{event['event_id']}")
        for role, key in ROLES:
            shown = page.evaluate(ROLES_JS, ["#sentence", role])
            start = full[f"{'attributed_to' if role == 'attributed' else role}_start"]
            in_sentence = start is not None and (
                full["sentence_start"] <= start < full["sentence_start"] + len(full["sentence"])
            )
            assert shown == (full[key] if in_sentence else ""), (event["event_id"], role)
        assert page.locator("#sentence").inner_text() == full["sentence"]
        checked += 1
        if checked == 1:
            shot(page, "event")
        if checked == 4:
            break
    assert checked == 4
    page.click("#doc-link")
    page.wait_for_url("**/documents/**")
    clean(page)


def test_document_page_highlights_every_event(page, client, some_event):
    data = client.get(f"/api/documents/{some_event['doc_id']}").json()
    page.goto(f"{page.base}/documents/{some_event['doc_id']}")
    assert page.locator("#doc-events li a").count() == len(data["events"])
    marked = page.evaluate(
        """() => new Set(Array.from(document.querySelectorAll('#doc-text mark[data-events]'))
            .flatMap(m => m.dataset.events.split(' '))).size"""
    )
    assert marked == len({e["event_id"] for e in data["events"]})
    assert page.locator("#doc-text").inner_text().strip() == data["document"]["text"].strip()
    shot(page, "document")
    clean(page)


def test_dyad_chart_renders(page, some_event):
    a, b = some_event["source_code"], some_event["target_code"]
    page.goto(f"{page.base}/dyads/{a}/{b}?freq=day&modality=all")
    page.wait_for_selector("#dyad-chart[data-ready=true]", timeout=5000)
    assert page.locator("#dyad-chart svg.dyad-chart").count() >= 1
    assert page.locator("#dyad-chart svg rect.mark").count() >= 1
    shot(page, "dyad")
    clean(page)


def test_network_is_interactive(page):
    page.goto(page.base + "/network?modality=all")
    page.wait_for_selector("#network[data-ready=true]", timeout=10000)
    nodes = page.locator("#network g.node")
    assert nodes.count() > 2 and page.locator("#network line.edge").count() > 1
    shot(page, "network")
    node = nodes.first
    node.scroll_into_view_if_needed()
    before = node.get_attribute("transform")
    box = node.locator("circle").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + 40, steps=5)
    page.mouse.up()
    assert node.get_attribute("transform") != before
    code = node.get_attribute("data-code")
    node.focus()
    page.keyboard.press("Enter")  # a node opens its events (click, or Enter when focused)
    page.wait_for_url(f"**/events?actor={code}", timeout=5000)
    clean(page)


@pytest.mark.parametrize("route", ["/alerts?since=2025-04-21&until=2025-04-27&min_count=1",
                                   "/map", "/docs"])  # fmt: skip
def test_other_pages(page, route):
    page.goto(page.base + route)
    name = route.strip("/").split("?")[0]
    if name == "map":
        assert page.locator("#map-empty").is_visible()
        assert page.locator("#world-map").count() == 0  # no grid without geolocated events
        page.wait_for_selector("#basemap svg.world g.country", timeout=10000)
        assert page.locator("#basemap g.country").count() > 150
        shaded = page.locator("#basemap g.country.h1, #basemap g.country.h2, "
                              "#basemap g.country.h3, #basemap g.country.h4")  # fmt: skip
        assert shaded.count() >= 3  # the example articles name several countries
    if name == "alerts":
        assert page.locator("#alerts tbody tr").count() >= 1
    if name == "docs":
        assert page.locator("section.op").count() >= 8
    shot(page, name)
    clean(page)


def test_unknown_event_is_a_404_page(page):
    response = page.goto(page.base + "/events/does-not-exist")
    assert response.status == 404
    assert "[E803]" in page.locator("#error-message").inner_text()
    assert [p for p in page.problems if "status of 404" not in p] == []  # only the page


def test_script_payloads_never_run(page, client):
    doc = client.get(f"/api/documents/{XSS_ID}").json()
    assert "<script>" in doc["document"]["title"] and doc["events"]
    urls = [f"/documents/{XSS_ID}", *(f"/events/{e['event_id']}" for e in doc["events"])]
    urls += ["/", "/events?text=shelling", "/alerts?since=2025-03-10&min_count=1"]
    for url in urls:
        page.goto(page.base + url)
        page.wait_for_load_state("load")
        assert page.locator("img, svg[onload], b[onmouseover]").count() == 0, url
        clean(page)
    page.goto(f"{page.base}/documents/{XSS_ID}")
    assert page.locator("#doc-title").inner_text() == doc["document"]["title"]
    body = page.locator("#doc-text").inner_text()
    assert "<script>window.__xss='script';alert(4)</script>" in body
    assert '"><img src=x onerror="window.__xss=\'attr\';alert(3)">' in body
    shot(page, "xss-probe")
    event = next(e for e in doc["events"] if e["trigger_text"] == "threatened")
    page.goto(f"{page.base}/events/{event['event_id']}")
    assert "<svg onload=\"window.__xss='svg'\">" in page.locator("#sentence").inner_text()
    clean(page)
