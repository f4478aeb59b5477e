"""Sentence embeddings for the offline grouping: the ``claimcheck[embeddings]`` extra.

The one module that imports ``sentence_transformers`` (and, through it, torch and
numpy), and only inside a function: the base install never imports them, and a
run without ``--embeddings-model`` never pays for them.

* ``load_encoder(path)`` loads a sentence-transformers model from a local
  directory, never from the network, and returns an ``Encoder``: texts in,
  unit vectors out, in batches.
* ``similar_pairs(vectors, threshold)`` is every pair of vectors whose cosine
  reaches the threshold; ``grouping.group_offline`` calls it once per partition.

Tests inject their own ``Encoder`` (any callable from texts to vectors), so the
joining logic is tested without torch.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from ..errors import ConfigError

__all__ = ["BATCH_SIZE", "INSTALL_HINT", "Encoder", "load_encoder", "similar_pairs"]

Encoder = Callable[[Sequence[str]], Sequence[Sequence[float]]]
"""Texts in, one vector each out (in the same order); vectors need not be normalised."""

INSTALL_HINT = (
    "pip install 'claimcheck[embeddings]' (install PyTorch's CPU wheel first, e.g. "
    "pip install torch --index-url https://download.pytorch.org/whl/cpu, or pip pulls the CUDA build)"
)
# Sentences per forward pass: large enough to amortise the call, small enough for a laptop's memory.
BATCH_SIZE = 64
# Rows of the similarity matrix computed at once: a block is BLOCK x n float64s (32 MB at n = 16,000).
_BLOCK = 256
# What every sentence-transformers model directory has; a bare transformers checkpoint lacks it,
# and sentence-transformers would silently bolt a mean pooling onto that instead of refusing it.
_MARKER = "modules.json"


def load_encoder(path: str | os.PathLike[str]) -> Encoder:
    """The model in directory ``path`` as an ``Encoder``, or a ``ConfigError`` saying what is wrong.

    Checked in order of cost: the directory, then that it is a sentence-transformers
    model, then the extra, then the load itself. Nothing is downloaded: the path is
    local, ``local_files_only`` is set, and so is ``HF_HUB_OFFLINE=1`` (process-wide,
    before the import, because huggingface_hub reads it once when it is imported).
    Loaded models are kept for the process, so ``claimcheck eval`` loads one once.
    """
    directory = Path(path).expanduser()
    if not directory.exists():
        raise ConfigError(f"--embeddings-model {directory}: no such directory")
    if not directory.is_dir():
        raise ConfigError(f"--embeddings-model {directory}: not a directory (give the model's folder)")
    if not (directory / _MARKER).is_file():
        raise ConfigError(
            f"--embeddings-model {directory}: not a sentence-transformers model directory (no {_MARKER})"
        )
    return _load(str(directory.resolve()))


@functools.lru_cache(maxsize=2)
def _load(directory: str) -> Encoder:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(f"--embeddings-model needs the embeddings extra ({exc}): {INSTALL_HINT}") from None
    try:
        with _quiet():
            # CPU: the result must not depend on whether a GPU happens to be there (and the extra is
            # installed with torch's CPU build). trust_remote_code stays off: a model directory is data,
            # and must not run its own Python.
            model = SentenceTransformer(
                directory, device="cpu", local_files_only=True, trust_remote_code=False
            )
    except Exception as exc:  # whatever a broken or foreign model raises, it is the user's setting
        raise ConfigError(
            f"--embeddings-model {directory}: cannot load it as a sentence-transformers model: {exc}"
        ) from None

    def encode(texts: Sequence[str]) -> Sequence[Sequence[float]]:
        vectors = model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        # A float32 ndarray, one row a text: indexed and zipped like a sequence of rows. Kept as it is
        # rather than converted to lists, which would take ten times the memory on a large run.
        return cast(Sequence[Sequence[float]], vectors)

    return encode


class _quiet:
    """transformers' "Loading weights" bar off while the model loads: only the CLI writes to stderr."""

    def __enter__(self) -> None:
        self._logging: Any = None
        try:
            from transformers.utils import logging as hf_logging
        except ImportError:  # an older or trimmed transformers: the bar is cosmetic
            return
        bars: Any = hf_logging  # its functions carry no annotations
        if bars.is_progress_bar_enabled():
            self._logging = bars
            bars.disable_progress_bar()

    def __exit__(self, *exc: object) -> None:
        if self._logging is not None:
            self._logging.enable_progress_bar()


def similar_pairs(vectors: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``vectors`` whose cosine is at least ``threshold``, sorted.

    With numpy (always there with the extra) the cosines are computed a block of rows
    at a time; without it (a fake encoder in the base install), pair by pair. Both
    work in float64 on vectors normalised here, so both give the same pairs.
    """
    if len(vectors) < 2:
        return []
    try:
        import numpy as np
    except ImportError:
        return _similar_pairs_python(vectors, threshold)
    matrix = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1.0, norms)
    pairs: list[tuple[int, int]] = []
    n = len(matrix)
    for start in range(0, n, _BLOCK):
        block = matrix[start : start + _BLOCK] @ matrix.T
        rows, cols = np.nonzero(block >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = start + r
            if i < c:
                pairs.append((i, c))
    pairs.sort()
    return pairs


def _similar_pairs_python(vectors: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    units = []
    for vector in vectors:
        norm = math.sqrt(sum(float(x) * float(x) for x in vector)) or 1.0
        units.append([float(x) / norm for x in vector])
    return [
        (i, j)
        for i in range(len(units))
        for j in range(i + 1, len(units))
        if sum(a * b for a, b in zip(units[i], units[j], strict=True)) >= threshold
    ]
