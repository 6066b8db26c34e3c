"""Imports a Slack export into people, accounts, organisations, groups, channels, threads,
messages and reactions. Idempotent: rows already present are left as they are.

This is a bulk job for the command line and runs on the synchronous engine, one channel at
a time, with set-based inserts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, select

from bot.adapters.slack.translate import SlackUser
from bot.core.config import Config
from bot.core.events import utcnow
from bot.importers.slack_export_reader import SlackChannel, SlackExport, SlackMessage
from bot.people.identity import role_for_email
from bot.storage.bulk import insert_ignore, insert_rows
from bot.storage.database import Database
from bot.storage.models import (
    Account,
    Channel,
    ChannelMember,
    Group,
    Message,
    Organisation,
    Person,
    Reaction,
    Thread,
    ThreadSource,
)

PLATFORM = "slack"
Progress = Callable[[str], None]


@dataclass
class ImportReport:
    people: int = 0
    channels: int = 0
    messages_seen: int = 0
    messages_added: int = 0
    threads_added: int = 0
    reactions_added: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.messages_seen / self.seconds if self.seconds else 0.0


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _import_people(conn: Connection, config: Config, users: list[SlackUser]) -> dict[str, int]:
    """Slack user id → person id. Links to an existing person with the same e-mail."""
    accounts: dict[str, int] = dict(
        conn.execute(
            select(Account.external_id, Account.person_id).where(Account.platform == PLATFORM)  # type: ignore[call-overload]
        )
        .tuples()
        .all()
    )
    by_email: dict[str, int] = {
        email: pid
        for email, pid in conn.execute(select(Person.email, Person.id)).all()  # type: ignore[call-overload]
        if email
    }
    person_table = Person.__table__  # type: ignore[attr-defined]
    new_people: list[tuple[SlackUser, dict[str, object]]] = []
    reactivated: dict[int, bool] = {}
    for user in users:
        if user.id in accounts:
            continue
        person_id = by_email.get(user.email) if user.email else None
        if person_id is not None:
            accounts[user.id] = person_id
            reactivated[person_id] = not user.deleted
            continue
        organisation = config.organisation_for_email(user.email) if user.email else None
        row: dict[str, object] = {
            "name": user.name,
            "email": user.email,
            "organisation_id": organisation.id if organisation else None,
            "role": role_for_email(config, user.email).name,
            "active": not user.deleted,
            "is_bot": user.is_bot,
            "created_at": utcnow(),
        }
        new_people.append((user, row))
    if new_people:
        ids = (
            conn.execute(
                person_table.insert().returning(person_table.c.id, sort_by_parameter_order=True),
                [row for _, row in new_people],
            )
            .scalars()
            .all()
        )
        for (user, _), person_id in zip(new_people, ids, strict=True):
            accounts[user.id] = person_id
    for person_id, active in reactivated.items():
        conn.execute(
            person_table.update().where(person_table.c.id == person_id).values(active=active)
        )
    by_id = {user.id: user for user in users}
    insert_ignore(
        conn,
        Account.__table__,  # type: ignore[attr-defined]
        [
            {
                "person_id": person_id,
                "platform": PLATFORM,
                "external_id": user_id,
                "display_name": by_id[user_id].name,
                "verified_email": by_id[user_id].email,
            }
            for user_id, person_id in accounts.items()
            if user_id in by_id
        ],
    )
    return accounts


def _import_organisations_and_groups(
    conn: Connection, config: Config, channels: list[SlackChannel]
) -> None:
    insert_ignore(
        conn,
        Organisation.__table__,  # type: ignore[attr-defined]
        [
            {"id": o.id, "name": o.name, "domains": list(o.domains), "external": o.external}
            for o in config.organisations
        ],
    )
    rows = []
    for channel in channels:
        group = config.group(channel.name)
        rows.append(
            {
                "id": channel.name,
                "name": group.name if group else channel.name,
                "description": group.description if group else channel.purpose,
                "keywords": list(group.keywords) if group else [],
                "email": group.email if group else None,
            }
        )
    insert_ignore(conn, Group.__table__, rows)  # type: ignore[attr-defined]


def _channel_id(conn: Connection, channel: SlackChannel) -> int:
    insert_ignore(
        conn,
        Channel.__table__,  # type: ignore[attr-defined]
        [
            {
                "platform": PLATFORM,
                "external_id": channel.id,
                "name": channel.name,
                "group_id": channel.name,
                "is_direct": False,
                "archived": channel.archived,
            }
        ],
    )
    found: int = conn.execute(
        select(Channel.id).where(  # type: ignore[call-overload]
            Channel.platform == PLATFORM, Channel.external_id == channel.id
        )
    ).scalar_one()
    return found


def _import_channel(
    conn: Connection,
    channel_id: int,
    messages: list[SlackMessage],
    people: dict[str, int],
    bots: set[int],
    members: set[str],
    report: ImportReport,
) -> None:
    member_ids = {people[m] for m in members if m in people}
    member_ids |= {people[m.user] for m in messages if m.is_join and m.user in people}
    insert_ignore(
        conn,
        ChannelMember.__table__,  # type: ignore[attr-defined]
        [{"channel_id": channel_id, "person_id": pid} for pid in sorted(member_ids)],
    )
    posts = [m for m in messages if not m.is_join]
    roots: dict[str, dict[str, object]] = {}
    for post in posts:
        if post.is_root:
            author = people.get(post.user) if post.user else None
            roots[post.ts] = {
                "channel_id": channel_id,
                "root_external_id": post.ts,
                "author_id": author,
                "created_at": post.at,
                "source": ThreadSource.CHAT.name,
                "by_bot": post.is_bot or (author in bots),
                "first_reply_at": None,
                "reply_count": 0,
            }
    for post in posts:
        if post.is_root:
            continue
        root = roots.get(post.root_ts)
        if root is None:  # a reply whose parent is outside the export
            continue
        root["reply_count"] = int(root["reply_count"]) + 1  # type: ignore[call-overload]
        author = people.get(post.user) if post.user else None
        human = not post.is_bot and author is not None and author not in bots
        if human and author != root["author_id"] and root["first_reply_at"] is None:
            root["first_reply_at"] = post.at
    before = _count(conn, Thread, channel_id)
    thread_columns = (
        "channel_id",
        "root_external_id",
        "author_id",
        "created_at",
        "source",
        "by_bot",
        "first_reply_at",
        "reply_count",
    )
    insert_rows(
        conn,
        _table(Thread),
        thread_columns,
        [tuple(root[c] for c in thread_columns) for root in roots.values()],
        dates=("created_at", "first_reply_at"),
    )
    report.threads_added += _count(conn, Thread, channel_id) - before
    thread_ids: dict[str, int] = dict(
        conn.execute(
            select(Thread.root_external_id, Thread.id).where(Thread.channel_id == channel_id)  # type: ignore[call-overload]
        )
        .tuples()
        .all()
    )
    rows = []
    for post in posts:
        author = people.get(post.user) if post.user else None
        rows.append(
            (
                channel_id,
                thread_ids.get(post.root_ts),
                post.ts,
                author,
                post.at,
                post.is_root,
                post.is_bot or (author in bots),
                post.has_files,
                post.text,
            )
        )
    before = _count(conn, Message, channel_id)
    insert_rows(
        conn,
        _table(Message),
        (
            "channel_id",
            "thread_id",
            "external_id",
            "author_id",
            "created_at",
            "is_root",
            "is_bot",
            "has_files",
            "text",
        ),
        rows,
        dates=("created_at",),
    )
    report.messages_added += _count(conn, Message, channel_id) - before
    report.messages_seen += len(posts)
    message_ids: dict[str, int] = dict(
        conn.execute(
            select(Message.external_id, Message.id).where(Message.channel_id == channel_id)  # type: ignore[call-overload]
        )
        .tuples()
        .all()
    )
    reactions = []
    for post in posts:
        for reaction in post.reactions:
            for user in reaction.users:
                if user in people:
                    reactions.append((message_ids[post.ts], people[user], reaction.name, post.at))
    insert_rows(
        conn,
        _table(Reaction),
        ("message_id", "person_id", "key", "created_at"),
        reactions,
        dates=("created_at",),
    )
    report.reactions_added += len(reactions)


def _count(conn: Connection, model: type, channel_id: int) -> int:
    from sqlalchemy import func

    table = model.__table__  # type: ignore[attr-defined]
    return int(
        conn.execute(
            select(func.count()).select_from(table).where(table.c.channel_id == channel_id)
        ).scalar_one()
    )


def import_slack_export(
    database: Database, config: Config, path: Path, progress: Progress | None = None
) -> ImportReport:
    report = ImportReport()
    started = time.perf_counter()
    export = SlackExport(path)
    say = progress or (lambda _line: None)
    try:
        users = export.users()
        channels = export.channels()
        bot_users = {u.id for u in users if u.is_bot}
        with database.sync_engine.begin() as conn:
            _import_organisations_and_groups(conn, config, channels)
            people = _import_people(conn, config, users)
        report.people = len(people)
        bots = {people[u] for u in bot_users if u in people}
        say(f"{len(users)} users, {len(channels)} channels")
        for index, channel in enumerate(channels, start=1):
            messages = list(export.messages(channel.name, bot_users))
            with database.sync_engine.begin() as conn:
                if database.is_sqlite:
                    # a larger page cache keeps the message indexes in memory while loading
                    conn.exec_driver_sql("PRAGMA cache_size=-131072")
                channel_id = _channel_id(conn, channel)
                _import_channel(
                    conn, channel_id, messages, people, bots, set(channel.members), report
                )
            report.channels += 1
            elapsed = time.perf_counter() - started
            say(
                f"[{index}/{len(channels)}] #{channel.name}: {len(messages)} messages "
                f"({report.messages_seen / elapsed:,.0f} messages/s)"
            )
    finally:
        export.close()
    report.seconds = time.perf_counter() - started
    return report
