"""A part of a transaction that can be undone alone: a savepoint, on SQLite as on PostgreSQL.

Python's sqlite3 module (under aiosqlite) opens a transaction only before the first INSERT,
UPDATE or DELETE. A savepoint taken before that is the outermost one, and SQLite commits
when it is released: the work before it and after it would no longer be one transaction.
So on SQLite the transaction is opened first, as a writer (``BEGIN IMMEDIATE``: a transaction
that read first and writes later could find another writer was quicker and fail at once).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlmodel.ext.asyncio.session import AsyncSession


class SavepointLostError(Exception):
    """The savepoint could not be rolled back (the connection is gone): nothing of the
    transaction may be committed any more."""


async def open_transaction(session: AsyncSession) -> None:
    """Make sure ``session``'s transaction is open in the database itself, not only in
    SQLAlchemy (SQLite; PostgreSQL's always is)."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    if not driver.in_transaction:
        await connection.exec_driver_sql("BEGIN IMMEDIATE")


@asynccontextmanager
async def savepoint(session: AsyncSession) -> AsyncIterator[None]:
    """What the block writes through ``session`` is undone alone when the block raises (the
    exception goes on); the rest of the transaction stays. Objects the block changed are
    expired then: load them again (:func:`reload_expired`) before reading them.

    A block that commits the session ends the savepoint with the transaction: what it wrote
    before the commit stays, and it goes on in a new transaction (not inside the savepoint)."""
    await open_transaction(session)
    nested = await session.begin_nested()
    try:
        yield
    except Exception:
        if nested.is_active:
            try:
                await nested.rollback()
            except Exception as failed:
                raise SavepointLostError from failed
        raise
    if nested.is_active:
        await nested.commit()


async def reload_expired(session: AsyncSession) -> None:
    """Read again what a rolled-back savepoint left expired in ``session``: an async session
    cannot load an attribute the moment it is read."""
    for state in list(session.sync_session.identity_map.all_states()):
        instance = state.obj()
        if state.expired_attributes and instance is not None:
            await session.refresh(instance)
