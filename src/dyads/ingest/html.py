"""HTML pages: trafilatura finds the article, dyads keeps its paragraphs and provenance.

trafilatura 2.3.1's ``bare_extraction`` returns the body as lines, one per block
element (paragraph, heading, list item); each line becomes a paragraph, then goes
through the same furniture rules as plain text. Comments are never extracted.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from ..errors import Errors, InputError, Warnings
from ..model import Document
from .dates import guessed_date, iso_date, meta_date
from .layout import clean_page, join_paragraphs
from .normalize import printable, scrub


def extract_html(
    html: str,
    *,
    url: str | None = None,
    path: str | None = None,
    doc_id: str | None = None,
    date: str | None = None,
) -> Document:
    """A Document from an HTML page: main text, title, byline, site and a sourced date.

    Raises ``InputError``: E002 when the page is empty, E007 when trafilatura finds
    no article body in it. Lone surrogates are replaced (W005), as in ``extract_plain``.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    name = printable(path or url or "<html>")
    early: list[str] = []
    html = scrub(html, "html", name, early) or ""
    url, doc_id, date = (
        scrub(value, field, name, early)
        for field, value in (("url", url), ("id", doc_id), ("date", date))
    )
    if not html.strip():
        raise InputError(Errors.E002, path=name)
    tree = load_html(html)
    if tree is None:
        raise InputError(Errors.E007, path=name)
    result: Any = bare_extraction(
        deepcopy(tree),
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not (result.text or "").strip():
        raise InputError(Errors.E007, path=name)
    title = (result.title or "").strip() or None
    blocks = [[line] for line in result.text.split("\n") if line.strip()]
    page = clean_page(blocks, title=title, find_headline=False)
    body, spans = join_paragraphs(page.paragraphs)
    if not body:
        raise InputError(Errors.E007, path=name)
    page_url = url or result.url
    published, date_source, warnings = _date(
        tree, date, result.date, page.published, name, page_url
    )

    def clean(value: str | None, field: str) -> str | None:
        return scrub(value, field, name, warnings)  # a parser may make "&#xd800;" a surrogate

    body = clean(body, "text") or body
    return Document(
        doc_id=doc_id or Document.content_id(body),
        text=body,
        title=clean(page.title, "title"),
        byline=clean((result.author or "").strip() or page.byline, "byline"),
        site=clean((result.sitename or "").strip() or None, "site"),
        url=clean(page_url, "url"),
        path=path and name,
        published=published,
        date_source=date_source,
        credits=page.credits,
        paragraphs=spans,
        warnings=early + warnings,
    )


def _date(
    tree: Any,
    given: str | None,
    found: str | None,
    dateline: str | None,
    name: str,
    url: str | None,
) -> tuple[str | None, str | None, list[str]]:
    """Most explicit first: the given date, the page's meta tags and JSON-LD, htmldate's
    markup search, a dateline in the text, and last htmldate's text search (a guess)."""
    warnings: list[str] = []
    if given:
        if iso_date(given):
            return iso_date(given), "input", warnings
        warnings.append(Warnings.W004.format(path=name, value=given))
    declared = meta_date(tree)
    if declared:
        return declared, "html-meta", warnings
    quick = iso_date(found)  # trafilatura ran htmldate with extensive_search=False
    if quick:
        return quick, "htmldate", warnings
    if dateline:
        return dateline, "text", warnings
    guess = iso_date(guessed_date(deepcopy(tree), url=url, extensive=True))
    if guess:
        warnings.append(Warnings.W003.format(path=name, source="htmldate's text search"))
        return guess, "htmldate-extensive", warnings
    return None, None, warnings
