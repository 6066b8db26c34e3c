"""Savepoints (bot/storage/savepoint.py) on SQLite and PostgreSQL: undone alone, and never
a commit of their own."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from bot.core.events import utcnow
from bot.storage.database import Database
from bot.storage.models import StateEntry
from bot.storage.savepoint import savepoint


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.upgrade_async()
    try:
        yield database
    finally:
        await database.dispose()


def _entry(key: str) -> StateEntry:
    return StateEntry(key=key, value=key, updated_at=utcnow())


async def _keys(db: Database) -> list[str]:
    async with db.session() as session:
        return sorted((await session.exec(select(StateEntry.key))).all())


async def test_a_released_savepoint_is_no_commit(db: Database) -> None:
    """A transaction that has only read when the savepoint is taken: what the savepoint wrote
    still goes with the transaction when it is rolled back (SQLite would otherwise commit it
    on the release)."""
    async with db.session() as session:
        await session.exec(select(StateEntry))
        async with savepoint(session):
            session.add(_entry("inside"))
        session.add(_entry("after"))
        await session.flush()
        await session.rollback()
    assert await _keys(db) == []


async def test_a_rolled_back_savepoint_undoes_only_its_own_work(db: Database) -> None:
    async with db.session() as session:
        session.add(_entry("before"))
        await session.flush()
        with pytest.raises(RuntimeError):
            async with savepoint(session):
                session.add(_entry("inside"))
                await session.flush()
                raise RuntimeError("the handler failed")
        session.add(_entry("after"))
        await session.commit()
    assert await _keys(db) == ["after", "before"]
