"""``vraagbaak stats``: adoption figures as JSON (definitions in docs/adoption.md)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bot.cli.common import add_config_argument, config_from


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("stats", help="adoption figures over all groups and per group")
    parser.add_argument("--json", action="store_true", help="print JSON (the stable format)")
    parser.add_argument(
        "--from",
        dest="first",
        type=_date,
        default=None,
        help="first day (YYYY-MM-DD, Europe/Amsterdam, included)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_date,
        default=None,
        help="last day (YYYY-MM-DD, Europe/Amsterdam, included)",
    )
    parser.add_argument("--group", default=None, help="only this group (its id)")
    add_config_argument(parser)
    parser.set_defaults(func=_stats)


def _print_text(result: dict[str, Any]) -> None:
    labels = {
        "threads": "vragen (threads)",
        "answered": "beantwoord",
        "answered_within_24h": "beantwoord binnen 24 uur",
        "median_hours_to_first_response": "mediaan uren tot eerste reactie",
        "accepted": "geaccepteerd antwoord",
        "active_posters": "actieve deelnemers",
        "cross_org_answer_share": "aandeel antwoorden uit andere organisatie",
    }
    scopes = [("overall", result["overall"]), *result["by_channel"].items()]
    for scope_key, figures in scopes:
        print(f"== {'totaal' if scope_key == 'overall' else scope_key}")
        for key, label in labels.items():
            value = figures[key]
            if value is None and scope_key in result["hidden"]:
                value = "(verborgen: over minder dan 5 personen)"
            print(f"  {label}: {value}")


def _has_messages(database: Any) -> bool:
    # For start-up time: loaded only when the command runs.
    from sqlalchemy import select

    from bot.storage.models import Message

    message = Message.__table__  # type: ignore[attr-defined]
    with database.sync_engine.connect() as conn:
        return conn.execute(select(message.c.id).limit(1)).first() is not None


DEMO_DATABASE = Path("vraagbaak-data/demo.db")


def _warn_empty(url: str) -> None:
    """An empty database gives empty figures; say so, and where the demo keeps its data."""
    lines = [
        f"Let op: de database {url} bevat nog geen berichten, dus alle cijfers zijn leeg.",
        "Een andere database: --config BESTAND, of VRAAGBAAK_DATABASE__URL=….",
    ]
    if DEMO_DATABASE.exists():
        lines.append(
            "De demo bewaart zijn gesprekken in vraagbaak-data/demo.db: "
            "VRAAGBAAK_DATABASE__URL=sqlite:///vraagbaak-data/demo.db vraagbaak stats"
        )
    print("\n".join(lines), file=sys.stderr)


def _stats(args: argparse.Namespace) -> int:
    # For start-up time: loaded only when the command runs.
    from bot.adoption.figures.compute import StatsQuery, UnknownGroupError, compute_stats

    config = config_from(args)
    if args.first and args.last and args.last < args.first:
        print("--to lies before --from", file=sys.stderr)
        return 1
    # For start-up time: loaded only when the command runs.
    from bot.storage.database import Database

    database = Database(config.database.url)
    try:
        database.upgrade()
        try:
            result = compute_stats(
                database.sync_engine, config, StatsQuery(args.first, args.last, args.group)
            )
        except UnknownGroupError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        if not _has_messages(database):
            _warn_empty(config.database.url)
    finally:
        database.sync_engine.dispose()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_text(result)
    return 0
