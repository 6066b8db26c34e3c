"""The vector arithmetic of :mod:`knowledge.meaning`: sentence vectors as stored (half
precision), the past questions' matrix and each group's mean direction, and the cosines a
question is judged by."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from knowledge import meaning
from knowledge.meaning import Judgement


class Encoder(Protocol):
    """Texts to unit vectors, one row per text, similar meaning close by cosine."""

    @property
    def dimensions(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def to_bytes(vector: NDArray[np.float32]) -> bytes:
    """A vector as stored: half precision (cosines change by less than 0.001)."""
    return vector.astype(np.float16).tobytes()


def from_bytes(data: bytes) -> NDArray[np.float32]:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


@dataclass(frozen=True)
class SentenceMeaning:
    """:class:`knowledge.meaning.Meaning` through a sentence encoder."""

    encoder: Encoder

    def questions(self, rows: Iterable[tuple[int, str | None, bytes]]) -> QuestionVectors | None:
        return QuestionVectors.from_rows(rows, self.encoder)


@dataclass(frozen=True)
class QuestionVectors:
    """The past questions' vectors, and per group the direction of its questions."""

    thread_ids: NDArray[np.int64]
    matrix: NDArray[np.float32]
    group_ids: tuple[str, ...]
    centroids: NDArray[np.float32]
    encoder: Encoder

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[int, str | None, bytes]], encoder: Encoder
    ) -> QuestionVectors | None:
        ids: list[int] = []
        vectors: list[NDArray[np.float32]] = []
        groups: list[str | None] = []
        for thread_id, group_id, data in rows:
            vector = from_bytes(data)
            if vector.shape != (encoder.dimensions,):
                continue
            ids.append(thread_id)
            vectors.append(vector)
            groups.append(group_id)
        if not vectors:
            return None
        matrix = _unit(np.stack(vectors))
        names = tuple(sorted({g for g in groups if g}))
        by_group = np.array([names.index(g) if g else -1 for g in groups])
        centroids = (
            _unit(np.stack([matrix[by_group == i].mean(axis=0) for i in range(len(names))]))
            if names
            else np.zeros((0, matrix.shape[1]), dtype=np.float32)
        )
        return cls(np.array(ids, dtype=np.int64), matrix, names, centroids, encoder)

    def judge(self, text: str, strength: float) -> Judgement | None:
        query = self.encoder.encode([text[: meaning.QUESTION_CHARS]])[0]
        if query.shape != self.matrix.shape[1:]:
            return None
        return Judgement(self.nearest(query), self.group_factors(query, strength))

    def nearest(self, query: NDArray[np.float32]) -> dict[int, float]:
        """The nearest past questions, each with how far its cosine lies above the floor."""
        similarities = self.matrix @ query
        count = min(meaning.NEAREST_QUESTIONS, len(similarities))
        best = np.argpartition(-similarities, count - 1)[:count]
        return {
            int(self.thread_ids[i]): float(similarities[i]) - meaning.SIMILARITY_FLOOR
            for i in best
            if similarities[i] > meaning.SIMILARITY_FLOOR
        }

    def group_factors(self, query: NDArray[np.float32], strength: float) -> dict[str, float]:
        """Per group, what a person whose evidence lies there is weighed by: 1.0 for the
        group nearest the question, less the farther a group lies below it."""
        if not self.group_ids:
            return {}
        similarities = self.centroids @ query
        top = float(similarities.max())
        return {
            group: meaning.group_factor(float(s), top, strength)
            for group, s in zip(self.group_ids, similarities, strict=True)
        }


def _unit(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: NDArray[np.float32] = (matrix / norms).astype(np.float32)
    return unit
