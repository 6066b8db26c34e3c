"""The command line starts fast: building the parser (all that ``--help`` needs) loads no
database, configuration or chat libraries; each command loads what it uses when it runs.
The commands scripts call once per question or mail load no more than their work needs:
``whoknows`` on a SQLite file reads it without SQLAlchemy, ``email parse`` touches no
database, and neither loads structlog (and Twisted with it) to log nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from tests.mail import mails
from tests.support.whoknows_export import SCHOOL, write_export

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "asyncio", "nio", "slack_bolt")
# What a database command loads; and what neither command uses: logging (it logs nothing), an
# event loop (awaits on sqlite3 return at once; a mail is read in this process), chat, charts.
DATABASE = ("sqlalchemy", "sqlmodel", "alembic", "aiosqlite", "psycopg")
NOT_USED = (
    "structlog",
    "twisted",
    "asyncio",
    "nio",
    "slack_bolt",
    "aiohttp",
    "numpy",
    "matplotlib",
)
SEPARATOR = "--- loaded:"


def _run(argv: list[str], watched: tuple[str, ...]) -> tuple[str, list[str], int]:
    """What ``vraagbaak ARGV`` printed, which of ``watched`` it had loaded at the end, and
    how many word lists it read into the lexicon's index (knowledge.lexicon)."""
    probe = (
        "import sys\n"
        "from bot.cli import main\n"
        f"code = main({argv!r})\n"
        "lexicon = sys.modules.get('knowledge.lexicon')\n"
        f"print({SEPARATOR!r}, len(lexicon._READ) if lexicon else 0,"
        f" ','.join(m for m in {watched!r} if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    printed, _, end = done.rpartition(SEPARATOR)
    read, _, loaded = end.strip().partition(" ")
    return printed, [name for name in loaded.split(",") if name], int(read)


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


def test_whoknows_reads_a_sqlite_file_without_a_database_library(tmp_path: Path) -> None:
    config = tmp_path / "vraagbaak.toml"
    words = tmp_path / "dutch"
    words.write_text("gezin\nleerling\nvervoer\n", encoding="utf-8")
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "v.db"}"\n\n'
        f'[whoknows]\nword_lists = {{ nl = "{words}" }}\n\n'
        '[[organisations]]\nid = "harderwijk"\nname = "Gemeente Harderwijk"\n'
        'domains = ["harderwijk.nl"]\n',
        encoding="utf-8",
    )
    export = write_export(tmp_path)
    assert main(["import", "slack-export", str(export), "--config", str(config), "--quiet"]) == 0
    # "gezin" is no word of the history: the word list is asked whether it is a word
    printed, loaded, read = _run(
        ["whoknows", "leerlingenvervoer voor een gezin", "--json", "--config", str(config)],
        DATABASE + NOT_USED,
    )
    assert json.loads(printed)[0]["email"] == SCHOOL
    assert loaded == []
    assert read == 0  # searched as it is, not read into the bot's index of it


def test_email_parse_loads_no_database_or_logging_library(tmp_path: Path) -> None:
    eml = tmp_path / "q.eml"
    eml.write_bytes(bytes(mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren")))
    printed, loaded, _read = _run(["email", "parse", str(eml), "--json"], DATABASE + NOT_USED)
    assert json.loads(printed)["forwarded_by"] == "m.hendriks@ermelo.nl"
    assert loaded == []
