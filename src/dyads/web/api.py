"""The JSON API under /api/: the CLI's queries over HTTP, read-only.

Every route reads through dyads.analysis (or ``reads`` for single lookups) on a
read-only connection; errors are the coded messages of the library, served in
the one error shape of ``problems``.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..analysis import EXPORT_FORMATS, actor_network, dyad_series, export, find_alerts
from ..analysis.connection import Db
from ..errors import Errors
from . import reads
from .problems import ApiError

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 1000
MAX_OFFSET = 100_000
SHORT = 64  # longest accepted code, type or modality list, date
MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
SUFFIX = {"csv": "csv", "jsonl": "jsonl"}
DOWNLOADS = tuple(f for f in EXPORT_FORMATS if f != "parquet")

Short = Annotated[str | None, Query(max_length=SHORT)]


def event_filters(
    actor: Annotated[str | None, Query(max_length=SHORT, description="Either role.")] = None,
    source: Short = None,
    target: Short = None,
    type: Annotated[
        str | None, Query(max_length=300, description="PLOVER types, comma-separated.")
    ] = None,
    modality: Annotated[
        str | None, Query(max_length=100, description="Modalities, comma-separated, or 'all'.")
    ] = None,
    since: Annotated[str | None, Query(max_length=SHORT, description="YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(max_length=SHORT, description="YYYY-MM-DD.")] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="In the sentence or trigger.")
    ] = None,
) -> dict[str, str | None]:
    """The filters of ``dyads events``; empty strings count as absent."""
    values = {
        "actor": actor, "source": source, "target": target, "type": type,
        "modality": modality, "since": since, "until": until, "text": text,
    }  # fmt: skip
    return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}


Filters = Annotated[dict[str, str | None], Depends(event_filters)]


@dataclass(frozen=True, slots=True)
class AlertWindow:
    """The parameters of ``dyads alerts`` shared by the page and the API."""

    since: str | None
    until: str | None
    baseline_days: int
    threshold: float
    min_count: int


def alert_window(
    since: Short = None,
    until: Short = None,
    baseline_days: Annotated[int, Query(ge=1, le=3650)] = 84,
    threshold: Annotated[float, Query(ge=0, le=100)] = 2.0,
    min_count: Annotated[int, Query(ge=0, le=1_000_000)] = 3,
) -> AlertWindow:
    return AlertWindow(since or None, until or None, baseline_days, threshold, min_count)


Window = Annotated[AlertWindow, Depends(alert_window)]


@router.get("/events", summary="Events matching the filters of `dyads events`, oldest first.")
def events(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        rows, more = reads.page_events(con, limit, offset, **filters)
    return {
        "ok": True,
        "limit": limit,
        "offset": offset,
        "count": len(rows),
        "next_offset": offset + limit if more else None,
        "filters": {k: v for k, v in filters.items() if v},
        "events": rows,
    }


@router.get("/events/{event_id}", summary="One event, its mentions and their sentences.")
def event(request: Request, event_id: str) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        return {"ok": True, **reads.event_detail(con, event_id)}


@router.get("/documents/{doc_id}", summary="One document: clean text, metadata, story, events.")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        return {"ok": True, **reads.document_detail(con, doc_id)}


@router.get("/overview", summary="Counts, latest events, top dyads, modality mix.")
def overview(request: Request) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        return {"ok": True, **reads.overview(con)}


@router.get("/dyads/{a}/{b}", summary="`dyads dyad A B`: A->B and B->A per period.")
def dyad(
    request: Request,
    a: str,
    b: str,
    freq: Annotated[str, Query(max_length=SHORT, description="day, week or month.")] = "week",
    modality: Annotated[str, Query(max_length=100)] = "asserted",
    since: Short = None,
    until: Short = None,
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        frame = dyad_series(con, a, b, freq, modality, since or None, until or None)
    return {"ok": True, "a": a.upper(), "b": b.upper(), "freq": freq, "rows": reads.records(frame)}


@router.get("/map", summary="Events per country (source or target), by ISO alpha-2 code.")
def map_counts(request: Request) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        return {"ok": True, "countries": reads.country_counts(con)}


@router.get("/network", summary="`dyads network`: node-link JSON (networkx's form).")
def network(
    request: Request,
    since: Short = None,
    until: Short = None,
    type: Annotated[str | None, Query(max_length=300)] = None,
    modality: Annotated[str, Query(max_length=100)] = "asserted",
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        graph = actor_network(con, since or None, until or None, type or None, modality)
    return {"ok": True, **nx.node_link_data(graph, edges="links")}


@router.get("/alerts", summary="`dyads alerts`: dyads departing from their own baseline.")
def alerts(
    request: Request,
    window: Window,
    by: Annotated[str, Query(max_length=SHORT, description="country or code.")] = "country",
    modality: Annotated[str, Query(max_length=100)] = "asserted",
) -> dict[str, Any]:
    w = window
    with request.app.state.access.reading() as con:
        start = w.since or default_since(con)
        found = find_alerts(
            con, start, w.until, w.baseline_days, w.threshold, w.min_count, by, modality
        )
    return {"ok": True, "since": start, "alerts": [a.to_dict() for a in found]}


def default_since(db: Db, days: int = 7) -> str:
    """The start of the last ``days`` days of the store (today's week when it is empty)."""
    latest = reads.latest_date(db)
    end = dt.date.fromisoformat(latest) if latest else dt.date.today()
    return (end - dt.timedelta(days=days - 1)).isoformat()


@router.get("/export", summary="`dyads export`: download every event in a format.")
def download(
    request: Request,
    format: Annotated[str, Query(max_length=SHORT, description=", ".join(DOWNLOADS))] = "jsonl",
    all_modalities: bool = False,
) -> FileResponse:
    if format == "parquet":
        detail = "parquet is a directory of files; use 'dyads export --format parquet -o DIR'"
        raise ApiError(Errors.E802, 400, route="/api/export", detail=detail)
    handle, path = tempfile.mkstemp(prefix="dyads-export-")
    os.close(handle)
    try:
        with request.app.state.access.reading() as con:
            export(con, format, path, None if all_modalities else "asserted")
    except BaseException:
        os.unlink(path)
        raise
    suffix = SUFFIX.get(format, "tsv")
    return FileResponse(
        path,
        media_type=MEDIA.get(format, "text/tab-separated-values"),
        filename=f"dyads-{format}.{suffix}",
        background=BackgroundTask(os.unlink, path),
    )
