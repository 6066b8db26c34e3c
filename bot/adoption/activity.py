"""Per-person activity, pseudonymised: a keyed hash instead of the person id, deleted after
``[stats] activity_retention_days``. Used to tell who has been inactive (digest)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.settings import pseudonym_key as stored_pseudonym_key
from bot.storage.adoption_models import ActivityEvent
from bot.storage.database import Database


async def pseudonym_key(db: Database) -> bytes:
    """The secret key of the pseudonyms (:func:`bot.adoption.settings.pseudonym_key`), in a
    transaction of its own: for the jobs."""
    async with db.session() as session:
        key = await stored_pseudonym_key(session)
        await session.commit()
    return key


def pseudonym(key: bytes, person_id: int) -> str:
    return hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()


async def record_activity(
    session: AsyncSession,
    key: bytes,
    person_id: int,
    kind: str,
    group_id: str | None,
    at: datetime,
) -> None:
    session.add(
        ActivityEvent(pseudonym=pseudonym(key, person_id), kind=kind, group_id=group_id, at=at)
    )


async def last_activity(session: AsyncSession, key: bytes, person_id: int) -> datetime | None:
    found = await session.exec(
        select(func.max(ActivityEvent.at)).where(  # type: ignore[arg-type]
            ActivityEvent.pseudonym == pseudonym(key, person_id)
        )
    )
    value = found.one()
    if value is None:
        return None
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def purge_activity(session: AsyncSession, now: datetime, retention_days: int) -> int:
    cutoff = now - timedelta(days=retention_days)
    result = await session.exec(delete(ActivityEvent).where(col(ActivityEvent.at) < cutoff))  # type: ignore[call-overload]
    await session.commit()
    return int(result.rowcount or 0)


class ActivityLog:
    """Records activity under pseudonyms; the key is read once per process."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._key: bytes | None = None

    async def key(self, session: AsyncSession) -> bytes:
        """The key, made in ``session`` if there is none yet (a handler's own transaction,
        so SQLite is not asked for a second writer)."""
        if self._key is None:
            self._key = await stored_pseudonym_key(session)
        return self._key

    def forget_key(self) -> None:
        """After a rollback: a key made in it was not stored."""
        self._key = None

    async def record(
        self,
        session: AsyncSession,
        person_id: int,
        kind: str,
        group_id: str | None,
        at: datetime,
    ) -> None:
        await record_activity(session, await self.key(session), person_id, kind, group_id, at)
