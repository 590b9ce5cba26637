"""When an event happened: the document's date unless the trigger's clause says otherwise.

"on Tuesday", "yesterday", "last week", "on March 3", "in May" are resolved against
the publication date, preferring the past (news reports what happened), into
(YYYY-MM-DD, precision day|month|year). The expressions live in
``data/dates/relative.yaml``. Calendar dates ("16 and 17 July", "March 3, 2004",
"in May") are read here, not guessed: a number after a month name is a day (1-31)
or a four-digit year, so "July 36 civilians" is never 1936. No date is later than
the day after publication: a year-less day that would be is last year's, any other
is not trusted. An event whose clause gives no date takes the document's, with
precision ``document``; without a document date it has none (precision ``none``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

RELATIVE_FILE = Path(__file__).resolve().parent.parent / "data" / "dates" / "relative.yaml"
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "parataxis"})
_MONTHS: dict[str, int] = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}


@lru_cache(maxsize=1)
def _patterns(path: Path = RELATIVE_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for entry in data["patterns"]:
        regex = entry["regex"]
        for name in ("weekday", "month", "day"):
            regex = regex.replace("{" + name + "}", data[name])
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
        calendar_date = _calendar_date(expression, precision, base.date())
        if calendar_date is not False:
            return calendar_date
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


def _calendar_date(expression: str, precision: str, base: dt.date) -> tuple[str, str] | bool | None:
    """A date naming its month, read by hand: (date, precision), None when it is no
    possible date (Feb 30, a stated year after publication), False when ``expression``
    names no month (dateparser reads it)."""
    words = re.findall(r"[a-z]+|[0-9]+", expression.lower())
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    if month is None:
        return False
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if len(str(n)) == 4), None)
    day = next((n for n in numbers if n <= 31), 1) if precision == "day" else 1
    try:
        found = dt.date(year or base.year, month, day)
        if found > base + dt.timedelta(days=1):
            if year is not None:
                return None
            found = found.replace(year=base.year - 1)  # "on December 30" in January's news
    except ValueError:  # Feb 30; Feb 29 of a year without one; before year 1
        return None
    return found.isoformat(), precision


def resolve_event_date(trigger: Token, doc_date: str | None) -> tuple[str | None, str]:
    """(YYYY-MM-DD or None, precision) for the event whose trigger is ``trigger``:
    precision day|month|year from its clause, ``document`` when the document's date
    is inherited, ``none`` without any."""
    if not doc_date:
        return None, "none"
    try:
        found = resolve_relative(clause_text(trigger), doc_date)
    except (ValueError, OverflowError):  # "on Tuesday" in a paper dated 0001-01-01
        found = None
    return found if found is not None else (doc_date, "document")
