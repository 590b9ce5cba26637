"""One error shape for every failure the web layer reports.

``{"ok": false, "error": "<coded message>", "status": <int>}`` for the API, and
the same message on an HTML error page for the dashboard. Library errors keep
their own codes; only the HTTP status is chosen here.
"""

from __future__ import annotations

from ..errors import DyadsError, Errors

# Library error codes and the HTTP status they become; anything else is a 400.
STATUS_BY_CODE: dict[str, int] = {
    "E701": 404,  # unknown actor code
    "E301": 500,  # the store cannot be opened (it was fine at startup)
    "E705": 500,
    "E707": 500,
}


class ApiError(DyadsError):
    """A coded error with the HTTP status it is served with."""

    def __init__(self, error: Errors, status: int, **kwargs: object) -> None:
        super().__init__(error, **kwargs)
        self.status = status


def status_of(exc: DyadsError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    return STATUS_BY_CODE.get(exc.code, 400)


def body(message: str, status: int) -> dict[str, object]:
    return {"ok": False, "error": message, "status": status}
