"""Single-row inserts that give way to a row already there, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


@cache
def _insert_or_nothing(dialect: str, table: Table, returning: str) -> Insert:
    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    return insert(table).on_conflict_do_nothing().returning(table.c[returning])


async def insert_new(
    session: AsyncSession, model: type[SQLModel], values: dict[str, Any], *, returning: str = "id"
) -> Any | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING`` one row of ``model``.

    Returns the ``returning`` column of the new row, or ``None`` when a row with the same
    unique key exists. On PostgreSQL a conflicting insert by a transaction still open waits
    for that transaction to end, so ``None`` means the other row is committed and visible."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    statement = _insert_or_nothing(session.bind.dialect.name, table, returning)
    result = await session.exec(statement, params=values)
    return result.scalar_one_or_none()
