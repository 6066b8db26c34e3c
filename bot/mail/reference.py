"""The reference of a mailed question ("VB-2026-0042"): short, stable, the same in the
thread, the receipt and every answer. Made from the stored mail's number and the year it
arrived, so it needs no column and never changes."""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.working_time import AMSTERDAM

PREFIX = "VB"
PATTERN = re.compile(r"\bVB-(\d{4})-(\d{4,12})\b", re.IGNORECASE)


def reference(inbound_id: int, received_at: datetime) -> str:
    year = received_at.astimezone(AMSTERDAM).year
    return f"{PREFIX}-{year}-{inbound_id:04d}"


def number_in(text: str) -> int | None:
    """The mail number a reference names (``VB-2026-0042`` → 42), or a bare number."""
    found = PATTERN.search(text)
    if found:
        return int(found.group(2))
    word = text.strip().split()[0] if text.strip() else ""
    return int(word) if word.isdigit() and len(word) <= 12 else None
