"""Validate event records against the published JSON Schema.

The schema ships twice: ``schemas/event.schema.json`` at the repository root,
for readers of the repo, and ``dyads/schemas/event.schema.json`` inside the
package, so a non-editable install can still validate. Tests keep them identical.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = PACKAGE_ROOT / "schemas" / "event.schema.json"
REPO_SCHEMA_PATH = PACKAGE_ROOT.parents[1] / "schemas" / "event.schema.json"

__all__ = ["REPO_SCHEMA_PATH", "SCHEMA_PATH", "ValidationError", "event_schema", "validate_event"]


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The event schema, read once from the package copy."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = event_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_event(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` is not a valid event.

    The error raised is the most relevant one, so its message names the field.
    """
    error = best_match(_validator().iter_errors(record))
    if error is not None:
        raise error
