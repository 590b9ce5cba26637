"""dyads: political event data from news, every record traced to its sentence.

>>> import dyads
>>> events = dyads.code_text("Russia attacked Ukraine on Monday.", date="2024-06-19")
"""

from .config import Options, load_options
from .model import CodedDocument, Document, Event
from .pipeline import code_documents, code_text, document_from_text, iter_coded

__version__ = "0.1.0"

__all__ = [
    "CodedDocument",
    "Document",
    "Event",
    "Options",
    "code_documents",
    "code_text",
    "document_from_text",
    "iter_coded",
    "load_options",
]
