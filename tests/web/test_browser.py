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


def test_overview_timeline_opens_a_day(page, client):
    page.goto(page.base + "/")
    days = page.locator("#timeline a.day")
    assert days.count() >= 3 and page.locator("#timeline rect.mark").count() >= days.count()
    assert page.locator("#timeline text.tick").count() <= 8  # thinned labels
    busiest = max(range(days.count()), key=lambda i: int(days.nth(i).get_attribute("data-total")))
    day, total = (
        days.nth(busiest).get_attribute("data-day"),
        days.nth(busiest).get_attribute("data-total"),
    )
    shot(page, "overview-timeline")
    days.nth(busiest).click()
    page.wait_for_url(f"**/events?since={day}&until={day}")
    dates = page.locator("#events-table tbody tr td:nth-child(1)").all_inner_texts()
    assert set(dates) == {day} and len(dates) == int(total)
    assert page.locator("#total").inner_text() == total
    clean(page)


def test_events_filters_and_pagination(page, client):
    page.goto(page.base + "/events")
    everything = page.locator("#events-table tbody tr[data-event]").count()
    assert everything > 10
    dates = [d for d in page.locator("#events-table tbody tr td:nth-child(1)").all_inner_texts()
             if d != "–"]  # fmt: skip
    assert dates == sorted(dates, reverse=True)  # newest first
    total = client.get("/api/events", params={"limit": 1000}).json()["count"]
    assert int(page.locator("#total").inner_text().replace(",", "")) == total
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
    assert rows.count() == api["count"] == int(page.locator("#total").inner_text())
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == {
        e["event_id"] for e in api["events"]
    }
    shot(page, "events-filtered")
    clean(page)
    page.fill("input[name=since]", "not a date")
    page.click("#filters button[type=submit]")
    assert "[E704]" in page.locator("#error-message").inner_text()
    assert all("status of 400" in p for p in page.problems)  # the page itself is the 400


def test_events_sort_download_and_actor_names(page, client):
    page.goto(page.base + "/events")
    page.click("th a[data-sort=confidence]")
    page.wait_for_url("**sort=confidence**order=desc**")
    values = [float(v) for v in page.locator("#events-table td.num").all_inner_texts() if v != "–"]
    assert values == sorted(values, reverse=True) and len(values) > 5
    page.click("th a[data-sort=confidence]")  # again: the other way
    page.wait_for_url("**sort=confidence**order=asc**")
    values = [float(v) for v in page.locator("#events-table td.num").all_inner_texts() if v != "–"]
    assert values == sorted(values)
    page.click("th a[data-sort=type]")
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert types == sorted(types, reverse=True)
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    name = next(e["source_name"] for e in events if e["source_name"] and " " in e["source_name"])
    surname = name.split()[-1].lower()
    page.fill("input[name=actor]", surname)
    page.fill("input[name=type]", "")
    page.click("#filters button[type=submit]")
    page.wait_for_url(f"**actor={surname}**")
    rows = page.locator("#events-table tbody tr[data-event]")
    assert rows.count() >= 1
    for i in range(rows.count()):
        names = rows.nth(i).locator("td.source, td.target").all_inner_texts()
        assert any(surname in n.lower() for n in names), names
    shot(page, "events-actor-name")
    page.fill("input[name=actor]", "")
    page.fill("input[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**type=ACCUSE**")
    shown = int(page.locator("#total").inner_text())
    href = page.locator("#download-csv").get_attribute("href")
    assert href.startswith("/api/export?") and "type=ACCUSE" in href and "format=csv" in href
    assert "format=jsonl" in page.locator("#download-jsonl").get_attribute("href")
    csv = client.get(href)
    assert csv.status_code == 200, csv.text
    assert len(csv.text.strip().splitlines()) == shown + 1  # the header and one row each
    clean(page)


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


TEXT_WITHOUT_NUMBERS = """() => { const copy = document.querySelector('#doc-text').cloneNode(true);
    copy.querySelectorAll('sup').forEach(s => s.remove()); return copy.textContent; }"""


def test_document_page_highlights_every_event(page, client, some_event):
    data = client.get(f"/api/documents/{some_event['doc_id']}").json()
    page.goto(f"{page.base}/documents/{some_event['doc_id']}")
    assert page.locator("#doc-events li[data-event]").count() == len(data["events"])
    marked = page.evaluate(
        """() => new Set(Array.from(document.querySelectorAll('#doc-text mark[data-events]'))
            .flatMap(m => m.dataset.events.split(' '))).size"""
    )
    assert marked == len({e["event_id"] for e in data["events"]})
    assert page.evaluate(TEXT_WITHOUT_NUMBERS).strip() == data["document"]["text"].strip()
    shot(page, "document")
    clean(page)


def test_document_numbers_tie_highlights_to_events(page, client, some_event):
    data = client.get(f"/api/documents/{some_event['doc_id']}").json()
    page.goto(f"{page.base}/documents/{some_event['doc_id']}")
    items = page.locator("#doc-events li[data-event]")
    for i, event in enumerate(data["events"]):
        item = items.nth(i)
        n = item.get_attribute("data-n")
        assert item.get_attribute("data-event") == event["event_id"]
        sup = page.locator(f"#doc-text sup#mark-{n}")
        assert sup.inner_text() == n  # the superscript after the event's trigger
        trigger = page.evaluate(
            """([n, id]) => Array.from(document.querySelectorAll('#doc-text mark.hl-trigger'))
                .filter(m => m.dataset.events.split(' ').includes(id)).map(m => m.textContent)
                .join('')""",
            [n, event["event_id"]],
        )
        assert trigger == event["trigger_text"]
    first = items.nth(0)
    mark = page.locator('#doc-text mark[data-n~="1"]').first
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "none"
    first.hover()  # the pair lights up, by CSS only
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "solid"
    shot(page, "document-pair-hover")
    page.mouse.move(0, 0)
    before = first.evaluate("li => getComputedStyle(li).backgroundColor")
    mark.hover()
    assert first.evaluate("li => getComputedStyle(li).backgroundColor") != before
    page.locator("#doc-text sup#mark-1 a").click()
    assert page.evaluate("location.hash") == "#event-1"
    clean(page)


def test_dyad_chart_renders(page, some_event):
    a, b = some_event["source_code"], some_event["target_code"]
    page.goto(f"{page.base}/dyads/{a}/{b}?freq=day&modality=all")
    page.wait_for_selector("#dyad-chart[data-ready=true]", timeout=5000)
    assert page.locator("#dyad-chart svg.dyad-chart").count() == 1  # both directions, one axis
    assert page.locator("#dyad-chart g.panel").count() == 2
    assert page.locator("#dyad-chart svg rect.mark").count() >= 1
    assert page.locator("#dyad-chart g.x-labels").count() == 1
    assert 1 <= page.locator("#dyad-chart g.x-labels text").count() <= 8
    shot(page, "dyad")
    clean(page)


def test_dyad_date_range_and_bar_click_through(page, client):
    rows = client.get("/api/events", params={"limit": 1000, "modality": "all"}).json()["events"]
    counts: dict = {}
    for row in rows:
        if row["source_code"] and row["target_code"] and row["date"]:
            key = (row["source_code"][:3], row["target_code"][:3])
            if key[0] != key[1]:
                counts[key] = counts.get(key, 0) + 1
    a, b = max(counts, key=counts.get)
    page.goto(f"{page.base}/dyads/{a}/{b}?freq=day&modality=all")
    bars = page.locator("#dyad-chart a.bar-link")
    assert bars.count() >= 1
    period = bars.first.get_attribute("data-period")
    page.fill("input[name=since]", period)
    page.fill("input[name=until]", period)
    page.click("#dyad-form button[type=submit]")
    page.wait_for_url(f"**since={period}**until={period}**")
    assert {bars.nth(i).get_attribute("data-period") for i in range(bars.count())} == {period}
    shot(page, "dyad-range")
    count = int(
        page.locator("#dyad-chart a.bar-link rect title")
        .first.text_content()
        .split(": ")[-1]
        .split()[0]
    )
    bars.first.click()
    page.wait_for_url("**/events?**")
    dates = page.locator("#events-table tbody tr td:nth-child(1)").all_inner_texts()
    assert set(dates) == {period} and len(dates) == count
    clean(page)


def test_network_is_interactive(page):
    page.goto(page.base + "/network?modality=all")
    page.wait_for_selector("#network[data-ready=true]", timeout=10000)
    nodes = page.locator("#network g.node")
    assert nodes.count() > 2 and page.locator("#network line.edge").count() > 1
    codes = [nodes.nth(i).get_attribute("data-code") for i in range(nodes.count())]
    assert "(no country)" not in codes and not any(c.endswith(("GOV", "MIL")) for c in codes)
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


def test_network_options_keep_it_readable(page, client):
    page.goto(page.base + "/network?modality=all&by=code&top=3&countryless=true")
    page.wait_for_selector("#network[data-ready=true]", timeout=10000)
    assert page.locator("#network line.edge").count() == 3
    assert "the 3 heaviest" in page.locator("#network-summary").inner_text()
    shot(page, "network-top3-codes")
    page.goto(page.base + "/network?modality=all&min_weight=1000")
    assert "No edges" in page.locator("#network").inner_text()
    clean(page)


def test_event_page_context_cameo_and_correction(page, client, some_event):
    full = client.get(f"/api/events/{some_event['event_id']}").json()["event"]
    page.goto(f"{page.base}/events/{some_event['event_id']}")
    if full["sentence_id"]:
        assert page.locator("#sentence-before").count() == 1
    assert page.locator("#sentence").inner_text() == full["sentence"]
    if full["cameo"]:
        assert full["cameo"] in page.locator("#cameo").inner_text()
        assert page.locator("#cameo .cameo-label").count() == 1  # the codebook's name
    shot(page, "event-context")
    new_type = "SANCTION" if full["type"] != "SANCTION" else "ASSAULT"
    page.check("input[name=verdict][value=wrong]")
    page.select_option("select[name=type]", new_type)
    page.fill("input[name=note]", "browser test: <b>bold</b> claim")
    page.click("#correction-form button[type=submit]")
    page.wait_for_url(f"**/events/{some_event['event_id']}#corrections")
    row = page.locator("#corrections-table tbody tr").first
    assert row.get_attribute("data-verdict") == "wrong" and new_type in row.inner_text()
    assert "<b>bold</b>" in row.inner_text()  # escaped, shown as typed
    shot(page, "event-corrected")
    page.check("input[name=verdict][value=wrong]")
    page.click("#correction-form button[type=submit]")  # nothing said to be right
    assert "[E810]" in page.locator("#error-message").inner_text()
    listed = client.get("/api/corrections", params={"event_id": some_event["event_id"]}).json()
    assert listed["count"] >= 1 and listed["corrections"][0]["type"] == new_type
    assert all("status of 400" in p for p in page.problems)
    assert page.evaluate("typeof window.__xss") == "undefined"


@pytest.mark.parametrize("route", ["/alerts?since=2025-04-21&until=2025-04-27&min_count=1",
                                   "/map", "/docs"])  # fmt: skip
def test_other_pages(page, route):
    page.goto(page.base + route)
    name = route.strip("/").split("?")[0]
    if name == "map":
        assert page.locator("#map-empty").count() == 0  # the examples name places
        assert page.locator("#world-map a.cluster").count() >= 2
        assert page.locator("#map-countries tbody tr").count() >= 2
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
