"""dyads.analysis: query, analyse and export a store, from Python or the CLI.

Every function takes ``db`` (a store path, an open ``Store`` or a DuckDB
connection), opens it read-only, and returns pandas DataFrames or plain objects.
"""

from .alerts import Alert, find_alerts
from .brief import brief_data, brief_markdown
from .connection import connect
from .dyad import dyad_series
from .events import find_events
from .export import FORMATS as EXPORT_FORMATS
from .export import column_names, export, global_event_id
from .filters import EventFilter
from .network import actor_network, write_network
from .sql import check_sql, run_query
from .views import VIEWS

__all__ = [
    "EXPORT_FORMATS",
    "VIEWS",
    "Alert",
    "EventFilter",
    "actor_network",
    "brief_data",
    "brief_markdown",
    "check_sql",
    "column_names",
    "connect",
    "dyad_series",
    "export",
    "find_alerts",
    "find_events",
    "global_event_id",
    "run_query",
    "write_network",
]
