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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("November 13, 2004", "2004-11-13"),
        ("Nov. 13, 2004", "2004-11-13"),
        ("13 Nov 2004", "2004-11-13"),
        ("13th of November, 2004", "2004-11-13"),
        ("2004-11-13T10:00:00Z", "2004-11-13"),
        ("Sat, 13 Nov 2004 10:00:00 +0000", "2004-11-13"),  # RFC 2822
        ("Saturday, November 13, 2004 10:00 AM EST", "2004-11-13"),
        ("2004/11/13", "2004-11-13"),
        ("11/13/2004", "2004-11-13"),  # month first ...
        ("04/05/2004", "2004-04-05"),  # ... when both could be months
        ("13/11/2004", "2004-11-13"),  # day first only when 13 cannot be a month
        ("13.11.2004", "2004-11-13"),
    ],
)
def test_iso_date_reads_common_formats(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    "value", ["next week", "2 days ago", "2004", "November 2004", "n/a", "1100000000", "2004-13-45"]
)
def test_iso_date_unreadable(value):
    assert iso_date(value) is None


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
