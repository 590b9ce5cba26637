"""dyads' matrix library: numpy's BLAS on the loaded pipeline only, same annotations."""

import pytest
import spacy
from thinc.api import Model
from threadpoolctl import threadpool_info

from dyads.config import Options, load_options
from dyads.errors import ConfigError
from dyads.nlp import load_model
from dyads.nlp.matmul import use_matmul

TEXT = (
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang "
    "on Wednesday. Washington condemned the talks, and Seoul summoned the ambassador."
)


def _annotations(doc):
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def _uses_blis(nlp):
    models = [getattr(c, "model", None) for _, c in nlp.pipeline]
    return {layer.ops.use_blis for m in models if isinstance(m, Model) for layer in m.walk()}


def test_loaded_pipeline_multiplies_with_numpy_on_one_thread():
    nlp = load_model()
    assert _uses_blis(nlp) == {False}
    numpy_blas = [i for i in threadpool_info() if "numpy" in i["filepath"]]  # what numpy calls
    assert numpy_blas and all(i["num_threads"] == 1 for i in numpy_blas), numpy_blas


def test_same_annotations_as_blis_and_stock_pipelines_left_alone():
    name = load_model().meta["dyads_model_name"]
    stock, numpy_backed = spacy.load(name), spacy.load(name)
    use_matmul(numpy_backed, "numpy", 1)
    assert _uses_blis(stock) == {True}  # another pipeline in the process keeps thinc's default
    assert _annotations(numpy_backed(TEXT)) == _annotations(stock(TEXT))


def test_blis_can_be_chosen_and_a_wrong_name_is_refused(tmp_path):
    nlp = spacy.load(load_model().meta["dyads_model_name"], exclude=["ner", "parser"])
    use_matmul(nlp, "blis", 0)
    assert _uses_blis(nlp) == {True}
    with pytest.raises(ConfigError, match="matmul"):
        use_matmul(nlp, "mkl", 1)
    bad = tmp_path / "bad.toml"
    bad.write_text('matmul = "mkl"\n')
    with pytest.raises(ConfigError, match="expected one of numpy, blis"):
        load_options(bad)
    assert Options().matmul == "numpy" and Options().blas_threads == 1
