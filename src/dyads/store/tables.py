"""The store's tables: one column list per table, from which both the DDL and
the Arrow batch schemas are made, so the two can never disagree."""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "6"  # 2: event_mentions table; 3: ingest (stories, event groups, errors);
# 4: events.source_via / target_via, actor_mentions.antecedent_start / antecedent_text;
# 5: events.dead / injured / size, each with its _text, _start, _end
# 6: events.location_* (where the event happened) and latitude / longitude
MAGNITUDES: tuple[str, ...] = ("dead", "injured", "size")

_ACTOR_FIELDS: tuple[tuple[str, str], ...] = (
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("name", "VARCHAR"),
    ("code", "VARCHAR"),
)


def _actor(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_{name}", sql) for name, sql in _ACTOR_FIELDS]


# Where the event happened (model.Location): column, Location field, SQL type.
LOCATION: tuple[tuple[str, str, str], ...] = (
    ("location_name", "name", "VARCHAR"),
    ("location_precision", "precision", "VARCHAR"),
    ("location_via", "via", "VARCHAR"),
    ("location_geonameid", "geonameid", "INTEGER"),
    ("location_feature", "feature_code", "VARCHAR"),
    ("location_country", "country", "VARCHAR"),
    ("location_adm1", "admin1", "VARCHAR"),
    ("latitude", "lat", "DOUBLE"),
    ("longitude", "lon", "DOUBLE"),
    ("location_text", "text", "VARCHAR"),
    ("location_start", "start", "INTEGER"),
    ("location_end", "end", "INTEGER"),
)


def _magnitude(name: str) -> list[tuple[str, str]]:
    return [(name, "INTEGER"), (f"{name}_text", "VARCHAR"), (f"{name}_start", "INTEGER"),
            (f"{name}_end", "INTEGER")]  # fmt: skip


TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR PRIMARY KEY"),
        ("path", "VARCHAR"),
        ("url", "VARCHAR"),
        ("title", "VARCHAR"),
        ("byline", "VARCHAR"),
        ("site", "VARCHAR"),
        ("published", "DATE"),
        ("date_source", "VARCHAR"),
        ("source", "VARCHAR"),
        ("text", "VARCHAR"),
        ("credits", "VARCHAR[]"),
        ("language", "VARCHAR"),
        ("warnings", "VARCHAR[]"),
        ("paragraph_starts", "INTEGER[]"),
        ("paragraph_ends", "INTEGER[]"),
        ("coded_at", "TIMESTAMP"),
        ("content_hash", "VARCHAR"),
        ("fetched_at", "TIMESTAMP"),
        ("story_id", "VARCHAR"),
        ("copy_of", "VARCHAR"),
    ],
    "sentences": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_id", "INTEGER NOT NULL"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("paragraph", "INTEGER"),
    ],
    "actor_mentions": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_id", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("name", "VARCHAR"),
        ("code", "VARCHAR"),
        ("entity_label", "VARCHAR"),
        ("matched", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("actor_id", "VARCHAR"),
        ("antecedent_start", "INTEGER"),
        ("antecedent_text", "VARCHAR"),
    ],
    "events": [
        ("event_id", "VARCHAR NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_id", "INTEGER"),
        ("sentence", "VARCHAR"),
        ("trigger_text", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("type", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("cameo", "VARCHAR"),
        ("quad_class", "INTEGER"),
        ("intensity", "DOUBLE"),
        ("goldstein", "DOUBLE"),
        ("modality", "VARCHAR"),
        *_actor("attributed_to"),
        *_actor("source"),
        *_actor("target"),
        ("date", "DATE"),
        ("date_precision", "VARCHAR"),
        ("mention_id", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("rule", "VARCHAR"),
        ("mentions", "INTEGER"),
        ("source_via", "VARCHAR"),
        ("target_via", "VARCHAR"),
        *(column for name in MAGNITUDES for column in _magnitude(name)),
        *((column, sql) for column, _, sql in LOCATION),
    ],
    "event_mentions": [
        ("event_id", "VARCHAR NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_id", "INTEGER"),
        ("trigger_text", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
    ],
    "rejections": [
        ("run_id", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("sentence_id", "INTEGER"),
        ("input", "VARCHAR"),
        ("code", "VARCHAR NOT NULL"),
        ("reason", "VARCHAR"),
    ],
    "runs": [
        ("run_id", "VARCHAR PRIMARY KEY"),
        ("started_at", "TIMESTAMP"),
        ("finished_at", "TIMESTAMP"),
        ("command", "VARCHAR"),
        ("documents", "INTEGER"),
        ("events", "INTEGER"),
        ("rejections", "INTEGER"),
    ],
    # -- ingest at scale (dyads ingest) --
    "doc_signatures": [
        ("doc_id", "VARCHAR NOT NULL"),
        ("minhash", "UBIGINT[]"),
    ],
    # the semantic story index's cache (crossdoc.finalize): key terms, their MinHash and,
    # once the document is in a candidate pair, its vector; rebuilt when content_hash changes
    "doc_features": [
        ("doc_id", "VARCHAR PRIMARY KEY"),
        ("content_hash", "VARCHAR"),
        ("terms", "VARCHAR[]"),
        ("keyhash", "UBIGINT[]"),
        ("vector", "FLOAT[]"),
    ],
    # each document's story membership: the score of the pair that joined it, and how
    "story_members": [
        ("story_id", "VARCHAR NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("score", "DOUBLE"),
        ("via", "VARCHAR"),
    ],
    "stories": [
        ("story_id", "VARCHAR PRIMARY KEY"),
        ("canonical_doc_id", "VARCHAR"),
        ("num_articles", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("first_published", "DATE"),
    ],
    "event_groups": [
        ("group_id", "VARCHAR PRIMARY KEY"),
        ("canonical_event_id", "VARCHAR"),
        ("type", "VARCHAR"),
        ("modality", "VARCHAR"),
        ("source_code", "VARCHAR"),
        ("target_code", "VARCHAR"),
        ("first_date", "DATE"),
        ("last_date", "DATE"),
        ("num_mentions", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("num_articles", "INTEGER"),
    ],
    "event_group_members": [
        ("group_id", "VARCHAR NOT NULL"),
        ("event_id", "VARCHAR NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
    ],
    "ingest_errors": [
        ("input", "VARCHAR NOT NULL"),
        ("code", "VARCHAR NOT NULL"),
        ("message", "VARCHAR"),
        ("source", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("recorded_at", "TIMESTAMP"),
    ],
    "fetches": [
        ("url", "VARCHAR NOT NULL"),
        ("final_url", "VARCHAR"),
        ("status", "INTEGER"),
        ("content_type", "VARCHAR"),
        ("bytes", "INTEGER"),
        ("code", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("fetched_at", "TIMESTAMP"),
    ],
    # -- analysts' corrections of coded events (never changed by re-coding) --
    "corrections": [
        ("correction_id", "VARCHAR PRIMARY KEY"),
        ("event_id", "VARCHAR NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_id", "INTEGER"),
        ("verdict", "VARCHAR NOT NULL"),
        ("type", "VARCHAR"),
        ("source_code", "VARCHAR"),
        ("target_code", "VARCHAR"),
        ("modality", "VARCHAR"),
        ("note", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ],
}

# Tables holding rows derived from one document: re-coding it replaces them all.
DOCUMENT_TABLES: tuple[str, ...] = (
    "documents", "sentences", "actor_mentions", "events", "event_mentions", "rejections",
    "doc_signatures",
)  # fmt: skip

INDEXES: tuple[tuple[str, str, str], ...] = (
    ("sentences_doc", "sentences", "doc_id"),
    ("mentions_doc", "actor_mentions", "doc_id"),
    ("event_mentions_event", "event_mentions", "event_id"),
    ("events_doc", "events", "doc_id"),
    ("events_source", "events", "source_code"),
    ("events_target", "events", "target_code"),
    ("events_date", "events", "date"),
    ("events_location_country", "events", "location_country"),
    ("rejections_doc", "rejections", "doc_id"),
    ("documents_url", "documents", "url"),
    ("signatures_doc", "doc_signatures", "doc_id"),
    ("story_members_story", "story_members", "story_id"),
    ("group_members_group", "event_group_members", "group_id"),
    ("group_members_event", "event_group_members", "event_id"),
    ("corrections_event", "corrections", "event_id"),
)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    # Dates travel as ISO strings; DuckDB casts (and checks) them on insert.
    "DATE": pa.string(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER[]": pa.list_(pa.int32()),
    "UBIGINT[]": pa.list_(pa.uint64()),
    "FLOAT[]": pa.list_(pa.float32()),
}


def quote(name: str) -> str:
    """Quote an identifier: columns such as ``end``, ``type`` and ``date`` are keywords."""
    return '"' + name.replace('"', '""') + '"'


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


# Upgrades in place, by the version they start from: each adds nullable columns only, so
# no stored row changes meaning (old events simply have no role strategies recorded).
MIGRATIONS: dict[str, tuple[str, list[str]]] = {
    "3": ("4", [
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_via VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS target_via VARCHAR",
        "ALTER TABLE actor_mentions ADD COLUMN IF NOT EXISTS antecedent_start INTEGER",
        "ALTER TABLE actor_mentions ADD COLUMN IF NOT EXISTS antecedent_text VARCHAR",
    ]),
    "4": ("5", [
        f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {quote(column)} {sql}"
        for name in MAGNITUDES for column, sql in _magnitude(name)
    ]),
    "5": ("6", [
        f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {quote(column)} {sql}"
        for column, _, sql in LOCATION
    ]),
}  # fmt: skip


def create_statements() -> list[str]:
    """DDL for every table and index, safe to run on an existing store."""
    out = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, cols in TABLES.items():
        body = ", ".join(f"{quote(name)} {sql}" for name, sql in cols)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    for name, table, column in INDEXES:
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({quote(column)})")
    return out


def arrow_schema(table: str) -> pa.Schema:
    """Arrow schema of a batch for ``table`` (constraints dropped, types mapped)."""
    return pa.schema([(name, _ARROW_TYPES[sql.split(" ")[0]]) for name, sql in TABLES[table]])
