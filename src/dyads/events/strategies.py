"""Which role strategies each event type may fall back on, in order (``roles.yaml``).

A pattern names the syntactic slots where its roles sit ("subj", "obj", "against"...).
When those leave a role empty, the coder may try further strategies (the target of an
embedded act, a place attacked, ...). Which ones, and in which order, is data: each
strategy is kept only where its measured precision on real news earns it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..config import DATA_DIR
from ..errors import DictionaryError, Errors
from ..model import PLOVER_TYPES

ROLES_FILE = DATA_DIR / "events" / "roles.yaml"
KNOWN = {
    "target": ("relative_clause_object", "condition_subject", "complement", "object_prep",
               "in_object", "event_coreference", "aimed_place", "foreign_venue", "own_government",
               "warned_party", "accuser", "demanded_party", "commented_act", "retaliation",
               "answered", "conjunct_party", "responder", "each_other", "defier", "nearest",
               "host_capital", "withdrawn_from", "requested_place", "voting_state"),
    "source": ("denier_or_accused", "weapon_owner", "crowd", "meeting_agent", "authority",
               "claimant", "venue_crowd", "warring_parties"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Strategies:
    default: dict[str, tuple[str, ...]]
    by_type: dict[str, dict[str, tuple[str, ...]]]
    sourceless: frozenset[str] = frozenset()  # types coded when no strategy finds a source
    targetless: frozenset[str] | None = None  # types coded without a target (None: all)
    targetless_on_things: frozenset[str] = frozenset()  # ... only when what they hit is a thing
    societal_sectors: frozenset[str] = frozenset()  # a dyad of these alone is no political event
    societal_types: frozenset[str] = frozenset()  # ... except for these types (protests)
    sourceless_unreal: frozenset[str] = frozenset()  # modalities a sourceless event is not coded in

    def order(self, type_: str, role: str) -> tuple[str, ...]:
        return self.by_type.get(type_, {}).get(role, self.default.get(role, ()))


def _names(value: object, role: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or any(v not in KNOWN[role] for v in value):
        raise DictionaryError(
            Errors.E202, path=str(ROLES_FILE), line=0,
            detail=f"{where}: '{role}' must list strategies among {', '.join(KNOWN[role])}",
        )  # fmt: skip
    return tuple(value)


@lru_cache(maxsize=1)
def load_strategies() -> Strategies:
    data = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))
    default = {role: _names(data["default"].get(role, []), role, "default") for role in KNOWN}
    by_type: dict[str, dict[str, tuple[str, ...]]] = {}
    for type_, roles in (data.get("types") or {}).items():
        if type_ not in PLOVER_TYPES:
            raise DictionaryError(
                Errors.E202, path=str(ROLES_FILE), line=0, detail=f"unknown type '{type_}'"
            )
        by_type[type_] = {role: _names(v, role, type_) for role, v in roles.items()}
    sourceless = _types(data.get("sourceless_types") or [], "sourceless_types")
    raw_targetless = data.get("targetless_types")
    targetless = None if raw_targetless is None else _types(raw_targetless, "targetless_types")
    on_things = _types(data.get("targetless_on_things") or [], "targetless_on_things")
    societal = data.get("societal_dyads") or {}
    sectors = frozenset(str(s) for s in societal.get("sectors") or [])
    exempt = _types(societal.get("except_types") or [], "societal_dyads.except_types")
    unreal = frozenset(str(m) for m in data.get("sourceless_modalities_dropped") or [])
    return Strategies(default, by_type, sourceless, targetless, on_things, sectors, exempt, unreal)


def _types(values: list, key: str) -> frozenset[str]:
    unknown = [t for t in values if t not in PLOVER_TYPES]
    if unknown:
        raise DictionaryError(
            Errors.E202, path=str(ROLES_FILE), line=0,
            detail=f"{key}: unknown type(s) {', '.join(map(str, unknown))}",
        )  # fmt: skip
    return frozenset(values)
