from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="chat with the bot in the terminal (no server needed)"
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.core.logs import configure_logging
    from bot.demo.runner import demo_settings, run_demo

    configure_logging("WARNING")
    config, people = demo_settings()
    # For start-up time: loaded only when the command runs.
    import asyncio

    code = asyncio.run(run_demo(config, people, sys.stdout))
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout at exit too; point it at /dev/null so that does not fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code
