"""Bulk inserts that skip rows already present, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

_CHUNK = 5000


def insert_ignore(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``INSERT … ON CONFLICT DO NOTHING`` in chunks (imports run twice add nothing)."""
    if not rows:
        return
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table).on_conflict_do_nothing()
    for start in range(0, len(rows), _CHUNK):
        connection.execute(statement, list(rows[start : start + _CHUNK]))


def _sqlite_value(value: Any) -> Any:
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ignore_conflicts: bool = True,
    dates: Sequence[str] = (),
) -> None:
    """Fast bulk insert of plain tuples through the driver's ``executemany``, bypassing
    per-row SQL expression work (an import of a million messages spends most of its time
    there otherwise). The aware datetimes in the ``dates`` columns are stored as the ORM stores
    them."""
    sqlite_dialect = connection.dialect.name == "sqlite"
    marker = "?" if sqlite_dialect else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    places = ", ".join(marker for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({places})'
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    batch: list[Sequence[Any]] = []
    moments = [columns.index(name) for name in dates] if sqlite_dialect else []
    for row in rows:
        if moments:
            values = list(row)
            for i in moments:
                values[i] = _sqlite_value(values[i])
            row = tuple(values)
        batch.append(row)
        if len(batch) >= _CHUNK * 4:
            connection.exec_driver_sql(sql, batch)  # type: ignore[arg-type]
            batch = []
    if batch:
        connection.exec_driver_sql(sql, batch)  # type: ignore[arg-type]
