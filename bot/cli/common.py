"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Config, load_config


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML configuration file (default: $VRAAGBAAK_CONFIG, else the embedded defaults)",
    )


def config_from(args: argparse.Namespace) -> Config:
    return load_config(getattr(args, "config", None))
