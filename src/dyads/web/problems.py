"""One error shape for every failure the web layer reports.

``{"ok": false, "error": "<coded message>", "status": <int>}`` for the API, and
the same message on an HTML error page for the dashboard. Library errors keep
their own codes; only the HTTP status is chosen here.
"""

from __future__ import annotations

import os
import re
import tempfile

from ..errors import DyadsError, Errors

PID = re.compile(r"\bPID \d+", re.IGNORECASE)

# Library error codes and the HTTP status they become; anything else is a 400.
STATUS_BY_CODE: dict[str, int] = {
    "E701": 404,  # unknown actor code
    "E301": 500,  # the store cannot be opened (it was fine at startup)
    "E303": 500,  # the store cannot be written (POST /api/ingest)
    "E305": 503,  # another process holds the store (an outside writer): retry later
    "E705": 500,
    "E707": 500,
}


class ApiError(DyadsError):
    """A coded error the web layer words itself, with its HTTP status and extra headers.

    Its message is shown as it is, even with a 5xx status; a library error with a
    5xx status is not (see ``public_message``).
    """

    def __init__(
        self,
        error: Errors,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(error, **kwargs)
        self.status = status
        self.headers = headers or {}


def status_of(exc: DyadsError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    return STATUS_BY_CODE.get(exc.code, 400)


def public_message(exc: DyadsError, route: str, status: int, db: str) -> str:
    """What an HTTP client may read of ``exc``.

    A library error served as a 5xx is the server's own trouble, and its message
    can hold absolute paths and process ids (DuckDB's lock errors name the file
    and the PID holding it): clients get its code only, the log gets the rest.
    Messages the web layer words itself (``ApiError``) are shown, scrubbed.
    """
    if status >= 500 and not isinstance(exc, ApiError):
        detail = f"{exc.code}; the details are in the server log"
        return Errors.E807.format(route=route, detail=detail)
    return scrub(str(exc), db)


def scrub(message: str, db: str) -> str:
    """``message`` with the store's path cut to its file name, and no folders or PIDs.

    Folders are the store's, the working, home and temporary ones (where a
    server keeps its snapshot copies).
    """
    for path in sorted({db, os.path.abspath(db), os.path.realpath(db)}, key=len, reverse=True):
        message = message.replace(path, os.path.basename(db))
    folders = {
        os.path.dirname(os.path.abspath(db)), os.path.dirname(os.path.realpath(db)),
        os.getcwd(), os.path.expanduser("~"), tempfile.gettempdir(),
        os.path.realpath(tempfile.gettempdir()),
    }  # fmt: skip
    for folder in sorted(folders, key=len, reverse=True):
        if len(folder) > 1:
            message = message.replace(folder + os.sep, "")
    return PID.sub("PID ?", message)


def body(message: str, status: int) -> dict[str, object]:
    return {"ok": False, "error": message, "status": status}
