"""The command line starts fast: building the parser (all that ``--help`` needs) loads no
database, configuration or chat libraries; each command loads what it uses when it runs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "asyncio", "nio", "slack_bolt")


def test_the_parser_loads_no_heavy_library() -> None:
    probe = (
        "import sys\n"
        "from bot.cli import build_parser\n"
        "build_parser().format_help()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert loaded == ""


def test_help_still_lists_every_command() -> None:
    from bot.cli import build_parser

    text = build_parser().format_help()
    for command in ("demo", "run", "config", "db", "import", "whoknows", "stats", "email"):
        assert command in text
