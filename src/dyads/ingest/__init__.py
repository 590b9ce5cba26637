"""dyads.ingest: read inputs and extract the articles in them.

Files, directories and standard input become ``model.Document`` objects (clean
body text, paragraph spans, and the headline, byline, credits and date lifted out
of it) or ``model.Rejection`` records saying why not.
"""

from .html import extract_html
from .inputs import iter_inputs, read_document
from .normalize import normalize_for_nlp
from .plain import extract_plain

__all__ = ["extract_html", "extract_plain", "iter_inputs", "normalize_for_nlp", "read_document"]
