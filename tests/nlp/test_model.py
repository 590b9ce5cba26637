"""Loading the spaCy pipeline."""

import pytest

from dyads.config import Options
from dyads.errors import ModelError
from dyads.nlp import load_model


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError) as err:
        load_model(Options(spacy_models=("no_such_model_pkg",)))
    message = str(err.value)
    assert "E101" in message and "no_such_model_pkg" in message
    assert "requirements/model.txt" in message


def test_model_is_loaded_once_and_breaks_paragraphs():
    nlp = load_model()
    assert load_model() is nlp
    assert "dyads_paragraph_breaks" in nlp.pipe_names
