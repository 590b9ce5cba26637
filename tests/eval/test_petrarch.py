import pytest

from dyads.eval.petrarch import norm_code, score, triples_of

from .conftest import make_event


def test_norm_code_drops_missing_country_prefix():
    assert norm_code("---GOV") == "GOV"
    assert norm_code("---") == ""
    assert norm_code(None) == ""
    assert norm_code("arn") == "ARN"


def test_triples_from_events_use_actor_codes():
    ev = make_event("AGREE", ("ARN", None), ("GON", "GOV"), cameo="064")
    assert triples_of([ev]) == [("ARN", "GONGOV", "064")]
    assert triples_of([make_event("AGREE", None, None, cameo=None)]) == [("", "", "")]


def test_triple_accuracy_extra_rate_and_multisets():
    gold = [[("ARN", "GON", "064"), ("ARN", "GON", "064")], [], [("GOV", "", "023")]]
    system = [[("ARN", "GON", "064")], [("X", "Y", "010")], [("GOV", "", "023")]]
    f = score(gold, system, codes={"064"})
    assert f["n_gold_triples"] == 3 and f["n_system_triples"] == 3
    assert f["triple_accuracy"] == pytest.approx(2 / 3)
    assert f["extra_event_rate"] == pytest.approx(1 / 3)
    assert f["honourable_share"] == pytest.approx(2 / 3)  # 023 has no pattern


def test_empty_system_output():
    f = score([[("A", "B", "01")]], [[]])
    assert f["triple_accuracy"] == 0.0 and f["extra_event_rate"] is None
