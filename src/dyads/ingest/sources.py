"""What ``dyads ingest SOURCE...`` reads: files, folders, globs, feeds, URLs and URL lists.

Every source becomes a stream of Documents, or InputErrors naming the source;
one bad source never stops the others. Files go by extension: the ``dyads code``
kinds (.txt, .html, .jsonl...) through ``iter_inputs``' readers, plus .csv,
.warc/.warc.gz, and .xml/.rss/.atom feeds. A URL is fetched; if it turns out to
be a feed, its entries are read.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Options
from ..errors import Errors, InputError
from ..model import Document
from .csvfile import read_csv
from .feeds import entry_documents, parse_feed
from .fetch import Fetcher, FetchError
from .html import extract_html
from .inputs import KINDS, read_file, regular_files
from .normalize import printable
from .plain import extract_plain
from .reading import file_type, read_bytes
from .warc import read_warc

FEED_SUFFIXES = (".xml", ".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")
GLOB_CHARS = frozenset("*?[")


def kind_of(path: Path) -> str | None:
    """'text', 'html', 'jsonl', 'csv', 'warc', 'feed', or None for files dyads does not read."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return KINDS.get(suffix)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_url_list(path: str, max_bytes: int = 100_000_000) -> list[str]:
    """URLs from a file, one a line; blank lines and ``#`` comments skipped.

    Read like any input (a missing file is E001, a FIFO E011), so ``--urls`` cannot hang.
    """
    try:
        data = read_bytes(Path(path), max_bytes)
    except OSError as exc:
        raise InputError(Errors.E001, path=f"{printable(path)} ({exc.strerror})") from exc
    lines = data.decode("utf-8", errors="replace").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@dataclass
class SourceReader:
    """Reads sources with one fetcher; ``skip_url`` lets a resumed run avoid refetching."""

    options: Options
    fetcher: Fetcher | None = None
    text_column: str = "text"
    skip_url: Callable[[str], bool] = lambda url: False
    skipped_urls: list[str] = field(default_factory=list)

    def read(self, sources: Iterable[str]) -> Iterator[Document | InputError]:
        for source in sources:
            yield from self.read_one(source)

    def read_one(self, source: str) -> Iterator[Document | InputError]:
        if is_url(source):
            yield from self.read_url(source)
            return
        if "://" in source:
            yield FetchError(Errors.E612, url=source)
            return
        target, name = Path(source), printable(source)
        try:
            mode = target.stat().st_mode
        except (OSError, ValueError):
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            skipped: list[InputError] = []
            files = walk(target, skipped)
            yield from skipped
            for file in files:
                yield from self.read_file(file)
        elif mode is not None and stat.S_ISREG(mode):
            yield from self.read_file(target)
        elif mode is not None:
            yield InputError(Errors.E011, path=name, kind=file_type(mode))
        elif GLOB_CHARS & set(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield InputError(Errors.E001, path=name)
            found = [Path(m) for m in matches if kind_of(Path(m)) and not Path(m).is_dir()]
            skipped = []
            files = regular_files(found, skipped)
            yield from skipped
            for file in files:
                yield from self.read_file(file)
        else:
            yield InputError(Errors.E001, path=name)

    def read_file(self, path: Path) -> Iterator[Document | InputError]:
        kind = kind_of(path)
        max_bytes = self.options.max_bytes
        if kind is None:
            yield InputError(Errors.E004, path=printable(str(path)), ext=printable(path.suffix))
        elif kind == "csv":
            yield from read_csv(path, max_bytes, self.text_column)
        elif kind == "warc":
            yield from read_warc(path, max_bytes)
        elif kind == "feed":
            try:
                data = read_bytes(path, max_bytes)
            except InputError as exc:
                yield exc
                return
            except OSError as exc:
                yield InputError(Errors.E001, path=f"{printable(str(path))} ({exc.strerror})")
                return
            yield from self._feed(data, printable(str(path)))
        else:
            yield from read_file(path, kind, self.options)

    def read_url(
        self, url: str, feed_date: str | None = None, *, from_feed: bool = False
    ) -> Iterator[Document | InputError]:
        """A page, or every entry's page when the URL is a feed (not inside a feed)."""
        if self.skip_url(url):
            self.skipped_urls.append(url)
            return
        if self.fetcher is None:
            self.fetcher = Fetcher(self.options)
        try:
            page = self.fetcher.get(url)
        except FetchError as exc:
            yield exc
            return
        if page.is_feed and not from_feed:
            yield from self._feed(page.content, url)
            return
        yield from _page_document(page.text, url, page.final_url, page.content_type, feed_date)

    def _feed(self, data: bytes, name: str) -> Iterator[Document | InputError]:
        entries, error = parse_feed(data, name)
        if error is not None:
            yield error
        yield from entry_documents(entries, name, self._entry_page)

    def _entry_page(self, url: str, date: str | None) -> Iterator[Document | InputError]:
        yield from self.read_url(url, date, from_feed=True)


def _page_document(
    text: str, url: str, final_url: str, content_type: str, feed_date: str | None
) -> Iterator[Document | InputError]:
    try:
        if content_type == "text/plain":
            document = extract_plain(text, path=url, url=final_url)
        else:
            document = extract_html(text, url=final_url, path=url)
    except InputError as exc:
        yield exc
        return
    if feed_date and document.date_source in (None, "htmldate-extensive"):
        document.published, document.date_source = feed_date, "feed"
    yield document


def walk(directory: Path, skipped: list[InputError] | None = None) -> list[Path]:
    """Readable files under ``directory``, sorted, hidden files and folders skipped.

    FIFOs, sockets and devices are left out unopened, each noted in ``skipped`` (W002).
    """
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and kind_of(Path(name)) is not None:
                found.append(Path(root) / name)
    found.sort(key=lambda p: p.relative_to(directory).parts)
    return regular_files(found, skipped)
