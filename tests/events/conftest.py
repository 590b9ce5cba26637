import pytest

import dyads
from dyads.config import Options


@pytest.fixture(scope="session")
def code():
    """Code one sentence and return (type, modality, source code, target code) tuples."""

    # the coder's decisions, before the output's confidence threshold (tested on its own)
    options = Options(min_confidence=0.0)

    def run(text: str, date: str = "2024-06-19"):
        return dyads.code_text(text, date=date, options=options)

    return run


def dyads_of(events):
    return {
        (
            e.type,
            e.modality,
            e.source.code if e.source else None,
            e.target.code if e.target else None,
        )
        for e in events
    }
