"""Cross-document event dedup: one event, every mention kept and counted."""

from __future__ import annotations

from dyads.crossdoc.groups import Mention, group_events, stem


def m(event_id, doc_id, date, trigger="attacked", sentence="Russia attacked Ukraine.", **kw):
    base = dict(type="ASSAULT", modality="asserted", source="RUS", target="UKR")
    base.update(kw)
    return Mention(event_id, doc_id, date=date, trigger=trigger, sentence=sentence, **base)


def test_stem():
    assert stem("attacked") == stem("attacks") == stem("attack") == "attack"


def test_same_dyad_within_window_with_matching_evidence_is_one_group():
    groups = group_events(
        [
            m("e1", "d1", "2024-06-18", outlet="a.example", mentions=2),
            m("e2", "d2", "2024-06-19", trigger="attack", outlet="b.example"),
            m("e3", "d3", "2024-06-19", outlet="a.example"),
        ],
        window_days=1,
    )
    assert len(groups) == 1
    group = groups[0]
    assert (group.num_mentions, group.num_articles, group.num_sources) == (4, 3, 2)
    assert group.canonical_event_id == "e1"
    assert (group.first_date, group.last_date) == ("2024-06-18", "2024-06-19")


def test_outside_window_other_dyad_or_modality_stay_apart():
    groups = group_events(
        [
            m("e1", "d1", "2024-06-10"),
            m("e2", "d2", "2024-06-19"),
            m("e3", "d3", "2024-06-19", target="POL"),
            m("e4", "d4", "2024-06-19", modality="denied"),
        ],
        window_days=1,
    )
    assert len(groups) == 4


def test_different_evidence_in_window_stays_apart_but_one_story_joins():
    a = m("e1", "d1", "2024-06-19", trigger="shelled", sentence="Russia shelled a port in Ukraine.")
    b = m("e2", "d2", "2024-06-19", trigger="struck", sentence="Drones struck a Ukrainian grid.")
    assert len(group_events([a, b])) == 2
    a.story_id = b.story_id = "s1"
    assert len(group_events([a, b])) == 1


def test_order_independent():
    items = [m(f"e{i}", f"d{i}", f"2024-06-{10 + i}") for i in range(6)]
    ids = lambda gs: [[x.event_id for x in g.members] for g in gs]  # noqa: E731
    assert ids(group_events(items)) == ids(group_events(list(reversed(items))))
    assert len(group_events(items)) == 1  # a chain of one-day steps is one group


def test_a_copy_missing_a_role_joins_the_one_matching_event_of_its_story():
    original = m("e1", "d1", "2024-06-18", outlet="a.example", story_id="s1")
    copy = m("e2", "d2", "2024-06-19", trigger="barrage", sentence="Troops hit the port.",
             target=None, outlet="b.example", story_id="s1")  # fmt: skip
    groups = group_events([original, copy], window_days=0)
    assert [(g.num_articles, g.num_sources) for g in groups] == [(2, 2)]
    copy.story_id = "s2"  # not a copy: nothing says the missing target is Ukraine
    assert len(group_events([original, copy], window_days=0)) == 2


def test_a_missing_role_matching_two_events_of_the_story_stays_apart():
    ukraine = m("e1", "d1", "2024-06-18", story_id="s1")
    poland = m("e2", "d1", "2024-06-18", trigger="shelled", sentence="It shelled Poland.",
               target="POL", story_id="s1")  # fmt: skip
    copy = m("e3", "d2", "2024-06-19", trigger="barrage", sentence="A barrage.", target=None,
             story_id="s1")  # fmt: skip
    groups = group_events([ukraine, poland, copy], window_days=0)
    assert sorted(len(g.members) for g in groups) == [1, 1, 1]
