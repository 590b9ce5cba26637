"""dyads.eval: score dyads against public gold data (``dyads eval DATASET``).

Scorers are pure functions (gold + system output -> figures); runners load
gold from ``../shared/benchmarks`` at run time, call the library lazily and
feed the scorers. See EVALUATION.md for the definitions of every figure.
"""

from .registry import DATASETS, run_all, run_dataset
from .report import ErrorCase, Report, Table

__all__ = ["DATASETS", "ErrorCase", "Report", "Table", "run_all", "run_dataset"]
