"""Polite, safe fetching against a local HTTP server on 127.0.0.1 (never the real network)."""

from __future__ import annotations

import threading
import time
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
        if self.path == "/drip-body":
            return self._drip(body=True)
        if self.path == "/drip-headers":
            return self._drip(body=False)
        if self.path == "/slow-down":
            return self._send(503, "text/plain", "busy", retry_after="3600")
        if self.path == "/soon" and Handler.hits[self.path] == 1:
            return self._send(503, "text/plain", "busy", retry_after="2")
        if self.path == "/soon":
            return self._send(200, "text/html", ARTICLE.format(title="Soon"))
        status, ctype, body = routes.get(self.path, (404, "text/plain", "not found"))
        self._send(status, ctype, body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _drip(self, body: bool) -> None:
        """One byte every 0.3 s for 12 s: in the body, or in the headers."""
        try:
            if body:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "40")
                self.end_headers()
            else:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(40):
                self.wfile.write(b"x" if body else b"X-Slow: x\r\n"[:1])
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:  # the fetcher gave up and closed the connection
            pass

    def _send(self, status: int, ctype: str, body: str, retry_after: str = "") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if retry_after:
            self.send_header("Retry-After", retry_after)
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
    """Its robots.txt cannot be read either, so the host is refused whole (RFC 9309)."""
    fetcher = Fetcher(options.with_(fetch_retries=0), allow_private=True)
    with fetcher, pytest.raises(FetchError) as error:
        fetcher.get("http://127.0.0.1:9/nothing")  # the discard port: connection refused
    assert error.value.code == "E613" and "127.0.0.1:9" in str(error.value)


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


# -- issue #19: destinations, robots.txt, deadlines, Retry-After --------------------------


@pytest.mark.parametrize(
    "address",
    [
        "100.100.100.200",  # carrier-grade NAT (100.64.0.0/10), a cloud metadata address
        "2002:a9fe:a9fe::1",  # 6to4 around 169.254.169.254
        "2002:0a00:0001::1",  # 6to4 around 10.0.0.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "64:ff9b::7f00:1",  # NAT64 around 127.0.0.1
        "64:ff9b:1::1",  # local-use NAT64
        "::ffff:127.0.0.1", "::ffff:10.0.0.1",  # IPv4-mapped
        "::127.0.0.1", "::", "::1", "fe80::1%eth0", "fd00::1", "fec0::1", "ff0e::1",
        "0.0.0.0", "10.1.2.3", "127.0.0.1", "169.254.169.254", "172.16.0.1", "192.0.0.9",
        "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.51.100.1", "203.0.113.1",
        "224.0.0.1", "239.1.1.1", "240.0.0.1", "255.255.255.255", "2001:db8::1",
    ],
)  # fmt: skip
def test_non_global_addresses_are_refused(address):
    assert not fetch_module.is_public(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8",
                "2002:0808:0808::1", "64:ff9b::808:808"],
)  # fmt: skip
def test_global_addresses_are_allowed(address):
    assert fetch_module.is_public(address)


def mock_fetcher(options, robots, sleep=None) -> tuple[Fetcher, list[str]]:
    """A fetcher whose host answers robots.txt with ``robots`` (a response or an exception)."""
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.path)
        if request.url.path == "/robots.txt":
            if isinstance(robots, Exception):
                raise robots
            return robots
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text="<p>ok</p>")

    transport = httpx.MockTransport(handler)
    fetcher = Fetcher(
        options, allow_private=True, transport=transport, sleep=sleep or (lambda s: None)
    )
    return fetcher, requested


@pytest.mark.parametrize(
    "robots",
    [
        httpx.Response(503),
        httpx.Response(500),
        httpx.Response(429),
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.Response(503, headers={"Retry-After": "3600"}),
    ],
)
def test_unreachable_robots_txt_disallows_everything(options, robots):
    fetcher, requested = mock_fetcher(options, robots)
    with fetcher, pytest.raises(FetchError) as error:
        fetcher.get("http://news.example/story")
    assert error.value.code == "E613" and "news.example" in str(error.value)
    assert "/story" not in requested


@pytest.mark.parametrize("status", [404, 410, 400])
def test_unavailable_robots_txt_allows_everything(options, status):
    fetcher, requested = mock_fetcher(options, httpx.Response(status))
    with fetcher:
        assert fetcher.get("http://news.example/story").status == 200
    assert "/story" in requested


def test_huge_robots_txt_is_cut_and_its_start_obeyed(options):
    """Over fetch_max_bytes once failed open; now the first 500 KiB are parsed."""
    rules = "User-agent: *\nDisallow: /private/\n" + "# padding\n" * 600_000
    rules += "Disallow: /late/\n"  # past the cut: not read
    fetcher, requested = mock_fetcher(options, httpx.Response(200, text=rules))
    with fetcher:
        with pytest.raises(FetchError) as error:
            fetcher.get("http://news.example/private/page")
        assert error.value.code == "E606"
        assert fetcher.get("http://news.example/late/page").status == 200
    assert "/private/page" not in requested


def test_a_dripping_body_is_cut_at_fetch_timeout(server, options):
    with Fetcher(options.with_(fetch_timeout=1.0), allow_private=True) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as error:
            fetcher.get(server + "/drip-body")
        took = time.monotonic() - started
    assert error.value.code == "E601" and "fetch_timeout" in str(error.value)
    assert took < 4.0  # 12 s of dripping; generous slack over the 1 s deadline
    assert Handler.hits["/drip-body"] == 1  # a server that answered slowly is not asked again


def test_dripping_headers_are_cut_at_fetch_timeout(server, options):
    fetcher = Fetcher(options.with_(fetch_timeout=1.0, fetch_retries=0), allow_private=True)
    with fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as error:
            fetcher.get(server + "/drip-headers")
        took = time.monotonic() - started
    assert error.value.code == "E601"
    assert took < 4.0


def test_the_deadline_reaches_httpx_sockets(options):
    with Fetcher(options) as fetcher:
        pool = fetcher._client._transport._pool
        assert isinstance(pool._network_backend, fetch_module._DeadlineBackend)


def test_long_retry_after_skips_instead_of_stalling(server, options):
    slept: list[float] = []
    fetcher = Fetcher(options, allow_private=True, sleep=slept.append)
    with fetcher, pytest.raises(FetchError) as error:
        fetcher.get(server + "/slow-down")
    assert error.value.code == "E614" and "3600" in str(error.value)
    assert not slept and Handler.hits["/slow-down"] == 1


def test_short_retry_after_is_honoured(server, options):
    slept: list[float] = []
    with Fetcher(options, allow_private=True, sleep=slept.append) as fetcher:
        assert b"Soon" in fetcher.get(server + "/soon").content
    assert slept == [2.0]


def test_retry_after_reads_seconds_and_dates():
    assert fetch_module.retry_after_seconds("120") == 120.0
    assert fetch_module.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # past
    future = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 100))
    assert 90 < (fetch_module.retry_after_seconds(future) or 0) <= 100
    assert fetch_module.retry_after_seconds("soon") is None
    assert fetch_module.retry_after_seconds("-5") is None
