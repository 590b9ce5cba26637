"""Polite, safe fetching against a local HTTP server on 127.0.0.1 (never the real network)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from dyads.config import load_options
from dyads.ingest import fetch as fetch_module
from dyads.ingest.fetch import USER_AGENT, Fetcher, FetchError
from dyads.ingest.sources import SourceReader

ARTICLE = """<html><head><title>{title}</title>
<meta property="article:published_time" content="2024-05-02"></head><body><article>
<h1>{title}</h1>
<p>Heavy rains forced thousands of people from their homes in northern Kenya on Thursday,
the Kenya Red Cross said in a statement issued in Nairobi.</p>
<p>Rescue teams used boats to reach villages cut off by the water, officials said.</p>
</article></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>One</title><link>{base}/article.html</link>
<pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>{base}/missing</link></item>
<item><title>Three</title><description>Chad rejected the proposal on Friday, the
government spokesman said in N'Djamena.</description>
<pubDate>Fri, 03 May 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/robots.txt": (200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE.format(title="Floods")),
            "/feed.xml": (200, "application/rss+xml", FEED.format(base=base)),
            "/broken.xml": (200, "application/xml", "<rss><channel><item><title>x</itm>"),
            "/image.png": (200, "image/png", "\x89PNG"),
            "/big": (200, "text/html", "<p>" + "x" * 5000 + "</p>"),
            "/private/page": (200, "text/html", ARTICLE.format(title="Hidden")),
        }
        if self.path == "/redirect":
            return self._redirect("/article.html")
        if self.path in ("/loop1", "/loop2"):
            return self._redirect("/loop2" if self.path == "/loop1" else "/loop1")
        if self.path == "/flaky" and Handler.hits[self.path] == 1:
            return self._send(503, "text/plain", "busy")
        if self.path == "/flaky":
            return self._send(200, "text/html", ARTICLE.format(title="Flaky"))
        status, ctype, body = routes.get(self.path, (404, "text/plain", "not found"))
        self._send(status, ctype, body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, ctype: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def options():
    return load_options(
        fetch_host_interval=0, fetch_backoff=0, fetch_retries=2, fetch_timeout=5,
        fetch_max_bytes=2000,
    )  # fmt: skip


@pytest.fixture()
def fetcher(options):
    with Fetcher(options, allow_private=True) as fetcher:
        yield fetcher


def test_fetches_a_page_with_the_dyads_user_agent(server, fetcher):
    page = fetcher.get(server + "/article.html")
    assert page.status == 200
    assert page.content_type == "text/html"
    assert b"Kenya Red Cross" in page.content
    assert USER_AGENT in Handler.agents
    assert USER_AGENT.startswith("dyads/")


def test_follows_redirects_and_stops_loops(server, fetcher):
    assert fetcher.get(server + "/redirect").final_url == server + "/article.html"
    with pytest.raises(FetchError) as loop:
        fetcher.get(server + "/loop1")
    assert loop.value.code == "E607"


@pytest.mark.parametrize(
    ("path", "code"),
    [("/image.png", "E603"), ("/big", "E604"), ("/missing", "E602"), ("/private/page", "E606")],
)
def test_refusals_are_coded_errors(server, fetcher, path, code):
    with pytest.raises(FetchError) as error:
        fetcher.get(server + path)
    assert error.value.code == code
    assert path in str(error.value)


def test_retries_after_503(server, fetcher):
    assert b"Flaky" in fetcher.get(server + "/flaky").content
    assert Handler.hits["/flaky"] == 2


def test_unreachable_host_is_an_error(options):
    fetcher = Fetcher(options.with_(fetch_retries=0), allow_private=True)
    with fetcher, pytest.raises(FetchError) as error:
        fetcher.get("http://127.0.0.1:9/nothing")  # the discard port: connection refused
    assert error.value.code == "E601"


def test_default_refuses_loopback(server, options):
    with Fetcher(options) as fetcher, pytest.raises(FetchError) as error:
        fetcher.get(server + "/article.html")
    assert error.value.code == "E605"
    assert "127.0.0.1" in str(error.value)


def test_redirect_from_public_host_into_private_address_is_refused(options, monkeypatch):
    """A public host (simulated by the resolver) redirecting to 127.0.0.1 is stopped there."""
    resolved = {"news.example": ["93.184.216.34"], "127.0.0.1": ["127.0.0.1"]}
    monkeypatch.setattr(fetch_module, "resolve_host", lambda host: resolved[host])
    requested = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})

    fetcher = Fetcher(options, transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError) as error:
        fetcher.get("http://news.example/story")
    assert error.value.code == "E605"
    assert not any("127.0.0.1" in url for url in requested)


def test_feed_url_entries_are_fetched_or_read_from_content(server, options):
    with Fetcher(options, allow_private=True) as fetcher:
        reader = SourceReader(options, fetcher)
        items = list(reader.read([server + "/feed.xml"]))
    documents = [i for i in items if not isinstance(i, Exception)]
    errors = [i.code for i in items if isinstance(i, Exception)]
    assert errors == ["E602"]  # the missing entry page, recorded, not a crash
    fetched, inline = documents
    assert fetched.url == server + "/article.html"
    assert fetched.published == "2024-05-02"
    assert "Chad rejected the proposal" in inline.text
    assert (inline.published, inline.date_source) == ("2024-05-03", "feed")


def test_broken_feed_is_a_recorded_error(server, options):
    with Fetcher(options, allow_private=True) as fetcher:
        items = list(SourceReader(options, fetcher).read([server + "/broken.xml"]))
    codes = [i.code for i in items if isinstance(i, Exception)]
    assert codes[0] == "E608"  # entries recovered before the break are still read


def test_url_list_and_resume_skip(server, options, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# news\n{server}/article.html\n\n{server}/redirect\n", encoding="utf-8")
    from dyads.ingest.sources import read_url_list

    stored = {f"{server}/article.html"}
    with Fetcher(options, allow_private=True) as fetcher:
        reader = SourceReader(options, fetcher, skip_url=stored.__contains__)
        items = list(reader.read(read_url_list(str(urls))))
    assert reader.skipped_urls == [f"{server}/article.html"]
    assert [d.url for d in items] == [f"{server}/article.html"]  # via the redirect
