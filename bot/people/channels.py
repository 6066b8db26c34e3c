"""Platform conversations and the groups they belong to."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.core.events import ConversationRef
from bot.storage.models import Channel, ChannelMember


def configured_group(config: Config, conversation: ConversationRef) -> str | None:
    """The group whose ``matrix_room``/``slack_channel`` (or id, for the console) names this
    conversation."""
    for group in config.groups:
        bound = {
            "matrix": group.matrix_room,
            "slack": group.slack_channel,
            "console": group.id,
        }.get(conversation.platform)
        if bound and bound.lstrip("#") in (conversation.external_id, conversation.name.lstrip("#")):
            return group.id
    return None


class ChannelDirectory:
    def __init__(self, config: Config) -> None:
        self._config = config
        self._cache: dict[tuple[str, str], int] = {}
        # Memberships seen committed in the database: no query for them on every message.
        self._members: set[tuple[int, int]] = set()

    async def channel_for(self, session: AsyncSession, conversation: ConversationRef) -> Channel:
        key = (conversation.platform, conversation.external_id)
        cached = self._cache.get(key)
        if cached is not None:
            channel = await session.get(Channel, cached)
            if channel is not None:
                return channel
        channel = (
            await session.exec(
                select(Channel).where(
                    Channel.platform == conversation.platform,
                    Channel.external_id == conversation.external_id,
                )
            )
        ).first()
        if channel is None:
            channel = Channel(
                platform=conversation.platform,
                external_id=conversation.external_id,
                name=conversation.name,
                is_direct=conversation.is_direct,
                group_id=None
                if conversation.is_direct
                else configured_group(self._config, conversation),
            )
            session.add(channel)
            await session.flush()
        assert channel.id is not None
        self._cache[key] = channel.id
        return channel

    async def add_member(self, session: AsyncSession, channel_id: int, person_id: int) -> None:
        key = (channel_id, person_id)
        if key in self._members:
            return
        if await session.get(ChannelMember, key) is None:
            session.add(ChannelMember(channel_id=channel_id, person_id=person_id))
        else:
            self._members.add(key)

    async def channels_of_group(self, session: AsyncSession, group_id: str) -> list[Channel]:
        rows = await session.exec(select(Channel).where(Channel.group_id == group_id))
        return list(rows)

    def remember(self, conversation: ConversationRef, channel: Channel) -> None:
        """Note which channel ``conversation`` is (loaded elsewhere)."""
        if channel.id is not None:
            self._cache[(conversation.platform, conversation.external_id)] = channel.id

    def forget(self, conversation: ConversationRef) -> None:
        self._cache.pop((conversation.platform, conversation.external_id), None)

    def forget_all(self) -> None:
        """After a rollback: a channel or membership seen in it may not be in the database."""
        self._cache.clear()
        self._members.clear()
