"""One actor dictionary entry and its dated roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ACTOR_TYPES: tuple[str, ...] = (
    "state", "igo", "organ", "group", "person", "metonym", "capital", "city", "media", "party",
)  # fmt: skip
GEOGRAPHIC_TYPES = frozenset({"state", "capital", "city", "metonym"})
ORGANIZATION_TYPES = frozenset({"group", "party", "media"})


@dataclass(frozen=True, slots=True)
class Role:
    """An office held between two dates (either end open)."""

    title: str | None
    country: str | None
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class ActorEntry:
    """A dictionary actor: a state, IGO, body, group, person, metonym or place."""

    id: str
    type: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    outside_roles: str | None = None
    surname: str | None = None
    parent: str | None = None
    notes: str | None = None
    code: str | None = None  # groups and parties: their own short code ("SDF", "HTS")
    seat_of: str | None = None  # an IGO this place stands for where a text names it (EU)
    namesake_in: str | None = None  # a state where the bare name is also a place (Georgia)
    # a transnational group's countries of operation: placed by context only in one of them
    active_in: tuple[str, ...] = ()
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def group_code(self) -> str | None:
        """A group's or party's own code, appended to its country and sector code so
        that "SYRREB" is never five different groups: the entry's ``code``, else the
        upper-cased last part of its id ("group.sdf" -> "SDF"; "group.al_shabaab" ->
        "ALSHABAAB", at most ten letters)."""
        if self.type not in ("group", "party"):
            return None
        if self.code:
            return self.code
        tail = self.id.rsplit(".", 1)[-1].replace("_", "").replace("-", "")
        return tail.upper()[:10] or None

    @property
    def display_name(self) -> str:
        return self.names[0] if self.names else self.id

    @property
    def home_country(self) -> str | None:
        """The entry's country, or for a person without one, that of their latest role."""
        if self.country:
            return self.country
        dated = [r for r in self.roles if r.country]
        if not dated:
            return None
        return max(dated, key=lambda r: r.start or dt.date.min).country

    def role_at(self, day: dt.date) -> Role | None:
        """The role held on a day; of several, the one that began last."""
        best: Role | None = None
        for role in self.roles:
            if role.covers(day) and (
                best is None or (role.start or dt.date.min) > (best.start or dt.date.min)
            ):
                best = role
        return best

    def role_on(self, day: dt.date) -> tuple[str | None, str | None, str | None]:
        """(country, sector, title) on a day; outside every role, the ``outside_roles`` sector."""
        role = self.role_at(day)
        if role is not None:
            return role.country or self.home_country, role.sector, role.title
        if self.roles:
            return self.home_country, self.outside_roles, None
        return self.country, self.sector, None
