"""Each Slack delivery is handled once, even when Slack retries it or two replicas get it.

Slack redelivers an event it thinks was not acknowledged in time (``x-slack-retry-num``,
``retry_attempt`` in Socket Mode), always with the same ``event_id``. The first delivery
claims the id in ``ProcessedEvent``; the primary key makes the claim atomic across replicas.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from bot.events import utcnow
from bot.storage.database import Database
from bot.storage.models import ProcessedEvent

PLATFORM = "slack"
# Slack retries for about an hour; a day is a generous margin.
KEEP = timedelta(days=1)


async def claim(db: Database, event_id: str) -> bool:
    """True when this is the first delivery of ``event_id``."""
    async with db.session() as session:
        session.add(ProcessedEvent(platform=PLATFORM, event_id=event_id))
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            return False
    return True


async def prune(db: Database) -> int:
    async with db.session() as session:
        result = await session.exec(
            delete(ProcessedEvent).where(
                col(ProcessedEvent.platform) == PLATFORM,
                col(ProcessedEvent.processed_at) < utcnow() - KEEP,
            )
        )
        await session.commit()
        return int(getattr(result, "rowcount", 0) or 0)
