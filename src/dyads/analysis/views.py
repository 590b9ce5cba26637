"""The documented views that queries, analyses and exports read.

A store's tables are the storage format; these views are the query interface,
so they can stay put while the tables grow (story ids, cross-document groups).
They are TEMP views on a read-only connection: nothing is written to the store.
Columns that only newer stores have are joined in when present, NULL otherwise.
"""

from __future__ import annotations

import duckdb

VIEWS: tuple[str, ...] = ("events", "mentions", "documents", "stories", "actors")

# The `stories` view when the store has no `stories` table yet.
EMPTY_STORIES = (
    "SELECT NULL::VARCHAR AS story_id, NULL::VARCHAR AS canonical_doc_id, "
    "NULL::INTEGER AS num_articles, NULL::INTEGER AS num_sources, "
    "NULL::DATE AS first_published WHERE false"
)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_catalog = ? AND table_schema = 'main' AND table_name = ?",
        [catalog, table],
    ).fetchall()
    return {row[0] for row in rows}


def views_exist(con: duckdb.DuckDBPyConnection) -> bool:
    """Are the five views already on this connection (a long-lived web connection)?"""
    found = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name IN "
        f"({', '.join('?' * len(VIEWS))})",
        list(VIEWS),
    ).fetchone()[0]
    return found == len(VIEWS)


def create_views(con: duckdb.DuckDBPyConnection, reuse: bool = False) -> None:
    """Create (or replace) the five views on ``con``, reading the store's main schema.

    With ``reuse``, views already on the connection are kept (they cost ~8 ms to build).
    """
    if reuse and views_exist(con):
        return
    catalog = con.execute("SELECT current_database()").fetchone()[0]
    base = f"{_ident(catalog)}.main"
    doc_cols = _columns(con, catalog, "documents")
    story = "d.story_id" if "story_id" in doc_cols else "NULL::VARCHAR"
    grouped = _columns(con, catalog, "event_groups") and _columns(
        con, catalog, "event_group_members"
    )
    groups = (
        f"""LEFT JOIN {base}.event_group_members gm ON gm.event_id = e.event_id
            LEFT JOIN {base}.event_groups g ON g.group_id = gm.group_id"""
        if grouped
        else ""
    )
    group_cols = (
        "g.group_id, g.num_mentions AS group_mentions, g.num_sources, g.num_articles"
        if grouped
        else "NULL::VARCHAR AS group_id, NULL::INTEGER AS group_mentions, "
        "NULL::INTEGER AS num_sources, NULL::INTEGER AS num_articles"
    )
    statements = {
        "events": f"""
            SELECT e.*, {story} AS story_id, d.published, d.url, d.title,
                   coalesce(d.source, d.site) AS publisher, {group_cols}
            FROM {base}.events e LEFT JOIN {base}.documents d ON d.doc_id = e.doc_id
            {groups}""",
        "mentions": f"""
            SELECT m.event_id, m.doc_id, m.sentence_id, s.text AS sentence,
                   s.start AS sentence_start, s."end" AS sentence_end,
                   m.trigger_text, m.trigger_start, m.trigger_end,
                   e.type, e.modality, e.source_code, e.target_code, e.date,
                   d.published, d.url, d.title, coalesce(d.source, d.site) AS publisher
            FROM {base}.event_mentions m
            JOIN {base}.events e ON e.event_id = m.event_id AND e.doc_id = m.doc_id
            LEFT JOIN {base}.sentences s
                ON s.doc_id = m.doc_id AND s.sentence_id = m.sentence_id
            LEFT JOIN {base}.documents d ON d.doc_id = m.doc_id""",
        "documents": f"""
            SELECT d.*, coalesce(n.events, 0) AS events
            FROM {base}.documents d LEFT JOIN (
                SELECT doc_id, count(*) AS events FROM {base}.events GROUP BY doc_id
            ) n USING (doc_id)""",
        "stories": (
            f"SELECT * FROM {base}.stories" if _columns(con, catalog, "stories") else EMPTY_STORIES
        ),
        "actors": f"""
            WITH roles AS (
                SELECT source_code AS code, source_country AS country,
                       source_sector AS sector, source_name AS name,
                       1 AS as_source, 0 AS as_target, date
                FROM {base}.events WHERE source_code IS NOT NULL
                UNION ALL
                SELECT target_code, target_country, target_sector, target_name,
                       0, 1, date
                FROM {base}.events WHERE target_code IS NOT NULL
            )
            SELECT code, any_value(country) AS country, any_value(sector) AS sector,
                   mode(name) AS name, count(*) AS events,
                   sum(as_source)::BIGINT AS as_source, sum(as_target)::BIGINT AS as_target,
                   min(date) AS first_date, max(date) AS last_date
            FROM roles GROUP BY code""",
    }
    for name, sql in statements.items():
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
