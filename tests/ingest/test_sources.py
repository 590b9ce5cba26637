"""Local sources for `dyads ingest`: folders, globs, CSV, WARC (written here with warcio), feeds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dyads.config import load_options
from dyads.errors import DyadsError
from dyads.ingest.sources import SourceReader, kind_of

PAGE = (
    "<html><head><title>Talks in Oslo</title></head><body><article><h1>Talks in Oslo</h1>"
    "<p>Norway's foreign minister met African Union envoys in Oslo on Monday to discuss "
    "the ceasefire, the ministry said in a statement.</p>"
    "<p>Chad rejected the proposal the next day, its government spokesman said.</p>"
    "</article></body></html>"
)
FEED = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Aid pledged</title><id>urn:1</id><updated>2024-02-20T08:00:00Z</updated>
<content type="text">Norway will give new food aid to Mali, its development minister said on
Tuesday in Oslo.</content></entry></feed>"""


@pytest.fixture()
def reader():
    return SourceReader(load_options())


def split(items):
    docs = [i for i in items if not isinstance(i, DyadsError)]
    return docs, [i.code for i in items if isinstance(i, DyadsError)]


def test_kinds():
    assert kind_of(Path("a.warc.gz")) == "warc"
    assert kind_of(Path("a.csv")) == "csv"
    assert kind_of(Path("a.rss")) == "feed"
    assert kind_of(Path("a.html")) == "html"
    assert kind_of(Path("a.pdf")) is None


def test_csv_with_text_column_and_metadata(tmp_path, reader):
    path = tmp_path / "news.csv"
    path.write_text(
        'id,title,date,url,text\n1,Aid,2024-02-20,https://x.example/1,"Norway will give aid '
        'to Mali, its minister said."\n2,Empty,2024-02-20,,\n',
        encoding="utf-8",
    )
    docs, codes = split(list(reader.read([str(path)])))
    assert [(d.doc_id, d.published, d.url, d.title) for d in docs] == [
        ("1", "2024-02-20", "https://x.example/1", "Aid")
    ]
    assert codes == ["E008"]


def test_csv_without_the_text_column(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,body\n1,Some text here.\n", encoding="utf-8")
    docs, codes = split(list(SourceReader(load_options(), text_column="text").read([str(path)])))
    assert (docs, codes) == ([], ["E611"])
    docs, codes = split(list(SourceReader(load_options(), text_column="body").read([str(path)])))
    assert len(docs) == 1


def _warc(path: Path, pages: list[tuple[str, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records(tmp_path, reader, gz):
    path = tmp_path / ("pages.warc.gz" if gz else "pages.warc")
    _warc(
        path,
        [("https://a.example/1", PAGE), ("https://a.example/2", PAGE.replace("Chad", "Niger"))],
        gz,
    )
    docs, codes = split(list(reader.read([str(path)])))
    assert codes == []
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert "Niger rejected" in docs[1].text


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_is_a_recorded_error(tmp_path, reader, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    _warc(path, [("https://a.example/1", PAGE), ("https://a.example/2", PAGE)], gz)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    docs, codes = split(list(reader.read([str(path)])))
    assert codes == ["E609"]
    assert [d.url for d in docs] == ["https://a.example/1"]


def test_atom_file_entries_without_links(tmp_path, reader):
    path = tmp_path / "feed.atom"
    path.write_text(FEED, encoding="utf-8")
    docs, codes = split(list(reader.read([str(path)])))
    assert codes == []
    assert docs[0].title == "Aid pledged"
    assert (docs[0].published, docs[0].date_source) == ("2024-02-20", "feed")


def test_folder_glob_and_missing(tmp_path, reader):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Chad rejected the proposal on Friday.\n", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    docs, codes = split(list(reader.read([str(tmp_path)])))
    assert len(docs) == 2 and codes == []
    docs, codes = split(list(reader.read([str(tmp_path / "*.html"), str(tmp_path / "nope.txt")])))
    assert len(docs) == 1 and codes == ["E001"]
    docs, codes = split(list(reader.read(["ftp://example.org/x"])))
    assert codes == ["E612"]
