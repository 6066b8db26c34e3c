"""Engines and sessions for SQLite (WAL) and PostgreSQL, and schema migrations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.schema_version import MIGRATIONS_DIR as MIGRATIONS_DIR  # the module's API
from bot.storage.schema_version import head_revision


def _sync_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"):
        return parsed.set(drivername="sqlite").render_as_string(hide_password=False)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def _async_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def _ensure_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


class Database:
    """One database: an async engine for the bot and a sync engine for bulk CLI work."""

    def __init__(
        self, url: str, *, echo: bool = False, idle_in_transaction_seconds: float | None = None
    ) -> None:
        self.url = url
        _ensure_sqlite_folder(url)
        self.is_sqlite = make_url(url).drivername.startswith("sqlite")
        self.sync_engine: Engine = create_engine(_sync_url(url), echo=echo)
        connect_args: dict[str, Any] = {}
        if not self.is_sqlite and idle_in_transaction_seconds is not None:
            timeout_ms = max(1000, int(idle_in_transaction_seconds * 1000))
            connect_args["options"] = f"-c idle_in_transaction_session_timeout={timeout_ms}"
        self.async_engine: AsyncEngine = create_async_engine(
            _async_url(url), echo=echo, connect_args=connect_args
        )
        if self.is_sqlite:
            event.listen(self.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.async_engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(
            self.async_engine, class_=AsyncSession, expire_on_commit=False
        )
        # SQLite has one writer at a time, and a writer that finds it busy sleeps (1, 2, 5 ms
        # and longer) before it tries again. The two writers on the path of every chat event,
        # storing it in the inbox and the dispatcher's transaction, take turns here instead,
        # woken the moment the other is done.
        self._write_turn = asyncio.Lock()

    @asynccontextmanager
    async def write_turn(self) -> AsyncIterator[None]:
        """One of the event path's writers at a time (SQLite); PostgreSQL needs no turns."""
        if not self.is_sqlite:
            yield
            return
        async with self._write_turn:
            yield

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

    @contextmanager
    def sync_session(self) -> Iterator[Session]:
        with Session(self.sync_engine, expire_on_commit=False) as session:
            yield session

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations (blocking; call via :meth:`upgrade_async` in the bot)."""
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.sync_engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

    def upgrade_if_needed(self) -> None:
        """:meth:`upgrade` unless the database is already at the newest revision: a command
        line call that only reads (``whoknows``) does not pay for loading Alembic."""
        head = head_revision()
        if head is not None:
            try:
                with self.sync_engine.connect() as connection:
                    current = (
                        connection.exec_driver_sql("SELECT version_num FROM alembic_version")
                        .scalars()
                        .all()
                    )
            except Exception:  # no table yet, or unreadable: let Alembic decide
                current = []
            if current == [head]:
                return
        self.upgrade()

    async def upgrade_async(self) -> None:
        await asyncio.to_thread(self.upgrade)

    async def dispose(self) -> None:
        await self.async_engine.dispose()
        self.sync_engine.dispose()
