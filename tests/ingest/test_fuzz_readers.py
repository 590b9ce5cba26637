"""Random input through every reader: only coded errors, and text every writer accepts.

Each reader (txt, HTML, JSONL, CSV, WARC, RSS/Atom, standard input) gets arbitrary
bytes and input shaped like its format, with lone surrogates, NUL bytes, stray
quotes and deep nesting, written to a file and read through the public API. The
only exceptions allowed are dyads' coded errors; every string that comes out
encodes as UTF-8 and survives ``json.dumps``. Bounded for CI: a fixed number of
small examples per reader, derandomized so a run is repeatable; set
DYADS_FUZZ_EXAMPLES to search longer (then with fresh random values).
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.config import Options
from dyads.errors import DyadsError
from dyads.ingest import iter_inputs
from dyads.ingest.sources import SourceReader
from dyads.model import Document, Rejection

EXAMPLES = int(os.environ.get("DYADS_FUZZ_EXAMPLES", "0"))
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software")  # feedparser


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=EXAMPLES or examples,
        deadline=None,
        derandomize=not EXAMPLES,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


OPTIONS = Options(max_bytes=20_000)
CHARS = st.characters(exclude_categories=())  # surrogates and controls too
TEXT = st.text(CHARS, max_size=120)
WORDS = st.sampled_from(
    ["Peru", "recalled", "its", "ambassador", "from", "Caracas", "on", "Friday", "said", ",",
     ".", '"', "\n", "\n\n", "Advertisement", "By", "Reuters", "—", "\ud800", "\x00", "&#xd800;",
     "&amp;", "<p>", "</p>", "Tuesday", "0001-01-01", "9999-12-31"]
)  # fmt: skip
PROSE = st.lists(WORDS, max_size=60).map(" ".join)
SOME_TEXT = st.one_of(TEXT, PROSE)


def encode(text: str) -> bytes:
    """UTF-8; a lone surrogate becomes the invalid bytes it stands for."""
    return text.encode("utf-8", "surrogatepass")


def check(items: Iterable[object]) -> list[object]:
    """Every item a Document, a Rejection or a coded error, with only encodable strings."""
    out = list(items)  # any other exception fails the test here
    for item in out:
        assert isinstance(item, Document | Rejection | DyadsError), type(item)
        if isinstance(item, DyadsError):
            assert item.code[0] in "EW" and str(item).startswith(f"[{item.code}] ")
            str(item).encode("utf-8")
            continue
        record = dataclasses.asdict(item)
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # no lone surrogate anywhere
        if isinstance(item, Document):
            assert item.text.strip() and item.doc_id
            for span in item.paragraphs:
                assert 0 <= span.start <= span.end <= len(item.text)
    return out


def read_file(data: bytes, name: str) -> list[object]:
    """``data`` as a file ``name``, through the readers of ``dyads code`` and ``dyads ingest``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        found = check(iter_inputs([str(path)], OPTIONS)) if name.endswith(_CODE_KINDS) else []
        found += check(SourceReader(OPTIONS).read([folder]))
    return found


_CODE_KINDS = (".txt", ".html", ".jsonl")


# -- plain text and HTML ------------------------------------------------------------------


@fuzz(60)
@given(data=st.one_of(st.binary(max_size=400), SOME_TEXT.map(encode)))
def test_txt(data):
    read_file(data, "page.txt")


TAGS = st.sampled_from(["p", "div", "article", "h1", "title", "script", "nav", "li", "table"])
HTML = st.recursive(
    SOME_TEXT.map(lambda t: t.replace("<", "&lt;")),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"
    ),
    max_leaves=12,
)
META = st.sampled_from(
    ["", '<meta property="article:published_time" content="0001-01-01T00:00:00">',
     '<meta name="date" content="9999-12-31">',
     '<script type="application/ld+json">' + "[" * 500 + "]" * 500 + "</script>",
     '<script type="application/ld+json">{"datePublished": "\\ud800"}</script>']
)  # fmt: skip


@fuzz(40)
@given(head=META, body=HTML, deep=st.integers(0, 3000))
def test_html(head, body, deep):
    page = f"<html><head>{head}</head><body>{'<div>' * deep}{body}</body></html>"
    read_file(encode(page), "page.html")


@fuzz(20)
@given(data=st.binary(max_size=300))
def test_html_bytes(data):
    read_file(b"<html><body><p>" + data, "page.html")


# -- JSONL ----------------------------------------------------------------------------------

JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), SOME_TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = st.sampled_from(["id", "text", "html", "title", "url", "source", "date"])
RECORD = st.dictionaries(FIELDS, st.one_of(SOME_TEXT, HTML, JSON_VALUE), max_size=7)
LINE = st.one_of(
    RECORD.map(lambda r: json.dumps(r)),  # ensure_ascii: a surrogate becomes "\ud800"
    JSON_VALUE.map(json.dumps),
    st.integers(0, 50_000).map(lambda n: "[" * n + "]" * n),
    TEXT,
)


@fuzz(60)
@given(lines=st.lists(LINE, max_size=6))
def test_jsonl(lines):
    read_file(encode("\n".join(lines)), "records.jsonl")


# -- CSV ------------------------------------------------------------------------------------

COLUMNS = st.lists(
    st.sampled_from(["text", "id", "title", "date", "url", "source", "x"]), min_size=1, max_size=5
)


@fuzz(60)
@given(columns=COLUMNS, rows=st.lists(st.lists(SOME_TEXT, max_size=6), max_size=5))
def test_csv_written_by_a_writer(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    read_file(encode(out.getvalue()), "table.csv")


@fuzz(40)
@given(header=st.sampled_from(["text", "text,id", 'text,"id', "id,text,text"]), body=SOME_TEXT)
def test_csv_by_hand(header, body):
    read_file(encode(f"{header}\n{body}"), "table.csv")


# -- WARC -----------------------------------------------------------------------------------


def warc(pages: list[tuple[str, bytes]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, payload in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


PAYLOAD = st.one_of(HTML.map(lambda h: encode(f"<html><body>{h}</body></html>")), st.binary())


@fuzz(30)
@given(
    pages=st.lists(st.tuples(st.just("https://a.example/1"), PAYLOAD), max_size=3),
    gz=st.booleans(),
    cut=st.integers(0, 400),
)
def test_warc_records(pages, gz, cut):
    data = warc(pages, gz)
    read_file(data[: len(data) - cut] if cut < len(data) else data, "pages.warc.gz")


@fuzz(30)
@given(head=st.sampled_from([b"", b"WARC/1.0\r\n", b"\x1f\x8b"]), data=st.binary(max_size=300))
def test_warc_bytes(head, data):
    read_file(head + data, "pages.warc")
    read_file(gzip.compress(head + data) if head else head + data, "pages.warc.gz")


# -- feeds ----------------------------------------------------------------------------------

FEEDS = [
    '<?xml version="1.0"?><rss version="2.0"><channel><item><title>{0}</title>'
    "<pubDate>{1}</pubDate><description>{0}</description></item></channel></rss>",
    '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>{0}</title><id>{1}</id>'
    "<updated>{1}</updated><content>{0}</content></entry></feed>",
]
STAMPS = st.sampled_from(["0001-01-01T00:00:00Z", "Mon, 31 Dec 9999 23:59:59 GMT", "", "x"])


@fuzz(40)
@given(template=st.sampled_from(FEEDS), text=st.one_of(SOME_TEXT, HTML), stamp=STAMPS)
def test_feed(template, text, stamp):
    read_file(encode(template.format(text, stamp)), "news.rss")


@fuzz(20)
@given(data=st.binary(max_size=300))
def test_feed_bytes(data):
    read_file(b"<rss>" + data, "news.atom")


# -- standard input -------------------------------------------------------------------------


@fuzz(60)
@given(data=st.one_of(st.binary(max_size=400), SOME_TEXT.map(encode), LINE.map(encode)))
def test_stdin(data):
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    with mock.patch.object(sys, "stdin", stdin):
        check(iter_inputs(["-"], OPTIONS))


# -- end to end -----------------------------------------------------------------------------


YEAR_ONE = "Peru recalled its ambassador from Venezuela on Tuesday."


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES or 4,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(lines=st.lists(LINE, min_size=1, max_size=4), page=PROSE)
def test_code_paths_stores_whatever_the_readers_let_through(lines, page):
    """The library behind ``dyads code``: readers, coder and a DuckDB write, no traceback."""
    from dyads.config import load_options
    from dyads.runner import code_paths

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "r.jsonl").write_bytes(encode("\n".join(lines)))
        Path(folder, "p.txt").write_bytes(encode(page + " It happened on Tuesday."))
        record = {"text": YEAR_ONE, "date": "0001-01-01", "title": "T\ud800"}
        Path(folder, "d.jsonl").write_text(json.dumps(record) + "\n")
        events: list[str] = []
        summary = code_paths(
            [folder],
            load_options(),
            db=str(Path(folder) / "s.duckdb"),
            sink=lambda coded: events.extend(json.dumps(e.to_dict()) for e in coded.events),
        )
        assert summary.documents >= 1 and events  # the year-one weekday: OverflowError before
        for rejection in summary.errors:
            rejection.reason.encode("utf-8")
