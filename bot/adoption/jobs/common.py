"""Small lookups the jobs share."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.i18n import t
from bot.dispatch.services import Services
from bot.storage.models import Channel, Message, Person, Thread

EXCERPT_CHARS = 140


def excerpt(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


def with_footer(language: str, text: str, why: str) -> str:
    return text + t(language, "nudge.footer", why=why)


async def people_by_email(session: AsyncSession, emails: list[str]) -> list[Person]:
    if not emails:
        return []
    lowered = [e.lower() for e in emails]
    rows = await session.exec(select(Person).where(col(Person.email).in_(lowered)))
    return sorted(rows, key=lambda p: p.id or 0)


async def root_text(session: AsyncSession, thread: Thread) -> str | None:
    rows = await session.exec(
        select(Message.text).where(Message.thread_id == thread.id, col(Message.is_root).is_(True))
    )
    return rows.first()


async def open_threads(
    services: Services, session: AsyncSession, now: datetime, days: int = 14
) -> list[tuple[Thread, Channel]]:
    """Human questions of the last ``days`` days in group channels that nobody answered."""
    ignored = set(services.config.stats.ignore_groups)
    rows = await session.exec(
        select(Thread, Channel)
        .join(Channel, col(Channel.id) == Thread.channel_id)
        .join(Person, col(Person.id) == Thread.author_id)
        .where(
            col(Thread.first_reply_at).is_(None),
            col(Thread.by_bot).is_(False),
            col(Person.is_bot).is_(False),
            col(Channel.group_id).is_not(None),
            col(Thread.created_at) >= now - timedelta(days=days),
            col(Thread.created_at) <= now,
        )
        .order_by(col(Thread.created_at))
    )
    return [(th, ch) for th, ch in rows if ch.group_id not in ignored]
