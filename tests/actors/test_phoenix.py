import datetime as dt

from dyads.actors.dictionary import ActorDictionary
from dyads.actors.phoenix import import_phoenix, parse_restriction, phoenix_date, split_code
from dyads.actors.resolver import ActorResolver

from .conftest import FIXTURES

SECTORS = frozenset({"GOV", "ELI", "REB", "IGO", "MIL"})


def test_dates_and_codes():
    assert phoenix_date("080508") == dt.date(2008, 5, 8)
    assert phoenix_date("670101") == dt.date(1967, 1, 1)
    assert phoenix_date("20010120") == dt.date(2001, 1, 20)
    assert parse_restriction(">080508") == (dt.date(2008, 5, 8), None, True)
    assert parse_restriction("< 20010120") == (None, dt.date(2001, 1, 20), True)
    assert parse_restriction("") == (None, None, False)
    assert split_code("RUSGOV", SECTORS) == ("RUS", "GOV")
    assert split_code("IGOUNO", SECTORS) == ("UNO", "IGO")
    assert split_code("ELI", SECTORS) == (None, "ELI")


def test_import_mini_dictionary():
    result = import_phoenix(FIXTURES / "phoenix")
    actors = {a["id"]: a for a in result.data["actors"]}
    assert actors["phoenix.zembla"]["type"] == "state"
    assert actors["phoenix.zembla"]["names"] == ["Zembla", "Zemblan", "Kingdom Of Zembla"]
    person = actors["person.odon_karlsson"]
    assert person["type"] == "person" and person["outside_roles"] == "ELI"
    assert person["roles"][2] == {
        "title": None, "country": "ZMB", "sector": "GOV", "start": dt.date(2012, 3, 1), "end": None
    }  # fmt: skip
    assert actors["phoenix.gray_brotherhood"]["sector"] == "REB"
    assert actors["phoenix.league_of_northern_states"]["type"] == "igo"
    assert any("Broken" in p and "2004017" in p for p in result.problems)
    agents = {a["sector"]: a["nouns"] for a in result.data["agents"]}
    assert agents["LAB"] == ["glassblower"]
    assert agents["COP"] == ["lanternman", "lanternwoman"]
    assert agents["MIL"] == ["sky captain"]
    assert "XYZ" not in agents


def test_imported_yaml_resolves_with_dated_roles(tmp_path):
    import yaml

    out = tmp_path / "phoenix.yaml"
    out.write_text(yaml.safe_dump(import_phoenix(FIXTURES / "phoenix").data), encoding="utf-8")
    resolver = ActorResolver(ActorDictionary.load([out]))
    assert resolver.resolve_name("Odon Karlsson", "2004-01-01").code == "ZMBGOV"
    assert resolver.resolve_name("Odon Karlsson", "2010-01-01").code == "ZMBELI"
    assert resolver.resolve_name("President Odon Karlsson", "2015-01-01").code == "ZMBGOV"
