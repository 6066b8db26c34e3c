"""Chat posts asked for on a platform whose adapter is not running in this process (or that
failed there): queued in the one outbox (bot/delivery/outbox.py) under ``chat:<platform>`` and sent
through that adapter once it runs here — retried, not forgotten. The adapter's own post is
keyed and recorded in turn, so a request sent twice is still one post."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter
from bot.core.events import AccountRef, ConversationRef
from bot.delivery.idempotency import post_scope
from bot.delivery.outbox import Attempt, Deliverer, UnavailableError
from bot.dispatch.services import Services
from bot.storage.models import OutboxItem

PREFIX = "chat:"


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
    key = dedupe_key or f"queued:{uuid.uuid4().hex}"
    async with services.db.session() as session:
        await services.outbox.enqueue(session, PREFIX + platform, payload, key)
        await session.commit()


class ChatRequests:
    """Delivers the queued requests of one platform through its adapter."""

    ordered = False
    keep: tuple[str, ...] = ("platform",)

    def __init__(self, adapter: Adapter) -> None:
        self.adapter = adapter
        self.channel = PREFIX + adapter.platform

    async def deliver(self, attempt: Attempt) -> dict[str, Any]:
        payload = attempt.payload
        platform = self.adapter.platform
        text = str(payload["text"])
        try:
            # The adapter's post gets a key of its own, derived from this row's.
            with post_scope(f"queued:{attempt.key}", retried=attempt.uncertain):
                if payload.get("to"):
                    account = AccountRef(platform, str(payload["to"]))
                    ref = await self.adapter.send_direct(account, text)
                else:
                    conversation = ConversationRef(platform, str(payload["conversation"]))
                    thread = payload.get("thread")
                    ref = await self.adapter.post(
                        conversation, text, thread_id=str(thread) if thread else None
                    )
        except Exception as exc:  # the platform's trouble or ours: tried again later
            raise UnavailableError(f"{type(exc).__name__}: {exc}") from exc
        return {"message_id": ref.message_id}

    async def settled(self, session: AsyncSession, item: OutboxItem) -> None:
        return None


def chat_requests(services: Services) -> Callable[[str], Deliverer | None]:
    """For the outbox: the ``chat:<platform>`` deliverer while that adapter runs here."""

    def resolve(channel: str) -> Deliverer | None:
        if not channel.startswith(PREFIX):
            return None
        adapter = services.adapters.get(channel.removeprefix(PREFIX))
        return ChatRequests(adapter) if adapter is not None else None

    return resolve
