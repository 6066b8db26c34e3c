"""Chat posts that could not go out at once (the platform's adapter was not running here, or
the post failed) wait in the ``OutboxItem`` table under ``chat:<platform>`` and are delivered
by :class:`ChatOutbox` once that platform's adapter runs — retried, not forgotten."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from bot.events import AccountRef, ConversationRef
from bot.logs import get_logger
from bot.services import Services
from bot.storage.models import OutboxItem, OutboxStatus

log = get_logger(__name__)

PREFIX = "chat:"
MAX_ATTEMPTS = 12


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(1800, 5 * 2 ** max(0, attempts - 1)))


async def queue_chat(
    services: Services,
    platform: str,
    *,
    text: str,
    conversation: str | None = None,
    thread: str | None = None,
    to: str | None = None,
    dedupe_key: str | None = None,
) -> None:
    """Queue a post in ``conversation`` (optionally in ``thread``) or a direct message ``to``
    an account. A ``dedupe_key`` already queued is not queued again."""
    payload: dict[str, object] = {"platform": platform, "text": text}
    if conversation is not None:
        payload.update(conversation=conversation, thread=thread)
    if to is not None:
        payload["to"] = to
    async with services.db.session() as session:
        now = services.clock.now()
        session.add(
            OutboxItem(
                channel=PREFIX + platform,
                payload=payload,
                dedupe_key=dedupe_key,
                created_at=now,
                next_attempt_at=now,
            )
        )
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()


class ChatOutbox:
    """Delivers queued chat posts through the adapters running in this process."""

    name = "chat-outbox"

    def __init__(self, services: Services, interval: float = 5.0) -> None:
        self._services = services
        self._interval = interval
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="chat-outbox")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def healthy(self) -> bool:
        return not self._failing

    async def _loop(self) -> None:
        while True:
            try:
                await self.deliver_due()
                self._failing = False
            except Exception:
                self._failing = True
                log.exception("chat outbox round failed")
            await asyncio.sleep(self._interval)

    async def deliver_due(self) -> int:
        """Send what is due on the platforms running here; the number delivered."""
        platforms = [PREFIX + name for name in self._services.adapters]
        if not platforms:
            return 0
        now = self._services.clock.now()
        delivered = 0
        async with self._services.db.session() as session:
            query = (
                select(OutboxItem)
                .where(
                    col(OutboxItem.channel).in_(platforms),
                    OutboxItem.status == OutboxStatus.PENDING,
                    col(OutboxItem.next_attempt_at) <= now,
                )
                .order_by(col(OutboxItem.id))
                .limit(50)
                .with_for_update(skip_locked=True)
            )
            for item in (await session.exec(query)).all():
                try:
                    await self._send(item)
                except Exception as exc:
                    item.attempts += 1
                    item.last_error = type(exc).__name__
                    if item.attempts >= MAX_ATTEMPTS:
                        item.status = OutboxStatus.FAILED
                        log.error("chat post given up", item=item.id, attempts=item.attempts)
                    else:
                        item.next_attempt_at = now + backoff(item.attempts)
                else:
                    item.status = OutboxStatus.SENT
                    item.sent_at = now
                    item.payload = {"platform": item.payload.get("platform")}  # no text kept
                    delivered += 1
                session.add(item)
            await session.commit()
        if delivered:
            log.info("chat outbox delivered", count=delivered)
        return delivered

    async def _send(self, item: OutboxItem) -> None:
        payload = item.payload
        platform = str(payload["platform"])
        adapter = self._services.adapters[platform]
        text = str(payload["text"])
        if payload.get("to"):
            await adapter.send_direct(AccountRef(platform, str(payload["to"])), text)
            return
        conversation = ConversationRef(platform, str(payload["conversation"]))
        thread = payload.get("thread")
        await adapter.post(conversation, text, thread_id=str(thread) if thread else None)
