"""RSS and Atom feeds (feedparser): each entry's article, dated by the feed.

An entry with a link is fetched and extracted; one without a link (or a ``file:``
feed offline) is coded from its own content. Broken XML (feedparser's ``bozo``)
is recorded as E608, and the entries read before the break are kept; so is a feed
that makes feedparser itself fail (a "&#xd800;" in its loose parser).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Errors, InputError
from ..model import Document
from .dates import iso_date
from .html import extract_html
from .normalize import scrub
from .plain import extract_plain


@dataclass(slots=True)
class FeedEntry:
    """What a feed says about one article."""

    link: str | None
    title: str | None
    published: str | None
    content: str | None
    entry_id: str | None


def parse_feed(data: bytes, name: str) -> tuple[list[FeedEntry], InputError | None]:
    """Entries of a feed and, when its XML is broken, the E608 error to record."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's fallback parser raises several types on junk
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return [], InputError(Errors.E608, path=name, detail=detail)
    error = None
    if parsed.bozo:
        detail = str(parsed.get("bozo_exception") or "malformed XML").splitlines()[0]
        error = InputError(Errors.E608, path=name, detail=detail)
    entries = [_entry(e) for e in parsed.entries]
    if not entries and error is None and not parsed.get("version"):
        error = InputError(Errors.E608, path=name, detail="no RSS or Atom feed found")
    return entries, error


def _entry(entry: Any) -> FeedEntry:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = None
    if stamp:
        try:
            published = iso_date(time.strftime("%Y-%m-%d", stamp))
        except (ValueError, OverflowError, TypeError):  # a date no calendar has
            published = None
    content = None
    if entry.get("content"):
        content = entry["content"][0].get("value")
    content = content or entry.get("summary")
    return FeedEntry(
        link=_text(entry.get("link")),
        title=_text(entry.get("title")),
        published=published,
        content=_text(content),
        entry_id=_text(entry.get("id")),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def entry_documents(
    entries: list[FeedEntry],
    name: str,
    fetch_page: Callable[[str, str | None], Iterator[Document | InputError]],
) -> Iterator[Document | InputError]:
    """Articles of the entries: fetched through ``fetch_page(url, date)``, else their content."""
    for number, entry in enumerate(entries, start=1):
        if entry.link and entry.link.startswith(("http://", "https://")):
            yield from fetch_page(entry.link, entry.published)
            continue
        where = f"{name}#{number}"
        if not entry.content or not entry.content.strip():
            yield InputError(Errors.E002, path=where)
            continue
        try:
            if "<" in entry.content:
                document = extract_html(
                    f"<html><body><article>{entry.content}</article></body></html>",
                    path=where,
                    date=entry.published,
                )
            else:
                document = extract_plain(
                    entry.content, path=where, date=entry.published, find_headline=False
                )
        except InputError as exc:
            yield exc
            continue
        document.title = scrub(entry.title, "title", where, document.warnings) or document.title
        document.url = document.url or scrub(entry.link, "url", where, document.warnings)
        if entry.published and document.date_source in ("input", "option"):
            document.date_source = "feed"
        yield document
