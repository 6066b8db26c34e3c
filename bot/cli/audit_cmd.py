"""``vraagbaak audit [--json] [--limit N]``: the audit log of role grants, revocations and
refused privileged commands (issue 13), newest last."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.cli.common import add_config_argument, config_from


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="the audit log of roles and refusals")
    parser.add_argument("--json", action="store_true", help="print JSON (the stable format)")
    parser.add_argument("--limit", type=int, default=100, help="the last N entries (100)")
    add_config_argument(parser)
    parser.set_defaults(func=_audit)


def _audit(args: argparse.Namespace) -> int:
    # The database libraries load only when the command runs: start-up stays fast.
    from sqlalchemy import Table, select

    from bot.storage.authority_models import AuditEntry
    from bot.storage.database import Database
    from bot.storage.models import Person

    config = config_from(args)
    database = Database(config.database.url)
    audit: Table = AuditEntry.__table__  # type: ignore[attr-defined]
    people: Table = Person.__table__  # type: ignore[attr-defined]
    actor, target = people.alias("actor"), people.alias("target")
    query = (
        select(audit.c.at, audit.c.action, audit.c.detail, actor.c.email, target.c.email)
        .select_from(
            audit.outerjoin(actor, actor.c.id == audit.c.actor_id).outerjoin(
                target, target.c.id == audit.c.target_id
            )
        )
        .order_by(audit.c.id.desc())
        .limit(max(1, args.limit))
    )
    try:
        database.upgrade()
        with database.sync_engine.connect() as connection:
            rows = connection.execute(query).all()
    finally:
        database.sync_engine.dispose()
    items = [
        {
            "at": at.isoformat() if hasattr(at, "isoformat") else str(at),
            "action": action,
            "actor": actor_email,
            "target": target_email,
            "detail": detail,
        }
        for at, action, detail, actor_email, target_email in reversed(rows)
    ]
    if args.json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
    else:
        for item in items:
            target_text = f" → {item['target']}" if item["target"] else ""
            who = item["actor"] or "?"
            print(f"{item['at']}  {who}  {item['action']}{target_text}  {item['detail']}")
    return 0
