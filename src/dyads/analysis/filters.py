"""Event filters shared by every command: actor codes, types, modalities, dates, text,
and where events happened (their location's country, or a radius around a point).

Actor codes match by prefix or country: ``USA`` matches ``USA``, ``USAGOV`` and
``USAMIL`` (any code that starts with it) and any actor whose country is ``USA``;
``USAGOV`` matches ``USAGOV`` and longer codes that start with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import Errors, QueryError
from ..model import MODALITIES, PLOVER_TYPES

ROLES: tuple[str, ...] = ("source", "target", "attributed_to")
EARTH_KM = 6371.0
MAX_RADIUS_KM = 20_040.0  # half the earth's circumference: every point is nearer
LEVELS: tuple[str, ...] = ("country", "code")
NO_COUNTRY = "(no country)"


def parse_date(value: str | dt.date | None, option: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), or a coded error naming the option."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise QueryError(Errors.E704, value=value, option=option, detail=str(exc)) from exc


def normalize_code(code: str, option: str = "actor") -> str:
    clean = code.strip().upper()
    if not clean or not clean.isalnum():
        raise QueryError(
            Errors.E706, value=code, option=option, detail="an actor code is letters and digits"
        )
    return clean


def split_choices(value: str | None, choices: tuple[str, ...], option: str) -> list[str]:
    """``"accuse,threaten"`` -> ``["ACCUSE", "THREATEN"]``, each checked against ``choices``."""
    if value is None:
        return []
    items = [v.strip() for v in value.split(",") if v.strip()]
    upper = choices[0].isupper()
    items = [v.upper() if upper else v.lower() for v in items]
    for item in items:
        if item not in choices:
            detail = "choose from " + ", ".join(choices)
            raise QueryError(Errors.E706, value=item, option=option, detail=detail)
    return items


def modalities(value: str | None) -> list[str]:
    """``asserted`` (default in analyses), a comma list, or ``all`` (no filter)."""
    if value is None or value.strip().lower() == "all":
        return []
    return split_choices(value, MODALITIES, "--modality")


def actor_sql(role: str, code: str, alias: str = "") -> tuple[str, list[Any]]:
    """SQL matching one role (source, target, attributed_to) against a code."""
    col = f"{alias}{role}"
    return f"(starts_with({col}_code, ?) OR {col}_country = ?)", [code, code]


def _is_code(value: str) -> bool:
    clean = value.strip()
    return bool(clean) and clean.isalnum()


def actor_or_name_sql(value: str, alias: str = "") -> tuple[str, list[Any]]:
    """``actor``: a code (by prefix or country, on either side) or words that start a
    word of the source's or target's name, case-insensitively ("ruto", "William Ruto").
    A value in capitals ("UKR") is a code only, as it always was."""
    if not value.strip():
        raise QueryError(Errors.E706, value=value, option="--actor", detail="it is empty")
    if value.strip().isupper() and _is_code(value):
        code = normalize_code(value, "--actor")
        either = [actor_sql(role, code, alias) for role in ("source", "target")]
        return "(" + " OR ".join(s for s, _ in either) + ")", [v for _, p in either for v in p]
    needle = "(?i)\\b" + re.escape(value.strip())
    parts = [f"regexp_matches({alias}source_name, ?)", f"regexp_matches({alias}target_name, ?)"]
    params: list[Any] = [needle, needle]
    if _is_code(value):
        code = normalize_code(value, "--actor")
        for role in ("source", "target"):
            sql, values = actor_sql(role, code, alias)
            parts.append(sql)
            params.extend(values)
    return "(" + " OR ".join(parts) + ")", params


def location_countries(value: str) -> list[str]:
    """``"SYR,irq"`` -> ``["SYR", "IRQ"]``: ISO 3166 alpha-3 codes of event locations."""
    codes = [v.strip().upper() for v in value.split(",") if v.strip()]
    if not codes:
        raise QueryError(
            Errors.E706, value=value, option="--location-country", detail="it is empty"
        )
    for code in codes:
        if len(code) != 3 or not code.isalpha():
            detail = "an ISO 3166 alpha-3 country code (SYR, USA), or a comma list of them"
            raise QueryError(Errors.E706, value=code, option="--location-country", detail=detail)
    return codes


def parse_point(value: str) -> tuple[float, float]:
    """``"36.2,37.1"`` -> (latitude, longitude), each checked."""
    parts = value.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError as exc:
        detail = "LAT,LON in decimal degrees, for example 36.2,37.15"
        raise QueryError(Errors.E706, value=value, option="--near", detail=detail) from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        detail = "latitude within -90..90 and longitude within -180..180"
        raise QueryError(Errors.E706, value=value, option="--near", detail=detail)
    return lat, lon


def parse_radius(value: str | float) -> float:
    try:
        km = float(value)
    except (TypeError, ValueError) as exc:
        detail = "kilometres, a number"
        raise QueryError(
            Errors.E706, value=str(value), option="--radius-km", detail=detail
        ) from exc
    if not 0 < km <= MAX_RADIUS_KM:
        detail = f"more than 0 and at most {MAX_RADIUS_KM:g} km"
        raise QueryError(Errors.E706, value=str(value), option="--radius-km", detail=detail)
    return km


def near_sql(lat: float, lon: float, km: float, alias: str = "") -> tuple[str, list[Any]]:
    """Events whose location lies within ``km`` of a point (haversine, R = 6371 km)."""
    col = f"{alias}latitude", f"{alias}longitude"
    sql = (
        f"({col[0]} IS NOT NULL AND {EARTH_KM * 2} * asin(least(1.0, sqrt("
        f"pow(sin(radians({col[0]} - ?) / 2), 2) + cos(radians(?)) * cos(radians({col[0]})) "
        f"* pow(sin(radians({col[1]} - ?) / 2), 2)))) <= ?)"
    )
    return sql, [lat, lat, lon, km]


@dataclass(slots=True)
class EventFilter:
    """What to select from the ``events`` view; every field optional."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    text: str | None = None
    location_country: str | None = None
    near: str | None = None  # "LAT,LON"
    radius_km: str | float | None = None

    def codes(self) -> list[tuple[str, str]]:
        """(option, code) pairs to check against the store when nothing matched (an
        ``actor`` that is no code is a name search: nothing to check)."""
        pairs = [("--source", self.source), ("--target", self.target)]
        if self.actor and _is_code(self.actor):
            pairs.insert(0, ("--actor", self.actor))
        return [(option, normalize_code(code, option)) for option, code in pairs if code]

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """A WHERE clause (``"TRUE"`` when empty) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, values: list[Any]) -> None:
            parts.append(sql)
            params.extend(values)

        if self.actor:
            add(*actor_or_name_sql(self.actor, alias))
        if self.source:
            add(*actor_sql("source", normalize_code(self.source, "--source"), alias))
        if self.target:
            add(*actor_sql("target", normalize_code(self.target, "--target"), alias))
        types = split_choices(self.type, PLOVER_TYPES, "--type")
        if types:
            add(f"{alias}type IN ({', '.join('?' * len(types))})", types)
        mods = modalities(self.modality)
        if mods:
            add(f"{alias}modality IN ({', '.join('?' * len(mods))})", mods)
        since = parse_date(self.since, "--since")
        until = parse_date(self.until, "--until")
        if since and until and until < since:
            raise QueryError(
                Errors.E704, value=str(until), option="--until", detail=f"before --since {since}"
            )
        if since:
            add(f"{alias}date >= ?", [since])
        if until:
            add(f"{alias}date <= ?", [until])
        if self.text:
            needle = f"%{self.text}%"
            add(f"({alias}sentence ILIKE ? OR {alias}trigger_text ILIKE ?)", [needle, needle])
        if self.location_country:
            codes = location_countries(self.location_country)
            add(f"{alias}location_country IN ({', '.join('?' * len(codes))})", codes)
        if (self.near is None) != (self.radius_km is None):
            option, detail = (
                ("--radius-km", "give --near LAT,LON with it")
                if self.near is None
                else ("--near", "give --radius-km N with it")
            )
            value = str(self.radius_km if self.near is None else self.near)
            raise QueryError(Errors.E706, value=value, option=option, detail=detail)
        if self.near is not None:
            add(*near_sql(*parse_point(self.near), parse_radius(self.radius_km), alias))
        return (" AND ".join(parts) or "TRUE"), params

    def to_dict(self) -> dict[str, str]:
        """The filters that are set, as text (an export's sidecar and header)."""
        names = (
            "actor", "source", "target", "type", "modality", "since", "until", "text",
            "location_country", "near", "radius_km",
        )  # fmt: skip
        values = {name: getattr(self, name) for name in names}
        return {name: str(value) for name, value in values.items() if value}

    def describe(self) -> str:
        """The filters in words, for the empty-result message."""
        shown = [f"--{name.replace('_', '-')} {value}" for name, value in self.to_dict().items()]
        return " ".join(shown) or "(no filters)"


def known_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every actor code and country in the store's events (for suggestions)."""
    rows = con.execute(
        "SELECT DISTINCT c FROM (SELECT unnest([source_code, target_code, attributed_to_code, "
        "source_country, target_country, attributed_to_country]) AS c FROM events) "
        "WHERE c IS NOT NULL ORDER BY c"
    ).fetchall()
    return [row[0] for row in rows]


def check_level(by: str) -> str:
    """``country`` or ``code``: how analyses group actors (``--by``)."""
    if by not in LEVELS:
        raise QueryError(Errors.E706, value=by, option="--by", detail="country or code")
    return by


def group_sql(role: str, by: str, alias: str = "") -> str:
    """The SQL key that groups one role's actors: its country (``(no country)`` for a
    countryless code such as ``GOV``), or its full code; NULL when the role is empty."""
    col = f"{alias}{role}"
    if check_level(by) == "code":
        return f"{col}_code"
    return (
        f"CASE WHEN {col}_code IS NULL THEN NULL ELSE coalesce({col}_country, '{NO_COUNTRY}') END"
    )


def check_actor(con: duckdb.DuckDBPyConnection, code: str, path: str) -> None:
    """Raise E701 if no stored actor matches ``code``, with close matches (or the store's
    most frequent codes) and a command, naming the store, that lists every code."""
    known = known_codes(con)
    if any(k.startswith(code) for k in known):
        return
    close = difflib.get_close_matches(code, known, n=5, cutoff=0.3)
    if close:
        hint = "Did you mean: " + ", ".join(close) + "?"
    else:
        rows = con.execute(
            "SELECT c FROM (SELECT unnest([source_code, target_code]) AS c FROM events) "
            "WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c LIMIT 5"
        ).fetchall()
        frequent = [row[0] for row in rows]
        hint = (
            "No close match; the most frequent codes are: " + ", ".join(frequent) + "."
            if frequent
            else "The store has no actors yet."
        )
    where = f" --db {path}" if path and not path.startswith("<") else ""
    listing = "SELECT code, name, events FROM actors ORDER BY events DESC"
    hint += f' See every code with: dyads query{where} "{listing}"'
    raise QueryError(Errors.E701, code=code, path=path, hint=hint)
