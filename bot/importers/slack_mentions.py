"""Slack's mention syntax in stored chat text: ``<@U…>`` names a colleague's account."""

from __future__ import annotations

import re

_MENTION = re.compile(r"<@([A-Z0-9]+)>")


def mentioned_accounts(text: str | None) -> list[str]:
    """The Slack user ids mentioned in a message, in order, repeats kept."""
    return _MENTION.findall(text or "")
