"""Matrix's part of the one outbox (bot/delivery/outbox.py, channel ``matrix``): room events
recorded with their idempotency key before they are sent.

The key, hashed, is the event's transaction id. The homeserver answers a ``PUT
/rooms/{room}/send/{type}/{txnId}`` it has seen before (same access token and device) with the
event it made the first time, so a message sent again after a crash or a lost answer is still
one message; nothing needs to be looked up first."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.matrix.outbox import Outbox as SendQueue
from bot.adapters.matrix.outbox import StoppedError
from bot.delivery.outbox import Attempt, UnavailableError
from bot.storage.models import OutboxItem

CHANNEL = "matrix"


def transaction_id(key: str) -> str:
    return "vb" + hashlib.sha256(key.encode()).hexdigest()[:40]


class MatrixDeliverer:
    channel = CHANNEL
    ordered = False
    keep: tuple[str, ...] = ()

    def __init__(self, queue: SendQueue) -> None:
        self.queue = queue

    async def deliver(self, attempt: Attempt) -> dict[str, Any]:
        payload = attempt.payload
        try:
            event_id = await self.queue.send(
                str(payload["room"]),
                str(payload["type"]),
                dict(payload["content"]),
                txn_id=transaction_id(attempt.key),
            )
        except StoppedError as exc:
            raise UnavailableError(str(exc), ambiguous=True) from exc
        return {"event_id": event_id}

    async def settled(self, session: AsyncSession, item: OutboxItem) -> None:
        return None
