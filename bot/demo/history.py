"""Replays the demo's sample chat history once, so the expertise index has evidence."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from importlib import resources
from typing import Any

from sqlmodel import func, select

from bot.adapters.base import Dispatch
from bot.core.clock import Clock
from bot.core.events import AccountRef, ConversationRef, MessageEvent, ReactionEvent
from bot.dispatch.services import Services
from bot.storage.models import Channel, Message

PLATFORM = "console"


def _sample() -> list[dict[str, Any]]:
    text = resources.files("bot.demo").joinpath("history.toml").read_text(encoding="utf-8")
    threads: list[dict[str, Any]] = tomllib.loads(text)["threads"]
    return threads


async def replay_history(
    services: Services, dispatch: Dispatch, names: dict[str, str], clock: Clock
) -> int:
    """Send the sample threads through the bot when the demo has no messages yet; the number
    of messages replayed (0 when there was history already)."""
    async with services.db.session() as session:
        existing = (
            await session.exec(
                select(func.count())
                .select_from(Message)
                .join(Channel, Channel.id == Message.channel_id)  # type: ignore[arg-type]
                .where(Channel.platform == PLATFORM)
            )
        ).one()
    if existing:
        return 0
    count = 0
    for number, thread in enumerate(_sample(), start=1):
        room = ConversationRef(PLATFORM, thread["room"], f"#{thread['room']}")
        start = clock.now() - timedelta(days=int(thread["days_ago"]))
        root_id = f"history-{number}"
        await dispatch(
            MessageEvent(
                room, root_id, _account(thread["author"], names), thread["text"], timestamp=start
            )
        )
        count += 1
        for index, reply in enumerate(thread.get("replies", []), start=1):
            reply_id = f"{root_id}-{index}"
            at = start + timedelta(hours=index)
            await dispatch(
                MessageEvent(
                    room,
                    reply_id,
                    _account(reply["author"], names),
                    reply["text"],
                    thread_id=root_id,
                    timestamp=at,
                )
            )
            count += 1
            if reply.get("accepted"):
                await dispatch(
                    ReactionEvent(
                        room,
                        reply_id,
                        _account(thread["author"], names),
                        "✅",
                        thread_id=root_id,
                        timestamp=at + timedelta(minutes=5),
                    )
                )
    return count


def _account(email: str, names: dict[str, str]) -> AccountRef:
    return AccountRef(PLATFORM, email, names.get(email, email), email)
