"""``vraagbaak import matrix --room ROOM``: a Matrix room's history into the database.

Added to the ``import`` group by :mod:`bot.cli.import_cmd`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.common import add_config_argument, config_from

EXIT_FAILED = 1


def add_import_subcommand(import_subparsers: Any) -> None:
    parser = import_subparsers.add_parser(
        "matrix", help="read a Matrix room's history (running it again adds nothing)"
    )
    parser.add_argument("--room", required=True, help="room id (!abc:server) or alias (#x:server)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_config_argument(parser)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    config = config_from(args)
    # For start-up time: loaded only when the command runs.
    import asyncio

    return asyncio.run(_import(config, args.room, as_json=args.json))


async def _import(config: Any, room: str, *, as_json: bool) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.adapters.matrix.config import matrix_settings
    from bot.adapters.matrix.history import HistoryImportError, import_room
    from bot.startup.app import build_bot

    settings = matrix_settings(config)
    if settings is None:
        print("Matrix is not configured: add a [matrix] table to the configuration.")
        return EXIT_FAILED
    bot = build_bot(config)
    await bot.prepare()
    try:
        result = await import_room(
            bot.services, settings, settings.store_folder(config.bot.data_dir), room
        )
    except HistoryImportError as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        await bot.close()
    if as_json:
        print(json.dumps(result.as_dict(), sort_keys=True))
    else:
        print(
            f"{result.room_id}: {result.messages} new messages, {result.reactions} new "
            f"reactions ({result.events} events read, {result.undecryptable} not decryptable)"
        )
    return 0
