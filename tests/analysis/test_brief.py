import re

import pytest

from dyads.analysis import brief_data, brief_markdown
from dyads.errors import QueryError


def test_brief_groups_cites_and_labels(hand_db):
    text = brief_markdown(hand_db, "PRK", since="2025-01-01")
    assert text.startswith("# Brief: PRK")
    assert "## RUS (" in text and "### AID (2)" in text and "## RUSGOV" not in text
    assert "**[denied]**" in text
    lines = [line for line in text.splitlines() if line.startswith("- 2025")]
    assert len(lines) == 9
    assert all(re.search(r"\[doc `hand-\d\d`, sentence 0\]$", line) for line in lines)


def test_brief_on_examples(example_db):
    text = brief_markdown(example_db, "IRN", since="2025-01-01")
    assert "df87bd9385c8afd9" in text or "doc `" in text
    assert "**[alleged]**" in text or "**[negated]**" in text


def test_brief_data_and_period(hand_db):
    data = brief_data(hand_db, "UKR", since="2025-02-01")
    assert data["total"] == 2 and data["until"] == "2025-03-07"
    assert data["quads"] == {"cooperation": 0, "conflict": 1}  # asserted only
    assert data["asserted"] == 1 and data["not_asserted"] == {"alleged": 1}


def test_unknown_actor(hand_db):
    with pytest.raises(QueryError, match="E701"):
        brief_markdown(hand_db, "RUZ", since="2025-01-01")


def test_brief_groups_by_country_and_places_the_placeholders_last(aggregate_db):
    data = brief_data(aggregate_db, "RUS", since="2025-01-01")
    codes = [c["code"] for c in data["counterparts"]]
    assert codes == ["SYR", "(no country)", "(no counterpart)"]  # SYR and SYRGOV are one
    syr = data["counterparts"][0]
    assert syr["total"] == 4 and syr["name"] == "Syria"
    assert data["quads"] == {"cooperation": 3, "conflict": 2}  # the negated SUPPORT is not
    assert data["not_asserted"] == {"negated": 1}
    text = brief_markdown(aggregate_db, "RUS", since="2025-01-01")
    assert "Of the 5 asserted: 3 cooperative, 2 conflictual." in text
    assert "Not asserted, so not counted as cooperation or conflict: 1 negated." in text
    by_code = brief_data(aggregate_db, "RUS", since="2025-01-01", by="code")
    assert {c["code"] for c in by_code["counterparts"][:2]} == {"SYRGOV", "SYR"}
    assert "REB" in [c["code"] for c in by_code["counterparts"]]
