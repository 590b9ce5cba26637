"""Random parameters on every API route: never a 500, and every 4xx in the one error shape.

Values include lone surrogates (sent as the invalid UTF-8 they become), huge and
negative numbers, and the first and last dates there are. Bounded for CI: a
fixed number of examples per route, derandomized so a run is repeatable; set
DYADS_FUZZ_EXAMPLES to search longer (then with fresh random values).
"""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("DYADS_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 20,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

DATES = st.sampled_from(["0001-01-01", "9999-12-31", "0000-00-00", "2025-02-29", "1970-01-01"])
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
)
WORDS = st.sampled_from(["all", "asserted", "week", "country", "jsonl", "true", "USA", "RUS"])
TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=80)  # surrogates too
VALUES = st.one_of(
    DATES, st.dates().map(str), NUMBERS.map(str), WORDS, TEXT, st.just(""), st.just("x" * 5000)
)


def encode(value: str) -> str:
    """Percent-encoded UTF-8; a lone surrogate becomes the invalid bytes it stands for."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def routes(app) -> list[tuple[str, list[str]]]:
    """Every GET route under /api/ and its query parameters, from the OpenAPI schema."""
    found = []
    for path, methods in app.openapi()["paths"].items():
        if path.startswith("/api/") and "get" in methods:
            params = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
            found.append((path, params))
    return found


def check(response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    if 400 <= response.status_code < 500:
        assert response.headers["content-type"].startswith("application/json")
        data = response.json()
        assert set(data) == {"ok", "error", "status"}, data
        assert data["ok"] is False and data["status"] == response.status_code
        assert data["error"].startswith("[E"), data


ROUTES = [
    "/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/overview",
    "/api/dyads/{a}/{b}", "/api/map", "/api/network", "/api/alerts", "/api/export",
    "/api/brief", "/api/corrections",
]  # fmt: skip


def test_fuzz_covers_every_api_route(app):
    assert sorted(p for p, _ in routes(app)) == sorted(ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_random_parameters_never_crash_a_route(client, app, route):
    params = dict(routes(app))[route] + ["unknown"]
    segments = [s[1:-1] for s in route.split("/") if s.startswith("{")]

    @FUZZ
    @given(
        query=st.dictionaries(st.sampled_from(params), VALUES, max_size=len(params)),
        path=st.fixed_dictionaries({name: VALUES.filter(bool) for name in segments}),
    )
    def walk(query: dict[str, str], path: dict[str, str]) -> None:
        url = route.format(**{k: encode(v) for k, v in path.items()})
        if query:
            url += "?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in query.items())
        check(client.get(url))

    walk()
