"""``epoch_micros(column)`` in SQL: a timestamp as whole microseconds since 1970-01-01 UTC, so
the figures get integers to subtract instead of a datetime object per row.

SQLite keeps ``UTCDateTime`` as text ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC; PostgreSQL's
``EXTRACT(EPOCH …)`` is an exact numeric.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class epoch_micros(FunctionElement[int]):  # noqa: N801 - reads as a SQL function
    type = BigInteger()
    inherit_cache = True


@compiles(epoch_micros, "sqlite")
def _sqlite(element: epoch_micros, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return (
        f"(CAST(strftime('%s', {value}) AS INTEGER) * 1000000"
        f" + CAST(substr({value}, 21, 6) AS INTEGER))"
    )


@compiles(epoch_micros, "postgresql")
def _postgresql(element: epoch_micros, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(EPOCH FROM {value}) * 1000000 AS BIGINT)"
