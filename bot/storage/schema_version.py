"""Which migration is the newest, read from the migration files, and whether a SQLite file is
already at it: without loading SQLAlchemy or Alembic, for commands that only read."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
# The plain form of a SQLite file's URL; any other form (options, in memory) is left to
# SQLAlchemy to read.
_SQLITE_FILE_URL = re.compile(r"^sqlite(?:\+(?:aiosqlite|pysqlite))?:///([^?#]+)$")
# As long as the database's engine waits for another process's write.
BUSY_TIMEOUT_SECONDS = 15.0


def head_revision() -> str | None:
    """The one newest migration, read from the files (None when that is not clear)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for key, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            names = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if key == "revision" else parents).update(names)
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def sqlite_file(url: str) -> Path | None:
    """The file a plain ``sqlite:///FILE`` URL names, made absolute as SQLAlchemy's driver
    makes it; None for PostgreSQL, a database in memory or a URL with options."""
    found = _SQLITE_FILE_URL.match(url)
    if found is None or found.group(1) == ":memory:":
        return None
    return Path(os.path.abspath(found.group(1)))


def open_if_current(url: str) -> sqlite3.Connection | None:
    """A plain connection to the database when it is an existing SQLite file already at the
    newest migration; None otherwise: then :class:`bot.storage.database.Database` is the way
    in, which creates and migrates."""
    path = sqlite_file(url)
    head = head_revision()
    if path is None or head is None or not path.is_file():
        return None
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        current = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error:  # no table yet, or unreadable: Alembic decides
        current = []
    if current != [head]:
        connection.close()
        return None
    return connection
