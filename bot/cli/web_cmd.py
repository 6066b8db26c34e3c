"""``vraagbaak web link EMAIL [--minutes N]``: print a one-time sign-in link for the
dashboard (for administrators and scripts)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import add_config_argument, config_from


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("web", help="the web dashboard")
    commands = parser.add_subparsers(dest="web_command", metavar="SUBCOMMAND")
    commands.required = True
    link = commands.add_parser("link", help="print a one-time sign-in link for a person")
    link.add_argument("email", help="the person's e-mail address")
    link.add_argument(
        "--minutes", type=int, default=None, help="valid for this many minutes (default 15)"
    )
    add_config_argument(link)
    link.set_defaults(func=_link)


def _link(args: argparse.Namespace) -> int:
    config = config_from(args)
    minutes = args.minutes if args.minutes is not None else config.web.link_minutes
    if not 1 <= minutes <= 24 * 60:
        print("--minutes must lie between 1 and 1440", file=sys.stderr)
        return 1
    import asyncio  # only when the command runs: start-up stays fast

    return asyncio.run(_print_link(config, args.email, minutes))


async def _print_link(config: Any, email: str, minutes: int) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.core.clock import SystemClock
    from bot.people.identity import role_for_email
    from bot.storage.database import Database
    from bot.storage.models import Person, Role
    from bot.web.signin import issue_link, link_url, person_by_email

    database = Database(config.database.url)
    try:
        await database.upgrade_async()
        async with database.session() as session:
            person = await person_by_email(session, email)
            if person is None:
                role = role_for_email(config, email)
                if role == Role.MEMBER:
                    print(
                        f"no person with e-mail {email!r}: they appear once they have used "
                        "the bot (administrators and community managers of the configuration "
                        "can sign in before that)",
                        file=sys.stderr,
                    )
                    return 1
                organisation = config.organisation_for_email(email)
                person = Person(
                    name=email.split("@")[0],
                    email=email.strip().lower(),
                    organisation_id=organisation.id if organisation else None,
                    role=role,
                )
                session.add(person)
                await session.flush()
            assert person.id is not None
            token = await issue_link(session, person.id, SystemClock().now(), minutes)
            await session.commit()
    finally:
        await database.dispose()
    print(link_url(config.web.public_url(), token))
    return 0
