"""Event patterns as validated data: load YAML, check it, index it for fast lookup.

A pattern maps a trigger (a verb lemma, optionally with a required object or
particle, or a noun lemma) to a PLOVER type, mode and CAMEO code, and names
the dependency slots where source and target are found. See
``src/dyads/data/events/README.md`` for the format.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import DATA_DIR, Options
from ..errors import DictionaryError, Errors
from ..model import PLOVER_TYPES

EVENTS_DIR = DATA_DIR / "events"
PATTERN_KEYS = {
    "id", "type", "mode", "cameo", "verbs", "nouns", "objects", "particles", "source", "target",
    "symmetric", "requires_actor_modifier", "requires_arms", "requires_military",
    "requires_target", "requires_object", "source_sectors", "complement_target", "confidence",
    "no_complement", "exclude_particles", "exclude_objects", "requires_complement",
    "no_dative", "examples", "counter_examples", "requires_anchor", "exclude_modifiers",
    "if_armed_target", "if_hostile_complement", "if_other_agent", "if_official_source",
    "if_official_target", "if_told_to", "if_refused_complement", "no_participle",
    "own_state_target", "holder_target", "exclude_place_objects", "target_optional", "notes",
    "between_states", "one_way", "intransitive_verbs", "exclude_complements", "requires_joint",
    "exclude_subjects", "outside_target", "not_between_sectors",
}  # fmt: skip
SLOTS = {
    "subj",
    "obj",
    "iobj",
    "by",
    "poss",
    "compound",
    "amod",
    "governor_subj",
    "governor_obj",
    "ccomp_subj",
}
VERB_SOURCE = ("subj",)
VERB_TARGET = ("obj", "iobj")
NOUN_SOURCE = ("poss", "amod", "compound", "by", "governor_subj")
NOUN_TARGET = ("to", "with", "against", "on", "toward", "towards")


@dataclass(frozen=True, slots=True)
class Retype:
    """What a pattern's event becomes in a context its data names ("backed the rebels":
    military backing is AID, not SUPPORT)."""

    type: str
    cameo: str | None = None
    mode: str | None = None
    target_optional: bool = False  # "vowed to respond if attacked": a threat at no one named


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    verbs: frozenset[str]
    nouns: frozenset[str]
    objects: frozenset[str]
    particles: frozenset[str]
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    symmetric: bool = False
    # symmetric only among co-subjects ("Iran and Saudi Arabia reopened their embassies");
    # toward a named counterpart the act goes one way ("Kuwait reopened its embassy in Baghdad")
    one_way: bool = False
    requires_actor_modifier: bool = False
    requires_arms: bool = False
    requires_military: bool = False
    requires_target: bool = False
    target_optional: bool = False  # coded without a counterpart whatever its type's rule
    requires_object: bool = False
    source_sectors: frozenset[str] | None = None
    # never between two actors of these sectors: politicians "beat" each other in votes
    not_between_sectors: frozenset[str] = frozenset()
    complement_target: bool = True
    no_complement: bool = False
    # "a missile fired by the Houthis", "fired the missile that hit the mall": no test
    no_participle: bool = False
    exclude_particles: frozenset[str] = frozenset()  # "pushed back", "fought alongside"
    exclude_objects: frozenset[str] = frozenset()  # "attacked the plan", "struck a deal"
    exclude_complements: frozenset[str] = frozenset()  # "refused to comment" is no rejection
    exclude_subjects: frozenset[str] = frozenset()  # "a strike threatened troops" endangers
    # a named state's act on others: not its own organs ("allowed the FBI to"), and not by
    # officials of no named state
    outside_target: bool = False
    intransitive_verbs: frozenset[str] = frozenset()  # "demonstrated prowess" is no protest
    exclude_place_objects: bool = False  # "freed Mosul from Isis" is no release of people
    requires_complement: bool = False  # "pushed Iran to ...", "insisted on ...": not "pushed"
    requires_joint: bool = False  # nouns: only done together ("a joint Russian-Turkish plan")
    no_dative: bool = False  # "denied Assad a victory" is no denial
    examples: tuple[str, ...] = ()  # sentences this pattern must code (dyads events lint)
    counter_examples: tuple[str, ...] = ()  # sentences it must not code
    requires_anchor: bool = False  # nouns: a light verb governs it or an actor is attached
    own_state_target: bool = False  # "the minister resigned": from his own state's office
    holder_target: bool = False  # "called for the release of X held in Iran": Iran holds X
    between_states: bool = False  # only sides of two countries, or an IGO ("work with")
    exclude_modifiers: frozenset[str] = frozenset()  # "press conference" is no meeting
    if_armed_target: Retype | None = None  # the target is armed forces or fighters
    if_hostile_complement: Retype | None = None  # "vowed to crush", "promised a response"
    if_told_to: Retype | None = None  # "warned the EU not to think ...": advice, a request
    if_refused_complement: Retype | None = None  # "vowed not to resume talks": a refusal
    if_other_agent: Retype | None = None  # "warned that Assad would ...": about another
    if_official_source: Retype | None = None  # a state or government does it, not people
    if_official_target: Retype | None = None  # it is aimed at a state ("a boycott of Qatar")
    confidence: float = 0.8

    @property
    def specificity(self) -> int:
        """More constrained patterns win over plain ones on the same trigger."""
        return (
            2 * bool(self.objects)
            + 2 * bool(self.particles)
            + 2 * self.requires_object
            + bool(self.requires_arms or self.requires_military)
        )

    def source_slots(self, nominal: bool) -> tuple[str, ...]:
        if self.source is not None:
            return self.source
        return NOUN_SOURCE if nominal else VERB_SOURCE

    def target_slots(self, nominal: bool) -> tuple[str, ...]:
        if self.target is not None:
            return self.target
        return NOUN_TARGET if nominal else VERB_TARGET


@dataclass(slots=True)
class TypeInfo:
    quad_class: int
    intensity: float
    modes: frozenset[str]
    place_target: bool = False
    unknown_source: str | None = None
    own_object: bool = False
    reaction: bool = False


@dataclass(slots=True)
class PatternSet:
    """All patterns, indexed by trigger lemma, plus the score tables."""

    patterns: list[Pattern]
    types: dict[str, TypeInfo]
    goldstein: dict[str, float]
    by_verb: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    by_noun: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    noun_phrases: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))

    def index(self) -> PatternSet:
        for pattern in self.patterns:
            for verb in pattern.verbs:
                self.by_verb[verb].append(pattern)
            for noun in pattern.nouns:
                words = noun.split()
                if len(words) == 1:
                    self.by_noun[noun].append(pattern)
                else:
                    # multiword nouns are keyed by their last word (the head)
                    self.noun_phrases[words[-1]].append(pattern)
        for table in (self.by_verb, self.by_noun, self.noun_phrases):
            for plist in table.values():
                plist.sort(key=lambda p: -p.specificity)
        return self

    def goldstein_for(self, cameo: str | None) -> float | None:
        code = cameo
        while code:
            if code in self.goldstein:
                return self.goldstein[code]
            code = code[:-1] if len(code) > 3 else None
        return None


def _line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _pattern_nodes(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    """Parse YAML keeping each pattern's line number for error messages."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise DictionaryError(Errors.E202, path=path, line=line, detail=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise DictionaryError(Errors.E202, path=path, line=1, detail="expected a 'patterns' list")
    list_node = (
        next((v for k, v in root.value if k.value == "patterns"), None)
        if isinstance(root, yaml.MappingNode)
        else None
    )
    lines = [_line_of(n) for n in list_node.value] if list_node is not None else []
    return [(lines[i] if i < len(lines) else 0, p) for i, p in enumerate(data["patterns"])]


def _as_set(raw: dict[str, Any], key: str, path: Path, line: int) -> frozenset[str]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(Errors.E202, path=path, line=line, detail=f"'{key}' must be a list")
    return frozenset(v.lower() for v in value)


def _retype(
    raw: dict[str, Any], key: str, types: dict[str, TypeInfo], path: Path, line: int
) -> Retype | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("type") not in PLOVER_TYPES:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"'{key}' needs a PLOVER 'type'"
        )
    cameo, mode = value.get("cameo"), value.get("mode")
    if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
        detail = f"'{key}': cameo must be a quoted digit string"
        raise DictionaryError(Errors.E202, path=path, line=line, detail=detail)
    if mode is not None and mode not in types[value["type"]].modes:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"'{key}': '{mode}' is not a mode of "
            f"{value['type']}",
        )  # fmt: skip
    optional = value.get("target_optional", False)
    if not isinstance(optional, bool):
        detail = f"'{key}': target_optional must be true or false"
        raise DictionaryError(Errors.E202, path=path, line=line, detail=detail)
    return Retype(value["type"], cameo, mode, optional)


def _texts(raw: dict[str, Any], key: str, path: Path, line: int) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"'{key}' must be a list of sentences"
        )
    return tuple(value)


def _slots(raw: dict[str, Any], key: str, path: Path, line: int) -> tuple[str, ...] | None:
    if key not in raw:
        return None
    value = raw[key] or []
    if not isinstance(value, list):
        raise DictionaryError(Errors.E202, path=path, line=line, detail=f"'{key}' must be a list")
    for slot in value:
        if isinstance(slot, bool):
            raise DictionaryError(
                Errors.E202, path=path, line=line,
                detail=f"'{key}' holds a boolean: quote \"on\", \"off\", \"yes\", \"no\"",
            )  # fmt: skip
        if not isinstance(slot, str) or not (slot in SLOTS or slot.isalpha()):
            raise DictionaryError(
                Errors.E202, path=path, line=line, detail=f"unknown role slot '{slot}'"
            )
    return tuple(value)


def parse_pattern(raw: Any, types: dict[str, TypeInfo], path: Path, line: int) -> Pattern:
    if not isinstance(raw, dict):
        raise DictionaryError(Errors.E202, path=path, line=line, detail="a pattern is a mapping")
    unknown = set(raw) - PATTERN_KEYS
    if unknown:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"unknown key(s) {sorted(unknown)}"
        )
    pid = raw.get("id")
    if not isinstance(pid, str) or not pid:
        raise DictionaryError(Errors.E202, path=path, line=line, detail="missing 'id'")
    ptype = raw.get("type")
    if ptype not in PLOVER_TYPES:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"{pid}: unknown PLOVER type '{ptype}'"
        )
    mode = raw.get("mode")
    if mode is not None and mode not in types[ptype].modes:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"{pid}: mode '{mode}' is not a {ptype} mode"
        )
    cameo = raw.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"{pid}: cameo must be a quoted digit string"
        )
    verbs = _as_set(raw, "verbs", path, line)
    nouns = _as_set(raw, "nouns", path, line)
    if not verbs and not nouns:
        raise DictionaryError(
            Errors.E202, path=path, line=line, detail=f"{pid}: needs 'verbs' or 'nouns'"
        )
    return Pattern(
        id=pid,
        type=ptype,
        mode=mode,
        cameo=cameo,
        verbs=verbs,
        nouns=nouns,
        objects=_as_set(raw, "objects", path, line),
        particles=_as_set(raw, "particles", path, line),
        source=_slots(raw, "source", path, line),
        target=_slots(raw, "target", path, line),
        symmetric=bool(raw.get("symmetric", False)),
        one_way=bool(raw.get("one_way", False)),
        requires_actor_modifier=bool(raw.get("requires_actor_modifier", False)),
        requires_arms=bool(raw.get("requires_arms", False)),
        requires_military=bool(raw.get("requires_military", False)),
        requires_target=bool(raw.get("requires_target", False)),
        target_optional=bool(raw.get("target_optional", False)),
        requires_object=bool(raw.get("requires_object", False)),
        source_sectors=(
            frozenset(s.upper() for s in _as_set(raw, "source_sectors", path, line))
            if "source_sectors" in raw
            else None
        ),
        not_between_sectors=frozenset(
            s.upper() for s in _as_set(raw, "not_between_sectors", path, line)
        ),
        complement_target=bool(raw.get("complement_target", True)),
        no_complement=bool(raw.get("no_complement", False)),
        no_participle=bool(raw.get("no_participle", False)),
        exclude_particles=_as_set(raw, "exclude_particles", path, line),
        exclude_objects=_as_set(raw, "exclude_objects", path, line),
        exclude_complements=_as_set(raw, "exclude_complements", path, line),
        exclude_subjects=_as_set(raw, "exclude_subjects", path, line),
        outside_target=bool(raw.get("outside_target", False)),
        intransitive_verbs=_as_set(raw, "intransitive_verbs", path, line),
        exclude_place_objects=bool(raw.get("exclude_place_objects", False)),
        requires_complement=bool(raw.get("requires_complement", False)),
        requires_joint=bool(raw.get("requires_joint", False)),
        no_dative=bool(raw.get("no_dative", False)),
        requires_anchor=bool(raw.get("requires_anchor", False)),
        own_state_target=bool(raw.get("own_state_target", False)),
        holder_target=bool(raw.get("holder_target", False)),
        between_states=bool(raw.get("between_states", False)),
        exclude_modifiers=_as_set(raw, "exclude_modifiers", path, line),
        if_armed_target=_retype(raw, "if_armed_target", types, path, line),
        if_hostile_complement=_retype(raw, "if_hostile_complement", types, path, line),
        if_other_agent=_retype(raw, "if_other_agent", types, path, line),
        if_told_to=_retype(raw, "if_told_to", types, path, line),
        if_refused_complement=_retype(raw, "if_refused_complement", types, path, line),
        if_official_source=_retype(raw, "if_official_source", types, path, line),
        if_official_target=_retype(raw, "if_official_target", types, path, line),
        examples=_texts(raw, "examples", path, line),
        counter_examples=_texts(raw, "counter_examples", path, line),
        confidence=float(raw.get("confidence", 0.8)),
    )


def load_types(path: Path = EVENTS_DIR / "plover_types.yaml") -> dict[str, TypeInfo]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        name: TypeInfo(
            int(v["quad_class"]),
            float(v["intensity"]),
            frozenset(v.get("modes") or []),
            bool(v.get("place_target", False)),
            v.get("unknown_source"),
            bool(v.get("own_object", False)),
            bool(v.get("reaction", False)),
        )
        for name, v in data["types"].items()
    }


def load_goldstein(path: Path = EVENTS_DIR / "cameo_goldstein.csv") -> dict[str, float]:
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["code"]: float(row["goldstein"]) for row in rows}


def load_pattern_files(paths: list[Path], types: dict[str, TypeInfo]) -> list[Pattern]:
    """Read and validate pattern files; later files override earlier ids."""
    by_id: dict[str, Pattern] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        seen: set[str] = set()
        for line, raw in _pattern_nodes(path, text):
            pattern = parse_pattern(raw, types, path, line)
            if pattern.id in seen:
                raise DictionaryError(
                    Errors.E202, path=path, line=line, detail=f"duplicate id '{pattern.id}'"
                )
            seen.add(pattern.id)
            by_id[pattern.id] = pattern
    return list(by_id.values())


def builtin_pattern_files() -> list[Path]:
    return sorted(p for p in EVENTS_DIR.glob("*.yaml") if p.name not in NON_PATTERN_FILES)


NON_PATTERN_FILES = {
    "plover_types.yaml",
    "lexicon.yaml",
    "attribution.yaml",
    "roles.yaml",
    "calibration.yaml",
    "magnitudes.yaml",
}


@lru_cache(maxsize=8)
def _load(files: tuple[str, ...]) -> PatternSet:
    types = load_types()
    patterns = load_pattern_files([Path(f) for f in files], types)
    return PatternSet(patterns=patterns, types=types, goldstein=load_goldstein()).index()


def load_patterns(options: Options | None = None) -> PatternSet:
    """The indexed pattern set for these options (cached per process)."""
    options = options or Options()
    files = [str(p) for p in builtin_pattern_files()] if options.builtin_patterns else []
    files += list(options.pattern_files)
    return _load(tuple(files))


def lint_patterns(paths: list[Path]) -> list[str]:
    """Validate files and return 'path:line: message' strings (empty when clean)."""
    types = load_types()
    problems: list[str] = []
    for path in paths:
        try:
            load_pattern_files([path], types)
        except DictionaryError as exc:
            d = exc.details
            problems.append(f"{d.get('path')}:{d.get('line')}: {d.get('detail')}")
        except OSError as exc:
            problems.append(f"{path}:0: {exc}")
    return problems
