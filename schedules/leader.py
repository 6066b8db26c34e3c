"""Which replica runs the scheduled jobs.

On PostgreSQL leadership belongs to the database engine, not to the clock: the leader holds a
session-level advisory lock on a connection of its own, so leadership ends exactly when that
connection does — a killed process at once, a paused or hung one when the server ends its
silent session (``idle_session_timeout`` = ``[nudges] lease_seconds``). A slow process keeps
its lock as long as it heartbeats; it is never overtaken by a wall-clock lapse.

Whoever takes the lock writes its name into ``adoption_scheduler_lease``: that row is the
fencing token. Every job run checks, right before it starts and again when it is recorded,
that the row still names this replica, so a leader that resumes after a pause finds itself
fenced out instead of running a job its successor already ran.

SQLite is single-process: there the lease row with an expiry (one conditional ``UPDATE``)
keeps two processes opened by mistake from both running jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

import psycopg
from sqlalchemy import Table, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.logs import get_logger
from bot.delivery.liveness import advisory_key
from bot.storage.adoption_models import SchedulerLease
from bot.storage.database import Database

log = get_logger(__name__)


def _wall_clock() -> datetime:
    return datetime.now(UTC)


def _lease_table() -> Table:
    table: Table = SchedulerLease.__table__  # type: ignore[attr-defined]
    return table


async def holds_fence(session: AsyncSession, name: str, holder: str, *, lock: bool) -> bool:
    """Whether the fencing row still names ``holder``. With ``lock`` (PostgreSQL) the row is
    read ``FOR SHARE``, so a new leader's claim waits until this transaction ends."""
    query = select(SchedulerLease.holder).where(SchedulerLease.name == name)
    if lock:
        query = query.with_for_update(read=True)
    current = (await session.exec(query)).one_or_none()
    return current == holder


class Leadership(Protocol):
    holder: str
    name: str
    is_leader: bool

    async def acquire_or_renew(self) -> bool: ...

    fence_locks: bool

    async def release(self) -> None: ...


class LeaderLease:
    """The SQLite leadership: a lease row with an expiry, renewed while the process lives."""

    fence_locks = False

    def __init__(
        self,
        db: Database,
        holder: str,
        ttl: timedelta,
        name: str = "jobs",
        now: Callable[[], datetime] = _wall_clock,
    ) -> None:
        self.db = db
        self.holder = holder
        self.ttl = ttl
        self.name = name
        self._now = now
        self.is_leader = False

    async def acquire_or_renew(self) -> bool:
        now = self._now()
        table = _lease_table()
        async with self.db.session() as session:
            result = await session.exec(
                update(table)
                .where(table.c.name == self.name)
                .where(or_(table.c.holder == self.holder, table.c.expires_at < now))
                .values(holder=self.holder, expires_at=now + self.ttl)
            )
            await session.commit()
            won = bool(result.rowcount)  # type: ignore[attr-defined]
        if not won:
            async with self.db.session() as session:
                if await session.get(SchedulerLease, self.name) is None:
                    session.add(
                        SchedulerLease(
                            name=self.name, holder=self.holder, expires_at=now + self.ttl
                        )
                    )
                    try:
                        await session.commit()
                        won = True
                    except IntegrityError:
                        await session.rollback()
        self.is_leader = won
        return won

    async def release(self) -> None:
        if not self.is_leader:
            return
        table = _lease_table()
        async with self.db.session() as session:
            await session.exec(
                update(table)
                .where(table.c.name == self.name, table.c.holder == self.holder)
                .values(expires_at=self._now() - timedelta(seconds=1))
            )
            await session.commit()
        self.is_leader = False


class AdvisoryLockLeader:
    """The PostgreSQL leadership: a session-level advisory lock on a dedicated connection."""

    fence_locks = True

    def __init__(
        self,
        db: Database,
        holder: str,
        silence: timedelta,
        name: str = "jobs",
        now: Callable[[], datetime] = _wall_clock,
    ) -> None:
        self.db = db
        self.holder = holder
        self.silence = silence
        self.name = name
        self.key = advisory_key(name)
        self._now = now
        self._conn: psycopg.AsyncConnection[tuple[object, ...]] | None = None
        # The scheduler calls in from several jobs at once; one connection, one caller.
        self._mutex = asyncio.Lock()
        self.is_leader = False

    def _conninfo(self) -> str:
        url = make_url(self.db.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    async def _connection(self) -> psycopg.AsyncConnection[tuple[object, ...]]:
        if self._conn is not None and not self._conn.closed and not self._conn.broken:
            return self._conn
        await self._drop_connection()
        timeout_ms = max(1000, int(self.silence.total_seconds() * 1000))
        # idle_session_timeout (PostgreSQL 14+) ends the session of a paused or hung leader;
        # keepalives end it when the host disappears from the network.
        conn = await psycopg.AsyncConnection.connect(
            self._conninfo(),
            autocommit=True,
            application_name=f"vraagbaak-leader {self.holder}"[:63],
            options=f"-c idle_session_timeout={timeout_ms}",
            keepalives=1,
            keepalives_idle=max(1, int(self.silence.total_seconds())),
            keepalives_interval=1,
            keepalives_count=3,
            connect_timeout=10,
        )
        self._conn = conn
        return conn

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and not conn.closed:
            with contextlib.suppress(psycopg.Error):
                await conn.close()

    async def _claim_fence(self) -> None:
        table = _lease_table()
        expires = self._now() + self.silence
        statement = (
            pg_insert(table)
            .values(name=self.name, holder=self.holder, expires_at=expires)
            .on_conflict_do_update(
                index_elements=[table.c.name],
                set_={"holder": self.holder, "expires_at": expires},
            )
        )
        async with self.db.session() as session:
            await session.exec(statement)
            await session.commit()

    async def acquire_or_renew(self) -> bool:
        async with self._mutex:
            return await self._acquire_or_renew()

    async def _acquire_or_renew(self) -> bool:
        was_leader = self.is_leader
        # A second attempt on a new connection, because an idle follower's session may have
        # been ended by the same timeout; a leader whose session ended lost the lock with it
        # and may only win it back if nobody else took it in the meantime.
        for _attempt in range(2):
            try:
                await self._lead_or_try()
                break
            except psycopg.Error:
                self.is_leader = False
                await self._drop_connection()
        if was_leader and not self.is_leader:
            log.warning("lost the jobs' leadership", replica=self.holder)
        return self.is_leader

    async def _lead_or_try(self) -> None:
        conn = await self._connection()
        if self.is_leader:
            # The heartbeat that keeps the session alive, and proof that it holds the lock.
            cursor = await conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND pid = pg_backend_pid()"
            )
            held = await cursor.fetchone()
            self.is_leader = held is not None and int(str(held[0])) > 0
            return
        cursor = await conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,))
        row = await cursor.fetchone()
        if row is not None and row[0] is True:
            await self._claim_fence()
            self.is_leader = True

    async def release(self) -> None:
        async with self._mutex:
            conn = self._conn
            if self.is_leader and conn is not None and not conn.closed:
                # At once, not when the server gets round to ending the session.
                with contextlib.suppress(psycopg.Error):
                    await conn.execute("SELECT pg_advisory_unlock_all()")
            self.is_leader = False
            await self._drop_connection()  # ending the session releases the advisory lock


def leadership_for(db: Database, holder: str, lease: timedelta, name: str = "jobs") -> Leadership:
    if db.is_sqlite:
        return LeaderLease(db, holder, lease, name)
    return AdvisoryLockLeader(db, holder, lease, name)
