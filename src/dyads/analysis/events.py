"""Filtered events with the sentence and document behind each one."""

from __future__ import annotations

import pandas as pd

from .connection import Db, connect, db_name
from .filters import EventFilter, check_actor

COLUMNS: tuple[str, ...] = (
    "event_id", "date", "type", "mode", "modality", "source_code", "source_name",
    "target_code", "target_name", "attributed_to_code", "cameo", "quad_class", "intensity",
    "goldstein", "confidence", "mentions", "trigger_text", "trigger_start", "trigger_end",
    "doc_id", "sentence_id", "sentence", "url", "title", "publisher",
)  # fmt: skip


def find_events(db: Db, limit: int | None = None, **filters: str | None) -> pd.DataFrame:
    """Events matching ``filters`` (see ``EventFilter``), oldest first.

    An empty frame means nothing matched; an actor code that matches no stored
    actor at all raises E701 with close matches instead.
    """
    spec = EventFilter(**filters)
    where, params = spec.where()
    sql = (
        f"SELECT {', '.join(COLUMNS)} FROM events WHERE {where} "
        "ORDER BY date NULLS LAST, doc_id, sentence_id, trigger_start, event_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connect(db) as con:
        frame = con.execute(sql, params).df()
        if frame.empty:
            for _, code in spec.codes():
                check_actor(con, code, db_name(db))
    return frame
