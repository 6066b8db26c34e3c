"""Small-numbers protection: a figure about fewer than five people is not shown."""

from __future__ import annotations

from typing import Any

MIN_PEOPLE = 5


def too_few(people: int) -> bool:
    """True for 1-4 people. Zero people identifies no one, so a zero stays visible."""
    return 0 < people < MIN_PEOPLE


def hide_scope(figures: dict[str, Any]) -> dict[str, Any]:
    """Every figure of a scope replaced by ``None`` (the keys stay, so scripts keep working)."""
    return {key: None for key in figures}


def hide_small_weeks(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"week": w["week"], "count": None if too_few(w["count"]) else w["count"]} for w in weeks
    ]
