"""Normalise old gold codes (CAMEO/Phoenix-era) so they compare with dyads' codes.

The table lives in ``data/eval/codes.yaml``; this module only applies it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

CODES_FILE = Path(__file__).resolve().parents[1] / "data" / "eval" / "codes.yaml"

UNSCORED = "__unscored__"


@lru_cache(maxsize=1)
def load_codes(path: str | None = None) -> dict[str, Any]:
    with open(path or CODES_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=512)
def is_iso3(code: str | None) -> bool:
    return bool(code) and pycountry.countries.get(alpha_3=code) is not None


def plover_label(label: str | None) -> str | None:
    """A v0.5b1 PLOVER label as its PLOVER 2021 type (DEMAND -> REQUEST)."""
    if not label:
        return None
    return load_codes()["plover_labels"].get(label, label)


def country(code: str | None) -> str | None:
    """A gold country code as ours: '' and None mean none; JAP -> JPN; UNO -> UN."""
    if not code:
        return None
    code = code.strip().upper()
    return load_codes()["countries"].get(code, code)


def sector(code: str | None) -> str | None:
    """A gold sector as ours, None for "none expected", UNSCORED for unknown."""
    if code is None or not code.strip():
        return None
    table = load_codes()
    raw = code.strip()
    if raw in table["unscored_sectors"]:
        return UNSCORED
    head = raw[:3].upper()
    if head in table["no_sector"]:
        return None
    if head in table["unscored_sectors"]:
        return UNSCORED
    return table["sectors"].get(head, head)


def country_matches(
    gold: str | None, system_country: str | None, system_sector: str | None
) -> bool:
    """Does a system actor's country agree with a gold country code?

    None gold means no country expected. Transnational gold codes (IGO, NGO,
    IMG) match an actor with their sector, or with a non-ISO country (an IGO
    or group short name such as UN or NATO).
    """
    gold = country(gold)
    if gold is None:
        return system_country is None
    implied = load_codes()["transnational"].get(gold)
    if implied is not None:
        if system_sector == implied:
            return True
        return system_country is not None and not is_iso3(system_country)
    return system_country == gold


def sector_matches(gold: str | None, system_sector: str | None) -> bool | None:
    """Sector agreement, or None when the gold sector is not scored."""
    want = sector(gold)
    if want == UNSCORED:
        return None
    have = system_sector[:3].upper() if system_sector else None
    return have == want
