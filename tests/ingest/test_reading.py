import io

import pytest

from dyads.errors import InputError
from dyads.ingest.reading import decode, read_stream, sniff


def test_decode_counts_invalid_utf8():
    text, warnings = decode(b"Seoul \xff\xfe agreed \xc3\xa9.", "bad.txt")
    assert "\ufffd" in text and "é" in text
    assert len(warnings) == 1
    assert warnings[0].startswith("[W001]") and "bad.txt" in warnings[0]
    assert "2 byte sequence(s)" in warnings[0]


def test_decode_keeps_genuine_replacement_characters_quiet():
    _, warnings = decode("A real \ufffd in the text.".encode(), "ok.txt")
    assert warnings == []


def test_decode_strips_bom_and_reads_utf16():
    assert decode(b"\xef\xbb\xbfHello", "a.txt")[0] == "Hello"
    assert decode("Hello Kyiv".encode("utf-16"), "b.txt")[0] == "Hello Kyiv"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E002"),
        (b"  \n\t\n", "E002"),
        (b"PK\x03\x04\x00\x00", "E003"),
        (bytes(range(1, 32)) * 20, "E003"),
    ],
)
def test_decode_refuses(data, code):
    with pytest.raises(InputError) as info:
        decode(data, "x.txt")
    assert info.value.code == code
    assert "x.txt" in str(info.value)


def test_read_stream_reports_the_full_size():
    with pytest.raises(InputError) as info:
        read_stream(io.BytesIO(b"a" * 2500), 1000, "<stdin>")
    assert info.value.code == "E005"
    assert "2,500 bytes" in str(info.value)
    assert read_stream(io.BytesIO(b"abc"), 1000, "<stdin>") == b"abc"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <div><p>Hello</p></div>", "html"),
        ('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\n', "jsonl"),
        ('{"id": 1, "text": "a"}\nnot json\n', "text"),
        ("<3 is a heart, not HTML.", "text"),
        ("Plain news text.\n\nSecond paragraph.", "text"),
    ],
)
def test_sniff(text, kind):
    assert sniff(text) == kind
