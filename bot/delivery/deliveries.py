"""Each platform delivery is handled once, even when the platform redelivers it or two
replicas receive it.

A platform that retries (Slack: ``x-slack-retry-num``, ``retry_attempt`` in Socket Mode) sends
the same delivery id again. The dispatcher claims the id in ``ProcessedEvent`` inside the
event's own transaction, before anything is answered: the primary key makes the claim atomic
across replicas. A second delivery arriving while the first is being handled waits for that
transaction; it is skipped when the first commits, and handled when the first failed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import utcnow
from bot.storage.database import Database
from bot.storage.inserts import insert_new
from bot.storage.models import ProcessedEvent

# Slack retries for about an hour; a day is a generous margin.
KEEP_CLAIMS = timedelta(days=1)


async def claim(
    session: AsyncSession, platform: str, delivery_id: str, at: datetime | None = None
) -> bool:
    """True when this is the first delivery of ``delivery_id`` on ``platform``."""
    values = {"platform": platform, "event_id": delivery_id, "processed_at": at or utcnow()}
    return await insert_new(session, ProcessedEvent, values, returning="event_id") is not None


async def prune(db: Database, platform: str | None = None, keep: timedelta = KEEP_CLAIMS) -> int:
    """Forget claims (of one platform, or of all) older than ``keep``; returns how many."""
    statement = delete(ProcessedEvent).where(col(ProcessedEvent.processed_at) < utcnow() - keep)
    if platform is not None:
        statement = statement.where(col(ProcessedEvent.platform) == platform)
    async with db.session() as session:
        result = await session.exec(statement)
        await session.commit()
        return int(getattr(result, "rowcount", 0) or 0)
