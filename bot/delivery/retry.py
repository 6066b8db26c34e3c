"""One backoff policy for every retry: the durable queues (the inbox of chat events, the
outbox of chat posts and mail, stored mail waiting for the chat side) and the retries inside a
call (a Slack Web API call, the Matrix send queue while the homeserver is away), each with its
own ``first``, ``cap`` and ``max_attempts``."""

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

    def seconds(self, attempts: int) -> float:
        """The wait after ``attempts`` failed attempts (1 for the first failure)."""
        doublings = min(max(0, attempts - 1), 60)  # past 60 it is the cap anyway
        return float(min(self.cap, self.first * 2**doublings))

    def after(self, attempts: int) -> timedelta:
        return timedelta(seconds=self.seconds(attempts))

    def exhausted(self, attempts: int) -> bool:
        return attempts >= self.max_attempts


RETRY = Backoff()
