"""The fresh municipal set (tests/mail/fresh_municipal, issue 14): mails written before the
rules were tuned on them, with terse cold-start groups. What a user notices: automatic mail
is never posted, no personal data reaches the thread, signatures and disclaimers are gone,
and most questions reach the right group (the rest are asked about, not misposted with
confidence)."""

from __future__ import annotations

from pathlib import Path

from bot.mail.evaluate import evaluate_corpus

FRESH = Path(__file__).parent / "fresh_municipal"


def test_fresh_municipal_mails_are_understood() -> None:
    figures = evaluate_corpus(FRESH).figures
    assert figures["kind"] == 1.0
    assert figures["pii_leaked"] == 0
    assert figures["original_sender"] == 1.0
    assert figures["must_contain"] == 1.0
    assert figures["must_not_contain"] == 1.0
    assert figures["group"] >= 0.8
