"""When an event happened: the document's date unless the trigger's clause says otherwise.

"on Tuesday", "yesterday", "last week", "on March 3", "in May" are resolved with
dateparser against the publication date, preferring the past (news reports what
happened), into (YYYY-MM-DD, precision day|month|year). The expressions live in
``data/dates/relative.yaml``. A resolved date after the publication date is not
trusted and the publication date is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

RELATIVE_FILE = Path(__file__).resolve().parent.parent / "data" / "dates" / "relative.yaml"
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "parataxis"})


@lru_cache(maxsize=1)
def _patterns(path: Path = RELATIVE_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for entry in data["patterns"]:
        regex = (
            entry["regex"].replace("{weekday}", data["weekday"]).replace("{month}", data["month"])
        )
        out.append((re.compile(regex, re.IGNORECASE), entry["precision"]))
    return tuple(out)


def clause_text(trigger: Token) -> str:
    """The text of the clause the trigger belongs to (its nearest clause head's subtree)."""
    head = trigger
    while head.dep_ not in _CLAUSE_DEPS and head.head != head:
        head = head.head
    sent = trigger.sent
    first = max(head.left_edge.i, sent.start)
    last = min(head.right_edge.i + 1, sent.end)
    return trigger.doc[first:last].text  # a Span's text: Doc.text would rebuild the whole page


def resolve_relative(text: str, doc_date: str) -> tuple[str, str] | None:
    """(date, precision) for the first relative expression in ``text``, or None."""
    import dateparser

    base = dt.datetime.fromisoformat(doc_date)
    for pattern, precision in _patterns():
        match = pattern.search(text)
        if match is None:
            continue
        expression = re.sub(r"^(?:on|in)\s+", "", match.group(0), flags=re.IGNORECASE)
        if expression.strip().lower() == base.strftime("%A").lower():
            return base.date().isoformat(), "day"  # "on Wednesday" in Wednesday's paper
        settings = {
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        if precision == "month":
            settings["PREFER_DAY_OF_MONTH"] = "first"
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)
        if parsed is None or parsed.date() > base.date():
            return None
        day = parsed.date()
        if precision == "month":
            day = day.replace(day=1)
        elif precision == "year":
            day = day.replace(month=1, day=1)
        return day.isoformat(), precision
    return None


def resolve_event_date(trigger: Token, doc_date: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD or None, precision) for the event whose trigger is ``trigger``."""
    if not doc_date:
        return None, None
    try:
        found = resolve_relative(clause_text(trigger), doc_date)
    except (ValueError, OverflowError):  # "on Tuesday" in a paper dated 0001-01-01
        found = None
    return found if found is not None else (doc_date, "day")
