"""Server-rendered pages: every route answers, untrusted text is escaped, errors are pages."""

from __future__ import annotations

import html

import pytest

from .conftest import XSS_ID

PAGES = ["/", "/events", "/network", "/alerts", "/map", "/docs", "/dyads/UKR/IRN"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_without_inline_code(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    text = response.text
    assert "<script>" not in text  # only <script src="/static/..."> tags
    assert " style=" not in text and "onclick" not in text.lower()
    assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text


def test_event_and_document_pages(client, some_event):
    event = client.get(f"/events/{some_event['event_id']}")
    assert event.status_code == 200
    assert html.escape(some_event["trigger_text"], quote=False) in event.text
    assert f'href="/documents/{some_event["doc_id"]}"' in event.text
    document = client.get(f"/documents/{some_event['doc_id']}")
    assert document.status_code == 200 and 'class="hl-trigger' in document.text


def test_probe_payloads_are_escaped(client):
    events = client.get("/api/events", params={"text": "shelling"}).json()["events"]
    probe = next(e for e in events if e["doc_id"] == XSS_ID)
    for url in (f"/documents/{XSS_ID}", f"/events/{probe['event_id']}", "/", "/events"):
        text = client.get(url).text
        assert "<script>window" not in text, url
        assert "<img" not in text and "<svg onload" not in text and "<b onmouseover" not in text
    doc = client.get(f"/documents/{XSS_ID}").text
    assert "&lt;script&gt;window.__xss=&#39;script&#39;" in doc
    assert 'href="javascript:' not in doc


def test_unknown_ids_are_404_pages(client):
    for url in ("/events/nope", "/documents/nope", "/dyads/ZZZQ/UKR", "/no/such/page"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("text/html")
        assert 'id="error-message"' in response.text and "[E" in response.text


def test_bad_filters_are_400_with_the_reason(client):
    response = client.get("/events", params={"since": "last tuesday"})
    assert response.status_code == 400
    assert "[E704]" in response.text and 'value="last tuesday"' in response.text
    assert client.get("/events", params={"page": 0}).status_code == 400
    assert client.get("/dyads/UKR/IRN", params={"freq": "hourly"}).status_code == 400
    assert client.get("/alerts", params={"since": "x"}).status_code == 400


def test_events_page_filters_and_pages(client, web_db):
    from dyads.analysis import find_events

    accused = client.get("/events", params={"type": "ACCUSE"}).text
    count = accused.count("<tr data-event=")
    assert count == len(find_events(web_db, type="ACCUSE")) > 0
    assert 'rel="next"' not in accused


def test_events_page_is_newest_first_with_a_total(client, web_db):
    from dyads.analysis import find_events

    text = client.get("/events").text
    total = len(find_events(web_db))
    assert f'<strong id="total">{total}</strong>' in text
    everything = find_events(web_db).sort_values("date", ascending=False, na_position="last")
    first = text.index("<tr data-event=")
    assert text[first:].split('"')[1] in set(
        everything[everything["date"] == everything["date"].max()]["event_id"]
    )
    assert (
        'href="/api/export?type=ACCUSE&amp;format=csv"'
        in client.get("/events", params={"type": "ACCUSE"}).text
    )
    for bad in ({"sort": "colour"}, {"order": "sideways"}):
        response = client.get("/events", params=bad)
        assert response.status_code == 400 and "[E706]" in response.text


def test_network_page_groups_countries(client):
    text = client.get("/network", params={"modality": "all"}).text
    assert "USAGOV" not in text.split('id="network"')[1] and '"USA"' in text
    assert client.get("/network", params={"by": "planet"}).status_code == 400
    assert client.get("/network", params={"top": 0}).status_code == 400
    codes = client.get("/network", params={"modality": "all", "by": "code"}).text
    assert "GOV" in codes.split('id="network"')[1]


def test_dyad_page_links_bars_to_their_events(client):
    text = client.get("/dyads/USA/PHL", params={"freq": "month", "modality": "all"}).text
    assert 'class="bar-link" href="/events?source=USA&amp;target=PHL&amp;since=' in text
    assert text.count('<g class="x-labels">') == 1
    assert client.get("/dyads/USA/PHL", params={"since": "soon"}).status_code == 400


def test_alerts_page_takes_grouping_domestic_and_volume(client):
    page = client.get(
        "/alerts", params={"by": "code", "domestic": "false", "per_documents": "true"}
    )
    assert page.status_code == 200
    assert "<option selected>code</option>" in page.text
    assert 'name="domestic" value="false" checked' in page.text
    assert 'name="per_documents" value="true" checked' in page.text
    assert client.get("/alerts", params={"by": "planet"}).status_code == 400
