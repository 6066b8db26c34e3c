"""The development corpus in ../shared: the figures must stay at or above the targets, on the
half the rules may be tuned on and on the held-out half alike (the split is a hash of each
file name, :func:`knowledge.evaluation.dev_half`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.cli import main as cli_main
from bot.mail.evaluate import evaluate_corpus, normalise
from knowledge.evaluation import HALVES
from tests.conftest import shared_path


@pytest.mark.parametrize("half", HALVES)
def test_corpus_meets_targets(half: str) -> None:
    corpus = shared_path("email-corpus")
    evaluation = evaluate_corpus(corpus, half)
    assert evaluation.figures["messages"] >= 15, evaluation.figures  # a real half, not a few
    assert evaluation.below_targets() == [], evaluation.failures
    assert evaluation.figures["pii_leaked"] == 0


def test_email_parse_json_on_the_development_corpus_leaks_nothing_and_keeps_the_question(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``vraagbaak email parse --json`` on every mail of ../shared/email-corpus, as a script
    would run it (issue 12): no listed personal data in what would be posted, every
    ``must_contain`` phrase still there, and the audit trail as {kind: count}."""
    corpus = shared_path("email-corpus")
    expected: dict[str, dict[str, Any]] = json.loads((corpus / "expected.json").read_text())
    leaks: list[str] = []
    lost: list[str] = []
    for name, want in sorted(expected.items()):
        args = ["email", "parse", str(corpus / "emails" / name), "--json"]
        assert cli_main([*args, "--config", str(corpus / "vraagbaak.toml")]) == 0
        out = json.loads(capsys.readouterr().out)
        assert isinstance(out["redactions"], dict)
        public = normalise(f"{out['subject']}\n{out['note']}\n{out['question']}")
        leaks += [f"{name}: {p['type']}" for p in want["pii"] if normalise(p["value"]) in public]
        question = normalise(out["question"])
        lost += [f"{name}: {p}" for p in want["must_contain"] if normalise(p) not in question]
    assert leaks == []
    assert lost == []


@pytest.mark.parametrize("half", HALVES)
def test_routing_from_terse_descriptions_meets_the_target(half: str) -> None:
    """Cold start with other groups' configuration: the who-knows dev set's groups (short
    descriptions, other keywords), routing by the mail's text alone."""
    corpus = shared_path("email-corpus")
    terse = shared_path("whoknows-dev", "vraagbaak.toml")
    evaluation = evaluate_corpus(corpus, half, terse)
    assert evaluation.figures["group_by_text"] >= 0.90, evaluation.failures
