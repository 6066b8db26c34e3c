"""Chaos: ``vraagbaak run`` on PostgreSQL, with SMTP mail intake and Slack (a mock Web API
and signed Events API requests) on 127.0.0.1, killed with SIGKILL at random moments and
started again, many rounds, while mails and chat commands stream in. Afterwards: every mail
posted exactly once, every command answered exactly once, every accepted answer mailed
exactly once (tests/support/chaos_world.py says how each is counted).

    python benchmarks/chaos.py [--rounds 20] [--min-up 3] [--max-up 9] [--seed 1] [--burst 30]
                               [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Needs PostgreSQL (a database of its own is created and dropped). Exit status 0 when nothing
was lost or duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.chaos_world import Options, run_chaos  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--min-up", type=float, default=3.0, help="seconds up, at least")
    parser.add_argument("--max-up", type=float, default=9.0, help="seconds up, at most")
    parser.add_argument("--mail-every", type=float, default=1.5, help="seconds between mails")
    parser.add_argument("--command-every", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--log", type=Path, default=None, help="keep the bot's output here")
    parser.add_argument("--settle", type=float, default=240.0, help="seconds to wait at the end")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--burst", type=int, default=0, help="commands sent at once right before each kill"
    )
    args = parser.parse_args()
    options = Options(
        rounds=args.rounds,
        min_up=args.min_up,
        max_up=args.max_up,
        mail_every=args.mail_every,
        command_every=args.command_every,
        seed=args.seed,
        admin_url=args.admin_url,
        log=args.log,
        settle=args.settle,
        keep=args.keep,
        burst=args.burst,
    )
    report = asyncio.run(run_chaos(options))
    for line in report.lines():
        print(line)
    return 0 if report.clean else 1


if __name__ == "__main__":
    sys.exit(main())
