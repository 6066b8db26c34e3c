"""Each Slack delivery is handled once, even when Slack retries it or two replicas get it.

Slack redelivers an event it thinks was not acknowledged in time (``x-slack-retry-num``,
``retry_attempt`` in Socket Mode), always with the same ``event_id``. The first delivery
claims the id in ``ProcessedEvent``; the primary key makes the claim atomic across replicas.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from bot.events import utcnow
from bot.storage.database import Database
from bot.storage.models import ProcessedEvent

PLATFORM = "slack"
# Slack retries for about an hour; a day is a generous margin.
KEEP = timedelta(days=1)


def _claim_statement(insert: Any) -> Any:
    # Bound parameters, so SQLAlchemy compiles the statement once and reuses it.
    table = ProcessedEvent.__table__  # type: ignore[attr-defined]
    return (
        insert(table)
        .values(
            platform=bindparam("platform"),
            event_id=bindparam("event_id"),
            processed_at=bindparam("at"),
        )
        .on_conflict_do_nothing()
        .returning(table.c.event_id)
    )


_CLAIM_SQLITE = _claim_statement(sqlite_insert)
_CLAIM_POSTGRESQL = _claim_statement(postgresql_insert)


async def claim(db: Database, event_id: str) -> bool:
    """True when this is the first delivery of ``event_id``.

    One ``INSERT … ON CONFLICT DO NOTHING`` on a plain connection: this runs before every
    event is handled, so it is kept to a single statement and commit (no ORM session)."""
    statement = _CLAIM_SQLITE if db.is_sqlite else _CLAIM_POSTGRESQL
    async with db.async_engine.connect() as connection:
        # Autocommit: the claim sits on the path of every event, before the answer; one
        # round trip instead of BEGIN, INSERT, COMMIT.
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        inserted = (
            await autocommit.execute(
                statement, {"platform": PLATFORM, "event_id": event_id, "at": utcnow()}
            )
        ).first()
    return inserted is not None


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
