from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_config_argument, checked_config


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the bot with the configured platforms")
    add_config_argument(parser)
    # /health and the dashboard share one listener: [web] host and port unless given here.
    parser.add_argument("--health-host", default=None, help="default: [web] host")
    parser.add_argument("--health-port", type=int, default=None, help="default: [web] port")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.core.logs import configure_logging
    from bot.startup.runtime import run_bot

    config, warnings = checked_config(args)
    configure_logging(config.bot.log_level, config.bot.log_format)
    # For start-up time: loaded only when the command runs.
    from bot.core.logs import get_logger

    for warning in warnings:
        get_logger(__name__).warning("configuration", warning=warning)
    host = args.health_host or config.web.host
    port = args.health_port if args.health_port is not None else config.web.port
    # Links in !dashboard point at the address actually listened on (unless [web] base_url).
    config = config.model_copy(update={"web": config.web.model_copy(update={"port": port})})
    # For start-up time: loaded only when the command runs.
    import asyncio

    return asyncio.run(run_bot(config, health_host=host, health_port=port))
