"""Filtered events with the sentence and document behind each one."""

from __future__ import annotations

import pandas as pd

from .connection import Db, connect, db_name
from .corrections import corrected_table
from .filters import EventFilter, check_actor

COLUMNS: tuple[str, ...] = (
    "event_id", "date", "type", "mode", "modality", "source_code", "source_name",
    "target_code", "target_name", "attributed_to_code", "cameo", "quad_class", "intensity",
    "goldstein", "confidence", "mentions", "trigger_text", "trigger_start", "trigger_end",
    "doc_id", "sentence_id", "sentence", "url", "title", "publisher", "location_name",
    "location_country", "location_precision", "location_via", "latitude", "longitude",
)  # fmt: skip


ORDER = "date NULLS LAST, doc_id, sentence_id, trigger_start, event_id"
OUTER_ORDER = "e.date NULLS LAST, e.doc_id, e.sentence_id, e.trigger_start, e.event_id"
DOCUMENT_COLUMNS = {"url": "d.url", "title": "d.title", "publisher": "coalesce(d.source, d.site)"}


def find_events(
    db: Db,
    limit: int | None = None,
    offset: int = 0,
    apply_corrections: bool = False,
    **filters: str | None,
) -> pd.DataFrame:
    """Events matching ``filters`` (see ``EventFilter``), oldest first; ``offset`` pages.

    Filtering, sorting and paging run on the events table alone, over the sort keys
    and row ids only (not the 43 columns of every matching row); only the page of
    rows is then read whole and joined to its documents. An empty frame
    means nothing matched; an actor code that matches no stored actor at all raises
    E701 with close matches instead. ``apply_corrections`` shows events as analysts
    corrected them and leaves out those marked not an event (``analysis.corrections``).
    """
    spec = EventFilter(**filters)
    where, params = spec.where()
    page = ""
    if limit is not None:
        page += f" LIMIT {int(limit)}"
    if offset:
        page += f" OFFSET {int(offset)}"
    columns = ", ".join(DOCUMENT_COLUMNS.get(c, f"e.{c}") + f" AS {c}" for c in COLUMNS)
    with connect(db, views=False) as con, corrected_table(con, apply_corrections) as source:
        catalog = con.execute("SELECT current_database()").fetchone()[0]
        base = '"' + catalog.replace('"', '""') + '".main'
        table = (
            not apply_corrections
            and con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? "
                "AND schema_name = 'main' AND table_name = 'events'",
                [catalog],
            ).fetchone()[0]
        )
        if table:
            keys = f"SELECT rowid FROM {base}.events WHERE {where} ORDER BY {ORDER}{page}"
            rows = f"SELECT * FROM {base}.events WHERE rowid IN ({keys})"
        else:  # a view over Parquet (dyads load-parquet), or corrected events: no row ids
            rows = f"SELECT * FROM {source} WHERE {where} ORDER BY {ORDER}{page}"
        sql = (
            f"SELECT {columns} FROM ({rows}) e "
            f"LEFT JOIN {base}.documents d ON d.doc_id = e.doc_id ORDER BY {OUTER_ORDER}"
        )
        frame = con.execute(sql, params).df()
        if frame.empty:
            for _, code in spec.codes():
                check_actor(con, code, db_name(db))
    return frame
