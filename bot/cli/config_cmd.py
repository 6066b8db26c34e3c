from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import add_config_argument, checked_config


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("config", help="configuration tools")
    sub = parser.add_subparsers(dest="config_command", metavar="ACTION")
    sub.required = True
    check = sub.add_parser("check", help="validate a configuration file and exit")
    add_config_argument(check)
    check.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    config, warnings = checked_config(args)
    source = args.config or "(embedded defaults)"
    for warning in warnings:
        print(f"{source}: warning: {warning}", file=sys.stderr)
    print(
        f"{source}: OK — {len(config.organisations)} organisations, {len(config.groups)} groups, "
        f"language {config.bot.language}"
    )
    return 0
