import datetime as dt

import pytest

from dyads.actors.dictionary import ACTORS_DIR, ActorDictionary, builtin_files
from dyads.config import Options
from dyads.errors import DictionaryError

from .conftest import MINI


def test_lookup_tables(mini_dictionary):
    lex = mini_dictionary.get("us")
    assert lex is not None and lex.names[0].id == "USA"
    assert mini_dictionary.get("russian").adjective.id == "RUS"
    assert mini_dictionary.get("putin").surnames[0].id == "person.vladimir_putin"
    assert mini_dictionary.get("soldiers").agent == "MIL"  # generated plural
    assert mini_dictionary.get("general").title == "MIL"


def test_role_on_before_during_after():
    d = ActorDictionary.load([MINI])
    blair = d.entries["person.tony_blair"]
    assert blair.role_on(dt.date(1990, 1, 1)) == ("GBR", "ELI", None)
    assert blair.role_on(dt.date(2003, 1, 1)) == ("GBR", "GOV", "Prime Minister")
    assert blair.role_on(dt.date(2024, 1, 1)) == ("GBR", "ELI", None)
    putin = d.entries["person.vladimir_putin"]
    assert putin.role_on(dt.date(2010, 1, 1))[2] == "Prime Minister"


def test_load_is_cached_per_file_tuple():
    assert ActorDictionary.load([MINI]) is ActorDictionary.load([MINI])


def test_user_file_overrides_builtin_alias(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text(
        "version: 1\nactors:\n"
        "  - {id: custom.ussr, type: state, names: [Russia], country: SUN, sector: null}\n",
        encoding="utf-8",
    )
    d = ActorDictionary.load([MINI, user])
    assert [e.id for e in d.get("russia").names] == ["custom.ussr"]
    assert d.get("russian federation").names[0].id == "RUS"  # other aliases untouched


def test_user_file_same_id_replaces_entry(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text(
        "version: 1\nactors:\n  - {id: JPN, type: state, names: [Nippon], country: JPN}\n",
        encoding="utf-8",
    )
    d = ActorDictionary.load([MINI, user])
    assert d.entries["JPN"].names == ("Nippon",)
    assert d.get("japan") is None or not d.get("japan").names


def test_builtin_options(tmp_path):
    only_user = ActorDictionary.builtin(Options(builtin_actors=False, actor_files=(str(MINI),)))
    assert only_user.paths == (MINI,)
    full = ActorDictionary.builtin(Options(actor_files=(str(MINI),)))
    assert full.paths[-1] == MINI and ACTORS_DIR / "agents.yaml" in full.paths
    assert all(p.name != "sectors.yaml" for p in builtin_files())


def test_bad_yaml_raises_coded_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nactors:\n  - {id: X, type: state\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        ActorDictionary.load([bad])
    assert err.value.code == "E201" and "bad.yaml" in str(err.value)
