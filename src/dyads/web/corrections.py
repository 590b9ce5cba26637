"""Corrections of coded events over HTTP: the event page's form, and the JSON API.

``POST /events/{id}/corrections`` takes the page's form (same origin, the page's
token; off loopback, the server's token too) and goes back to the event page.
``POST /api/corrections`` takes JSON (``application/json`` only, so no other
site's form can send it; off loopback, ``Authorization: Bearer <token>``);
``GET /api/corrections`` lists them. Writes go through ``StoreAccess.writing``
and ``dyads.analysis.corrections``, which keeps them beside the coded rows.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from ..analysis.corrections import Correction, add_correction
from ..errors import DyadsError, Errors
from . import reads
from .api import SHORT, known_parameters
from .forms import check_form, check_writer, same_origin
from .problems import ApiError, public_message, status_of

router = APIRouter()
API: dict[str, Any] = {"tags": ["api"], "dependencies": [Depends(known_parameters)]}
FORM = "application/x-www-form-urlencoded"
FIELDS = ("verdict", "type", "source_code", "target_code", "modality", "note")


class CorrectionIn(BaseModel):
    """One correction: the event, the verdict and, for ``wrong``, what is right."""

    event_id: str = Field(min_length=1, max_length=200)
    verdict: str = Field(max_length=SHORT, description="right, wrong or not_event.")
    type: str | None = Field(None, max_length=SHORT)
    source_code: str | None = Field(None, max_length=SHORT)
    target_code: str | None = Field(None, max_length=SHORT)
    modality: str | None = Field(None, max_length=SHORT)
    note: str | None = Field(None, max_length=1000)


def record(request: Request, correction: Correction) -> dict[str, Any]:
    """Store ``correction`` (404 for an unknown event) and return the stored row."""
    access = request.app.state.access
    with access.reading() as con:
        reads.event_detail(con, correction.event_id)  # E803 404 when there is no such event
    with access.writing():
        row = add_correction(request.app.state.db, correction)
    return {k: reads.plain(v) for k, v in row.items()}


@router.post("/events/{event_id}/corrections", include_in_schema=False)
async def correct_from_page(request: Request, event_id: str) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM:
        detail = f"expected a form ({FORM}), got '{content_type or 'nothing'}'"
        raise ApiError(Errors.E802, 400, route=request.url.path, detail=detail)
    body = (await request.body()).decode("utf-8", "replace")
    values = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    check_form(request, event_id, values.get("csrf", ""), values.get("token", ""))
    form = {k: values.get(k, "").strip() for k in FIELDS}
    correction = Correction(event_id, **{k: v or None for k, v in form.items()})  # type: ignore[arg-type]
    try:
        await run_in_threadpool(record, request, correction)
    except DyadsError as exc:
        if isinstance(exc, ApiError) or status_of(exc) >= 500:
            raise
        from .pages import event_page

        message = public_message(exc, request.url.path, 400, request.app.state.db)
        return await run_in_threadpool(event_page, request, event_id, 400, message, form)
    return RedirectResponse(f"/events/{quote(event_id, safe='')}#corrections", status_code=303)


@router.post("/api/corrections", summary="Record a correction of one event.", **API)
def correct(
    request: Request,
    correction: CorrectionIn,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    if not same_origin(request):
        raise ApiError(Errors.E806, 403, detail="the request came from another site")
    check_writer(request, authorization, "POST /api/corrections")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        detail = f"expected application/json, got '{content_type or 'nothing'}'"
        raise ApiError(Errors.E802, 400, route=request.url.path, detail=detail)
    row = record(request, Correction(**correction.model_dump()))
    return {"ok": True, "correction": row}


@router.get("/api/corrections", summary="Analysts' corrections, newest first.", **API)
def corrections(
    request: Request,
    event_id: Annotated[str | None, Query(max_length=200, description="One event's.")] = None,
) -> dict[str, Any]:
    with request.app.state.access.reading() as con:
        rows = reads.event_corrections(con, event_id or None)
    return {"ok": True, "count": len(rows), "corrections": rows}
