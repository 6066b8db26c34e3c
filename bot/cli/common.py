"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # For start-up time: type-checking only; the command loads them when it runs.
    from bot.core.config import Config


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML configuration file (default: $VRAAGBAAK_CONFIG, else the embedded defaults)",
    )


def config_from(args: argparse.Namespace) -> Config:
    """The configuration, validated as ``run`` validates it (platform tables included)."""
    config, _warnings = checked_config(args)
    return config


def checked_config(args: argparse.Namespace) -> tuple[Config, list[str]]:
    # For start-up time: loaded only when the command runs.
    from bot.core.config import load_config  # pydantic: only when a command runs
    from bot.startup.config_check import validate_platforms

    path = getattr(args, "config", None)
    config = load_config(path)
    return config, validate_platforms(config, str(path) if path else "(embedded defaults)")
