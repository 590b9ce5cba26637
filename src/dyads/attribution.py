"""Who said what: ``find_attributions(doc_or_text)`` (see :mod:`dyads.events.attribution`)."""

from .events.attribution import Attribution, find_attributions, find_attributions_text

__all__ = ["Attribution", "find_attributions", "find_attributions_text"]
