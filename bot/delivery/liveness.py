"""This process among the processes sharing one database, and whether another one still lives.

Rows that a process is working on (an inbox event, an outbox post, a mail) carry its name as
``lease_owner``. After a crash, the next process must take those rows over at once — not when
a lease on wall-clock time runs out — but never while their owner is alive and busy with them.

On PostgreSQL every process holds a session-level advisory lock named after itself, on a
connection of its own: the lock ends exactly when that connection does, so a killed process is
seen dead as soon as the server notices its socket closed (at once on one host; keepalives
across a network). Asking whether an owner lives reads ``pg_locks`` and takes nothing.

SQLite is single-process: any owner other than this process is a run that ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import socket
import uuid
from datetime import datetime

import psycopg
from sqlalchemy.engine import make_url

from bot.core.logs import get_logger
from bot.storage.database import Database

log = get_logger(__name__)


def process_name() -> str:
    """A name no other process (on this host or another) has had: host, pid and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks."""
    digest = hashlib.blake2b(f"vraagbaak:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_ids(key: int) -> tuple[int, int]:
    """How ``pg_locks`` shows a one-bigint advisory lock: (classid, objid), objsubid 1."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


_HELD = (
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid = %s::bigint::oid AND objid = %s::bigint::oid AND objsubid = 1)"
)


class Replica:
    """This process: its name, and (on PostgreSQL) the lock that says it lives."""

    def __init__(self, db: Database, name: str | None = None) -> None:
        self.db = db
        self.name = name or process_name()
        self._conn: psycopg.AsyncConnection[tuple[object, ...]] | None = None
        self._mutex = asyncio.Lock()
        self._closed = False

    def _conninfo(self) -> str:
        url = make_url(self.db.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    async def start(self) -> None:
        """Take this process's lock (once; again after the connection was lost)."""
        if self.db.is_sqlite or self._closed:
            return
        async with self._mutex:
            await self._connection()

    async def _connection(self) -> psycopg.AsyncConnection[tuple[object, ...]]:
        conn = self._conn
        if conn is not None and not conn.closed and not conn.broken:
            return conn
        if conn is not None:
            log.warning("liveness connection lost; taking the lock again", replica=self.name)
            with contextlib.suppress(psycopg.Error):
                await conn.close()
        conn = await psycopg.AsyncConnection.connect(
            self._conninfo(),
            autocommit=True,
            application_name=f"vraagbaak {self.name}"[:63],
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=2,
            keepalives_count=3,
            connect_timeout=10,
        )
        await conn.execute("SELECT pg_advisory_lock(%s)", (advisory_key(self._lock_name),))
        self._conn = conn
        return conn

    @property
    def _lock_name(self) -> str:
        return f"replica:{self.name}"

    async def alive(self, owner: str) -> bool:
        """Whether the process called ``owner`` still runs. When that cannot be told (the
        database is away), it is taken to live: nothing is taken over on a guess."""
        if owner == self.name:
            return True
        if self.db.is_sqlite:
            return False
        try:
            async with self._mutex:
                conn = await self._connection()
                classid, objid = _lock_ids(advisory_key(f"replica:{owner}"))
                cursor = await conn.execute(_HELD, (classid, objid))
                row = await cursor.fetchone()
        except psycopg.Error as exc:
            log.warning("liveness unknown", owner=owner, error=type(exc).__name__)
            return True
        return bool(row and row[0])

    async def lease_free(
        self,
        owner: str | None,
        until: datetime | None,
        now: datetime,
        verdicts: dict[str, bool],
    ) -> bool:
        """Whether work leased to ``owner`` until ``until`` may be taken: no lease, an expired
        one, or one held by a process that ended. ``verdicts`` remembers each owner's
        liveness for one round, so a round asks about each process once."""
        if owner is None or until is None or until < now:
            return True
        if owner == self.name:
            return False  # being worked on here right now
        if owner not in verdicts:
            verdicts[owner] = await self.alive(owner)
            if not verdicts[owner]:
                log.info("taking over the work of a process that ended", owner=owner)
        return not verdicts[owner]

    async def stop(self) -> None:
        """Give up the lock (a clean stop): the rows this process leaves are free at once."""
        self._closed = True
        async with self._mutex:
            conn, self._conn = self._conn, None
            if conn is not None and not conn.closed:
                with contextlib.suppress(psycopg.Error):
                    await conn.close()
