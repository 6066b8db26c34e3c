"""The outgoing queue in memory: one worker sends in order, waits out rate limits
(``M_LIMIT_EXCEEDED`` with ``retry_after_ms``, a bounded number of times) and holds messages
while the homeserver is away, so a burst or a homeserver restart loses nothing.

Each message keeps one transaction id across retries: if a send reached the homeserver but
the answer was lost, the retry is recognised as the same event (client-server API,
"Transaction identifiers") and nothing is posted twice. The id comes from the message's
idempotency key in the outbox (``delivery.py``), so a message sent again by the next process
after a crash is recognised too.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core.logs import get_logger
from bot.delivery.retry import Backoff

log = get_logger(__name__)
# Waits while the homeserver is away (the client passes its configured cap).
UNREACHABLE = Backoff(first=0.5, cap=30.0)


class RateLimitedError(Exception):
    def __init__(self, retry_after_ms: int | None) -> None:
        super().__init__(f"rate limited, retry after {retry_after_ms} ms")
        self.retry_after_ms = retry_after_ms


class UnreachableError(Exception):
    """The homeserver could not be reached; the message is kept and tried again."""


class SendFailedError(Exception):
    """The homeserver refused the message for good (or retries ran out)."""


class StoppedError(Exception):
    """The adapter stopped before the message was sent; it stays in the outbox."""


Sender = Callable[[str, str, dict[str, Any], str], Awaitable[str]]


@dataclass
class _Outgoing:
    room_id: str
    event_type: str
    content: dict[str, Any]
    done: asyncio.Future[str]
    txn_id: str = field(default_factory=lambda: uuid.uuid4().hex)


class Outbox:
    """FIFO of outgoing events. ``send`` returns the event id once the homeserver has it."""

    def __init__(
        self,
        sender: Sender,
        *,
        max_rate_limit_retries: int = 8,
        default_retry_ms: int = 2_000,
        backoff: Backoff = UNREACHABLE,
        on_unreachable: Callable[[bool], None] | None = None,
    ) -> None:
        self._sender = sender
        self._queue: asyncio.Queue[_Outgoing] = asyncio.Queue()
        self._max_rate_limit_retries = max_rate_limit_retries
        self._default_retry_ms = default_retry_ms
        # While the homeserver is away: waits from the one backoff policy (bot/delivery/retry.py);
        # the message is held, never given up (its max_attempts does not apply here).
        self._backoff = backoff
        self._on_unreachable = on_unreachable
        self._worker: asyncio.Task[None] | None = None
        self.rate_limited_count = 0

    def start(self) -> None:
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._run(), name="matrix-outbox")

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if not item.done.done():
                item.done.set_exception(StoppedError("the adapter stopped before sending"))

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    async def send(
        self, room_id: str, event_type: str, content: dict[str, Any], txn_id: str | None = None
    ) -> str:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        item = _Outgoing(room_id, event_type, content, future)
        if txn_id is not None:
            item.txn_id = txn_id
        await self._queue.put(item)
        return await future

    async def _run(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                event_id = await self._deliver(item)
            except SendFailedError as exc:
                if not item.done.done():
                    item.done.set_exception(exc)
            except Exception as exc:
                # An unexpected failure fails this message only; the queue goes on.
                log.exception("matrix send failed", room=item.room_id)
                if not item.done.done():
                    item.done.set_exception(SendFailedError(repr(exc)))
            else:
                if not item.done.done():
                    item.done.set_result(event_id)

    async def _deliver(self, item: _Outgoing) -> str:
        limited = 0
        unreachable = 0
        while True:
            try:
                event_id = await self._sender(
                    item.room_id, item.event_type, item.content, item.txn_id
                )
            except RateLimitedError as exc:
                limited += 1
                self.rate_limited_count += 1
                if limited > self._max_rate_limit_retries:
                    log.error("matrix send gave up after rate limits", room=item.room_id)
                    raise SendFailedError("rate limited too often") from exc
                wait_ms = exc.retry_after_ms or self._default_retry_ms
                log.info("matrix rate limit, waiting", retry_after_ms=wait_ms, attempt=limited)
                await asyncio.sleep(wait_ms / 1000)
                continue
            except UnreachableError:
                unreachable += 1
                if unreachable == 1 and self._on_unreachable is not None:
                    self._on_unreachable(True)
                await asyncio.sleep(self._backoff.seconds(unreachable))
                continue
            if unreachable and self._on_unreachable is not None:
                self._on_unreachable(False)
            return event_id
