"""Sentence embeddings for matching claims: WordLlama's static 256-d vectors, offline.

WordLlama ships its weights and tokenizer inside the wheel; its loader looks for the
tokenizer in a cache folder and then tries the network, so it is pointed at the
package's own folder with downloads disabled. Vectors are L2-normalised, so a dot
product is a cosine. A claim's embedding is kept in the ledger packed as :data:`PACKING`
(:func:`pack`, :func:`unpack`), made once when the claim is stored; the ledger's meta
records :data:`EMBEDDER`, so embeddings of another model are made again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from summitledger.errors import NO_EMBEDDER, PipelineError

if TYPE_CHECKING:
    from wordllama import WordLlama

EMBEDDER = "wordllama-0.4 l2_supercat 256d f16"  # the model, and how a vector is packed
DIM = 256
#: a stored embedding: DIM little-endian half floats (512 bytes; the cosine of two
#: unpacked vectors differs from the full-precision one by less than 0.001)
PACKING = np.dtype("<f2")
BATCH = 4096


@lru_cache(maxsize=1)
def _model() -> WordLlama:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise PipelineError(f"wordllama is not installed ({exc})", code=NO_EMBEDDER) from None
    folder = Path(wordllama.__file__).parent
    return WordLlama.load(dim=DIM, cache_dir=folder, disable_download=True)


def embed_words(words: list[str], dim: int = 64) -> np.ndarray:
    """Unit vectors of single words in WordLlama's first ``dim`` dimensions (its
    embeddings are trained so that a prefix of them is an embedding too)."""
    full = embed(words)[:, :dim]
    norms = np.linalg.norm(full, axis=1, keepdims=True)
    return (full / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """One normalised float32 row per text (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model()
    rows = [np.asarray(model.embed(texts[i : i + BATCH], norm=True), dtype=np.float32)
            for i in range(0, len(texts), BATCH)]
    out = np.vstack(rows)
    out[[not t.strip() for t in texts]] = 0.0
    return out


def pack(rows: np.ndarray) -> list[bytes]:
    """Each row as stored: DIM half floats, little-endian."""
    return [r.tobytes() for r in rows.astype(PACKING)]


def unpack(blobs: list[bytes | None]) -> tuple[np.ndarray, list[int]]:
    """Stored embeddings as float32 rows, and the positions of those missing (None or
    of another size), whose rows are zero."""
    out = np.zeros((len(blobs), DIM), dtype=np.float32)
    missing = []
    for n, b in enumerate(blobs):
        if b is None or len(b) != DIM * PACKING.itemsize:
            missing.append(n)
        else:
            out[n] = np.frombuffer(b, dtype=PACKING)
    return out, missing
