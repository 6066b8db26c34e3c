from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.storage.database import Database
from bot.storage.tables import metadata


def test_migrations_match_the_models(database_url: str) -> None:
    """A table or column added to the models without a migration fails here."""
    database = Database(database_url)
    database.upgrade()
    with database.sync_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, metadata)
    database.sync_engine.dispose()
    assert differences == []


def test_upgrade_twice_is_harmless(database_url: str) -> None:
    database = Database(database_url)
    database.upgrade()
    database.upgrade()
    database.sync_engine.dispose()
