import pytest

from dyads.errors import InputError
from dyads.ingest import extract_plain
from dyads.model import Document

from .conftest import shared_dir

SEED = "corpus/seed/000_f5ffe58f7aa4e480.txt"


def _assert_offsets(document):
    assert document.paragraphs
    for span in document.paragraphs:
        assert document.text[span.start : span.end] == span.text
        assert "\n\n" not in span.text
    assert "\n\n".join(span.text for span in document.paragraphs) == document.text


@pytest.fixture(scope="module")
def scrape(fixtures):
    path = fixtures / "scrape.txt"
    return extract_plain(path.read_text(encoding="utf-8"), path=str(path))


def test_scrape_metadata(scrape):
    assert scrape.title == "Norway and Chile Agree to Expand Cooperation on Antarctic Research"
    assert scrape.byline == "Ingrid Solberg"
    assert scrape.credits == ["Reuters", "Tomas Araya/AFP"]
    assert (scrape.published, scrape.date_source) == ("2025-02-04", "text")
    assert scrape.doc_id == Document.content_id(scrape.text)


def test_scrape_furniture_is_removed(scrape):
    for junk in (
        "Skip to content",
        "Norway and Chile Agree",  # the headline is not body text
        "Staff Writer",
        "Published:",
        "Photo: Reuters",
        "Photo by",
        "Share This Article",
        "Advertisement",
        "Read more",
        "cookies",
        "covers Nordic politics",
        "Leave a Reply",
        "Your email address",
    ):
        assert junk not in scrape.text, junk


def test_scrape_keeps_sentences_that_mention_share_and_comment(scrape):
    assert "would share logistics and data" in scrape.text
    assert "Critics were invited to comment on the plan" in scrape.text
    assert "Leave a comment was not what the ministers did" in scrape.text


def test_scrape_paragraphs(scrape):
    _assert_offsets(scrape)
    assert len(scrape.paragraphs) == 3
    # the hard-wrapped first paragraph is one paragraph, its line breaks become spaces
    assert scrape.paragraphs[0].text.startswith(
        "Norwegian Foreign Minister Espen Barth Eide and his"
    )
    assert "\n" not in scrape.paragraphs[0].text


def test_given_metadata_wins():
    text = "Chad closes border\n\nChad closed its border with Sudan on Monday, the government said."
    document = extract_plain(text, doc_id="chad-1", date="2024-05-06", url="https://x.example/c")
    assert (document.doc_id, document.published, document.date_source) == (
        "chad-1",
        "2024-05-06",
        "input",
    )
    assert document.url == "https://x.example/c"
    assert document.title == "Chad closes border"


def test_unreadable_date_is_a_warning():
    document = extract_plain("Chad closed its border with Sudan on Monday.", date="next week")
    assert document.published is None
    assert document.warnings and document.warnings[0].startswith("[W004]")


def test_only_furniture_is_empty():
    with pytest.raises(InputError) as info:
        extract_plain("Share This Article\n\nLeave a comment\n", path="junk.txt")
    assert info.value.code == "E002"
    assert "junk.txt" in str(info.value)


def test_founding_article():
    path = shared_dir() / SEED
    if not path.is_file():
        pytest.skip(f"founding article not available at {path} (set DYADS_SHARED)")
    document = extract_plain(path.read_text(encoding="utf-8"), path=str(path))
    assert document.title.startswith("Putin’s Historic Visit to North Korea: ")
    assert "Stephen Johns" in document.byline
    assert "edition.cnn.com" in document.credits
    for junk in (
        "Stephen Johns",
        "Image –",
        "Share This Article",
        "Leave a comment",
        "Exit mobile version",
        "Your email address",
        "buzztimes24",
    ):
        assert junk not in document.text, junk
    assert document.text.startswith("Russian President Vladimir Putin")
    assert document.text.endswith("multipolar world.")
    assert "Historic Visit" not in document.text.split("\n\n")[0]
    _assert_offsets(document)
    assert len(document.paragraphs) == 11


def test_written_out_date_is_read_without_warning():
    document = extract_plain("Chad closed its border with Sudan.", date="November 13, 2004")
    assert (document.published, document.date_source, document.warnings) == (
        "2004-11-13", "input", [],
    )  # fmt: skip
