"""The weekly trend as an inline SVG bar chart that reads without colour: every bar carries
its number as text, hidden weeks say so, and the same data stands in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH = 640
HEIGHT = 220
TOP = 20
BOTTOM = 40
LEFT = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    week: str
    hidden: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    summary: str


def weekly_chart(weeks: list[dict[str, Any]], hidden_label: str, summary: str) -> Chart:
    """Bars for ``[{"week": "2026-W02", "count": 5 | None}, …]`` (at most the last 26)."""
    shown = weeks[-26:]
    counts = [w["count"] for w in shown if w["count"] is not None]
    peak = max(counts, default=0) or 1
    slot = (WIDTH - 2 * LEFT) / max(len(shown), 1)
    usable = HEIGHT - TOP - BOTTOM
    bars = []
    for index, week in enumerate(shown):
        count = week["count"]
        height = 0.0 if count is None else usable * count / peak
        bars.append(
            Bar(
                x=LEFT + index * slot + slot * 0.15,
                y=TOP + usable - height,
                width=slot * 0.7,
                height=height,
                label=hidden_label if count is None else str(count),
                week=str(week["week"])[5:],
                hidden=count is None,
            )
        )
    return Chart(WIDTH, HEIGHT, TOP + usable, bars, summary)
