"""dyads.store: the embedded DuckDB store and the event JSON Schema."""

from .duckdb_store import Store, WriteStats
from .rows import from_event_row, to_event_row
from .schema import validate_event

__all__ = ["Store", "WriteStats", "from_event_row", "to_event_row", "validate_event"]
