"""Who knows by meaning as well as by words: past questions close in meaning to the asker's
(a multilingual sentence encoder's vectors, compared by cosine), and how close the question
lies to what each group discusses (the mean of its questions' vectors).

Words miss a question that describes the need in other words or another language ("mijn
moeder komt de trap niet meer op", "who checks the website for screen readers?"); meaning
finds the past questions it resembles. It is blended into the word ranking, never alone: it
moves people the words already found and adds those who answered the nearest questions, and
counts less when the words already cover the question well.

Pure: the vectors come in as rows, the encoder through :class:`Encoder`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

# The nearest past questions whose answerers are credited, and the cosine below which a past
# question is not near at all (measured on fresh sets 1–3 and the dev set's tune half:
# 5–40 and 0.2–0.4 alike; docs/whoknows.md, "Meaning").
NEAREST_QUESTIONS = 10
SIMILARITY_FLOOR = 0.3
# The nearest questions' answerers, against the best word score (1.0).
QUESTIONS_WEIGHT = 0.5
# How much a person's group's distance to the question, below the nearest group's, lowers
# them: a cosine 0.1 below the nearest group's costs 40 %.
GROUP_WEIGHT = 4.0
GROUP_FLOOR = 0.05
# Words that already cover this share of the question count for themselves: meaning then
# weighs this fraction of the above.
WORDS_COVER = 0.6
COVERED_SHARE = 0.3
# Past questions longer than this are cut before encoding (bounds the work of a pasted mail).
MAX_CHARS = 2000


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
class QuestionVectors:
    """The past questions' vectors, and per group the direction of its questions."""

    thread_ids: NDArray[np.int64]
    matrix: NDArray[np.float32]
    group_ids: tuple[str, ...]
    centroids: NDArray[np.float32]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str | None, bytes]]) -> QuestionVectors | None:
        ids: list[int] = []
        vectors: list[NDArray[np.float32]] = []
        groups: list[str | None] = []
        for thread_id, group_id, data in rows:
            vector = from_bytes(data)
            if vectors and vector.shape != vectors[0].shape:
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
        return cls(np.array(ids, dtype=np.int64), matrix, names, centroids)

    def nearest(self, query: NDArray[np.float32]) -> dict[int, float]:
        """The nearest past questions, each with how far its cosine lies above the floor."""
        similarities = self.matrix @ query
        count = min(NEAREST_QUESTIONS, len(similarities))
        best = np.argpartition(-similarities, count - 1)[:count]
        return {
            int(self.thread_ids[i]): float(similarities[i]) - SIMILARITY_FLOOR
            for i in best
            if similarities[i] > SIMILARITY_FLOOR
        }

    def group_factors(self, query: NDArray[np.float32], strength: float) -> dict[str, float]:
        """Per group, what a person whose evidence lies there is weighed by: 1.0 for the
        group nearest the question, less the farther a group lies below it."""
        if not self.group_ids:
            return {}
        similarities = self.centroids @ query
        top = float(similarities.max())
        return {
            group: max(GROUP_FLOOR, 1.0 + strength * GROUP_WEIGHT * (float(s) - top))
            for group, s in zip(self.group_ids, similarities, strict=True)
        }


def strength(coverage: float) -> float:
    """How much meaning counts beside words that cover ``coverage`` of the question."""
    return 1.0 if coverage < WORDS_COVER else COVERED_SHARE


def credit(
    nearest: dict[int, float], evidence: Iterable[tuple[int, int, float, str | None]]
) -> dict[int, float]:
    """Each person's part in the nearest questions, weighed by how near each is."""
    result: dict[int, float] = {}
    for thread_id, person_id, weight, _group in evidence:
        result[person_id] = result.get(person_id, 0.0) + nearest.get(thread_id, 0.0) * weight
    return result


def _unit(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: NDArray[np.float32] = (matrix / norms).astype(np.float32)
    return unit
