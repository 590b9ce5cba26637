import pytest

from dyads.errors import InputError
from dyads.ingest import extract_html

BODY = (
    "<p>Kenya hosted talks between the rival factions in Nairobi on Sunday, the foreign "
    "ministry said in a statement.</p><p>Delegates agreed to meet again within a month to "
    "discuss a ceasefire and the release of prisoners held by both sides.</p>"
)


def _page(head="", article=BODY):
    return (
        f"<html><head><title>Kenya hosts talks</title>{head}</head>"
        f"<body><article>{article}</article></body></html>"
    )


@pytest.fixture(scope="module")
def visit(examples):
    path = examples / "visit.html"
    return extract_html(path.read_text(encoding="utf-8"), path=str(path))


def test_visit_metadata(visit):
    assert visit.title == "Ruto arrives in Seoul for talks on trade and infrastructure"
    assert visit.byline == "Grace Wanjiru"
    assert visit.site == "The Meridian Ledger"
    assert visit.url.startswith("https://meridianledger.example/")
    assert (visit.published, visit.date_source) == ("2025-09-16", "html-meta")


def test_visit_body_without_furniture(visit):
    assert visit.text.startswith("Kenyan President William Ruto arrived in Seoul on Tuesday")
    assert visit.text.endswith("later in the week.")
    for junk in (
        "cookies",
        "Subscribe",
        "Share on",
        "Related Articles",
        "Tea exports",
        "Comments",
        "Great news for Mombasa",
        "Leave a Reply",
        "All rights reserved",
        "Tags:",
    ):
        assert junk not in visit.text, junk
    assert visit.title not in visit.text


def test_visit_paragraphs(visit):
    assert len(visit.paragraphs) == 5
    for span in visit.paragraphs:
        assert visit.text[span.start : span.end] == span.text
    assert visit.paragraphs[1].start == visit.paragraphs[0].end + 2


def test_json_ld_date_and_credit_line(fixtures):
    document = extract_html((fixtures / "page.html").read_text(encoding="utf-8"))
    assert (document.published, document.date_source) == ("2025-03-11", "html-meta")
    assert document.credits == ["Reuters"]
    assert "Photo: Reuters" not in document.text
    assert "Share This Article" not in document.text


def test_date_sources_in_order():
    given = extract_html(
        _page("<meta property='article:published_time' content='2024-01-01'>"), date="2024-02-02"
    )
    assert (given.published, given.date_source) == ("2024-02-02", "input")
    from_url = extract_html(_page(), url="https://news.example/2024/06/19/kenya-talks")
    assert (from_url.published, from_url.date_source) == ("2024-06-19", "htmldate")
    dateline = extract_html(_page(article="<p>Posted on June 19, 2024</p>" + BODY))
    assert (dateline.published, dateline.date_source) == ("2024-06-19", "text")
    assert "Posted on" not in dateline.text
    none = extract_html(_page())
    assert (none.published, none.date_source) == (None, None)


def test_no_main_text_is_e007():
    with pytest.raises(InputError) as info:
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", path="nav.html")
    assert info.value.code == "E007"
    assert "nav.html" in str(info.value)


def test_blank_html_is_e002():
    with pytest.raises(InputError) as info:
        extract_html("   ", path="blank.html")
    assert info.value.code == "E002"


@pytest.mark.slow
def test_article_extraction_benchmark_sample():
    """Token overlap with the human-checked bodies of the first 40 benchmark pages."""
    import gzip
    import json
    import re
    from collections import Counter

    from .conftest import shared_dir

    root = shared_dir() / "benchmarks" / "article_extraction_benchmark"
    gold_file = root / "aeb_gold.jsonl"
    if not gold_file.is_file():
        pytest.skip(f"article extraction benchmark not available at {root} (set DYADS_SHARED)")
    with gold_file.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(40), fh, strict=False)]
    precision = recall = 0.0
    for row in rows:
        html = gzip.decompress((root / row["html_path"]).read_bytes()).decode("utf-8", "replace")
        predicted = Counter(re.findall(r"\w+", extract_html(html, url=row["url"]).text.lower()))
        gold = Counter(re.findall(r"\w+", row["articleBody"].lower()))
        overlap = sum((predicted & gold).values())
        precision += overlap / max(1, sum(predicted.values()))
        recall += overlap / max(1, sum(gold.values()))
    assert precision / len(rows) > 0.9
    assert recall / len(rows) > 0.93
