"""Dates at the ends of the calendar: E704 or a clamped baseline, never an OverflowError."""

import pytest
from typer.testing import CliRunner

from dyads.analysis import dyad_series, find_alerts
from dyads.cli import app
from dyads.errors import QueryError


def test_alerts_until_the_last_day_clamps_the_baseline(hand_db):
    [alert] = find_alerts(hand_db, since="2025-03-03", until="9999-12-31")  # 500 in the API
    assert alert.baseline[0] == "0001-01-01" and alert.period[1] == "9999-12-31"


def test_alerts_since_the_first_day_is_e704(hand_db):
    with pytest.raises(QueryError, match=r"\[E704\].*0001-01-01.*--since"):
        find_alerts(hand_db, since="0001-01-01")
    assert find_alerts(hand_db, since="0001-01-02", until="9999-12-31") is not None


def test_alerts_cli_since_the_first_day_is_a_message_not_a_traceback(hand_db):
    result = CliRunner().invoke(app, ["alerts", "--db", str(hand_db), "--since", "0001-01-01"])
    assert result.exit_code == 2  # fail(): a coded message; an exception exits 1
    assert "[E704]" in result.stderr


def test_dyad_series_over_the_whole_calendar(hand_db):  # a guard: this never overflowed
    frame = dyad_series(hand_db, "RUS", "PRK", since="0001-01-01", until="9999-12-31")
    assert not frame.empty
