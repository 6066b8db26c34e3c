"""The development corpus in ../shared: the figures must stay at or above the targets."""

from __future__ import annotations

from bot.mail.evaluate import evaluate_corpus
from tests.conftest import shared_path


def test_corpus_meets_targets() -> None:
    corpus = shared_path("email-corpus")
    evaluation = evaluate_corpus(corpus)
    assert evaluation.below_targets() == [], evaluation.failures
    assert evaluation.figures["pii_leaked"] == 0
