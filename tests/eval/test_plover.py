import pytest

from dyads.eval.plover import best_event, parse, score

from .conftest import make_event


def record(event="DEMAND", actor=None, recipient=None, markup=""):
    return parse(
        {
            "id": "r1",
            "text": "Japan demanded that Germany pay.",
            "event": event,
            "actor": actor if actor is not None else [{"code": "JAP", "sector": "GOV"}],
            "recipient": recipient if recipient is not None else [{"code": "DEU"}],
            "markup": markup,
        }
    )


def test_labels_and_codes_are_normalised():
    rec = record()
    good = make_event("REQUEST", ("JPN", "GOV"), ("DEU", None))
    f = score([rec], [good])
    assert f["type_accuracy"] == 1.0
    assert f["source_country_accuracy"] == 1.0
    assert f["target_country_accuracy"] == 1.0
    assert f["all_three_accuracy"] == 1.0
    assert f["sector_accuracy"] == 1.0  # target side has no gold sector: one slot only
    assert f["n_sector_slots"] == 1


def test_best_event_prefers_gold_type_then_countries():
    rec = record()
    wrong_type = make_event("ACCUSE", ("JPN", "GOV"), ("DEU", None))
    right_type_wrong_target = make_event("REQUEST", ("JPN", "GOV"), ("FRA", None))
    right = make_event("REQUEST", ("JPN", "GOV"), ("DEU", None))
    assert best_event(rec, [wrong_type, right_type_wrong_target, right]) is right
    assert best_event(rec, [wrong_type, right_type_wrong_target]) is right_type_wrong_target
    assert best_event(rec, []) is None


def test_no_event_counts_wrong_everywhere():
    f = score([record()], [None])
    assert f["type_accuracy"] == 0.0 and f["all_three_accuracy"] == 0.0
    assert f["sector_accuracy"] == 0.0


def test_empty_gold_recipient_needs_empty_target():
    rec = record(recipient=[])
    assert (
        score([rec], [make_event("REQUEST", ("JPN", None), None)])["target_country_accuracy"] == 1.0
    )
    assert score([rec], [make_event("REQUEST", ("JPN", None), ("DEU", None))])[
        "target_country_accuracy"
    ] == pytest.approx(0.0)


def test_reciprocal_records_accept_the_other_actor_as_target():
    rec = record(
        event="AGREE",
        actor=[{"code": "HUN", "sector": "GOV"}, {"code": "ROU", "sector": "GOV"}],
        recipient=[],
        markup="(SRC/TAR: Hungarian) and (SRC/TAR: Romanian)",
    )
    f = score([rec], [make_event("AGREE", ("HUN", "GOV"), ("ROU", "GOV"))])
    assert f["all_three_accuracy"] == 1.0 and f["sector_accuracy"] == 1.0


def test_igo_gold_code_matches_an_igo_actor():
    rec = record(event="AID", actor=[{"code": "IGO"}], recipient=[{"code": "CIV"}])
    f = score([rec], [make_event("AID", ("EU", "IGO"), ("CIV", None))])
    assert f["source_country_accuracy"] == 1.0 and f["target_country_accuracy"] == 1.0


def test_text_only_manual_examples_are_not_records():
    assert parse({"id": "aux", "text": "...", "event": None}) is None
