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
        EventFilter(actor="U S A").where()


def test_where_and_describe():
    spec = EventFilter(source="usa", modality="asserted", text="drills")
    sql, params = spec.where()
    assert "starts_with(source_code, ?)" in sql and params[:2] == ["USA", "USA"]
    assert spec.describe() == "--source usa --modality asserted --text drills"
    assert EventFilter().where() == ("TRUE", [])
