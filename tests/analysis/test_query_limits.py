"""`dyads query` is bounded in time (query_timeout, E709) and memory (query_memory_limit,
E710): a recursive CTE without an end used to run until killed (issue #19)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dyads.analysis import run_query
from dyads.cli import app
from dyads.config import Options
from dyads.errors import ConfigError, QueryError

ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
HUGE_LIST = "SELECT length(list(range)) FROM range(20000000)"  # one 160 MB value


def test_an_endless_query_is_stopped_with_E709(hand_db):
    with pytest.raises(QueryError) as info:
        run_query(hand_db, ENDLESS, Options(query_timeout=0.3))
    assert info.value.code == "E709" and "0.3 s" in str(info.value)


def test_a_query_over_the_memory_limit_is_E710(hand_db):
    with pytest.raises(QueryError) as info:
        run_query(hand_db, HUGE_LIST, Options(query_memory_limit="20MB"))
    assert info.value.code == "E710" and "query_memory_limit" in str(info.value)


def test_limits_leave_ordinary_queries_alone(hand_db):
    frame = run_query(hand_db, "SELECT count(*) AS n FROM events", Options(query_timeout=30))
    assert frame["n"].tolist() == [12]


def test_a_memory_limit_that_is_not_a_size_is_E401(hand_db):
    with pytest.raises(ConfigError) as info:
        run_query(hand_db, "SELECT 1", Options(query_memory_limit="plenty"))
    assert info.value.code == "E401"


def test_dyads_query_timeout_flag(hand_db):
    result = CliRunner().invoke(app, ["query", "--db", str(hand_db), "--timeout", "0.3", ENDLESS])
    assert result.exit_code == 2
    assert "[E709]" in result.output and "0.3 s" in result.output
