import pytest
from lxml import html as lxml_html

from dyads.ingest.dates import iso_date, meta_date, parse_loose_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-16", "2025-09-16"),
        ("2025-09-16T08:45:00+09:00", "2025-09-16"),
        ("2025-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_parse_loose_date():
    assert parse_loose_date("June 19, 2024") == "2024-06-19"
    assert parse_loose_date("19 June 2024") == "2024-06-19"
    assert parse_loose_date("troops remain in the city") is None


def test_meta_date_prefers_open_graph():
    tree = lxml_html.fromstring(
        "<html><head><meta name='date' content='2024-01-02'>"
        "<meta property='article:published_time' content='2024-01-01T10:00:00Z'>"
        "</head><body><p>x</p></body></html>"
    )
    assert meta_date(tree) == "2024-01-01"


def test_meta_date_reads_json_ld_graph():
    tree = lxml_html.fromstring(
        "<html><head><script type='application/ld+json'>"
        '{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
        '"datePublished": "2025-05-20T07:00:00Z"}]}'
        "</script></head><body><p>x</p></body></html>"
    )
    assert meta_date(tree) == "2025-05-20"


def test_meta_date_absent():
    tree = lxml_html.fromstring("<html><body><p>No date here.</p></body></html>")
    assert meta_date(tree) is None
