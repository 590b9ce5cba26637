import pytest

from dyads.actors.resolver import ActorResolver
from dyads.config import Options
from dyads.errors import InputError

from .conftest import MINI

CASES = [
    # text, date, country, sector, matched
    ("Russian President Vladimir Putin", "2024-06-19", "RUS", "GOV", "title+name"),
    ("Defense Minister Diego Molano", "2021-01-01", None, "GOV", "title+name"),
    ("the Mongolian President", "2021-01-01", "MNG", "GOV", "adjective+agent"),
    ("Kyiv police", "2022-03-01", "UKR", "COP", "modifier+agent"),
    ("North Korea's military", "2024-01-01", "PRK", "MIL", "possessive+agent"),
    ("Boko Haram", "2020-01-01", "NGA", "REB", "alias"),
    ("Boko Haram gunmen", "2020-01-01", "NGA", "REB", "modifier+agent"),
    ("gunmen", "2020-01-01", None, "UAF", "agent"),
    ("Ukrainian farmers", "2022-01-01", "UKR", "AGR", "adjective+agent"),
    ("U.S. officials", "2020-01-01", "USA", "GOV", "modifier+agent"),
    ("the Biden administration", "2022-02-02", "USA", "GOV", "modifier+agent"),
    ("Odesa", "2022-01-01", "UKR", "CVL", "city"),
    ("Pyongyang", "2024-01-01", "PRK", "GOV", "alias"),
    ("the Kremlin", "2024-01-01", "RUS", "GOV", "alias"),
    ("Putin", "2024-01-01", "RUS", "GOV", "surname"),
    ("the UN Security Council", "2024-01-01", "UN", "IGO", "alias"),
    ("two Russians", "2024-01-01", "RUS", None, "demonym"),
    ("president of the United Nations", "2024-01-01", "UN", "GOV", "agent"),
]
# named armed groups and parties carry their own code after country and sector
GROUPS = {"Boko Haram": "BOKOHARAM", "Boko Haram gunmen": "BOKOHARAM"}


@pytest.mark.parametrize(("text", "date", "country", "sector", "matched"), CASES)
def test_resolve_name(resolver, text, date, country, sector, matched):
    result = resolver.resolve_name(text, date)
    assert (result.country, result.sector, result.matched) == (country, sector, matched)
    assert result.code == ((country or "") + (sector or "") + GROUPS.get(text, "") or None)


@pytest.mark.parametrize(
    ("date", "sector"),
    [("2005-06-01", "LEG"), ("2010-06-01", "GOV"), ("2022-06-01", "GOV"), ("2026-06-01", "ELI")],
)
def test_same_name_before_during_after_office(resolver, date, sector):
    result = resolver.resolve_name("Joe Biden", date)
    assert (result.country, result.sector, result.name) == ("USA", sector, "Joe Biden")


def test_former_office_holder_is_elite(resolver):
    result = resolver.resolve_name("former President Tony Blair", "2003-01-01")
    assert (result.country, result.sector) == ("GBR", "ELI")
    assert resolver.resolve_name("Tony Blair", "2024-01-01").sector == "ELI"
    assert resolver.resolve_name("a former White House official").sector == "ELI"


def test_unknown_name_keeps_reason(resolver):
    result = resolver.resolve_name("puppies", "2020-01-01")
    assert result.country is None and result.sector is None and result.matched is None
    assert result.reason == "unknown name"


def test_bad_date_is_coded_error(resolver):
    with pytest.raises(InputError) as err:
        resolver.resolve_name("Putin", "June 2024")
    assert err.value.code == "E203"


def test_from_options_is_cached_and_user_file_wins(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text(
        "version: 1\nactors:\n  - {id: grp.x, type: group, names: [Putin], "
        "country: NGA, sector: REB}\n",
        encoding="utf-8",
    )
    options = Options(builtin_actors=True, actor_files=(str(MINI), str(user)))
    first = ActorResolver.from_options(options)
    assert first is ActorResolver.from_options(options)
    assert first.resolve_name("Putin", "2024-01-01").code == "NGAREBX"  # group.x's code
