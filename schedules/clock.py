"""An accelerated clock, so a test (or a demonstration) sees days of nudges in seconds."""

from __future__ import annotations

import time
from datetime import datetime, timedelta


class AcceleratedClock:
    """Starts at ``start`` and runs ``speed`` times faster than real time."""

    def __init__(self, start: datetime, speed: float) -> None:
        if start.tzinfo is None:
            raise ValueError("AcceleratedClock needs a timezone-aware start")
        self.start = start
        self.speed = speed
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self._origin) * self.speed)
