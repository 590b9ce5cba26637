"""POST /api/ingest: code posted articles into the store, only when asked for.

The route exists only with ``--allow-ingest`` (404 otherwise) and needs
``Authorization: Bearer <token>``, compared in constant time (403 otherwise).
Documents go through the same path as ``dyads code --db``: written as JSON
Lines to a temporary file and coded by ``dyads.runner.code_paths``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field

from ..errors import Errors
from ..runner import code_paths
from .api import known_parameters
from .guard import bearer_matches
from .problems import ApiError

# the one parameter check of every /api route: an unknown query parameter is E809, never ignored
router = APIRouter(prefix="/api", tags=["ingest"], dependencies=[Depends(known_parameters)])

MAX_DOCUMENTS = 100


class Article(BaseModel):
    """One article: the fields of a ``dyads code`` JSONL record."""

    id: str | None = Field(None, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = None
    date: str | None = Field(None, max_length=32)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)


class Batch(BaseModel):
    documents: list[Article] = Field(min_length=1, max_length=MAX_DOCUMENTS)


def check_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 unless the request carries exactly ``Bearer <the server's token>``."""
    if not bearer_matches(authorization, request.app.state.token):
        detail = "POST /api/ingest needs the server's token as 'Authorization: Bearer <token>'"
        raise ApiError(Errors.E806, 403, detail=detail)


@router.post(
    "/ingest",
    summary="Code posted articles into the store (--allow-ingest only).",
    dependencies=[Depends(check_token)],
)
def ingest(request: Request, batch: Batch) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dyads-ingest-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        lines = [json.dumps(a.model_dump(exclude_none=True)) for a in batch.documents]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with request.app.state.access.writing():
            summary = code_paths(
                [str(path)], request.app.state.options, db=request.app.state.db,
                command="POST /api/ingest",
            )  # fmt: skip
    return {
        "ok": True,
        "documents": summary.documents,
        "events": summary.events,
        "rejected": [r.reason for r in summary.errors],
    }
