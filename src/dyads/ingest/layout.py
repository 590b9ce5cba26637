"""From the lines of a page to clean paragraphs and the metadata taken out of them.

Plain-text scrapes and trafilatura's output share this step. A page arrives as
blocks (runs of lines between blank lines); each line is classified with the
furniture rules, the headline, byline, credits and dateline are lifted out, the
page tail is cut, and the remaining lines become paragraphs. ``Document.text`` is
the paragraphs joined by a blank line, so no sentence can run across paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Span
from .dates import parse_loose_date
from .furniture import LineKind, Rules, load_rules, squash
from .normalize import normalize_for_nlp

PARAGRAPH_SEPARATOR = "\n\n"
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_LINES = 3


@dataclass
class Page:
    """What was lifted out of a page, and the paragraphs left for the coder."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    credits: list[str] = field(default_factory=list)
    published: str | None = None


@dataclass
class _Line:
    block: int
    text: str
    kind: LineKind


def split_blocks(text: str) -> list[list[str]]:
    """Blocks of non-empty lines, split at blank (or whitespace-only) lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def join_paragraphs(paragraphs: list[str]) -> tuple[str, list[Span]]:
    """The clean text and each paragraph's span in it."""
    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append(Span(text=paragraph, start=offset, end=offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), spans


def same_text(a: str | None, b: str | None) -> bool:
    """Equal once quotes, spaces and case are normalized (headline vs. metadata title)."""
    if not a or not b:
        return False
    return squash(normalize_for_nlp(a)).casefold() == squash(normalize_for_nlp(b)).casefold()


def clean_page(
    blocks: list[list[str]],
    *,
    title: str | None = None,
    find_headline: bool = True,
    rules: Rules | None = None,
) -> Page:
    """Lift headline, byline, credits and dateline out of ``blocks``; drop furniture and tail.

    With ``title`` given, a first block equal to it is dropped as the headline;
    otherwise, with ``find_headline``, a short first block that does not read as a
    sentence is taken as the headline.
    """
    rules = rules or load_rules()
    page = Page(title=title)
    lines = [
        _Line(b, line, rules.classify(line)) for b, block in enumerate(blocks) for line in block
    ]
    lines = _take_headline(lines, page, find_headline)
    lines = _cut_tail(lines)
    lines = _drop_bio(lines, rules.max_bio_chars)
    kept: list[_Line] = []
    body_started = False
    for line in lines:
        kind = line.kind.kind
        if kind == "dateline" and not body_started and line.kind.value:
            found = parse_loose_date(line.kind.value)
            if found:
                page.published = page.published or found
                continue
            kind = "text"
        if kind == "byline":
            page.byline = page.byline or line.kind.value
        elif kind == "credit":
            if line.kind.value and line.kind.value not in page.credits:
                page.credits.append(line.kind.value)
        elif kind in ("text", "dateline"):
            kept.append(line)
            body_started = True
        # furniture and stray tail markers are dropped
    page.paragraphs = _paragraphs(kept, lines)
    return page


def _take_headline(lines: list[_Line], page: Page, find_headline: bool) -> list[_Line]:
    first_text = next((ln for ln in lines if ln.kind.kind == "text"), None)
    if first_text is None:
        return lines
    block = [ln for ln in lines if ln.block == first_text.block]
    later_text = any(ln.kind.kind == "text" and ln.block != first_text.block for ln in lines)
    if not later_text or any(ln.kind.kind != "text" for ln in block):
        return lines
    joined = squash(" ".join(ln.text for ln in block))
    if page.title is not None:
        is_headline = same_text(joined, page.title)
    else:
        is_headline = find_headline and _looks_like_headline(block, joined)
    if not is_headline:
        return lines
    page.title = page.title or joined
    return [ln for ln in lines if ln.block != first_text.block]


def _looks_like_headline(block: list[_Line], joined: str) -> bool:
    if len(block) > _HEADLINE_MAX_LINES or len(joined) > _HEADLINE_MAX_CHARS:
        return False
    if joined.endswith(".") and not joined.endswith("..."):
        return False
    return len(joined.split()) >= 2


def _cut_tail(lines: list[_Line]) -> list[_Line]:
    """Drop everything from a tail marker on, if the body has begun and most text is above it."""
    sizes = [len(ln.text) if ln.kind.kind == "text" else 0 for ln in lines]
    total = sum(sizes)
    before = 0
    for index, line in enumerate(lines):
        if line.kind.kind == "tail" and before > 0 and before >= total - before:
            return lines[:index]
        before += sizes[index]
    return lines


def _drop_bio(lines: list[_Line], max_bio_chars: int) -> list[_Line]:
    """A "By <name>" line after the body, followed by little text, starts an author bio."""
    seen_text = False
    for index, line in enumerate(lines):
        if line.kind.kind == "text":
            seen_text = True
        elif line.kind.kind == "byline" and seen_text:
            rest = sum(len(ln.text) for ln in lines[index + 1 :] if ln.kind.kind == "text")
            if rest <= max_bio_chars:
                return lines[: index + 1]  # the byline itself is still read for its name
    return lines


def _paragraphs(kept: list[_Line], all_lines: list[_Line]) -> list[str]:
    """Group kept lines into paragraphs: a dropped line, a new block or a finished sentence
    followed by a capital ends a paragraph; other line breaks are hard wraps."""
    position = {id(ln): i for i, ln in enumerate(all_lines)}
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in kept:
        joins = (
            previous is not None
            and previous.block == line.block
            and position[id(line)] == position[id(previous)] + 1
            and not (_ENDS_SENTENCE.search(previous.text) and not line.text[:1].islower())
        )
        if joins:
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs
