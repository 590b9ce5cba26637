"""Publication dates, each recorded with where it came from.

Explicit statements win over guesses: an input's own date, then the page's meta
tags and JSON-LD, then htmldate's markup heuristics, then its text search. The
meta names are data (``data/ingest/dates.yaml``).

A given date may be written any common way: ISO 8601 ("2004-11-13T10:00:00Z"),
RFC 2822 ("Sat, 13 Nov 2004 10:00:00 +0000"), "November 13, 2004", "13 Nov 2004".
Day-month policy for all-number dates with the year last: month first, as US wires
and dateparser's English write them ("11/13/2004", "04/05/2004" is April 5), unless
the first number cannot be a month ("13/11/2004" is 13 November). Only a value with
no day, month and year in it ("next week", "2004", "n/a") is unreadable (W004).
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import DATA_DIR

DATES_FILE = DATA_DIR / "ingest" / "dates.yaml"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MAX_CHARS = 80  # a date string; longer values are prose, read only that far
_LD_DEPTH = 32  # real JSON-LD nests a few levels; a page may nest hundreds to break a reader


@cache
def _names(path: Path = DATES_FILE) -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    meta = tuple(str(n).lower() for n in data.get("meta") or ())
    return meta, tuple(str(n) for n in data.get("json_ld") or ())


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from a date, a datetime or a date string in a common format (see
    the module's policy); None if it is no real date ("2025-02-30", "yesterday")."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    text = value.strip()[:_MAX_CHARS]
    match = _ISO.search(text[:40])
    if match is None:
        return _written_date(text)
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:  # ISO-shaped and impossible: no other reading is better
        return None


@lru_cache(maxsize=4096)
def _written_date(text: str) -> str | None:
    """A day, month and year written out or all in numbers; never a relative phrase."""
    if not any(c.isdigit() for c in text):
        return None  # "yesterday", "n/a": nothing dates it
    import dateparser  # imported late: ISO dates, the common case, never need it

    settings: Any = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
        "DATE_ORDER": "MDY",
        "PARSERS": ["custom-formats", "absolute-time"],  # no epoch numbers, no "2 days ago"
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # a day dateparser cannot place (year 1, year 9999)
        return None
    return parsed.date().isoformat() if parsed else None


def parse_loose_date(value: str) -> str | None:
    """A full day-month-year written out ("June 19, 2024"), as ``YYYY-MM-DD``."""
    found = iso_date(value)
    if found:
        return found
    import dateparser  # imported late: only text datelines need it

    settings: Any = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # a day dateparser cannot place (year 1, year 9999)
        return None
    return parsed.date().isoformat() if parsed else None


def meta_date(tree: Any) -> str | None:
    """The date a page declares in its meta tags or JSON-LD, if any."""
    meta_names, ld_keys = _names()
    by_name: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and key.lower() not in by_name:
            by_name[key.lower()] = content
    for name in meta_names:
        found = iso_date(by_name.get(name))
        if found:
            return found
    for element in tree.iterfind(".//time[@itemprop]"):
        if element.get("itemprop", "").lower() == "datepublished":
            found = iso_date(element.get("datetime") or element.text_content())
            if found:
                return found
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        found = _from_json_ld(data, ld_keys)
        if found:
            return found
    return None


def _from_json_ld(data: Any, keys: tuple[str, ...], depth: int = 0) -> str | None:
    """The first date under ``keys``, in lists and ``@graph``s at most ``_LD_DEPTH`` deep."""
    if depth > _LD_DEPTH:
        return None
    if isinstance(data, list):
        for item in data:
            found = _from_json_ld(item, keys, depth + 1)
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return None
    for key in keys:
        found = iso_date(data.get(key))
        if found:
            return found
    graph = data.get("@graph")
    return _from_json_ld(graph, keys, depth + 1) if graph else None


def guessed_date(tree: Any, *, url: str | None, extensive: bool) -> str | None:
    """htmldate's estimate; pass it a parsed tree, never a string (a string may be a URL)."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=extensive, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
