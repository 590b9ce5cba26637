"""Polite, safe HTTP fetching for ``dyads ingest``.

Politeness: a User-Agent naming dyads, robots.txt, a per-host interval between
requests, timeouts, retries with exponential backoff on 429, 5xx and timeouts.
Safety (server-side request forgery): every hop's host is resolved and refused
when any address is private, loopback, link-local, reserved or multicast, unless
``allow_private``; redirects are followed by hand so each hop is checked, at
most ``MAX_REDIRECTS`` and never in a loop. Responses are streamed and cut at
``fetch_max_bytes``; only HTML, XML and text content types are read.

Limitation: httpx resolves the host again when it connects, so a DNS server
that answers differently within milliseconds (rebinding) is not caught here.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..config import Options
from ..errors import Errors, InputError

USER_AGENT = f"dyads/{__version__} (+https://github.com/dyads/dyads)"
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
CONTENT_TYPES = (
    "text/html", "application/xhtml+xml", "text/xml", "application/xml",
    "application/rss+xml", "application/atom+xml", "text/plain",
)  # fmt: skip


class FetchError(InputError):
    """A URL could not be fetched (E601-E607, E612): recorded, never fatal to a run."""


@dataclass(slots=True)
class Fetched:
    """A fetched page: where it ended up, what it is, and its bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    @property
    def is_feed(self) -> bool:
        head = self.content[:512].lstrip().lower()
        feed_type = any(t in self.content_type for t in ("rss", "atom", "/xml"))
        return feed_type or head.startswith((b"<?xml", b"<rss", b"<feed"))


def resolve_host(host: str) -> list[str]:
    """The IP addresses ``host`` resolves to (tests replace this to simulate DNS)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class Fetcher:
    """One HTTP client per run, with its robots.txt cache and per-host clock.

    >>> with Fetcher(options) as fetcher:
    ...     page = fetcher.get("https://example.org/news/1")
    """

    def __init__(
        self,
        options: Options,
        *,
        allow_private: bool = False,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        log: Callable[[str, Fetched | None, str | None], None] | None = None,
    ) -> None:
        self.options = options
        self.allow_private = allow_private
        self.sleep = sleep
        self.log = log
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=options.fetch_timeout,
            follow_redirects=False,
            transport=transport,
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public -------------------------------------------------------------

    def get(self, url: str) -> Fetched:
        """Fetch a page or feed; raises ``FetchError`` with its catalogue code."""
        try:
            if not self._robots_allow(url):
                raise FetchError(Errors.E606, url=url)
            page = self._follow(url, check_type=True)
        except FetchError as exc:
            if self.log is not None:
                self.log(url, None, exc.code)
            raise
        if self.log is not None:
            self.log(url, page, None)
        return page

    # -- hops, redirects and retries ----------------------------------------

    def check_url(self, url: str) -> None:
        """Refuse non-http(s) URLs and hosts resolving to non-public addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(Errors.E612, url=url)
        if self.allow_private:
            return
        try:
            addresses = resolve_host(parts.hostname)
        except OSError as exc:
            raise FetchError(Errors.E601, url=url, detail=f"cannot resolve host ({exc})") from exc
        for address in addresses:
            if not is_public(address):
                raise FetchError(Errors.E605, url=url, host=parts.hostname, address=address)

    def _follow(self, url: str, check_type: bool) -> Fetched:
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self.check_url(current)
            response, content = self._request(current)
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(Errors.E607, url=current, detail="redirect without Location")
                current = urljoin(current, location)
                if current in seen:
                    raise FetchError(Errors.E607, url=url, detail=f"redirect loop at {current}")
                seen.add(current)
                continue
            if response.status_code >= 400:
                raise FetchError(Errors.E602, status=response.status_code, url=current)
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if check_type and content_type and not content_type.startswith(CONTENT_TYPES):
                raise FetchError(Errors.E603, url=current, content_type=content_type)
            return Fetched(url, current, response.status_code, content_type, content)
        raise FetchError(Errors.E607, url=url, detail=f"more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str) -> tuple[httpx.Response, bytes]:
        """One hop with retries: (response, body) or FetchError."""
        attempts = max(1, self.options.fetch_retries + 1)
        for attempt in range(attempts):
            self._wait_turn(url)
            last = attempt == attempts - 1
            try:
                with self._client.stream("GET", url) as response:
                    if response.status_code in RETRY_STATUSES and not last:
                        delay = self._retry_after(response, attempt)
                        response.close()
                        self.sleep(delay)
                        continue
                    if response.is_redirect or response.status_code >= 400:
                        return response, b""
                    return response, self._read(response, url)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchError(Errors.E601, url=url, detail="timed out") from exc
                self.sleep(self._backoff(attempt))
            except httpx.HTTPError as exc:
                if last:
                    raise FetchError(Errors.E601, url=url, detail=str(exc) or "failed") from exc
                self.sleep(self._backoff(attempt))
        raise FetchError(Errors.E601, url=url, detail="no response")  # pragma: no cover

    def _read(self, response: httpx.Response, url: str) -> bytes:
        limit = self.options.fetch_max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(Errors.E604, url=url, limit=limit)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(Errors.E604, url=url, limit=limit)
            chunks.append(chunk)
        return b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        return self.options.fetch_backoff * (2**attempt)

    def _retry_after(self, response: httpx.Response, attempt: int) -> float:
        value = response.headers.get("retry-after", "")
        if value.isdigit():
            return min(float(value), MAX_RETRY_AFTER)
        return self._backoff(attempt)

    def _wait_turn(self, url: str) -> None:
        """Per-host rate limit: at least ``fetch_host_interval`` seconds between requests."""
        host = urlsplit(url).netloc.lower()
        interval = self.options.fetch_host_interval
        now = time.monotonic()
        last = self._last.get(host)
        if last is not None and interval > 0 and now - last < interval:
            self.sleep(interval - (now - last))
        self._last[host] = time.monotonic()

    # -- robots.txt ---------------------------------------------------------

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(key + "/robots.txt")
        parser = self._robots[key]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def _load_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules; None (allow all) when it has none or cannot be read."""
        try:
            page = self._follow(robots_url, check_type=False)
        except FetchError as exc:
            if exc.code == "E602" and exc.details.get("status") in (401, 403):
                parser = urllib.robotparser.RobotFileParser()
                parser.disallow_all = True
                return parser
            if exc.code in ("E605", "E612"):
                raise
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(page.text.splitlines())
        return parser
