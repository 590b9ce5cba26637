"""Cross-document event deduplication: one real-world event, every report of it kept.

Two event records (mentions) are the same event when they have the same key
(PLOVER type, modality, and source and target country, or code for actors
without one) and either

* their documents are one story (copies of one article), or
* their dates are at most ``dedup_window_days`` apart and their evidence
  matches: the same trigger stem ("attacked"/"attack"), or word 3-shingles of
  their sentences overlapping by at least ``dedup_min_overlap`` (Jaccard).

A record that lacks one role (a rewrite says "against the port" where its original
said "the port of Odesa", so the target has no country) joins the record of another
document of its story with the same type, modality and known role, when exactly one
group matches: a copy reports its original's events, and it cannot add a second
attack the original never mentioned.

Groups are the connected components of that relation, computed from the stored
events alone, so the result does not depend on arrival order. Each group counts
``num_mentions`` (sum of the records' within-document mentions), ``num_articles``
(distinct documents) and ``num_sources`` (distinct outlets: site, else source,
else URL host), GDELT's names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..clusters import UnionFind
from ..model import stable_hash

_WORD = re.compile(r"\w+")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "e")


@dataclass(slots=True)
class Mention:
    """One stored event record, with what dedup needs of its document."""

    event_id: str
    doc_id: str
    type: str
    modality: str
    source: str | None
    target: str | None
    date: str | None
    trigger: str
    sentence: str
    mentions: int = 1
    story_id: str | None = None
    outlet: str | None = None

    @property
    def key(self) -> tuple:
        return (self.type, self.modality, self.source, self.target)


@dataclass(slots=True)
class Group:
    group_id: str
    canonical_event_id: str
    members: list[Mention]
    num_mentions: int
    num_sources: int
    num_articles: int
    first_date: str | None
    last_date: str | None


def stem(trigger: str) -> str:
    """A crude stem of the trigger's first word: 'attacked', 'attacks' -> 'attack'."""
    words = _WORD.findall(trigger.lower())
    if not words:
        return ""
    word = words[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _shingles(text: str, size: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _day(value: str | None) -> int | None:
    return dt.date.fromisoformat(value).toordinal() if value else None


def group_events(
    mentions: Sequence[Mention], window_days: int = 1, min_overlap: float = 0.3
) -> list[Group]:
    """Groups of mentions that report one event, in order of their canonical event_id."""
    ordered = sorted(mentions, key=lambda m: m.event_id)
    groups = UnionFind(len(ordered))
    find, union = groups.find, groups.union

    by_key: dict[tuple, list[int]] = {}
    for i, mention in enumerate(ordered):
        by_key.setdefault(mention.key, []).append(i)
    stems = [stem(m.trigger) for m in ordered]
    shingles = [_shingles(m.sentence) for m in ordered]
    days = [_day(m.date) for m in ordered]
    for ids in by_key.values():
        stories: dict[str, int] = {}
        for i in ids:
            story = ordered[i].story_id
            if story is not None:
                if story in stories:
                    union(stories[story], i)
                else:
                    stories[story] = i
        dated = sorted((i for i in ids if days[i] is not None), key=lambda i: (days[i], i))
        for n, a in enumerate(dated):
            for b in dated[n + 1 :]:
                if days[b] - days[a] > window_days:
                    break
                if find(a) == find(b):
                    continue
                same_stem = stems[a] and stems[a] == stems[b]
                if same_stem or _jaccard(shingles[a], shingles[b]) >= min_overlap:
                    union(a, b)
    _join_partial(ordered, groups)
    members: dict[int, list[Mention]] = {}
    for i, mention in enumerate(ordered):
        members.setdefault(find(i), []).append(mention)
    return [_group(members[root]) for root in sorted(members)]


def _join_partial(ordered: Sequence[Mention], groups: UnionFind) -> None:
    """Join each record missing its source or its target to the one group of another
    document of its story whose records have both roles and agree on type, modality and
    the known role; left alone when none or several groups match."""
    by_story: dict[tuple[str, str, str], list[int]] = {}
    for i, mention in enumerate(ordered):
        if mention.story_id is not None:
            key = (mention.story_id, mention.type, mention.modality)
            by_story.setdefault(key, []).append(i)
    for ids in by_story.values():
        whole = [j for j in ids if ordered[j].source is not None and ordered[j].target is not None]
        for i in ids:
            partial = ordered[i]
            if (partial.source is None) == (partial.target is None):
                continue  # both roles known (already keyed), or nothing to match on
            matches = {
                groups.find(j)
                for j in whole
                if ordered[j].doc_id != partial.doc_id
                and partial.source in (None, ordered[j].source)
                and partial.target in (None, ordered[j].target)
            }
            if len(matches) == 1:
                groups.union(i, matches.pop())


def _group(members: list[Mention]) -> Group:
    canonical = members[0].event_id  # members are in event_id order
    dates = sorted(m.date for m in members if m.date)
    return Group(
        group_id=stable_hash("group", canonical),
        canonical_event_id=canonical,
        members=members,
        num_mentions=sum(m.mentions for m in members),
        num_sources=len({m.outlet or m.doc_id for m in members}),
        num_articles=len({m.doc_id for m in members}),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )
