"""``vraagbaak import …``: bring chat history in for the expertise index and statistics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_config_argument, config_from
from bot.cli.import_matrix import add_import_subcommand as add_matrix_import


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("import", help="import chat history")
    sources = parser.add_subparsers(dest="import_source", metavar="SOURCE")
    sources.required = True
    slack = sources.add_parser("slack-export", help="a Slack workspace export (zip or folder)")
    slack.add_argument("path", type=Path)
    slack.add_argument("--quiet", action="store_true", help="no progress lines")
    slack.add_argument(
        "--no-index", action="store_true", help="skip rebuilding the expertise index"
    )
    add_config_argument(slack)
    slack.set_defaults(func=_slack_export)
    add_matrix_import(sources)


def _slack_export(args: argparse.Namespace) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.importers.slack_import import import_slack_export

    config = config_from(args)
    if not args.path.exists():
        print(f"{args.path}: no such file or folder", file=sys.stderr)
        return 1
    # For start-up time: loaded only when the command runs.
    from bot.storage.database import Database

    database = Database(config.database.url)
    try:
        database.upgrade()
        progress = None if args.quiet else (lambda line: print(line, file=sys.stderr))
        try:
            report = import_slack_export(database, config, args.path, progress)
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        if not args.no_index:
            # For start-up time: loaded only when the command runs.
            from bot.expertise.build_io import build_index
            from bot.expertise.sentence_encoder import configured_encoder

            index = build_index(
                database,
                config.whoknows.half_life_days,
                progress,
                config.bot.language,
                encoder=configured_encoder(config),
            )
            print(
                f"expertise index: {index.rows} person × term weights for {index.people} "
                f"people from {index.threads} threads in {index.seconds:.1f} s"
            )
    finally:
        database.sync_engine.dispose()
    print(
        f"imported {report.messages_added} new of {report.messages_seen} messages, "
        f"{report.threads_added} new threads, {report.people} people, "
        f"{report.channels} channels in {report.seconds:.1f} s "
        f"({report.rate:,.0f} messages/s)"
    )
    return 0
