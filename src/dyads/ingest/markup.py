"""Wiki and HTML-entity markup left in text dumps, read as the words it shows.

Wikinews and other wiki exports keep templates (``{{byline|date=...}}``, often cut
short), external links (``[http://example.org label]``), internal links
(``[[Target|label]]``, ``w:human rights``) and entities (``&mdash;``). A coder that
reads them as words loses sentences and names, so plain-text input is shown as a
reader would see it. Written by hand (no wiki parser in our dependencies handles
truncated templates), and applied only where such markup occurs.
"""

from __future__ import annotations

import html
import re

_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_TEMPLATE_CUT = re.compile(r"\{\{\s*byline\s*\|\s*date\s*=?", re.IGNORECASE)
_EXTERNAL = re.compile(r"\[(?:https?|ftp)://[^\s\]]+(?:\s+([^\]]*))?\]")
_INTERNAL = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_INTERWIKI = re.compile(r"(?<![\w/])w:(?=\w)")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_MARKERS = ("{{", "[http", "[[", "w:", "&")


def clean_markup(text: str) -> str:
    """The text with wiki markup and HTML entities replaced by what they show."""
    if not any(m in text for m in _MARKERS):
        return text
    text = _TEMPLATE.sub("", text)
    text = _TEMPLATE_CUT.sub("", text)
    text = _EXTERNAL.sub(lambda m: (m.group(1) or "").strip(), text)
    text = _INTERNAL.sub(lambda m: m.group(1), text)
    text = _INTERWIKI.sub("", text)
    if _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text
