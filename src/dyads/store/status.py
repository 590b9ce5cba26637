"""What a store holds, for `dyads status`: counts, sources, errors by code, the last run."""

from __future__ import annotations

from typing import Any

from .duckdb_store import Store

COUNTS = {
    "documents": "SELECT count(*) FROM documents",
    "not English": "SELECT count(*) FROM documents WHERE language IS NOT NULL AND language <> 'en'",
    "undated documents": "SELECT count(*) FROM documents WHERE published IS NULL",
    "unreadable dates (W004)": (
        "SELECT count(*) FROM documents WHERE array_to_string(warnings, ' ') LIKE '%[W004]%'"
    ),
    "events": "SELECT count(*) FROM events",
    "undated events": "SELECT count(*) FROM events WHERE date IS NULL",
    "stories": "SELECT count(*) FROM stories",
    "copies": "SELECT count(*) FROM documents WHERE copy_of IS NOT NULL",
    "event groups": "SELECT count(*) FROM event_groups",
    "errors": "SELECT count(*) FROM ingest_errors",
    "runs": "SELECT count(*) FROM runs",
}
SOURCES = (
    "SELECT coalesce(site, source, regexp_extract(url, '^[a-z]+://([^/:]+)', 1), '(local files)') "
    "AS outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?"
)


def store_status(db: str, top: int = 20) -> dict[str, Any]:
    """Counts, the ``top`` sources by documents, errors by code and the last run."""
    with Store(db, read_only=True) as store:
        con = store.con
        counts = {name: int(con.execute(sql).fetchone()[0]) for name, sql in COUNTS.items()}
        sources = con.execute(SOURCES, [top]).fetchall()
        errors = con.execute(
            "SELECT code, count(*) FROM ingest_errors GROUP BY code ORDER BY code"
        ).fetchall()
        runs = store.runs()
    return {
        "counts": counts,
        "sources": sources,
        "errors": errors,
        "last_run": runs[-1] if runs else None,
    }
