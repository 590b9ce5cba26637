"""Malformed input never stops a run (issue #19): each becomes a coded error or warning.

Every test here failed before its fix: with a traceback, a hang, or silence.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from dyads.errors import DyadsError, InputError
from dyads.ingest import iter_inputs
from dyads.ingest.csvfile import read_csv
from dyads.ingest.dates import parse_loose_date
from dyads.ingest.inputs import jsonl_line
from dyads.ingest.reading import read_stream
from dyads.ingest.sources import SourceReader, read_url_list
from dyads.ingest.warc import read_warc
from dyads.model import CodedDocument, Document, Rejection
from dyads.store import Store

BODY = "Peru recalled its ambassador from Caracas on Friday after a dispute over monitors."


def _codes(items) -> list[str | None]:
    return [getattr(i, "code", None) for i in items]


def _finishes(work, seconds: float = 20.0):
    """``work()``'s result (or exception), failing, not hanging the suite, if it blocks."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["out"] = work()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "reading blocked"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["out"]


def _storable(document: Document) -> None:
    """What broke runs downstream: UTF-8 encoding, JSON output and a DuckDB write."""
    for value in (document.text, document.title, document.doc_id, document.path, document.url):
        if value is not None:
            value.encode("utf-8")
    json.dumps(document.warnings, ensure_ascii=False).encode("utf-8")


# -- JSONL ---------------------------------------------------------------------------


def test_jsonl_line_nested_100k_deep_is_e006():
    error = jsonl_line("[" * 100_000 + "]" * 100_000, "deep.jsonl", 3)
    assert isinstance(error, InputError) and error.code == "E006"
    assert "deep.jsonl:3" in str(error) and "nested too deeply" in str(error)


def test_deep_jsonl_on_stdin_is_sniffed_as_text(monkeypatch, options):
    deep = '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(deep.encode())))
    items = list(iter_inputs(["-"], options))
    assert all(isinstance(i, Document | Rejection) for i in items)


@pytest.mark.parametrize("field", ["text", "id", "title", "source", "url", "date"])
def test_lone_surrogate_in_a_jsonl_field_is_replaced_with_w005(tmp_path, options, field):
    record = {"id": "a1", "text": BODY, "title": "Envoy recalled", "source": "Wire"}
    record[field] = record.get(field, "x") + "\ud800"
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # json escapes it: \\ud800
    [document] = iter_inputs([str(path)], options)
    assert isinstance(document, Document)
    _storable(document)
    assert any(w.startswith("[W005]") and f"'{field}'" in w for w in document.warnings)
    if field == "text":
        assert "\ufffd" in document.text


def test_surrogate_title_no_longer_aborts_the_store_write(tmp_path, options):
    path = tmp_path / "t.jsonl"
    lines = [{"id": "a", "text": BODY, "title": "T\udc00"}, {"id": "b", "text": BODY + " Again."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    documents = list(iter_inputs([str(path)], options))
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedDocument(d) for d in documents])  # E303 before
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("title", 7, "int"),
        ("url", ["u"], "list"),
        ("source", {"a": 1}, "dict"),
        ("date", 2024, "int"),
    ],
)
def test_non_string_jsonl_metadata_is_a_w006(tmp_path, options, field, value, kind):
    path = tmp_path / "m.jsonl"
    path.write_text("\n" + json.dumps({"text": BODY, field: value}) + "\n", encoding="utf-8")
    [document] = iter_inputs([str(path)], options)
    warning = f"[W006] Ignored '{field}' at {path}:2: expected a string, got {kind}."
    assert warning in document.warnings
    assert getattr(document, "published" if field == "date" else field) is None


def test_numeric_jsonl_id_is_still_an_id(tmp_path, options):
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"id": 42, "text": BODY}) + "\n", encoding="utf-8")
    [document] = iter_inputs([str(path)], options)
    assert document.doc_id == "42" and document.warnings == []


# -- file names and non-regular files ---------------------------------------------------


def test_non_utf8_file_name_is_representable(tmp_path, options):
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(BODY.encode())
    [document] = iter_inputs([str(tmp_path)], options)
    assert document.path == f"{tmp_path}/caf\\xe9.txt"
    _storable(document)
    missing = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"gone\xff.txt"))
    [rejection] = iter_inputs([missing], options)
    assert rejection.code == "E001" and "gone\\xff.txt" in rejection.reason
    rejection.reason.encode("utf-8")


@pytest.fixture()
def fifo_folder(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "a-news.txt")
    os.mkfifo(tmp_path / "b-feed.csv")
    (tmp_path / "c-good.txt").write_text(BODY, encoding="utf-8")
    return tmp_path


def test_fifo_in_a_folder_is_skipped_with_w002(fifo_folder, options):
    items = _finishes(lambda: list(iter_inputs([str(fifo_folder)], options)))
    assert _codes(items) == ["W002", None]
    assert "a-news.txt" in items[0].reason and "FIFO" in items[0].reason


def test_fifo_in_an_ingest_folder_or_glob_is_skipped_with_w002(fifo_folder, options):
    reader = SourceReader(options)
    items = _finishes(lambda: list(reader.read([str(fifo_folder), f"{fifo_folder}/*"])))
    assert _codes(items) == ["W002", "W002", None] * 2


def test_fifo_named_on_the_command_line_is_e011(fifo_folder, options):
    fifo = str(fifo_folder / "a-news.txt")
    items = _finishes(lambda: list(iter_inputs([fifo], options)))
    assert _codes(items) == ["E011"]
    items = _finishes(lambda: list(SourceReader(options).read([fifo])))
    assert _codes(items) == ["E011"]


def test_urls_file_that_is_a_fifo_or_missing_is_coded(fifo_folder):
    with pytest.raises(InputError, match=r"\[E011\]"):
        _finishes(lambda: read_url_list(str(fifo_folder / "a-news.txt")))
    with pytest.raises(InputError, match=r"\[E001\]"):
        read_url_list(str(fifo_folder / "missing.txt"))


# -- standard input ------------------------------------------------------------------------


class _Endless(io.RawIOBase):
    """``yes x`` or ``/dev/zero``: a stream that never ends."""

    def __init__(self, unit: bytes) -> None:
        self.unit = unit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = len(buffer)
        buffer[:n] = (self.unit * (n // len(self.unit) + 1))[:n]
        return n


@pytest.mark.parametrize(("unit", "code"), [(b"x\n", "E010"), (b"\x00", "E003")])
def test_endless_stdin_ends_in_an_error(monkeypatch, options, unit, code):
    stream = io.BufferedReader(_Endless(unit))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    items = _finishes(lambda: list(iter_inputs(["-"], options.with_(max_bytes=100_000))))
    assert _codes(items) == [code]


def test_endless_text_only_stdin_is_capped(monkeypatch, options):
    class Endless(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            assert size is not None and size >= 0, "read without a limit"
            return "x" * size

    monkeypatch.setattr(sys, "stdin", Endless())
    items = _finishes(lambda: list(iter_inputs(["-"], options.with_(max_bytes=1000))))
    assert _codes(items) == ["E010"]


def test_stream_slightly_over_the_limit_still_reports_its_size():
    with pytest.raises(InputError) as info:
        read_stream(io.BytesIO(b"a" * 2500), 1000, "<stdin>")
    assert info.value.code == "E005" and "2,500 bytes" in str(info.value)


# -- CSV --------------------------------------------------------------------------------


def _csv(tmp_path: Path, text: str) -> list:
    path = tmp_path / "news.csv"
    path.write_text(text, encoding="utf-8")
    return list(read_csv(path, 1_000_000))


def test_csv_with_two_text_columns_is_e013(tmp_path):
    [error] = _csv(tmp_path, f"text,id,text\n{BODY},1,Other.\n")
    assert error.code == "E013" and "'text'" in str(error)


def test_csv_unbalanced_quote_is_e012_at_its_line_and_reading_goes_on(tmp_path):
    later = "Ghana praised Togo for the trade deal, its foreign minister said on Monday."
    items = _csv(tmp_path, f'text,id\n"{BODY},1\nKenya hosted talks.,2\n"Mali",3\n"{later}",4\n')
    assert _codes(items) == ["E012", None]
    assert f"{tmp_path / 'news.csv'}:2" in str(items[0])
    assert items[1].text == later


def test_csv_unclosed_quote_at_the_end_is_e012(tmp_path):
    items = _csv(tmp_path, f'text,id\n{BODY},1\n"Kenya hosted talks.,2\nMali,3\n')
    assert _codes(items) == [None, "E012"]
    assert "news.csv:3" in str(items[1])


def test_csv_quote_swallowing_a_row_with_too_many_fields_is_e012(tmp_path):
    items = _csv(tmp_path, f'text,id\n"{BODY}, it said,1\nKenya hosted talks",2,3\n{BODY},4\n')
    assert _codes(items) == ["E012", None]
    assert "3 fields where the header has 2" in str(items[0])


def test_csv_malformed_header_is_e012_at_line_1(tmp_path):
    [error] = _csv(tmp_path, f'"text"x,id\n{BODY},1\n')
    assert error.code == "E012" and "news.csv:1" in str(error)


def test_csv_row_of_only_furniture_is_e002_for_that_row(tmp_path):
    items = _csv(tmp_path, f"text,id\nAdvertisement,1\n{BODY},2\n")
    assert _codes(items) == ["E002", None]


def test_csv_multiline_quoted_field_is_still_fine(tmp_path):
    items = _csv(tmp_path, f'text,id\n"Peru recalled\nits envoy on Friday.",1\n{BODY},2\n')
    assert _codes(items) == [None, None]


# -- WARC -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("pages.warc.gz", b"hello, this is not gzip\n" * 10),
        ("empty.warc", b""),
        ("text.warc", b"just some text\n"),
        ("junk.warc.gz", b"\x1f\x8b\x08\x00junk"),
    ],
    ids=["text-named-gz", "empty", "text", "junk-gzip"],
)
def test_warc_that_is_no_warc_is_e609(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_warc(path, 1_000_000))
    assert _codes(items) == ["E609"]


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Monday, January 1, 0001", "Friday, December 31, 9999"])
def test_loose_dates_at_the_ends_of_the_calendar_do_not_raise(value):
    assert parse_loose_date(value) in (None, "0001-01-01", "9999-12-31")


def test_weekday_in_a_paper_dated_year_one_keeps_the_paper_date():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dyads.events.dates import resolve_event_date

    words = ["Peru", "recalled", "its", "envoy", "on", "Tuesday", "."]
    deps = ["nsubj", "ROOT", "poss", "dobj", "prep", "pobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 1, 1, 4, 1], deps=deps)
    assert resolve_event_date(doc[1], "2024-06-20") == ("2024-06-18", "day")
    assert resolve_event_date(doc[1], "0001-01-01") == ("0001-01-01", "document")  # Overflow


def test_page_dated_year_one_is_read(tmp_path, options):
    page = (
        "<html><head><meta property='article:published_time' content='0001-01-01T00:00:00'>"
        f"</head><body><article><p>{BODY} It happened on Tuesday.</p></article></body></html>"
    )
    (tmp_path / "old.html").write_text(page, encoding="utf-8")
    [document] = iter_inputs([str(tmp_path)], options)
    assert document.published == "0001-01-01"


def test_every_item_is_a_document_or_a_coded_rejection(tmp_path, options):
    (tmp_path / "a.jsonl").write_text('{"text": 1}\n[1]\n{"text": "\\ud800"}\n')
    items = list(iter_inputs([str(tmp_path)], options))
    assert all(isinstance(i, Document | Rejection) for i in items)
    assert all(not isinstance(i, DyadsError) for i in items)


# -- feeds ------------------------------------------------------------------------------


def test_feed_with_a_surrogate_character_reference_is_e608(tmp_path, options):
    path = tmp_path / "news.rss"
    path.write_text(
        '<rss version="2.0"><channel><item><title>a &#xd800; b</title>'
        f"<description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = list(SourceReader(options).read([str(path)]))
    assert "E608" in _codes(items)  # UnicodeEncodeError from feedparser before
    assert all(isinstance(i, Document | DyadsError) for i in items)
