"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML configuration file (default: $VRAAGBAAK_CONFIG, else the embedded defaults)",
    )


def config_from(args: argparse.Namespace) -> Config:
    from bot.config import load_config  # pydantic: only when a command runs

    return load_config(getattr(args, "config", None))
