import io
import json
import sys
from pathlib import Path

import pytest

from dyads.errors import InputError
from dyads.ingest import iter_inputs, read_document
from dyads.model import Document, Rejection

ARTICLE = (
    "Peru recalls envoy\n\n"
    "Peru recalled its ambassador from Caracas on Friday after a dispute over election monitors.\n"
)
PAGE = (
    "<html><head><title>Kenya hosts talks</title></head><body><article>"
    "<p>Kenya hosted talks between the rival factions in Nairobi on Sunday, the foreign "
    "ministry said in a statement.</p><p>Delegates agreed to meet again within a month to "
    "discuss a ceasefire and the release of prisoners held by both sides.</p>"
    "</article></body></html>"
)


def _run(paths, options):
    return list(iter_inputs([str(p) for p in paths], options))


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture()
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_text_file(good, options):
    [document] = _run([good], options)
    assert isinstance(document, Document)
    assert document.title == "Peru recalls envoy"
    assert document.path == str(good)


def test_html_file(tmp_path, options):
    path = tmp_path / "page.HTM"
    path.write_text(PAGE, encoding="utf-8")
    [document] = _run([path], options)
    assert document.title == "Kenya hosts talks"
    assert document.text.startswith("Kenya hosted talks")


def test_jsonl_file(fixtures, options):
    items = _run([fixtures / "mixed.jsonl"], options)
    summary = [
        (type(i).__name__, getattr(i, "code", None), getattr(i, "input", None)) for i in items
    ]
    name = str(fixtures / "mixed.jsonl")
    assert summary == [
        ("Document", None, None),
        ("Rejection", "E006", f"{name}:2"),
        ("Rejection", "E006", f"{name}:3"),
        ("Rejection", "E008", f"{name}:4"),
        ("Document", None, None),
        ("Document", None, None),
    ]
    first, unnamed, html = items[0], items[4], items[5]
    assert (first.doc_id, first.title, first.source) == (
        "good-1",
        "Ghana and Togo hold border talks",
        "Fixture Wire",
    )
    assert (first.published, first.date_source, first.url) == (
        "2024-11-05",
        "jsonl",
        "https://example.org/a",
    )
    assert first.path == f"{name}:1"
    assert unnamed.doc_id == Document.content_id(unnamed.text)
    assert unnamed.title is None  # JSONL text is body only: no headline guessing
    assert (html.doc_id, html.title, html.published) == (
        "html-1",
        "Kenya hosts talks",
        "2024-12-01",
    )
    assert "Malformed JSONL" in items[1].reason and "[E006]" in items[1].reason


def test_jsonl_html_without_text_is_e007(tmp_path, options):
    path = tmp_path / "w.jsonl"
    path.write_text(
        json.dumps({"id": "x", "html": "<html><body><nav>Home</nav></body></html>"}) + "\n"
    )
    [rejection] = _run([path], options)
    assert (rejection.code, rejection.input) == ("E007", f"{path}:1")


def test_directory_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path, options):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c", "text": "Chad closed its border."}) + "\n"
    )
    (tmp_path / ".secret.txt").write_text(ARTICLE)
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text("# not an input")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    items = _run([tmp_path], options)
    assert all(isinstance(i, Document) for i in items)
    assert [Path(i.path.split(":")[0]).name for i in items] == ["a.html", "two.txt", "c.jsonl"]


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (ARTICLE.encode(), "Peru recalls envoy"),
        (PAGE.encode(), "Kenya hosts talks"),
        (json.dumps({"id": "s1", "title": "T", "text": "Chad closed its border."}).encode(), "T"),
    ],
)
def test_stdin_is_sniffed(monkeypatch, options, data, title):
    _stdin(monkeypatch, data)
    [document] = _run(["-"], options)
    assert document.title == title
    assert document.path.startswith("<stdin>")


def test_stdin_text_stream_without_buffer(monkeypatch, options):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    [document] = _run(["-"], options)
    assert document.title == "Peru recalls envoy"


def test_stdin_too_large(monkeypatch, options):
    _stdin(monkeypatch, ARTICLE.encode())
    [rejection] = _run(["-"], options.with_(max_bytes=10))
    assert (rejection.code, rejection.input) == ("E005", "<stdin>")


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "big.txt").write_text(ARTICLE * 10)
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": \n{"id": 2}\n')
    return [
        ("E001", tmp_path / "missing.txt"),
        ("E002", tmp_path / "empty.txt"),
        ("E003", tmp_path / "binary.txt"),
        ("E004", tmp_path / "notes.pdf"),
        ("E005", tmp_path / "big.txt"),
        ("E007", tmp_path / "nav.html"),
    ]


def test_each_bad_input_is_one_rejection_and_reading_goes_on(tmp_path, good, options):
    bad = _bad_inputs(tmp_path)
    small = options.with_(max_bytes=len(ARTICLE.encode()) * 5)
    for code, path in bad:
        items = _run([path, good], small)
        assert [type(i) for i in items] == [Rejection, Document], code
        rejection = items[0]
        assert rejection.code == code
        assert rejection.reason.startswith(f"[{code}] ")
        assert rejection.input == str(path)
        assert str(path) in rejection.reason


def test_bad_jsonl_lines(tmp_path, good, options):
    _bad_inputs(tmp_path)
    items = _run([tmp_path / "bad.jsonl", good], options)
    assert [(getattr(i, "code", None), getattr(i, "input", None)) for i in items] == [
        ("E006", f"{tmp_path / 'bad.jsonl'}:1"),
        ("E008", f"{tmp_path / 'bad.jsonl'}:2"),
        (None, None),
    ]


def test_size_is_checked_before_reading(tmp_path, options, monkeypatch):
    sparse = tmp_path / "huge.txt"
    with sparse.open("wb") as fh:
        fh.truncate(50_000_001)  # sparse: 50 MB on paper, nothing on disk

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    [rejection] = _run([sparse], options)
    assert rejection.code == "E005"
    assert "50,000,001 bytes" in rejection.reason


def test_invalid_utf8_still_yields_the_document(tmp_path, options):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Peru recalls envoy\n\nPeru recalled its ambassador from Bogotá.\n".encode("latin-1")
    )
    [document] = _run([path], options)
    assert isinstance(document, Document)
    assert "Bogot\ufffd" in document.text
    assert document.warnings[0].startswith("[W001]") and str(path) in document.warnings[0]


def test_read_document(good, tmp_path, options, examples):
    assert read_document(str(good), options).title == "Peru recalls envoy"
    with pytest.raises(InputError) as info:
        read_document(str(tmp_path / "missing.txt"), options)
    assert info.value.code == "E001"
    with pytest.raises(InputError) as info:
        read_document(str(examples / "wire.jsonl"), options)
    assert info.value.code == "E009"
    with pytest.raises(InputError) as info:
        read_document(str(tmp_path), options)
    assert info.value.code == "E004"


def test_examples_are_complete(examples, options):
    items = _run([examples], options)
    assert all(isinstance(i, Document) for i in items), items
    assert len(items) == 4
    for document in items:
        assert 150 <= len(document.text.split()) <= 350, document.path
        assert document.title and document.published
        assert "2024" <= document.published[:4] <= "2026"
