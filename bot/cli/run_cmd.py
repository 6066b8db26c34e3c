from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_config_argument, config_from


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the bot with the configured platforms")
    add_config_argument(parser)
    parser.add_argument("--health-host", default="127.0.0.1")
    parser.add_argument("--health-port", type=int, default=8080)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from bot.logs import configure_logging
    from bot.runtime import run_bot

    config = config_from(args)
    configure_logging(config.bot.log_level, config.bot.log_format)
    import asyncio

    return asyncio.run(run_bot(config, health_host=args.health_host, health_port=args.health_port))
