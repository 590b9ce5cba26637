"""Within-document merging of repeated event mentions."""

from dyads.events.merge import merge_document_events
from dyads.model import Actor, Event, Span


def _event(sentence_id, start, source, target, type_="CONSULT", modality="asserted"):
    def actor(code):
        return None if code is None else Actor(code, 0, len(code), code, None, code, code)

    return Event(
        event_id=f"e{sentence_id}-{start}", doc_id="d", sentence_id=sentence_id, sentence="s",
        trigger=Span("visit", start, start + 5), type=type_, mode="visit", cameo="042",
        quad_class=1, intensity=2.5, goldstein=1.9, modality=modality,
        attributed_to=None, source=actor(source), target=actor(target), date=None,
        date_precision=None, mention_id=f"m{start}", confidence=0.6, rule="pattern:x",
    )  # fmt: skip


def test_same_dyad_merges_and_keeps_every_mention():
    merged = merge_document_events([_event(0, 10, "RUS", "PRK"), _event(5, 300, "RUS", "PRK")])
    assert len(merged) == 1
    assert merged[0].mentions == 2
    assert [(e.sentence_id, e.start) for e in merged[0].evidence] == [(0, 10), (5, 300)]


def test_one_sided_mention_joins_the_full_dyad():
    merged = merge_document_events([_event(0, 10, "RUS", "PRK"), _event(3, 200, "RUS", None)])
    assert len(merged) == 1 and merged[0].target.code == "PRK" and merged[0].mentions == 2


def test_one_sided_mention_stays_when_ambiguous():
    events = [_event(0, 10, "RUS", "PRK"), _event(1, 50, "RUS", "CHN"), _event(2, 90, "RUS", None)]
    assert len(merge_document_events(events)) == 3


def test_different_modality_or_type_never_merge():
    events = [
        _event(0, 10, "RUS", "UKR", "ASSAULT", "asserted"),
        _event(1, 50, "RUS", "UKR", "ASSAULT", "denied"),
        _event(2, 90, "RUS", "UKR", "CONSULT", "asserted"),
    ]
    assert len(merge_document_events(events)) == 3


def test_named_attacker_replaces_one_guessed_from_the_place():
    """'A car bomb hit a checkpoint in Baghdad. Islamic State claimed the attack': the
    record is the named attacker's, with both mentions as evidence."""
    guessed = _event(0, 10, "IRQ", "IRQ", "ASSAULT")
    guessed.source_via = "unknown_at_place"
    named = _event(1, 80, "IRQ", "IRQ", "ASSAULT")
    named.source_via = "light_verb_subject"
    merged = merge_document_events([guessed, named])
    assert len(merged) == 1
    assert merged[0] is named and merged[0].mentions == 2
    assert {(e.sentence_id, e.start) for e in merged[0].evidence} == {(0, 10), (1, 80)}
