"""The dashboard's HTML pages, rendered on the server with Jinja2 (autoescaped).

Pages read the same functions as the API; their charts and the network are
drawn by small local scripts (``data/web/static``) from the API's JSON.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..analysis import dyad_series, find_alerts
from ..analysis.corrections import VERDICTS
from ..analysis.dyad import QUADS
from ..errors import DyadsError, Errors
from ..model import MODALITIES, PLOVER_TYPES
from . import charts, reads
from .api import SHORT, By, Filters, Short, Window, default_since
from .forms import form_token
from .highlight import Mark, runs
from .problems import ApiError, status_of

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
MAX_PAGE = 2000
FREQS = ("day", "week", "month")
NETWORK_TOP = 100  # edges drawn by default: readable with hundreds of actors
MAX_TOP = 500
DOWNLOAD_FILTERS = (
    "actor", "source", "target", "type", "modality", "since", "until", "text",
    "location_country", "near", "radius_km",
)  # fmt: skip


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("nav", request.url.path)
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    with request.app.state.access.reading() as con:
        data = reads.overview(con)
        days = reads.timeline(con)
    total = max(1, sum(row["events"] for row in data["modality"]))
    return render(
        request, "index.html", total=total, timeline=charts.timeline(days),
        quads=charts.QUAD_NAMES, **data,
    )  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    filters: Filters,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    sort: Annotated[str, Query(max_length=SHORT)] = "date",
    order: Annotated[str, Query(max_length=SHORT)] = "desc",
    apply_corrections: bool = False,
) -> HTMLResponse:
    """Newest first; sortable; ``actor`` matches codes and the words of actor names."""
    offset = (page - 1) * PAGE_SIZE
    error, rows, total, status = None, [], 0, 200
    try:
        with request.app.state.access.reading() as con:
            rows, total = reads.events_page(
                con, PAGE_SIZE, offset, sort, order, apply_corrections, **dict(filters)
            )
    except DyadsError as exc:
        error, status = str(exc), status_of(exc)
    query = {k: v for k, v in filters.items() if v}
    state = dict(query, sort=sort, order=order)
    if apply_corrections:
        state["apply_corrections"] = "true"
    download = {k: v for k, v in query.items() if k in DOWNLOAD_FILTERS}
    if apply_corrections:
        download["apply_corrections"] = "true"
    return render(
        request, "events.html", status=status, rows=rows, total=total, page=page,
        more=offset + len(rows) < total, first=offset + 1, error=error, filters=filters,
        query=query, state=state, sort=sort, order=order, sorts=list(reads.SORTS),
        apply_corrections=apply_corrections, download=download, types=PLOVER_TYPES,
        modalities=MODALITIES,
    )  # fmt: skip


def _sentence_marks(event: dict[str, Any], offset: int) -> list[Mark]:
    marks = []
    for label, role in (
        ("trigger", "trigger"),
        ("source", "source"),
        ("target", "target"),
        ("attributed", "attributed_to"),
    ):
        start, end = event.get(f"{role}_start"), event.get(f"{role}_end")
        if start is not None and end is not None:
            marks.append(Mark(start - offset, end - offset, label))
    return marks


def _offset(sentence: str, event: dict[str, Any]) -> int:
    """Where the event's sentence starts in its document (found by text if not stored)."""
    if event.get("sentence_start") is not None:
        return event["sentence_start"]
    at = sentence.find(event.get("trigger_text") or "\0")
    return event["trigger_start"] - at if at >= 0 else 0


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    return event_page(request, event_id)


def event_page(
    request: Request,
    event_id: str,
    status: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    """The event page; a correction form that failed comes back with its message."""
    with request.app.state.access.reading() as con:
        data = reads.event_detail(con, event_id)
        record = data["event"]
        around = reads.neighbours(con, record["doc_id"], record.get("sentence_id"))
        corrections = reads.event_corrections(con, event_id)
    sentence = record.get("sentence") or ""
    shown = runs(sentence, _sentence_marks(record, _offset(sentence, record)))
    mentions = []
    for mention in data["mentions"]:
        start = mention.get("sentence_start") or 0
        marks = [Mark(mention["trigger_start"] - start, mention["trigger_end"] - start, "trigger")]
        mentions.append({**mention, "runs": runs(mention.get("sentence") or "", marks)})
    return render(
        request, "event.html", status=status, event=record, runs=shown, mentions=mentions,
        around=around, cameo_label=reads.cameo_label(record.get("cameo")),
        corrections=corrections, verdicts=VERDICTS, types=PLOVER_TYPES, modalities=MODALITIES,
        csrf=form_token(request, event_id), public=request.app.state.public, error=error,
        form=form or {},
    )  # fmt: skip


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    with request.app.state.access.reading() as con:
        data = reads.document_detail(con, doc_id)
    marks = []
    numbers: dict[str, int] = {}
    for row in data["events"]:
        number = numbers.setdefault(row["event_id"], len(numbers) + 1)
        row["number"] = number
        marks.append(Mark(row["trigger_start"], row["trigger_end"], "trigger", row["event_id"]))
        for role in ("source", "target"):
            if row.get(f"{role}_start") is not None:
                marks.append(Mark(row[f"{role}_start"], row[f"{role}_end"], role, row["event_id"]))
    text = data["document"].get("text") or ""
    return render(request, "document.html", runs=runs(text, marks), numbers=numbers, **data)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(
    request: Request,
    a: str,
    b: str,
    freq: Annotated[str, Query(max_length=SHORT)] = "week",
    modality: Annotated[str, Query(max_length=100)] = "asserted",
    since: Short = None,
    until: Short = None,
) -> HTMLResponse:
    with request.app.state.access.reading() as con:
        frame = dyad_series(con, a, b, freq, modality, since or None, until or None)
    rows = reads.records(frame)
    chart = charts.dyad(rows, a.upper(), b.upper(), freq, modality)
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        direction = totals.setdefault(row["direction"], {})
        for key in (*QUADS, *PLOVER_TYPES):
            direction[key] = direction.get(key, 0) + (row.get(key) or 0)
    return render(
        request, "dyad.html", a=a.upper(), b=b.upper(), freq=freq, freqs=FREQS,
        modality=modality, since=since or "", until=until or "", totals=totals, quads=QUADS,
        types=PLOVER_TYPES, periods=len(rows), chart=chart,
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    since: Short = None,
    until: Short = None,
    type: Annotated[str | None, Query(max_length=300)] = None,
    modality: Annotated[str, Query(max_length=100)] = "asserted",
    by: Annotated[str, Query(max_length=SHORT)] = "country",
    top: Annotated[int, Query(ge=1, le=MAX_TOP)] = NETWORK_TOP,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    countryless: bool = False,
) -> HTMLResponse:
    """Countries by default (USAGOV and USAMIL are USA), the ``top`` heaviest edges."""
    with request.app.state.access.reading() as con:
        graph = reads.network_view(
            con, since or None, until or None, type or None, modality, by, top, min_weight,
            countryless,
        )  # fmt: skip
    query = {
        "since": since, "until": until, "type": type, "modality": modality, "by": by,
        "top": top, "min_weight": min_weight, "countryless": countryless,
    }  # fmt: skip
    return render(request, "network.html", query={k: v for k, v in query.items() if v}, graph=graph)


@router.get("/alerts", response_class=HTMLResponse)
def alerts(
    request: Request,
    window: Window,
    by: By = "country",
    domestic: bool = True,
    per_documents: bool = False,
) -> HTMLResponse:
    """The page of ``dyads alerts`` with its grouping (``by``), domestic dyads left out
    (``domestic=false``) and counts per document volume (``per_documents``)."""
    w = window
    with request.app.state.access.reading() as con:
        start = w.since or default_since(con)
        found = find_alerts(
            con, start, w.until, w.baseline_days, w.threshold, w.min_count, by,
            domestic=domestic, per_documents=per_documents,
        )  # fmt: skip
    form = {
        "since": start, "until": w.until or "", "baseline_days": w.baseline_days,
        "threshold": w.threshold, "min_count": w.min_count, "by": by,
        "domestic": domestic, "per_documents": per_documents,
    }  # fmt: skip
    return render(request, "alerts.html", alerts=found, form=form)


@router.get("/basemap.svg", include_in_schema=False)
def basemap() -> Response:
    """Country outlines from the installed pygal_maps_world package (nothing downloaded)."""
    svg = _basemap_svg()
    if svg is None:
        raise ApiError(Errors.E803, 404, kind="basemap", value="pygal_maps_world")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@lru_cache(maxsize=1)
def _basemap_svg() -> str | None:
    try:
        import pygal_maps_world
    except ImportError:
        return None
    path = Path(pygal_maps_world.__file__).with_name("worldmap.svg")
    return path.read_text(encoding="utf-8") if path.is_file() else None


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request, filters: Filters) -> HTMLResponse:
    """Events at their locations: clusters (click: their events), counts by country and
    by division; the filters of ``dyads events`` apply."""
    error, status = None, 200
    data: dict[str, Any] = {"clusters": [], "countries": [], "divisions": [], "located": 0,
                            "events": 0}  # fmt: skip
    try:
        with request.app.state.access.reading() as con:
            data = reads.map_data(con, **dict(filters))
    except DyadsError as exc:
        error, status = str(exc), status_of(exc)
    query = {k: v for k, v in filters.items() if v}
    biggest = max((c["events"] for c in data["clusters"]), default=1)
    return render(
        request, "map.html", status=status, error=error, filters=filters, query=query,
        lons=range(-180, 181, 30), lats=range(-90, 91, 30), biggest=biggest, **data,
    )  # fmt: skip


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, from the OpenAPI schema, with no external assets."""
    schema = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **op}
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "docs.html", operations=operations, info=schema["info"])
