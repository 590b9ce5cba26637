"""Convert TABARI/PETRARCH (Phoenix) actor and agent dictionaries to dyads YAML.

Actor blocks are a primary name line, ``+ALIAS`` lines and ``[CODE dates]`` lines,
where a code such as ``RUSGOV`` splits into country ``RUS`` and sector ``GOV`` and a
date restriction (``>080508``, ``<20010120``, ``670101-850728``) becomes a dated role.
An undated code in a dated block is what applies outside those dates. Agent lines
map a noun (``!SET!`` substitution sets expanded) to a ``~SECTOR`` code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DictionaryError, Errors
from .lint import sector_codes

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class _Block:
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def phoenix_date(text: str) -> dt.date:
    """TABARI dates: ``yymmdd`` (years up to 30 are 20yy) or ``yyyymmdd``."""
    text = text.strip()
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"unreadable date '{text}'")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def phoenix_name(text: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin`` (underscores are spaces)."""
    words = text.replace("_", " ").split()
    return " ".join(w if any(c.isdigit() for c in w) else w.title() for w in words)


def split_code(code: str, sectors: frozenset[str]) -> tuple[str | None, str | None]:
    """``RUSGOV`` -> (RUS, GOV); ``IGOUNO`` -> (UNO, IGO); ``ELI`` -> (None, ELI)."""
    code = code.strip().upper().lstrip("~")
    if not code or set(code) <= {"-", "+"}:
        return None, None
    if code.startswith("IGO"):
        return (code[3:6] or None), "IGO"
    if len(code) == 3 and code in sectors:
        return None, code
    country, rest = code[:3], code[3:6]
    return country, (rest if rest in sectors else None)


def parse_restriction(text: str) -> tuple[dt.date | None, dt.date | None, bool]:
    """(start, end, dated) from the part of a code block after the code."""
    text = text.strip()
    if not text:
        return None, None, False
    if text.startswith("<"):
        return None, phoenix_date(text[1:]), True
    if text.startswith(">"):
        return phoenix_date(text[1:]), None, True
    match = _DATE_RANGE.match(text)
    if match:
        return phoenix_date(match.group(1)), phoenix_date(match.group(2)), True
    raise ValueError(f"unreadable date restriction '{text}'")


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(Errors.E201, path=path, line=0, detail=str(exc)) from exc
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def read_actor_blocks(path: Path) -> Iterable[_Block]:
    block: _Block | None = None
    for raw in _lines(path):
        line = raw.strip()
        if not line:
            continue
        codes = _CODE.findall(line)
        name_part = _CODE.sub("", line).strip()
        if raw[:1] in " \t" and not name_part:
            if block is not None:
                block.codes.extend(codes)
            continue
        if line.startswith("+"):
            if block is not None and name_part[1:].strip():
                block.names.append(name_part[1:].strip())
                block.codes.extend(codes)
            continue
        if block is not None and block.names:
            yield block
        block = _Block([name_part] if name_part else [], list(codes))
    if block is not None and block.names:
        yield block


def convert_block(
    block: _Block, sectors: frozenset[str], problems: list[str] | None = None
) -> dict[str, Any] | None:
    """One dyads actor entry from a block; unreadable codes are noted in ``problems``."""
    roles: list[dict[str, Any]] = []
    plain: list[tuple[str | None, str | None]] = []
    for code in block.codes:
        head, _, rest = code.strip().partition(" ")
        country, sector = split_code(head, sectors)
        try:
            start, end, dated = parse_restriction(rest)
        except ValueError as exc:
            if problems is not None:
                problems.append(f"{phoenix_name(block.names[0])}: [{code}] skipped: {exc}")
            continue
        if dated:
            roles.append(
                {"title": None, "country": country, "sector": sector, "start": start, "end": end}
            )
        elif country or sector:
            plain.append((country, sector))
    if not roles and not plain:
        return None
    names = list(dict.fromkeys(phoenix_name(n) for n in block.names if phoenix_name(n)))
    entry: dict[str, Any] = {"id": "", "type": "group", "names": names}
    if roles:
        countries = [r["country"] for r in roles if r["country"]]
        entry["type"] = "person"
        entry["country"] = (plain[-1][0] if plain and plain[-1][0] else None) or (
            countries[-1] if countries else None
        )
        entry["roles"] = roles
        entry["outside_roles"] = plain[-1][1] if plain else None
        return entry
    country, sector = plain[0]
    if sector == "IGO":
        entry["type"] = "igo"
    elif sector is None and country:
        entry["type"] = "state"
    entry["country"] = country
    entry["sector"] = sector
    return entry


def read_agents(path: Path, sectors: frozenset[str]) -> dict[str, list[str]]:
    """Sector -> agent nouns, with ``!SET!`` substitutions expanded."""
    subst: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for raw in _lines(path):
        line = raw.strip()
        if not line:
            continue
        match = _SUBST.match(line)
        if match:
            subst[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        noun = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip()
        sector = codes[0].strip().lstrip("~")[:3].upper()  # ~GOVMIL: the first sector leads
        if not noun or sector not in sectors:
            continue
        for variant in _expand(noun, subst):
            text = variant.replace("_", " ").strip().lower()
            text = re.sub(r"\s+", " ", text)
            if text and text not in out.setdefault(sector, []):
                out[sector].append(text)
    return out


def _expand(noun: str, subst: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", noun)
    if not match or match.group(0) not in subst:
        return [noun]
    out: list[str] = []
    for word in subst[match.group(0)]:
        out.extend(_expand(noun[: match.start()] + word + noun[match.end() :], subst))
    return out


@dataclass
class PhoenixImport:
    """The converted dictionary and what could not be converted (never dropped silently)."""

    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def import_phoenix(directory: Path | str) -> PhoenixImport:
    """Convert every ``*actors*.txt`` and ``*agents*.txt`` in a folder into one YAML document."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DictionaryError(Errors.E201, path=directory, line=0, detail="not a directory")
    sectors = sector_codes()
    actors: list[dict[str, Any]] = []
    problems: list[str] = []
    used: set[str] = set()
    for path in sorted(directory.glob("*actors*.txt")):
        for block in read_actor_blocks(path):
            entry = convert_block(block, sectors, problems)
            if entry is None:
                continue
            entry["id"] = _unique_id(entry, used)
            actors.append(entry)
    agents: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*agents*.txt")):
        for sector, nouns in read_agents(path, sectors).items():
            bucket = agents.setdefault(sector, [])
            bucket.extend(n for n in nouns if n not in bucket)
    data: dict[str, Any] = {"version": 1, "actors": actors}
    if agents:
        data["agents"] = [{"sector": s, "nouns": n, "titles": []} for s, n in agents.items()]
    return PhoenixImport(data, problems)


def _unique_id(entry: dict[str, Any], used: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", entry["names"][0].lower()).strip("_") or "actor"
    prefix = "person" if entry["type"] == "person" else "phoenix"
    base = f"{prefix}.{slug}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}_{n}", n + 1
    used.add(ident)
    return ident


HEADER = (
    "# Converted by 'dyads actors import-phoenix' from TABARI/PETRARCH dictionaries in {source}.\n"
    "# Check the licence of the source files before redistributing this file.\n"
)
