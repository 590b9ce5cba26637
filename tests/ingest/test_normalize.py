from dyads.ingest import normalize_for_nlp
from dyads.ingest.normalize import _table


def test_typographic_apostrophe_becomes_ascii():
    assert normalize_for_nlp("Putin‘s visit") == "Putin's visit"
    assert normalize_for_nlp("Kim Jong Un’s regime") == "Kim Jong Un's regime"


def test_double_quotes_and_spaces():
    assert normalize_for_nlp("“baseless”\u00a0claim") == '"baseless" claim'


def test_length_is_preserved_for_every_mapped_character():
    sample = "".join(chr(code) for code in _table()) + " plain ASCII stays. "
    normalized = normalize_for_nlp(sample)
    assert len(normalized) == len(sample)
    assert normalized.endswith(" plain ASCII stays. ")
    assert all(ord(c) < 128 for c in normalized)


def test_offsets_are_identical():
    text = "Moscow’s envoy said “no”.\n\nSeoul\u202fagreed."
    normalized = normalize_for_nlp(text)
    start = text.index("Seoul")
    assert normalized[start : start + 5] == "Seoul"


def test_ascii_text_is_unchanged():
    text = "The U.S. and Japan held talks on Monday.\n\nChina objected."
    assert normalize_for_nlp(text) == text
