import pytest

import dyads


@pytest.fixture(scope="session")
def code():
    """Code one sentence and return (type, modality, source code, target code) tuples."""

    def run(text: str, date: str = "2024-06-19"):
        return dyads.code_text(text, date=date)

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
