from dyads.ingest.layout import clean_page, join_paragraphs, split_blocks

BODY_1 = "Ghana and Togo held talks on border security in Accra on Monday, officials said."
BODY_2 = "Both governments promised to meet again in January to sign a patrol agreement."


def test_split_blocks_handles_crlf_and_whitespace_only_lines():
    text = "Headline here\r\n \r\nFirst line\nsecond line\n\t\nLast"
    assert split_blocks(text) == [["Headline here"], ["First line", "second line"], ["Last"]]


def test_join_paragraphs_offsets():
    text, spans = join_paragraphs([BODY_1, BODY_2])
    assert text == f"{BODY_1}\n\n{BODY_2}"
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_headline_found_when_short_and_not_a_sentence():
    page = clean_page([["Ghana and Togo hold border talks"], [BODY_1], [BODY_2]])
    assert page.title == "Ghana and Togo hold border talks"
    assert page.paragraphs == [BODY_1, BODY_2]


def test_sentence_first_block_is_not_a_headline():
    page = clean_page([[BODY_1], [BODY_2]])
    assert page.title is None
    assert page.paragraphs == [BODY_1, BODY_2]


def test_given_title_drops_only_an_equal_first_block():
    same = clean_page(
        [["Ghana and Togo hold ‘border’ talks"], [BODY_1]],
        title="GHANA and Togo hold 'border' talks",
    )
    assert same.paragraphs == [BODY_1]
    other = clean_page([["Ghana and Togo"], [BODY_1]], title="Something else")
    assert other.title == "Something else"
    assert other.paragraphs == ["Ghana and Togo", BODY_1]


def test_hard_wrapped_lines_join_and_sentences_split():
    block = ["Ghana and Togo held talks", "in Accra on Monday.", "Both sides agreed."]
    page = clean_page([block], find_headline=False)
    assert page.paragraphs == [
        "Ghana and Togo held talks in Accra on Monday.",
        "Both sides agreed.",
    ]


def test_tail_is_cut_only_after_most_of_the_body():
    early = clean_page(
        [[BODY_1], ["Related Articles"], [BODY_2], [BODY_2 + " Again."]], find_headline=False
    )
    assert len(early.paragraphs) == 3
    late = clean_page(
        [[BODY_1], [BODY_2], ["Related Articles"], ["Kenya budget passes"]], find_headline=False
    )
    assert late.paragraphs == [BODY_1, BODY_2]


def test_trailing_byline_starts_an_author_bio():
    blocks = [
        [BODY_1],
        [BODY_2],
        ["By Jane Doe", "Jane Doe writes about West Africa. She lives in Accra."],
    ]
    page = clean_page(blocks, find_headline=False)
    assert page.paragraphs == [BODY_1, BODY_2]
    assert page.byline == "Jane Doe"


def test_a_byline_mid_article_does_not_swallow_long_text():
    long_tail = [BODY_2 * 3, BODY_2 * 3]
    page = clean_page([[BODY_1], ["By Jane Doe"], long_tail], find_headline=False)
    assert page.paragraphs[0] == BODY_1
    assert len(page.paragraphs) == 3
