"""Plain text, including pages scraped to text with their furniture still in them."""

from __future__ import annotations

from ..errors import Errors, InputError, Warnings
from ..model import Document
from .dates import iso_date
from .layout import clean_page, join_paragraphs, split_blocks
from .markup import clean_markup
from .normalize import printable, scrub


def extract_plain(
    text: str,
    *,
    path: str | None = None,
    doc_id: str | None = None,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
    find_headline: bool | None = None,
) -> Document:
    """A Document from plain text: headline, byline, credits and furniture lifted out.

    Without ``title``, a short first block that does not read as a sentence is the
    headline; with it, a first block repeating the title is dropped. Pass
    ``find_headline=False`` for body-only text (JSONL records). Raises
    ``InputError`` (E002) when nothing is left to code. Lone surrogates in any argument
    are replaced (W005), so nothing downstream meets a string it cannot encode.
    """
    name = printable(path or "<text>")
    warnings: list[str] = []
    text = scrub(text, "text", name, warnings) or ""
    doc_id, date, url, title = (
        scrub(value, field, name, warnings)
        for field, value in (("id", doc_id), ("date", date), ("url", url), ("title", title))
    )
    page = clean_page(
        split_blocks(clean_markup(text)),
        title=title,
        find_headline=title is None if find_headline is None else find_headline,
    )
    body, spans = join_paragraphs(page.paragraphs)
    if not body:
        raise InputError(Errors.E002, path=name)
    published, date_source = iso_date(date) if date else None, None
    if published:
        date_source = "input"
    elif date:
        warnings.append(Warnings.W004.format(path=name, value=date))
    if published is None and page.published:
        published, date_source = page.published, "text"
    return Document(
        doc_id=doc_id or Document.content_id(body),
        text=body,
        title=page.title,
        byline=page.byline,
        url=url,
        path=path and name,
        published=published,
        date_source=date_source,
        credits=page.credits,
        paragraphs=spans,
        warnings=warnings,
    )
