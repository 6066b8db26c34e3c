"""The development corpus in ../shared: the figures must stay at or above the targets, on the
half the rules may be tuned on and on the held-out half alike (the split is a hash of each
file name, :func:`knowledge.evaluation.dev_half`)."""

from __future__ import annotations

import pytest

from bot.mail.evaluate import evaluate_corpus
from knowledge.evaluation import HALVES
from tests.conftest import shared_path


@pytest.mark.parametrize("half", HALVES)
def test_corpus_meets_targets(half: str) -> None:
    corpus = shared_path("email-corpus")
    evaluation = evaluate_corpus(corpus, half)
    assert evaluation.figures["messages"] >= 15, evaluation.figures  # a real half, not a few
    assert evaluation.below_targets() == [], evaluation.failures
    assert evaluation.figures["pii_leaked"] == 0


@pytest.mark.parametrize("half", HALVES)
def test_routing_from_terse_descriptions_meets_the_target(half: str) -> None:
    """Cold start with other groups' configuration: the who-knows dev set's groups (short
    descriptions, other keywords), routing by the mail's text alone."""
    corpus = shared_path("email-corpus")
    terse = shared_path("whoknows-dev", "vraagbaak.toml")
    evaluation = evaluate_corpus(corpus, half, terse)
    assert evaluation.figures["group_by_text"] >= 0.90, evaluation.failures
