import pytest

from dyads.errors import DictionaryError
from dyads.ingest.furniture import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Stephen Johns -\u00a0Executive writer", "Stephen Johns"),
        ("By Jane Doe", "Jane Doe"),
        ("Jane Doe | Reuters", "Jane Doe"),
        ("By Jane Doe, Staff Writer", "Jane Doe"),
        ("By Stephen Johns Executive writer", "Stephen Johns"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By Reuters", "Reuters"),
    ],
)
def test_bylines(rules, line, name):
    kind = rules.classify(line)
    assert (kind.kind, kind.value) == ("byline", name)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Image – edition.cnn.com", "edition.cnn.com"),
        ("Photo: Reuters", "Reuters"),
        ("Image credit: Jane Doe", "Jane Doe"),
        ("(Photo by John Roe/AFP)", "John Roe/AFP"),
    ],
)
def test_credits(rules, line, credit):
    kind = rules.classify(line)
    assert (kind.kind, kind.value) == ("credit", credit)


@pytest.mark.parametrize(
    "line",
    [
        "Share This Article",
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Exit mobile version  ",
        "Subscribe to our newsletter",
        "Click here to read the full report",
        "Advertisement",
        "Read more: Chile opens new research base",
        "We use cookies to improve your experience on our site.",
    ],
)
def test_furniture(rules, line):
    assert rules.classify(line).kind in ("furniture", "tail")


@pytest.mark.parametrize(
    "line",
    [
        "The two countries agreed to share intelligence on missile launches.",
        "Officials declined to comment on the report.",
        "Share prices in Seoul rose after the summit.",
        "Photo-op diplomacy returned to Seoul.",
        "By Tuesday, the ministry said it would act.",
        "Topics discussed included trade and energy.",
        "Copyright rules were also on the agenda.",
    ],
)
def test_real_sentences_are_text(rules, line):
    assert rules.classify(line).kind == "text"


def test_long_lines_are_never_furniture(rules):
    assert rules.classify("Share This Article " + "x" * 300).kind == "text"


def test_invalid_pattern_is_a_coded_error(tmp_path):
    bad = tmp_path / "furniture.yaml"
    bad.write_text("furniture:\n  - '(unclosed'\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_rules(bad)
    assert info.value.code == "E202"
    assert str(bad) in str(info.value)
