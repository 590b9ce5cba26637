"""`dyads query ... | cat`: JSON Lines for any column type DuckDB returns (issue #19)."""

import json

from typer.testing import CliRunner

from dyads.cli import app
from dyads.cli.output import plain_value

from ..analysis.conftest import hand_db  # noqa: F401  (session fixture)

runner = CliRunner()

SQL = (
    "SELECT NULL::INTEGER AS n, [1, 2] AS l, [NULL, 3] AS ln, {'a': 1, 'b': [1.5]} AS s, "
    "MAP {'k': 1} AS m, '0001-01-01'::DATE AS d, NULL::DATE AS nd, NULL::TIMESTAMP AS nt, "
    "'2025-03-03 12:30'::TIMESTAMP AS ts, 'x'::BLOB AS b, 1.25::DECIMAL(4, 2) AS dec, "
    "NULL::BOOLEAN AS nb, 'nan'::DOUBLE AS f, count(*) AS events FROM events"
)


def test_query_piped_writes_json_lines_for_nulls_and_lists(hand_db):  # noqa: F811
    result = runner.invoke(app, ["query", SQL, "--db", str(hand_db)])  # not a TTY: JSON Lines
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row == {
        "n": None, "l": [1, 2], "ln": [None, 3], "s": {"a": 1, "b": [1.5]}, "m": {"k": 1},
        "d": "0001-01-01", "nd": None, "nt": None, "ts": "2025-03-03T12:30:00", "b": "x",
        "dec": 1.25, "nb": None, "f": None, "events": 12,
    }  # fmt: skip


def test_query_csv_and_table_take_the_same_values(hand_db):  # noqa: F811
    for fmt in ("csv", "table"):
        result = runner.invoke(app, ["query", SQL, "--db", str(hand_db), "--format", fmt])
        assert result.exit_code == 0, result.output


def test_plain_value_of_everything_is_json():
    import datetime as dt

    import numpy as np
    import pandas as pd

    values = [pd.NA, pd.NaT, np.int64(3), np.array([1.5, np.nan]), dt.date(1, 1, 1), b"\xff"]
    assert json.dumps([plain_value(v) for v in values]) == (
        '[null, null, 3, [1.5, null], "0001-01-01", "\\\\xff"]'
    )
