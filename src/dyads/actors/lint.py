"""Validate actor dictionary files and report problems by file and line.

Works on the composed YAML node tree rather than loaded data, so every issue
carries the line it was found on: ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from .dictionary import ACTORS_DIR, YAML_LOADER
from .entry import ACTOR_TYPES

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+$")
EXTRA_COUNTRIES = frozenset({"XKX"})  # Kosovo: user-assigned in ISO 3166, used by everyone
LIST_KEYS = ("names", "adjectives", "demonyms")
ACTOR_KEYS = frozenset(
    {"id", "type", "names", "adjectives", "demonyms", "country", "sector", "roles",
     "outside_roles", "surname", "parent", "notes", "code", "seat_of", "active_in",
     "namesake_in"}
)  # fmt: skip
ROLE_KEYS = frozenset({"title", "country", "sector", "start", "end"})
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True, slots=True)
class LintIssue:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def sector_codes(path: Path = ACTORS_DIR / "sectors.yaml") -> frozenset[str]:
    """The allowed sector codes, from ``sectors.yaml``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(str(s["code"]) for s in data.get("sectors") or [])


def lint(paths: Sequence[Path | str]) -> list[LintIssue]:
    """Every problem found in the files, in file and line order."""
    linter = _Linter(sector_codes())
    trees = [(str(p), linter.compose(Path(p))) for p in paths]
    for _path, tree in trees:
        if tree is not None:
            linter.collect_igos(tree)
    for builtin in sorted(ACTORS_DIR.glob("igo*.yaml")):
        linter.collect_igos(linter.compose(builtin, report=False))
    for path, tree in trees:
        if tree is not None:
            linter.check(path, tree)
    return sorted(linter.issues, key=lambda i: (i.path, i.line))


class _Linter:
    def __init__(self, sectors: frozenset[str]) -> None:
        self.sectors = sectors
        self.igos: set[str] = set()
        self.issues: list[LintIssue] = []
        self.ids: dict[str, str] = {}

    def compose(self, path: Path, report: bool = True) -> yaml.Node | None:
        try:
            return yaml.compose(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except OSError as exc:
            if report:
                self.issues.append(LintIssue(str(path), 0, f"cannot read: {exc.strerror}"))
        except yaml.MarkedYAMLError as exc:
            if report:
                line = exc.problem_mark.line + 1 if exc.problem_mark else 0
                self.issues.append(LintIssue(str(path), line, f"YAML syntax: {exc.problem}"))
        return None

    def collect_igos(self, tree: yaml.Node | None) -> None:
        for node in _items(_get(tree, "actors")):
            if _scalar(_get(node, "type")) == "igo":
                for key in ("id", "country"):
                    value = _scalar(_get(node, key))
                    if value:
                        self.igos.add(value)

    def add(self, path: str, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.issues.append(LintIssue(path, line, message))

    def check(self, path: str, tree: yaml.Node) -> None:
        if not isinstance(tree, yaml.MappingNode):
            self.add(path, tree, "top level must be a mapping with 'version' and 'actors'")
            return
        if _get(tree, "version") is None:
            self.add(path, tree, "missing 'version'")
        actors, agents = _get(tree, "actors"), _get(tree, "agents")
        if actors is None and agents is None and _get(tree, "sectors") is None:
            self.add(path, tree, "no 'actors' or 'agents' list")
        for node in _sequence(path, actors, self, "actors"):
            self.check_actor(path, node)
        for node in _sequence(path, agents, self, "agents"):
            self.check_sector(path, _get(node, "sector"), "agent sector", required=True)
            for key in ("nouns", "titles"):
                self.check_strings(path, _get(node, key), key)

    def check_actor(self, path: str, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.add(path, node, "an actor must be a mapping")
            return
        for key_node, _ in node.value:
            if key_node.value not in ACTOR_KEYS:
                self.add(path, key_node, f"unknown key '{key_node.value}'")
        ident = _scalar(_get(node, "id"))
        if not ident:
            self.add(path, node, "actor without 'id'")
        elif not ID_PATTERN.match(ident):
            self.add(path, _get(node, "id"), f"bad id '{ident}': use letters, digits, _ . -")
        elif ident in self.ids:
            self.add(path, _get(node, "id"), f"duplicate id '{ident}' (first in {self.ids[ident]})")
        else:
            self.ids[ident] = path
        kind = _scalar(_get(node, "type"))
        if kind not in ACTOR_TYPES:
            self.add(path, _get(node, "type") or node, f"bad type '{kind}' in {ident}")
        names = _get(node, "names")
        if names is None or not isinstance(names, yaml.SequenceNode) or not names.value:
            self.add(path, names or node, f"{ident}: 'names' must be a non-empty list")
        for key in LIST_KEYS:
            self.check_strings(path, _get(node, key), key)
        self.check_country(path, _get(node, "country"), ident)
        self.check_sector(path, _get(node, "sector"), ident)
        self.check_sector(path, _get(node, "outside_roles"), f"{ident} outside_roles")
        self.check_roles(path, _get(node, "roles"), ident or "?")

    def check_roles(self, path: str, roles: yaml.Node | None, ident: str) -> None:
        spans: list[tuple[str, dt.date, dt.date, yaml.Node]] = []
        for role in _sequence(path, roles, self, "roles"):
            if not isinstance(role, yaml.MappingNode):
                self.add(path, role, f"{ident}: a role must be a mapping")
                continue
            for key_node, _ in role.value:
                if key_node.value not in ROLE_KEYS:
                    self.add(path, key_node, f"{ident}: unknown role key '{key_node.value}'")
            self.check_country(path, _get(role, "country"), ident)
            self.check_sector(path, _get(role, "sector"), ident)
            start = self.check_date(path, _get(role, "start"), ident)
            end = self.check_date(path, _get(role, "end"), ident)
            if start and end and start > end:
                self.add(path, role, f"{ident}: role starts {start} after it ends {end}")
                continue
            title = (_scalar(_get(role, "title")) or "").lower()
            spans.append((title, start or dt.date.min, end or dt.date.max, role))
        for i, (title, start, end, node) in enumerate(spans):
            for other, o_start, o_end, _ in spans[:i]:
                if title and title == other and start < o_end and o_start < end:
                    self.add(path, node, f"{ident}: role '{title}' overlaps an earlier one")

    def check_date(self, path: str, node: yaml.Node | None, ident: str) -> dt.date | None:
        value = _scalar(node)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add(path, node, f"{ident}: bad date '{value}', use YYYY-MM-DD")
            return None

    def check_country(self, path: str, node: yaml.Node | None, ident: str | None) -> None:
        value = _scalar(node)
        if not value or value in self.igos or value in EXTRA_COUNTRIES:
            return
        if len(value) == 3 and value.isupper() and pycountry.countries.get(alpha_3=value):
            return
        self.add(path, node, f"{ident}: unknown country '{value}' (ISO 3166-1 alpha-3 or an IGO)")

    def check_sector(
        self, path: str, node: yaml.Node | None, what: str | None, required: bool = False
    ) -> None:
        value = _scalar(node)
        if not value:
            if required:
                self.add(path, node, f"{what}: missing sector")
            return
        if value not in self.sectors:
            self.add(path, node, f"{what}: unknown sector '{value}' (see sectors.yaml)")

    def check_strings(self, path: str, node: yaml.Node | None, key: str) -> None:
        if node is None or (_scalar(node) is None and not isinstance(node, yaml.SequenceNode)):
            return
        if not isinstance(node, yaml.SequenceNode):
            self.add(path, node, f"'{key}' must be a list")
            return
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                self.add(path, item, f"'{key}' holds an empty or non-text item")


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if key_node.value == key:
            return value
    return None


def _scalar(node: yaml.Node | None) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        return None
    return str(node.value)


def _items(node: yaml.Node | None) -> Iterable[yaml.Node]:
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _sequence(path: str, node: yaml.Node | None, linter: _Linter, key: str) -> list[yaml.Node]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
        return []
    if not isinstance(node, yaml.SequenceNode):
        linter.add(path, node, f"'{key}' must be a list")
        return []
    return list(node.value)
