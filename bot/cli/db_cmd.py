from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_config_argument, config_from


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("db", help="database tools")
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION")
    sub.required = True
    upgrade = sub.add_parser("upgrade", help="apply the schema migrations")
    add_config_argument(upgrade)
    upgrade.set_defaults(func=_upgrade)


def _upgrade(args: argparse.Namespace) -> int:
    config = config_from(args)
    # For start-up time: loaded only when the command runs.
    from bot.storage.database import Database

    database = Database(config.database.url)
    try:
        database.upgrade()
    finally:
        database.sync_engine.dispose()
    print("database schema is up to date")
    return 0
