import datetime as dt

import pytest

from dyads.analysis.filters import EventFilter, parse_date, split_choices
from dyads.errors import QueryError
from dyads.model import PLOVER_TYPES


def test_parse_date():
    assert parse_date("2025-03-01", "--since") == dt.date(2025, 3, 1)
    assert parse_date(None, "--since") is None
    with pytest.raises(QueryError) as err:
        parse_date("March 1", "--since")
    assert err.value.code == "E704" and "--since" in str(err.value)


def test_until_before_since_is_an_error():
    with pytest.raises(QueryError, match="E704"):
        EventFilter(since="2025-03-02", until="2025-03-01").where()


def test_types_are_checked_and_upper_cased():
    assert split_choices("accuse, threaten", PLOVER_TYPES, "--type") == ["ACCUSE", "THREATEN"]
    with pytest.raises(QueryError, match="E706"):
        split_choices("INVADE", PLOVER_TYPES, "--type")


def test_bad_actor_code():
    with pytest.raises(QueryError, match="E706"):
        EventFilter(source="U S A").where()
    with pytest.raises(QueryError, match="E706"):
        EventFilter(actor="  ").where()


def test_actor_is_a_code_in_capitals_else_also_words_of_a_name():
    """The page, the API, exports and the CLI read ``actor`` alike (a download link from
    a name search must not be refused)."""
    code_sql, code_params = EventFilter(actor="UKR").where()
    assert "regexp_matches" not in code_sql and code_params == ["UKR"] * 4
    name_sql, name_params = EventFilter(actor="William Ruto").where()
    assert "regexp_matches(source_name, ?)" in name_sql and "starts_with" not in name_sql
    assert name_params[0] == r"(?i)\bWilliam\ Ruto"
    both_sql, _ = EventFilter(actor="ruto").where()
    assert "regexp_matches" in both_sql and "starts_with(source_code, ?)" in both_sql
    assert EventFilter(actor="William Ruto").codes() == []


def test_where_and_describe():
    spec = EventFilter(source="usa", modality="asserted", text="drills")
    sql, params = spec.where()
    assert "starts_with(source_code, ?)" in sql and params[:2] == ["USA", "USA"]
    assert spec.describe() == "--source usa --modality asserted --text drills"
    assert EventFilter().where() == ("TRUE", [])


def test_location_country_is_a_list_of_alpha3_codes():
    sql, params = EventFilter(location_country="syr, irq").where()
    assert "location_country IN (?, ?)" in sql and params == ["SYR", "IRQ"]
    for bad in ("SY", "S1R", " , "):
        with pytest.raises(QueryError, match="E706"):
            EventFilter(location_country=bad).where()


def test_near_needs_a_radius_and_a_good_point():
    sql, params = EventFilter(near="36.2,37.15", radius_km="50").where()
    assert "asin" in sql and params == [36.2, 36.2, 37.15, 50.0]
    for near, radius in (("36.2,37.15", None), (None, "50"), ("36.2", "50"), ("91,0", "5"),
                         ("10,10", "0"), ("10,10", "far")):  # fmt: skip
        with pytest.raises(QueryError, match="E706"):
            EventFilter(near=near, radius_km=radius).where()


def test_location_filters_are_described_as_options():
    spec = EventFilter(location_country="SYR", near="1,2", radius_km=5)
    assert spec.describe() == "--location-country SYR --near 1,2 --radius-km 5"
