"""Convert PETRARCH's validation dictionaries into dyads' actor and pattern YAML.

Run at evaluation time into a temporary folder; nothing from the dictionaries
is stored in the repo. Only simple constructs are converted; everything else
is counted under a named reason in :class:`Conversion.unhonoured` so the
report can say exactly which parts of the PETRARCH format are not honoured.

Actors (``NAME [CODE]``, ``+SYNONYM`` lines, dated ``[CODE date-date]``):
the first three letters of a code are the country, the rest the sector, so
``Actor.make_code`` rebuilds the PETRARCH code. Dated codes become roles.
Agents (``NOUN {PLURALS} [~CODE]``, ``!SUBST!`` substitutions) become agent
nouns of that sector. Verbs: each verb (and ``+synonym``) of a ``--- NAME
[code] ---`` block becomes a pattern with the block's code, and ``- * WORD
[code]`` lines become light-verb object or particle patterns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .cameo2plover import CameoToPlover

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "data" / "eval" / "petrarch.yaml"
_CODE = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^\s*([A-Za-z0-9]+)?\s*(<|>)?\s*(\d{6,8})?\s*(?:-\s*(\d{6,8}))?\s*$")
_ID = re.compile(r"[^A-Za-z0-9_.-]+")

Lemmatize = Callable[[str, str], list[str]]


@dataclass(slots=True)
class Conversion:
    """What was written, and what could not be honoured, by reason."""

    actors_file: Path
    agents_file: Path
    patterns_file: Path
    n_actors: int = 0
    n_agents: int = 0
    n_patterns: int = 0
    codes: set[str] = field(default_factory=set)
    unhonoured: Counter[str] = field(default_factory=Counter)
    actor_reader: str = "dyads.eval.petrarch_dicts"


def settings() -> dict[str, Any]:
    with SETTINGS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _strip(line: str) -> str:
    return re.sub(r"<!--.*?-->", "", line).split("#", 1)[0].rstrip()


def _words(raw: str) -> str:
    """``MINAS_TIRITH_`` -> ``MINAS TIRITH``."""
    return " ".join(raw.replace("_", " ").split())


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    if len(raw) == 6:  # YYMMDD
        century = "19" if int(raw[:2]) > 30 else "20"
        raw = century + raw
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def split_code(code: str) -> tuple[str | None, str | None]:
    """``PSEREBHMS`` -> (``PSE``, ``REBHMS``); ``ARN`` -> (``ARN``, None)."""
    code = code.strip().upper()
    return (code[:3] or None), (code[3:] or None)


def _valid_code(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9]{3,}", code.strip().upper()))


# ---------------------------------------------------------------- actors


def parse_actors(text: str, stats: Counter[str]) -> list[dict[str, Any]]:
    """Actor entries: names, default code, dated codes."""
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for raw in text.splitlines():
        line = _strip(raw)
        if not line.strip() or line.strip().startswith("<"):
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if current is not None:
                current["codes"].append(stripped)
            continue
        if stripped.startswith("+"):
            if current is not None:
                current["names"].append(_words(stripped[1:]))
            continue
        name = _words(_CODE.sub("", stripped))
        current = {"names": [name], "codes": [m.group(0) for m in _CODE.finditer(stripped)]}
        entries.append(current)
    return entries


def actor_record(
    entry: dict[str, Any], ident: str, cfg: dict[str, Any], stats: Counter[str]
) -> dict[str, Any] | None:
    default: str | None = None
    roles = []
    for block in entry["codes"]:
        body = block.strip()[1:-1].strip()
        if "/" in body:
            stats["actor codes listing several actors (A/B/C): first one used"] += 1
            body = body.split("/")[0]
        match = _DATED.match(body)
        if not match or not match.group(1) or not _valid_code(match.group(1)):
            stats["actor discard/null codes ([---], [+++]): actor skipped"] += 1
            continue
        code, op, first, second = match.groups()
        if not first:
            default = code.upper()
            continue
        country, sector = split_code(code)
        if op == "<":
            start, end = None, _date(first)
        elif op == ">":
            start, end = _date(first), None
        else:
            start, end = _date(first), _date(second)
        roles.append(
            {"title": None, "country": country, "sector": sector, "start": start, "end": end}
        )
    if default is None and not roles:
        return None
    names = [n for n in dict.fromkeys(entry["names"]) if n]
    if not names:
        return None
    country, sector = split_code(default) if default else (None, None)
    endings = tuple(e.upper() for e in cfg["adjective_endings"])
    adjectives = [n for n in names[1:] if " " not in n and n.upper().endswith(endings)]
    record: dict[str, Any] = {
        "id": ident,
        "type": _actor_type(country, sector, roles),
        "names": names,
        "adjectives": adjectives,
        "demonyms": [],
        "country": country,
        "sector": sector,
    }
    if roles:
        record["roles"] = roles
        record["outside_roles"] = sector
    return record


def _actor_type(country: str | None, sector: str | None, roles: list[Any]) -> str:
    if roles:
        return "person"
    if country == "IGO":
        return "igo"
    return "group" if sector else "state"


# ---------------------------------------------------------------- agents


def parse_agents(text: str, stats: Counter[str]) -> list[dict[str, Any]]:
    subst: dict[str, list[str]] = {}
    by_sector: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = _strip(raw).strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[0].replace(" ", "")
        if code.endswith("~"):
            stats["agent codes placed before the country (NGO~): used as sector"] += 1
        sector = code.strip("~").upper()
        if not sector:
            continue
        head = _CODE.sub("", line)
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [head] + [p for group in plurals for p in group.split()]
        nouns = []
        for form in forms:
            keys = [k for k in subst if k in form]
            expanded = [form]
            for key in keys:
                expanded = [e.replace(key, w) for e in expanded for w in subst[key]]
                stats["agent !SUBSTITUTION! markers (expanded)"] += 1
            nouns += [_words(e).lower() for e in expanded]
        by_sector.setdefault(sector, []).extend(n for n in nouns if n)
    return [
        {"sector": sector, "nouns": list(dict.fromkeys(nouns)), "titles": []}
        for sector, nouns in by_sector.items()
    ]


# ---------------------------------------------------------------- verbs


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        s = line.strip()
        if s.startswith("&"):
            current = s.split()[0]
            out[current] = []
        elif s.startswith("+") and current:
            out[current].append(s[1:])
        elif s:
            current = None
    return out


def _cameo(raw: str, stats: Counter[str]) -> str | None:
    code = raw.strip()
    if ":" in code:
        stats["paired codes [a:b]: only the first code used"] += 1
        code = code.split(":")[0]
    if not re.fullmatch(r"\d{2,4}", code):
        stats["non-numeric or null codes ([---], [174K], [def])"] += 1
        return None
    return code


def parse_verbs(
    text: str,
    table: CameoToPlover,
    lemmatize: Lemmatize,
    cfg: dict[str, Any],
    prepositions: Iterable[str],
    stats: Counter[str],
) -> list[dict[str, Any]]:
    lines = [_strip(raw) for raw in text.splitlines()]
    particles = {p.lower() for p in cfg["particles"]} | {p.strip().lower() for p in prepositions}
    synsets = _synsets(lines)
    patterns: list[dict[str, Any]] = []
    block_code: str | None = None
    block = ""
    verbs: list[str] = []
    in_synset = False

    def add(kind: str, code: str | None, **slots: Any) -> None:
        if code is None:
            return
        found = table.lookup(code)
        patterns.append(
            {
                "id": f"petr.{len(patterns):04d}.{_ID.sub('_', block.lower())}.{kind}",
                "type": found.type if found else cfg["placeholder_type"],
                "mode": None,
                "cameo": code,
                "verbs": slots.get("verbs", []),
                "nouns": [],
                "objects": slots.get("objects", []),
                "particles": slots.get("particles", []),
                "source": list(cfg["source_slots"]),
                "target": list(cfg["target_slots"]),
                "symmetric": False,
            }
        )

    def verb_entry(raw: str) -> None:
        own = _CODE.findall(raw)
        code = _cameo(own[0], stats) if own else block_code
        head = re.sub(r"\{[^}]*\}", "", _CODE.sub("", raw)).strip()
        words = _words(head).lower().split()
        if "+" in head or "$" in head or "%" in head:
            stats["multiword verbs with embedded target markers (WIRE_+TAP)"] += 1
            return
        if len(words) == 1:
            lemmas = lemmatize(words[0], "VERB")
            verbs.extend(lemmas)
            add("verb", code, verbs=lemmas)
        elif len(words) == 2 and words[1] in particles:
            add("phrasal", code, verbs=lemmatize(words[0], "VERB"), particles=[words[1]])
        else:
            stats["multiword verb phrases (3+ words or non-particle second word)"] += 1

    for line in lines:
        s = line.strip()
        if not s:
            in_synset = False
            continue
        header = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---", s)
        if header:
            block, in_synset, verbs = header.group(1).strip("_"), False, []
            block_code = _cameo(header.group(2), stats)
            continue
        if s.startswith("&"):
            in_synset = True
            continue
        if in_synset and s.startswith("+"):
            continue
        if s.startswith("-"):
            _pattern_line(s[1:].strip(), verbs, synsets, particles, lemmatize, add, stats)
            continue
        if s.startswith("+"):
            verb_entry(s[1:])
            continue
        if block:
            verb_entry(s)
    return patterns


def _pattern_line(
    body: str,
    verbs: list[str],
    synsets: dict[str, list[str]],
    particles: set[str],
    lemmatize: Lemmatize,
    add: Callable[..., None],
    stats: Counter[str],
) -> None:
    codes = _CODE.findall(body)
    if not codes or not verbs:
        stats["pattern lines without a code or a verb"] += 1
        return
    code = _cameo(codes[0], stats)
    words = _CODE.sub("", body).split()
    if any(w.startswith("&") for w in words):
        stats["synsets (&NAME) inside patterns"] += 1
        return
    if any(c in body for c in "$+%"):
        stats["source/target/compound markers ($ + %) in patterns"] += 1
        return
    if not words or words[0] != "*":
        stats["words before the verb (* not first)"] += 1
        return
    rest = [w for w in words[1:] if w]
    if len(rest) != 1 or "_" in rest[0] or not rest[0].isalpha():
        stats["patterns with two or more words after the verb"] += 1
        return
    word = rest[0].lower()
    if word in particles:
        add("particle", code, verbs=list(verbs), particles=[word])
    else:
        add("object", code, verbs=list(verbs), objects=lemmatize(word, "NOUN"))


# ---------------------------------------------------------------- driver


def convert(
    folder: Path,
    out: Path,
    table: CameoToPlover,
    lemmatize: Lemmatize,
    use_phoenix: bool = True,
) -> Conversion:
    """Write ``actors.yaml``, ``agents.yaml`` and ``patterns.yaml`` into ``out``.

    Actors and agents go through ``dyads.actors.phoenix`` when it is installed
    (the project's own TABARI reader), else through the minimal reader here.
    """
    cfg = settings()
    stats: Counter[str] = Counter()
    out.mkdir(parents=True, exist_ok=True)
    conv = Conversion(out / "actors.yaml", out / "agents.yaml", out / "patterns.yaml")

    if use_phoenix and _phoenix() is not None:
        actors, agents = _via_phoenix(folder, out, stats)
        conv.actor_reader = "dyads.actors.phoenix"
    else:
        actors, agents = _read_actors(folder, cfg, stats)
    preps_file = folder / "Phoenix.prepositions.txt"
    preps = preps_file.read_text(encoding="utf-8").split() if preps_file.is_file() else []
    text = (folder / "PETR.Validate.verbs.txt").read_text(encoding="utf-8", errors="replace")
    patterns = parse_verbs(text, table, lemmatize, cfg, preps, stats)
    stats["story/sentence discards (PETR.Validate.discards.txt)"] += 1
    stats["irregular forms {...} (lemmas used instead)"] += text.count("{")

    header = "# Generated by dyads eval petrarch from PETRARCH2's validation dictionaries.\n"
    _dump(conv.actors_file, header, {"version": 1, "actors": actors})
    _dump(conv.agents_file, header, {"version": 1, "agents": agents})
    _dump(conv.patterns_file, header, {"version": 1, "patterns": patterns})
    conv.n_actors, conv.n_agents, conv.n_patterns = len(actors), len(agents), len(patterns)
    conv.codes = {p["cameo"] for p in patterns}
    conv.unhonoured = stats
    return conv


def _read_actors(
    folder: Path, cfg: dict[str, Any], stats: Counter[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The minimal reader: codes kept whole (country = first three letters)."""
    actors = []
    seen: Counter[str] = Counter()
    text = (folder / "PETR.Validate.actors.txt").read_text(encoding="utf-8", errors="replace")
    for entry in parse_actors(text, stats):
        base = "petr." + _ID.sub("_", entry["names"][0].lower()).strip("_")
        seen[base] += 1
        ident = base if seen[base] == 1 else f"{base}.{seen[base]}"
        record = actor_record(entry, ident, cfg, stats)
        if record is not None:
            actors.append(record)
    text = (folder / "PETR.Validate.agents.txt").read_text(encoding="utf-8", errors="replace")
    return actors, parse_agents(text, stats)


def _phoenix() -> Any | None:
    try:
        from ..actors import phoenix
    except ImportError:
        return None
    return phoenix if hasattr(phoenix, "import_phoenix") else None


def _via_phoenix(
    folder: Path, out: Path, stats: Counter[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Actors and agents through the project's Phoenix importer (validation files only)."""
    staging = out / "phoenix-input"
    staging.mkdir(parents=True, exist_ok=True)
    for name in ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt"):
        (staging / name).write_bytes((folder / name).read_bytes())
    result = _phoenix().import_phoenix(staging)
    stats["actor codes the Phoenix importer could not read"] += len(result.problems)
    return list(result.data.get("actors") or []), list(result.data.get("agents") or [])


def _dump(path: Path, header: str, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header)
        yaml.safe_dump(data, fh, sort_keys=False, allow_unicode=True)


def simple_lemmatizer(word: str, pos: str) -> list[str]:
    """Fallback without spaCy: the lower-cased word itself."""
    return [word.lower()]


def spacy_lemmatizer(nlp: Any) -> Lemmatize:
    """Lemmas from the coder's own pipeline, the word placed in a tiny context."""
    cache: dict[tuple[str, str], list[str]] = {}

    def lemmatize(word: str, pos: str) -> list[str]:
        key = (word.lower(), pos)
        if key not in cache:
            frame = "they {} it" if pos == "VERB" else "they saw the {}"
            doc = nlp(frame.format(word.lower()))
            tok = doc[1] if pos == "VERB" else doc[-1]
            cache[key] = list(dict.fromkeys([tok.lemma_.lower(), word.lower()]))
        return cache[key]

    return lemmatize
