"""The actor dictionary: YAML files merged into fast lookup tables.

Every alias, adjective, demonym, agent noun and title is reduced to a name key
(see ``normalize``) and stored in one table, so resolving a phrase costs a few
dict lookups however large the dictionary grows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import DATA_DIR, Options
from ..errors import DictionaryError, Errors
from .entry import ActorEntry, Role
from .normalize import name_key, plural_forms

ACTORS_DIR = DATA_DIR / "actors"
NON_ACTOR_FILES = frozenset({"sectors.yaml"})
MAX_ACRONYM = 3  # longer acronyms (NATO, ISIS) are also written "Nato", "Isis"

try:  # the C loader is several times faster on the large leader files
    YAML_LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    YAML_LOADER = yaml.SafeLoader


@dataclass(slots=True)
class Lex:
    """Everything one key can mean: names, a modifier, a sector noun or title."""

    names: list[ActorEntry] = field(default_factory=list)
    adjective: ActorEntry | None = None
    demonym: ActorEntry | None = None
    surnames: list[ActorEntry] = field(default_factory=list)
    agent: str | None = None
    title: str | None = None
    origin: dict[str, int] = field(default_factory=dict)


class ActorDictionary:
    """Merged actor entries, agent nouns and resolver word lists, ready for lookup."""

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self.paths: tuple[Path, ...] = tuple(paths)
        self.entries: dict[str, ActorEntry] = {}
        self.lexicon: dict[str, Lex] = {}
        self.words: dict[str, Any] = {}
        self.max_pieces = 1
        self.first_pieces: set[str] = set()
        self.upper_only: set[str] = set()
        self._heads: dict[str, list[ActorEntry]] = {}
        self.states: frozenset[str] = frozenset()

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, paths: Sequence[Path | str]) -> ActorDictionary:
        """Read dictionaries in order; later files override earlier ids and aliases."""
        return _load_cached(tuple(str(Path(p)) for p in paths))

    @classmethod
    def builtin(cls, options: Options | None = None) -> ActorDictionary:
        """The packaged dictionaries (sorted), then ``options.actor_files``."""
        options = options or Options()
        files: list[Path] = builtin_files() if options.builtin_actors else []
        files += [Path(p) for p in options.actor_files]
        return cls.load(files)

    def _read(self, paths: Sequence[Path]) -> None:
        ordered: list[tuple[int, ActorEntry]] = []
        agents: list[tuple[int, str, str, str]] = []
        for index, path in enumerate(paths):
            data = _read_yaml(path)
            for raw in data.get("actors") or []:
                entry = _entry(raw, path)
                self.entries[entry.id] = entry
                ordered.append((index, entry))
            for group in data.get("agents") or []:
                sector = str(group.get("sector"))
                for noun in group.get("nouns") or []:
                    agents.append((index, "agent", str(noun), sector))
                for title in group.get("titles") or []:
                    agents.append((index, "title", str(title), sector))
            for key, value in (data.get("words") or {}).items():
                self.words[key] = value
        live = {id(e) for e in self.entries.values()}
        lowered = {
            name_key(n) for e in self.entries.values() for n in e.names if not _short_acronym(n)
        }
        for index, entry in ordered:
            if id(entry) in live:
                self._index_entry(index, entry)
        self.upper_only -= lowered  # a key also written in lower case somewhere is not upper-only
        self.states = frozenset(
            e.country or e.id for e in self.entries.values() if e.type == "state"
        )
        for index, kind, text, sector in agents:
            key = name_key(text)
            self._set(kind, key, sector, index)
            if kind == "agent":
                for plural in plural_forms(key):
                    lex = self.lexicon.get(plural)
                    if lex is None or lex.agent is None:
                        self._set("agent", plural, sector, index)

    def _index_entry(self, index: int, entry: ActorEntry) -> None:
        for name in entry.names:
            key = name_key(name)
            self._add("names", key, entry, index)
            if _short_acronym(name):
                self.upper_only.add(key)
        for adjective in entry.adjectives:
            self._set("adjective", name_key(adjective), entry, index)
        for demonym in entry.demonyms:
            self._set("demonym", name_key(demonym), entry, index)
        if entry.surname:
            self._add("surnames", name_key(entry.surname), entry, index)
        if entry.type == "person" and entry.roles:
            for country in {r.country for r in entry.roles if r.country}:
                self._heads.setdefault(country, []).append(entry)

    def _lex(self, key: str) -> Lex:
        lex = self.lexicon.get(key)
        if lex is None:
            lex = self.lexicon[key] = Lex()
            parts = key.split(" ")
            self.max_pieces = max(self.max_pieces, len(parts))
            self.first_pieces.add(parts[0])
        return lex

    def _add(self, kind: str, key: str, entry: ActorEntry, index: int) -> None:
        """Append to a list slot; a later file replaces what earlier files said."""
        if not key:
            return
        lex = self._lex(key)
        bucket: list[ActorEntry] = getattr(lex, kind)
        if lex.origin.get(kind, index) < index:
            bucket.clear()
        lex.origin[kind] = index
        if entry not in bucket:
            bucket.append(entry)

    def _set(self, kind: str, key: str, value: Any, index: int) -> None:
        if not key:
            return
        lex = self._lex(key)
        if getattr(lex, kind) is None or lex.origin.get(kind, index) < index:
            setattr(lex, kind, value)
            lex.origin[kind] = index

    # ---------------------------------------------------------------- lookups
    def get(self, key: str) -> Lex | None:
        """The lexicon slot for a name key (see ``normalize.name_key``)."""
        return self.lexicon.get(key)

    def find(self, text: str) -> list[ActorEntry]:
        """Entries whose alias, adjective, demonym, surname or id is ``text``."""
        found: list[ActorEntry] = []
        if text in self.entries:
            found.append(self.entries[text])
        lex = self.lexicon.get(name_key(text))
        if lex is not None:
            for entry in [*lex.names, lex.adjective, lex.demonym, *lex.surnames]:
                if entry is not None and entry not in found:
                    found.append(entry)
        return found

    def word_set(self, name: str) -> frozenset[str]:
        return frozenset(name_key(str(w)) for w in self.words.get(name) or [])

    def head_of(self, country: str, day: dt.date) -> ActorEntry | None:
        """The person heading ``country`` on a day, by the order of ``head_titles``."""
        ranks = {str(t).lower(): i for i, t in enumerate(self.words.get("head_titles") or [])}
        best: tuple[int, ActorEntry] | None = None
        for entry in self._heads.get(country, []):
            role = entry.role_at(day)
            if role is None or role.country != country or not role.title:
                continue
            rank = ranks.get(role.title.lower())
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, entry)
        return best[1] if best else None

    def __len__(self) -> int:
        return len(self.entries)


def builtin_files() -> list[Path]:
    """The packaged dictionary files, in the sorted order they are merged."""
    return [p for p in sorted(ACTORS_DIR.glob("*.yaml")) if p.name not in NON_ACTOR_FILES]


@lru_cache(maxsize=16)
def _load_cached(paths: tuple[str, ...]) -> ActorDictionary:
    dictionary = ActorDictionary([Path(p) for p in paths])
    dictionary._read(dictionary.paths)
    return dictionary


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(Errors.E201, path=path, line=0, detail=str(exc)) from exc
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DictionaryError(Errors.E201, path=path, line=line, detail="YAML syntax") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DictionaryError(Errors.E201, path=path, line=1, detail="expected a mapping")
    return data


def _entry(raw: Any, path: Path) -> ActorEntry:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("type"):
        raise DictionaryError(
            Errors.E201, path=path, line=0, detail=f"actor without id or type: {raw!r:.80}"
        )
    try:
        roles = tuple(_role(r) for r in raw.get("roles") or [])
    except (TypeError, ValueError, AttributeError) as exc:
        raise DictionaryError(
            Errors.E201, path=path, line=0, detail=f"bad role in {raw['id']}: {exc}"
        ) from exc
    return ActorEntry(
        id=str(raw["id"]),
        type=str(raw["type"]),
        names=_strings(raw.get("names")),
        adjectives=_strings(raw.get("adjectives")),
        demonyms=_strings(raw.get("demonyms")),
        country=_opt(raw.get("country")),
        sector=_opt(raw.get("sector")),
        roles=roles,
        outside_roles=_opt(raw.get("outside_roles")),
        surname=_opt(raw.get("surname")),
        parent=_opt(raw.get("parent")),
        notes=_opt(raw.get("notes")),
        code=_opt(raw.get("code")),
        seat_of=_opt(raw.get("seat_of")),
        namesake_in=_opt(raw.get("namesake_in")),
        active_in=_strings(raw.get("active_in")),
        path=str(path),
    )


def _role(raw: dict[str, Any]) -> Role:
    return Role(
        title=_opt(raw.get("title")),
        country=_opt(raw.get("country")),
        sector=_opt(raw.get("sector")),
        start=to_date(raw.get("start")),
        end=to_date(raw.get("end")),
    )


def to_date(value: Any) -> dt.date | None:
    """A role boundary: a YAML date, ISO text, or None for an open end."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _short_acronym(alias: str) -> bool:
    """An alias of at most three capitals, dots and a leading "the" aside: "the U.N."."""
    bare = alias.removeprefix("the ").removeprefix("The ").replace(".", "")
    return bare.isalpha() and bare.isupper() and len(bare) <= MAX_ACRONYM


def _opt(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v is not None)
