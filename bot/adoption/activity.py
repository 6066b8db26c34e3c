"""Per-person activity, pseudonymised: a keyed hash instead of the person id, deleted after
``[stats] activity_retention_days``. Used to tell who has been inactive (digest)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.adoption_models import ActivityEvent
from bot.storage.database import Database
from bot.storage.models import StateEntry

KEY_NAME = "adoption.pseudonym_key"


async def pseudonym_key(db: Database) -> bytes:
    """The secret key of the pseudonyms; made once, shared by every replica."""
    async with db.session() as session:
        entry = await session.get(StateEntry, KEY_NAME)
        if entry is not None:
            return bytes.fromhex(entry.value)
        session.add(StateEntry(key=KEY_NAME, value=secrets.token_hex(32)))
        try:
            await session.commit()
        except IntegrityError:  # another replica made it first
            await session.rollback()
    async with db.session() as session:
        entry = await session.get(StateEntry, KEY_NAME)
        assert entry is not None
        return bytes.fromhex(entry.value)


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
            entry = await session.get(StateEntry, KEY_NAME)
            if entry is None:
                try:
                    async with session.begin_nested():
                        entry = StateEntry(key=KEY_NAME, value=secrets.token_hex(32))
                        session.add(entry)
                except IntegrityError:  # another replica made it first
                    entry = await session.get(StateEntry, KEY_NAME)
                    assert entry is not None
            self._key = bytes.fromhex(entry.value)
        return self._key

    async def record(
        self,
        session: AsyncSession,
        person_id: int,
        kind: str,
        group_id: str | None,
        at: datetime,
    ) -> None:
        await record_activity(session, await self.key(session), person_id, kind, group_id, at)
