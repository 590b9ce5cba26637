"""When an event happened: the document's date unless the sentence says otherwise.

The ingest stage may replace ``resolve_event_date`` with relative-date handling
("on Tuesday", "last week" resolved against the publication date).
"""

from __future__ import annotations

from spacy.tokens import Token


def resolve_event_date(trigger: Token, doc_date: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD or None, precision) for the event whose trigger is ``trigger``."""
    return doc_date, ("day" if doc_date else None)
