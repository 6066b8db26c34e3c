"""The ``vraagbaak`` command. Each subcommand group lives in a module of its own that offers
``add_parser(subparsers)``; the parsed arguments carry the function to run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from bot import __version__
from bot.config import ConfigError

EXIT_CONFIG = 2


def _command_modules() -> list[ModuleType]:
    from bot.cli import (
        config_cmd,
        db_cmd,
        demo_cmd,
        email_cmd,
        import_cmd,
        run_cmd,
        stats_cmd,
        web_cmd,
        whoknows_cmd,
    )

    return [
        demo_cmd,
        run_cmd,
        config_cmd,
        db_cmd,
        import_cmd,
        whoknows_cmd,
        stats_cmd,
        email_cmd,
        web_cmd,
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vraagbaak",
        description="Vraagbaak: questions in the open, the right colleague found fast.",
    )
    parser.add_argument("--version", action="version", version=f"vraagbaak {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in _command_modules():
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
