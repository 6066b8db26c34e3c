"""One backoff policy for every durable queue: the inbox of chat events, the outbox of chat
posts and mail, and stored mail waiting for the chat side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Backoff:
    """Wait ``first`` after the first failure, twice as long after each next one, at most
    ``cap``; give up after ``max_attempts``."""

    first: float = 15.0
    cap: float = 3600.0
    max_attempts: int = 20

    def after(self, attempts: int) -> timedelta:
        seconds = self.first * 2 ** max(0, attempts - 1)
        return timedelta(seconds=min(self.cap, seconds))

    def exhausted(self, attempts: int) -> bool:
        return attempts >= self.max_attempts


RETRY = Backoff()
