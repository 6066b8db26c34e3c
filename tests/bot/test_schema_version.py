"""A command that only reads may open a SQLite file directly when it needs no migration
(bot.storage.schema_version); any other database goes through SQLAlchemy and Alembic."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from bot.storage.database import Database
from bot.storage.schema_version import head_revision, open_if_current, sqlite_file


def test_only_a_plain_sqlite_file_url_names_a_file(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/v.db") == tmp_path / "v.db"
    assert sqlite_file(f"sqlite+aiosqlite:///{tmp_path}/v.db") == tmp_path / "v.db"
    assert sqlite_file("sqlite:///v.db") == Path.cwd() / "v.db"
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite://") is None
    assert sqlite_file(f"sqlite:///{tmp_path}/v.db?timeout=3") is None
    assert sqlite_file("postgresql+psycopg://vraagbaak@db/vraagbaak") is None


def test_a_migrated_file_is_opened_and_any_other_is_left_to_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/v.db"
    assert open_if_current(url) is None  # not there yet: Database creates it
    database = Database(url)
    database.upgrade_if_needed()
    database.sync_engine.dispose()
    connection = open_if_current(url)
    assert connection is not None
    connection.close()
    with closing(sqlite3.connect(tmp_path / "v.db")) as behind:
        behind.execute("UPDATE alembic_version SET version_num = 'older'")
        behind.commit()
    assert open_if_current(url) is None
    with closing(sqlite3.connect(tmp_path / "empty.db")) as empty:
        empty.execute("CREATE TABLE other (id INTEGER)")
    assert open_if_current(f"sqlite:///{tmp_path}/empty.db") is None
    assert head_revision() is not None
