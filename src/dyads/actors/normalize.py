"""Name keys: one normal form for dictionary aliases, typed names and spaCy tokens.

Aliases, ``resolve_name`` input and spaCy token sequences must all reduce to the
same key, or lookups silently miss. The key is a space-joined list of lowercase
ASCII word pieces: accents folded, curly quotes straightened, dots dropped
("U.S." == "US" == "U.S"), hyphens split, and a possessive "'s" kept as its own
piece so "Russia's" never collides with "Russias".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..errors import Errors, InputError

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_PIECE = re.compile(r"'s(?![a-z0-9])|[a-z0-9]+")
_CASED_PIECE = re.compile(r"'[sS](?![A-Za-z0-9])|[A-Za-z0-9]+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


# letters NFKD does not decompose to ASCII: Turkish dotless i ("Kalın"), the Nordic and
# Polish slashed letters, German sharp s, ligatures
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae",
                          "œ": "oe", "þ": "th", "ð": "d"})  # fmt: skip


def fold(text: str) -> str:
    """Lowercase, strip accents, straighten quotes and drop dots."""
    text = text.translate(_QUOTES).lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace(".", "")


def pieces(text: str) -> list[str]:
    """The word pieces of a text, in order (possessive ``'s`` is a piece of its own)."""
    return _PIECE.findall(fold(text))


def cased_pieces(text: str) -> tuple[list[str], list[bool] | None]:
    """Pieces plus, per piece, whether it was capitalised (None for all-lowercase text).

    Typed names keep their case so "an amusement park" never reads "park" as the
    surname Park; text typed all in lowercase is taken as case-blind.
    """
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    found = _CASED_PIECE.findall(text.replace(".", ""))
    keys = [p.lower() for p in found]
    if text == text.lower():
        return keys, None
    return keys, [p[:1].isupper() for p in found]


def upper_flags(text: str) -> list[bool]:
    """Per piece (as ``cased_pieces`` splits them), whether it is written all in capitals.

    Short acronyms ("UN", "WHO", "U.S.") are only read as names when written so, never
    the "Un" of "Kim Jong Un" or a typed "car".
    """
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [p.isupper() for p in _CASED_PIECE.findall(text.replace(".", ""))]


def is_upper(text: str) -> bool:
    """A token written in capitals, dots aside ("UN", "U.N.")."""
    return text.replace(".", "").isupper()


@lru_cache(maxsize=200_000)
def token_key(text: str) -> str:
    """The key of one spaCy token (may hold several pieces, e.g. ``Jean-Yves``)."""
    return " ".join(_PIECE.findall(fold(text)))


def name_key(text: str) -> str:
    """The lookup key of an alias: pieces joined by spaces, a leading 'the' removed."""
    parts = pieces(text)
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    return " ".join(parts)


def plural_forms(phrase: str) -> list[str]:
    """Regular plurals of a key's last word: soldier -> soldiers, militia -> militias."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms: list[str] = []
    if last.endswith("man") and len(last) > 3:
        forms.append(last[:-3] + "men")
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.append(last[:-1] + "ies")
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        forms.append(last + "es")
    else:
        forms.append(last + "s")
    return [prefix + f for f in forms]


def parse_date(value: str | dt.date | None) -> dt.date:
    """A coding date: ISO ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) or a date; None is today."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) >= 10 and _ISO_DATE.match(text[:10]):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InputError(Errors.E203, value=value, detail=str(exc)) from exc
    partial = _PARTIAL_DATE.match(text)
    if partial:  # month or year precision: its first day
        year, month = int(partial.group(1)), int(partial.group(2) or 1)
        if 1 <= month <= 12:
            return dt.date(year, month, 1)
    raise InputError(Errors.E203, value=value, detail="not an ISO date")
