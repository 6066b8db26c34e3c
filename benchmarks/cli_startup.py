"""Start-up of the command line as scripts see it: wall time of whole processes.

    python benchmarks/cli_startup.py [--runs 7] [--shared ../shared]

Times ``vraagbaak --help``, ``vraagbaak whoknows "QUERY" --json`` on an index built from the
development export (in a temporary SQLite database, built once before timing; once more with
a word the history lacks, which the installed word lists are asked about), and
``vraagbaak email parse FILE --json`` on a corpus mail; and, as floors, ``python -c pass``,
the configuration's module (pydantic: what every command that reads the configuration
needs) and a bare ``import sqlmodel, sqlalchemy.ext.asyncio`` (what a command needs that
goes through SQLAlchemy; ``whoknows`` on a SQLite file does not). Prints the median and the
spread of each. On a busy machine all of them grow together: compare a command with the
floors, not with a number measured elsewhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    ("vraagbaak whoknows QUERY --json", "wie weet iets van leerlingenvervoer?"),
    # "gezin" is no word of the history: the word lists are asked whether it is a word
    (
        "vraagbaak whoknows QUERY --json, a word the history lacks",
        "leerlingenvervoer voor een gezin?",
    ),
]
BIN = Path(sys.executable).parent


def _time(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    vraagbaak = str(BIN / "vraagbaak")
    python = sys.executable
    env = dict(os.environ)
    cases: list[tuple[str, list[str]]] = [
        ("python -c pass (floor)", [python, "-c", "pass"]),
        (
            "import bot.core.config (floor of a command that reads the configuration)",
            [python, "-c", "import bot.core.config"],
        ),
        (
            "import sqlmodel + async sqlalchemy (floor of a command through SQLAlchemy)",
            [python, "-c", "import sqlmodel, sqlalchemy.ext.asyncio, aiosqlite"],
        ),
        ("vraagbaak --help", [vraagbaak, "--help"]),
    ]
    export = args.shared / "whoknows-dev" / "export.zip"
    mail = args.shared / "email-corpus" / "emails" / "001-traplift-buurgemeenten.eml"
    with tempfile.TemporaryDirectory() as folder:
        if export.exists():
            config = args.shared / "whoknows-dev" / "vraagbaak.toml"
            env["VRAAGBAAK_DATABASE__URL"] = f"sqlite:///{folder}/dev.db"
            subprocess.run(
                [
                    vraagbaak,
                    "import",
                    "slack-export",
                    str(export),
                    "--quiet",
                    "--config",
                    str(config),
                ],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            for name, question in QUESTIONS:
                cases.append(
                    (
                        name,
                        [vraagbaak, "whoknows", question, "--json", "--config", str(config)],
                    )
                )
        else:
            print(f"{export} missing: whoknows not timed", file=sys.stderr)
        if mail.exists():
            cases.append(
                (
                    "vraagbaak email parse FILE --json",
                    [vraagbaak, "email", "parse", str(mail), "--json"],
                )
            )
        else:
            print(f"{mail} missing: email parse not timed", file=sys.stderr)
        for name, command in cases:
            times = _time(command, env, args.runs)
            print(
                f"{name:<74} median {statistics.median(times):6.3f} s"
                f"  (min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
