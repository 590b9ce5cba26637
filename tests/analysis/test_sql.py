import pytest

from dyads.analysis import check_sql, run_query
from dyads.errors import QueryError


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) FROM events",
        "WITH t AS (SELECT type FROM events) SELECT * FROM t",
        "DESCRIBE events",
        "SHOW TABLES",
        "EXPLAIN SELECT * FROM events",
    ],
)
def test_read_statements_pass(sql):
    assert check_sql(sql) == sql


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "INSERT INTO events VALUES (1)",
        "UPDATE events SET type = 'AID'",
        "DROP TABLE events",
        "CREATE TABLE x AS SELECT 1",
        "COPY events TO 'out.csv'",
        "ATTACH 'other.duckdb'",
        "SET enable_external_access = true",
        "SELECT 1; DELETE FROM events",
        "EXPLAIN ANALYZE COPY events TO 'out.csv'",
        "SELEKT 1",
    ],
)
def test_writes_and_others_are_refused(sql):
    with pytest.raises(QueryError) as err:
        check_sql(sql)
    assert err.value.code == "E703"


def test_query_returns_a_frame(example_db):
    frame = run_query(example_db, "SELECT type, count(*) AS n FROM events GROUP BY type")
    assert frame["n"].sum() >= 5


def test_files_are_out_of_reach(example_db, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(QueryError, match="E705"):
        run_query(example_db, f"SELECT * FROM read_csv('{secret}')")


def test_bad_sql_is_a_coded_error(example_db):
    with pytest.raises(QueryError, match="E705"):
        run_query(example_db, "SELECT * FROM no_such_view")
