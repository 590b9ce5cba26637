"""Which language a document is in (py3langid): dyads codes English only.

Short texts are unreliable, so below ``MIN_CHARS`` letters a document is taken
as English; others are stored with their language and flagged (W601), not coded.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 200
SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ('en' for short or undecidable text)."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_CHARS:
        return "en"
    language, _ = _identifier().classify(sample)
    return str(language)
