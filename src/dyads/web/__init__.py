"""dyads.web: a local dashboard and JSON API over one store (``dyads serve``)."""

from .app import create_app

__all__ = ["create_app"]
