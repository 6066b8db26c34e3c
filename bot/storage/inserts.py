"""Single-row inserts that give way to a row already there, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Dialect, Table, TextualSelect, bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


@cache
def _insert_or_nothing(
    dialect: Dialect, table: Table, columns: tuple[str, ...], returning: str
) -> TextualSelect:
    # SQLAlchemy never caches the compiled SQL of its dialect-specific ``insert`` with
    # ``on_conflict_do_nothing()``, so every execution would compile it again: most of the
    # cost of a small insert. Both databases spell this statement the same way, so it is
    # written once per table and shape; typed bind parameters keep the columns' conversions.
    quote = dialect.identifier_preparer
    names = ", ".join(quote.format_column(table.c[name]) for name in columns)
    placeholders = ", ".join(f":{name}" for name in columns)
    result = table.c[returning]
    sql = (
        f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({placeholders}) "
        f"ON CONFLICT DO NOTHING RETURNING {quote.format_column(result)}"
    )
    binds = (bindparam(name, type_=table.c[name].type) for name in columns)
    return text(sql).bindparams(*binds).columns(result)


def _shape(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))


async def insert_new(
    session: AsyncSession, model: type[SQLModel], values: dict[str, Any], *, returning: str = "id"
) -> Any | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING`` one row of ``model``.

    Returns the ``returning`` column of the new row, or ``None`` when a row with the same
    unique key exists. On PostgreSQL a conflicting insert by a transaction still open waits
    for that transaction to end, so ``None`` means the other row is committed and visible."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    statement = _insert_or_nothing(session.bind.dialect, table, _shape(values), returning)
    result = await session.exec(statement, params=values)  # type: ignore[call-overload]
    return result.scalar_one_or_none()


async def insert_new_on(
    conn: AsyncConnection, model: type[SQLModel], values: dict[str, Any], *, returning: str = "id"
) -> Any | None:
    """:func:`insert_new` on a bare connection: no session, for the hottest path (an event
    stored before Slack gets its answer)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    statement = _insert_or_nothing(conn.dialect, table, _shape(values), returning)
    result = await conn.execute(statement, values)
    return result.scalar_one_or_none()
