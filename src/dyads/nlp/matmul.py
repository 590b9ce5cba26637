"""Which library multiplies the pipeline's matrices, on how many threads.

Most of the statistical pipeline's time is matrix products: the tok2vec
convolutions of the shared encoder and of entity recognition. thinc multiplies
them with BLIS by default, and on our bench machine BLIS ran 27 GFLOPS where
numpy's own BLAS (OpenBLAS, shipped in the numpy wheel) ran 94 on one thread, for
the same (tokens x 288) by (288 x 288) products. thinc can use numpy for them
(``NumpyOps(use_blis=False)``): we set that on every layer of the loaded pipeline,
so a stock spaCy pipeline elsewhere in the process is left alone. Coded output is
identical on the bench articles (``bench/RESULTS.md``), though a near tie between
two labels could in principle break the other way, as between any two BLAS builds.

numpy's BLAS starts a thread per core; dyads runs one process per core instead
(``workers``, Dask), so it is held to ``blas_threads`` (default 1) through
``threadpoolctl``. That limit is process-wide: it is what keeps worker processes
from competing for cores.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import Model, NumpyOps

from ..config import CHOICES
from ..errors import ConfigError, Errors

BACKENDS = CHOICES["matmul"]  # the values the ``matmul`` setting accepts


def use_matmul(nlp: Language, backend: str, threads: int) -> None:
    """Set the pipeline's matrix library (``BACKENDS``) and cap BLAS threads (0: no cap)."""
    if backend not in BACKENDS:
        raise ConfigError(
            Errors.E401, key="matmul", path="<options>", detail=f"expected one of {BACKENDS}"
        )
    if threads > 0:
        limit_blas_threads(threads)
    ops = NumpyOps(use_blis=backend == "blis")
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


def limit_blas_threads(threads: int) -> None:
    """Hold every loaded BLAS library to ``threads`` threads, for the whole process."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")
