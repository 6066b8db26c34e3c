"""Who knows by meaning as well as by words: past questions close in meaning to the asker's
(a multilingual sentence encoder's vectors, compared by cosine), and how close the question
lies to what each group discusses (the mean of its questions' vectors).

Words miss a question that describes the need in other words or another language ("mijn
moeder komt de trap niet meer op", "who checks the website for screen readers?"); meaning
finds the past questions it resembles. It is blended into the word ranking, never alone: it
moves people the words already found and adds those who answered the nearest questions, and
counts less when the words already cover the question well.

This module is the ranking's side of it, without numpy (a question answered by words alone
loads none): the weights and the ports. :mod:`knowledge.vectors` does the vector arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

# The nearest past questions whose answerers are credited, and the cosine below which a past
# question is not near at all (measured on fresh sets 1–3 and the dev set's tune half:
# 5–40 and 0.2–0.4 alike; docs/whoknows.md, "Sixth round").
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
# Past questions longer than this are cut before encoding (bounds the work of a pasted mail;
# the index build encodes in a thread). A question being asked is cut shorter: it is encoded
# while the asker waits, at up to 0.08 ms a character for crafted text (a whole emoji line).
MAX_CHARS = 2000
QUESTION_CHARS = 500


@dataclass(frozen=True)
class Judgement:
    """What a question's meaning says: the nearest past questions (thread id → how far their
    cosine lies above the floor), and per group what its people are weighed by."""

    nearest: dict[int, float]
    group_factors: dict[str, float]


class QuestionIndex(Protocol):
    """The past questions' vectors, ready to judge a question against."""

    def judge(self, text: str, strength: float) -> Judgement | None:
        """None when the question cannot be compared (vectors of another encoder)."""
        ...


class Meaning(Protocol):
    """Makes a :class:`QuestionIndex` of the stored vectors (thread id, group, vector)."""

    def questions(self, rows: Iterable[tuple[int, str | None, bytes]]) -> QuestionIndex | None: ...


def strength(coverage: float) -> float:
    """How much meaning counts beside words that cover ``coverage`` of the question."""
    return 1.0 if coverage < WORDS_COVER else COVERED_SHARE


def group_factor(similarity: float, nearest: float, strength: float) -> float:
    """What a person whose group lies at ``similarity`` is weighed by, the nearest group
    lying at ``nearest``."""
    return max(GROUP_FLOOR, 1.0 + strength * GROUP_WEIGHT * (similarity - nearest))


def credit(
    nearest: dict[int, float], evidence: Sequence[tuple[int, int, float, str | None]]
) -> dict[int, float]:
    """Each person's part in the nearest questions, weighed by how near each is."""
    result: dict[int, float] = {}
    for thread_id, person_id, weight, _group in evidence:
        result[person_id] = result.get(person_id, 0.0) + nearest.get(thread_id, 0.0) * weight
    return result
