"""The check the redaction case tables share: what must be gone, and what must stay."""

from __future__ import annotations

from bot.redaction import redact


def assert_gone_and_kept(text: str, gone: list[str], kept: list[str]) -> None:
    out = redact(text).text
    for value in gone:
        assert value not in out, out
    for value in kept:
        assert value in out, out
