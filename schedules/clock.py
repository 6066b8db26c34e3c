"""An accelerated clock, so a test (or a demonstration) sees days of nudges in seconds."""

from __future__ import annotations

from datetime import UTC, datetime


class AcceleratedClock:
    """Shows ``start`` at the real moment ``anchor`` and runs ``speed`` times faster than real
    time. Replicas given the same ``start`` and ``anchor`` agree on the time."""

    def __init__(self, start: datetime, speed: float, anchor: datetime | None = None) -> None:
        if start.tzinfo is None or (anchor is not None and anchor.tzinfo is None):
            raise ValueError("AcceleratedClock needs timezone-aware times")
        self.start = start
        self.speed = speed
        self.anchor = anchor or datetime.now(UTC)

    def now(self) -> datetime:
        return self.start + (datetime.now(UTC) - self.anchor) * self.speed
