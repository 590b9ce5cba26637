"""The JSON API under /api/: the CLI's queries over HTTP, read-only.

Every route reads through dyads.analysis (or ``reads`` for single lookups) on a
read-only connection; errors are the coded messages of the library, served in
the one error shape of ``problems``; a query parameter a route does not take is
refused (E809), never ignored. Exports stream (flat memory), at most
``serve_max_exports`` at once, and need the token on a server off loopback.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse

from ..analysis import EXPORT_FORMATS, actor_network, brief_data, dyad_series, find_alerts
from ..analysis.connection import Db, limited
from ..analysis.export import export_lines, export_meta
from ..analysis.filters import EventFilter
from ..errors import Errors, QueryError
from . import reads
from .access import StoreAccess
from .guard import bearer_matches
from .problems import ApiError


def _query_names(dependant: Any) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_parameters(request: Request) -> None:
    """Refuse a query parameter the route does not take (E809): a typo such as
    ``actr=TUR`` must not quietly return every row."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "no parameters"
        raise ApiError(Errors.E809, 400, name=unknown[0], route=request.url.path, known=takes)


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters)])

MAX_LIMIT = 1000
MAX_OFFSET = 100_000
SHORT = 64  # longest accepted code, type or modality list, date
MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
SUFFIX = {"csv": "csv", "jsonl": "jsonl"}
DOWNLOADS = tuple(f for f in EXPORT_FORMATS if f != "parquet")
EXPORT_BATCH = 1000  # rows fetched and sent at a time
EXPORT_RETRY = 10  # seconds a client is asked to wait when every export slot is taken

Short = Annotated[str | None, Query(max_length=SHORT)]
By = Annotated[
    str,
    Query(max_length=SHORT, description="country (USA, USAGOV, USAMIL are one) or code."),
]


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
    location_country: Annotated[
        str | None,
        Query(max_length=300, description="Where events happened: ISO alpha-3 codes, comma list."),
    ] = None,
    near: Annotated[
        str | None, Query(max_length=SHORT, description="LAT,LON: with radius_km.")
    ] = None,
    radius_km: Annotated[
        str | None, Query(max_length=SHORT, description="Kilometres around near.")
    ] = None,
) -> dict[str, str | None]:
    """The filters of ``dyads events``; empty strings count as absent."""
    values = {
        "actor": actor, "source": source, "target": target, "type": type,
        "modality": modality, "since": since, "until": until, "text": text,
        "location_country": location_country, "near": near, "radius_km": radius_km,
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
    apply_corrections: Annotated[
        bool, Query(description="As analysts corrected them (see /api/corrections).")
    ] = False,
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        rows, more = reads.page_events(con, limit, offset, apply_corrections, **filters)
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


@router.get(
    "/map",
    summary="Events per actor country (source or target), by ISO alpha-2 code; and, under "
    "`locations`, located events the filters select: clusters and counts by location country "
    "and division.",
)
def map_counts(request: Request, filters: Filters) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        countries = reads.country_counts(con)
        locations = reads.map_data(con, **filters)
    return {"ok": True, "countries": countries, "locations": locations}


@router.get("/network", summary="`dyads network`: node-link JSON (networkx's form).")
def network(
    request: Request,
    since: Short = None,
    until: Short = None,
    type: Annotated[str | None, Query(max_length=300)] = None,
    modality: Annotated[str, Query(max_length=100)] = "asserted",
    by: By = "country",
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        graph = actor_network(con, since or None, until or None, type or None, modality, by)
    return {"ok": True, **nx.node_link_data(graph, edges="links")}


@router.get("/alerts", summary="`dyads alerts`: dyads departing from their own baseline.")
def alerts(
    request: Request,
    window: Window,
    by: By = "country",
    modality: Annotated[str, Query(max_length=100)] = "asserted",
    domestic: Annotated[bool, Query(description="false: leave out USA -> USA.")] = True,
    per_documents: Annotated[
        bool, Query(description="Scale each period's count to the mean number of documents.")
    ] = False,
) -> dict[str, Any]:
    w = window
    with request.app.state.access.reading() as con:
        start = w.since or default_since(con)
        found = find_alerts(
            con, start, w.until, w.baseline_days, w.threshold, w.min_count, by, modality,
            domestic=domestic, per_documents=per_documents,
        )  # fmt: skip
    return {"ok": True, "since": start, "alerts": [a.to_dict() for a in found]}


@router.get("/brief", summary="`dyads brief`: one actor's events per counterpart, by type.")
def brief(
    request: Request,
    actor: Annotated[str, Query(max_length=SHORT, description="Actor code, e.g. RUS.")],
    since: Annotated[str, Query(max_length=SHORT, description="YYYY-MM-DD.")],
    until: Short = None,
    per_type: Annotated[int, Query(ge=1, le=100)] = 5,
    modality: Annotated[str | None, Query(max_length=100)] = None,
    by: By = "country",
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        data = brief_data(con, actor, since, until or None, per_type, modality or None, by)
    return {"ok": True, **data}


def default_since(db: Db, days: int = 7) -> str:
    """The start of the last ``days`` days of the store (today's week when it is empty)."""
    latest = reads.latest_date(db)
    end = dt.date.fromisoformat(latest) if latest else dt.date.today()
    return (end - dt.timedelta(days=days - 1)).isoformat()


def export_access(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Off loopback, an export (the whole store) needs ``Authorization: Bearer <token>``."""
    if not request.app.state.public or bearer_matches(authorization, request.app.state.token):
        return
    if request.app.state.token:
        detail = "/api/export on this server needs its token as 'Authorization: Bearer <token>'"
    else:
        detail = "/api/export is off on a server bound beyond loopback without --token"
    raise ApiError(Errors.E806, 403, detail=detail)


class ExportStream:
    """An export's text, holding one export slot until it is read, closed or dropped.

    Starlette may stop iterating (the client went away) without closing the
    iterator, so dropping it also gives the slot back.
    """

    def __init__(self, pieces: Iterator[str], release: Callable[[], None]) -> None:
        self._pieces = pieces
        self._release: Callable[[], None] | None = release

    def __iter__(self) -> ExportStream:
        return self

    def __next__(self) -> str:
        try:
            return next(self._pieces)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            try:
                close = getattr(self._pieces, "close", None)
                if close is not None:
                    close()
            finally:
                release()

    def __del__(self) -> None:
        self.close()


def _export_pieces(
    access: StoreAccess, fmt: str, spec: EventFilter, apply_corrections: bool = False
) -> Iterator[str]:
    """The export's pieces, each read from DuckDB within ``query_timeout`` (the first
    holds the sort); however slowly the client reads them, the export is not cut."""
    with access.reading(timed=False) as con:
        pieces = export_lines(con, fmt, spec, EXPORT_BATCH, apply_corrections)
        while True:
            with limited(con, access.path, access.options.query_timeout):
                piece = next(pieces, None)
            if piece is None:
                return
            yield piece


@router.get(
    "/export",
    summary="`dyads export`: download the events the filters select in a format (streamed); "
    "the X-Dyads-Filters header says which filters and modalities it holds.",
    dependencies=[Depends(export_access)],
)
def download(
    request: Request,
    filters: Filters,
    format: Annotated[str, Query(max_length=SHORT, description=", ".join(DOWNLOADS))] = "jsonl",
    all_modalities: bool = False,
    apply_corrections: Annotated[
        bool, Query(description="As analysts corrected them (see /api/corrections).")
    ] = False,
) -> StreamingResponse:
    if format == "parquet":
        detail = "parquet is a directory of files; use 'dyads export --format parquet -o DIR'"
        raise ApiError(Errors.E802, 400, route="/api/export", detail=detail)
    if format not in DOWNLOADS:
        raise QueryError(Errors.E402, value=format, choices=", ".join(DOWNLOADS))
    if all_modalities and filters["modality"] not in (None, "all"):
        detail = "all_modalities is modality=all; give one of them"
        raise ApiError(Errors.E802, 400, route="/api/export", detail=detail)
    spec = EventFilter(**{**filters, "modality": "all" if all_modalities else filters["modality"]})
    spec.where()  # a bad filter is a 400 before an export slot is taken
    slots: threading.BoundedSemaphore = request.app.state.export_slots
    if not slots.acquire(blocking=False):
        limit = request.app.state.options.serve_max_exports
        detail = f"{limit} export(s) are streaming, the most this server runs at once"
        retry = {"Retry-After": str(EXPORT_RETRY)}
        raise ApiError(Errors.E808, 503, headers=retry, detail=detail, retry=EXPORT_RETRY)
    pieces = _export_pieces(request.app.state.access, format, spec, apply_corrections)
    stream = ExportStream(pieces, slots.release)
    first = next(stream, "")  # run the query now: its errors get the error shape, not a cut body
    suffix = SUFFIX.get(format, "tsv")
    return StreamingResponse(
        itertools.chain([first], stream),
        media_type=MEDIA.get(format, "text/tab-separated-values"),
        headers={
            "Content-Disposition": f'attachment; filename="dyads-{format}.{suffix}"',
            "X-Dyads-Filters": json.dumps(export_meta(format, spec), separators=(",", ":")),
        },
    )
