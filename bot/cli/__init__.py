"""The ``vraagbaak`` command. Each subcommand group lives in a module of its own that offers
``add_parser(subparsers)``; the parsed arguments carry the function to run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from bot import __version__
from bot.core.config_error import ConfigError

EXIT_CONFIG = 2


def _command_modules() -> list[ModuleType]:
    # For start-up time: loaded only when the command runs.
    from bot.cli import (
        audit_cmd,
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
        audit_cmd,
    ]


def _modules_for(command: str | None) -> list[ModuleType]:
    """The modules whose parsers ``vraagbaak COMMAND ...`` needs. ``email`` and ``whoknows``
    are called from scripts, once per mail or question (issue 12: p50 <= 2 s; issue 14: well
    under a second): they load only their own module, not those of the other commands."""
    # For start-up time: loaded only when the command runs.
    if command == "email":
        from bot.cli import email_cmd

        return [email_cmd]
    if command == "whoknows":
        from bot.cli import whoknows_cmd

        return [whoknows_cmd]
    return _command_modules()


def build_parser(*, command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of what ``command`` needs (see :func:`_modules_for`)."""
    parser = argparse.ArgumentParser(
        prog="vraagbaak",
        description="Vraagbaak: questions in the open, the right colleague found fast.",
    )
    parser.add_argument("--version", action="version", version=f"vraagbaak {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in _modules_for(command):
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command=given[0] if given else None)
    args = parser.parse_args(given)
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
