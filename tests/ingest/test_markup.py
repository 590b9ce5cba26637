from dyads.ingest import extract_plain
from dyads.ingest.markup import clean_markup


def test_wiki_links_templates_and_entities_read_as_shown():
    text = (
        "{{byline|dateProtesters marched &mdash; see [http://example.org/a the report] "
        "and [http://example.org/b] &ndash; against [[Fort Benning|the school]] and "
        "w:human rights abuses."
    )
    assert clean_markup(text) == (
        "Protesters marched \u2014 see the report and  \u2013 against the school and "
        "human rights abuses."
    )


def test_text_without_markup_is_untouched():
    text = "AT&T and Q&A stay; a w: b stays; {{ not closed"
    assert clean_markup("Plain words only.") == "Plain words only."
    assert clean_markup(text) == text


def test_extract_plain_codes_the_shown_words():
    doc = extract_plain(
        "Bush met Martin in Ottawa &mdash; [http://example.org/x protesters] marched.",
        find_headline=False,
    )
    assert "&mdash;" not in doc.text and "[http" not in doc.text
    assert "protesters marched" in doc.text
