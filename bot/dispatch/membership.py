"""Who is in a conversation now, from the platform where it can tell (issue 13): an answer is
built for everyone who can read it, also members who never spoke or joined while the bot
was away. Asked at most every :data:`REFRESH_SECONDS` per conversation; what the platform
says is added to the recorded members (never removed: fail closed)."""

from __future__ import annotations

import time

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import MemberLister
from bot.core.events import ConversationRef
from bot.core.logs import get_logger
from bot.dispatch.core_services import CoreServices
from bot.storage.models import Channel

log = get_logger(__name__)
REFRESH_SECONDS = 300.0


class MemberSync:
    def __init__(self) -> None:
        self._checked: dict[tuple[str, str], float] = {}

    def forget_all(self) -> None:
        """After a rollback: the members recorded in it are not, so they are asked again."""
        self._checked.clear()

    async def refresh(
        self,
        services: CoreServices,
        session: AsyncSession,
        conversation: ConversationRef,
        channel: Channel,
    ) -> None:
        if channel.is_direct or channel.id is None:
            return
        adapter = services.adapters.get(conversation.platform)
        if not isinstance(adapter, MemberLister):
            return
        key = (conversation.platform, conversation.external_id)
        now = time.monotonic()
        if now - self._checked.get(key, -REFRESH_SECONDS) < REFRESH_SECONDS:
            return
        try:
            accounts = await adapter.members(conversation)
        except Exception as exc:  # the platform said nothing: the recorded members count
            log.warning("members not listed", platform=conversation.platform, error=repr(exc))
            return
        self._checked[key] = now
        for account in accounts:
            person = await services.identity.person_for(session, account)
            if person.id is not None:
                await services.channels.add_member(session, channel.id, person.id)
        await session.flush()
