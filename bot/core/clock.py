"""The clocks: the system clock, a manual one for tests, an accelerated one for tests and
demonstrations (``[nudges] clock_start``). Injected, so timed behaviour is tested without
waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock a test moves by hand."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment


class AcceleratedClock:
    """Shows ``start`` at the real moment ``anchor`` and runs ``speed`` times faster than real
    time, so a test (or a demonstration) sees days of nudges in seconds. Replicas given the
    same ``start`` and ``anchor`` agree on the time."""

    def __init__(self, start: datetime, speed: float, anchor: datetime | None = None) -> None:
        if start.tzinfo is None or (anchor is not None and anchor.tzinfo is None):
            raise ValueError("AcceleratedClock needs timezone-aware times")
        self.start = start
        self.speed = speed
        self.anchor = anchor or datetime.now(UTC)

    def now(self) -> datetime:
        return self.start + (datetime.now(UTC) - self.anchor) * self.speed
