"""Writers for coded events: JSON Lines, CSV and a rich table; and the progress bar."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..model import CodedDocument, Event

CSV_COLUMNS = [
    "event_id", "doc_id", "sentence_id", "date", "type", "mode", "cameo", "quad_class",
    "intensity", "goldstein", "modality", "source_code", "source_text", "target_code",
    "target_text", "attributed_to", "trigger", "confidence", "rule", "sentence",
]  # fmt: skip
_PANDAS_NULLS = frozenset({"NAType", "NaTType"})  # by name: writing events never imports pandas


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"
    csv = "csv"
    none = "none"


def default_format() -> OutputFormat:
    """A table for people at a terminal, JSON Lines for pipes."""
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl


def plain_value(value: Any) -> Any:
    """One cell of a query result as JSON holds it: NULL (None, NA, NaT, NaN) as null, lists
    and structs element by element, dates as ISO text, bytes as text, the rest as a string.

    ``dyads query ... | cat`` writes JSON Lines, and DuckDB columns come back as pandas
    and numpy values (NA for a NULL integer, an array for a list) that ``json`` refuses.
    """
    if value is None or type(value).__name__ in _PANDAS_NULLS:
        return None
    if isinstance(value, dict):
        return {str(key): plain_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(item) for item in value]
    if hasattr(value, "tolist"):  # numpy arrays (masked: null where masked) and scalars
        return plain_value(value.tolist())
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dt.datetime):  # pandas Timestamp included; NaT is no datetime
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "backslashreplace")
    return str(value)  # UUID, Timedelta, intervals


def _actor(actor) -> str:
    if actor is None:
        return ""
    return actor.code or f"?{actor.text}"


def csv_row(event: Event) -> list[object]:
    return [
        event.event_id, event.doc_id, event.sentence_id, event.date or "", event.type,
        event.mode or "", event.cameo or "", event.quad_class, event.intensity,
        "" if event.goldstein is None else event.goldstein, event.modality,
        event.source.code if event.source else "", event.source.text if event.source else "",
        event.target.code if event.target else "", event.target.text if event.target else "",
        event.attributed_to.code if event.attributed_to else "", event.trigger.text,
        event.confidence, event.rule, event.sentence,
    ]  # fmt: skip


class EventWriter:
    """Streams events as they are coded (tables are printed at the end)."""

    def __init__(self, fmt: OutputFormat, stream: TextIO) -> None:
        self.fmt = fmt
        self.stream = stream
        self.rows: list[Event] = []
        self._csv = csv.writer(stream) if fmt is OutputFormat.csv else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def write(self, result: CodedDocument) -> None:
        for event in result.events:
            if self.fmt is OutputFormat.jsonl:
                self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                self._csv.writerow(csv_row(event))
            elif self.fmt is OutputFormat.table:
                self.rows.append(event)

    def close(self) -> None:
        if self.fmt is OutputFormat.table:
            table = Table(title=f"{len(self.rows)} event(s)", show_lines=False)
            for name in ("sent", "type", "mode", "modality", "source", "target", "trigger", "conf"):
                table.add_column(name)
            for e in self.rows:
                table.add_row(
                    str(e.sentence_id), e.type, e.mode or "", e.modality, _actor(e.source),
                    _actor(e.target), e.trigger.text, f"{e.confidence:.2f}",
                )  # fmt: skip
            Console(file=self.stream).print(table)
        self.stream.flush()


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich progress display on stderr: documents and events so far, and elapsed time."""
    if not enabled:
        yield lambda docs, events: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("coding", total=None)

        def tick(docs: int, events: int) -> None:
            progress.update(task, description=f"{docs} documents, {events} events")

        yield tick
