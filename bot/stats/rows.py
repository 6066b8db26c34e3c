"""Reads what the figures need from the tables: plain rows, no aggregation.

Bots (``Person.is_bot``, ``Message.is_bot``, ``Thread.by_bot``) are left out here, as are
channel joins (they are never stored as messages).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, false, select

from bot.storage.models import Channel, Message, Person, Reaction, Thread

# The same emoji under its Slack name and as a character (Matrix, console).
ACCEPT_KEYS = ("white_check_mark", "✅")


@dataclass(frozen=True, slots=True)
class ThreadRow:
    id: int
    group_id: str
    author_id: int
    created_at: datetime
    by_email: bool


@dataclass(frozen=True, slots=True)
class ReplyRow:
    thread_id: int
    author_id: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PostRow:
    group_id: str
    author_id: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PersonRow:
    domain: str | None
    organisation_id: str | None


@dataclass
class StatsInput:
    threads: list[ThreadRow] = field(default_factory=list)
    replies: list[ReplyRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    accepted: set[int] = field(default_factory=set)
    people: dict[int, PersonRow] = field(default_factory=dict)


def _table(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


def _domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower()


def load_input(
    conn: Connection,
    groups: Collection[str],
    start: datetime | None = None,
    end: datetime | None = None,
) -> StatsInput:
    """Rows for ``groups``; threads and posts with ``start <= created_at < end`` (UTC).

    A thread counts by its start; all its replies are read, whenever they came.
    """
    data = StatsInput()
    group_list = sorted(groups)
    if not group_list:
        return data
    thread, message, channel = _table(Thread), _table(Message), _table(Channel)
    person, reaction = _table(Person), _table(Reaction)
    author = person.alias("author")

    def in_period(column: Any) -> list[Any]:
        conditions: list[Any] = []
        if start is not None:
            conditions.append(column >= start)
        if end is not None:
            conditions.append(column < end)
        return conditions

    thread_query = (
        select(
            thread.c.id,
            channel.c.group_id,
            thread.c.author_id,
            thread.c.created_at,
            thread.c.source,
        )
        .join(channel, channel.c.id == thread.c.channel_id)
        .join(author, author.c.id == thread.c.author_id)
        .where(
            thread.c.by_bot == false(),
            author.c.is_bot == false(),
            channel.c.group_id.in_(group_list),
            *in_period(thread.c.created_at),
        )
    )
    for thread_id, group_id, author_id, created_at, source in conn.execute(thread_query):
        data.threads.append(
            ThreadRow(thread_id, group_id, author_id, created_at, str(source).lower() == "email")
        )
    counted = {row.id for row in data.threads}

    reply_query = (
        select(message.c.thread_id, message.c.author_id, message.c.created_at)
        .join(channel, channel.c.id == message.c.channel_id)
        .join(author, author.c.id == message.c.author_id)
        .join(thread, thread.c.id == message.c.thread_id)
        .where(
            message.c.is_root == false(),
            message.c.is_bot == false(),
            author.c.is_bot == false(),
            thread.c.by_bot == false(),
            channel.c.group_id.in_(group_list),
            *in_period(thread.c.created_at),
        )
    )
    for thread_id, author_id, created_at in conn.execute(reply_query):
        if thread_id in counted:
            data.replies.append(ReplyRow(thread_id, author_id, created_at))

    post_query = (
        select(channel.c.group_id, message.c.author_id, message.c.created_at)
        .join(channel, channel.c.id == message.c.channel_id)
        .join(author, author.c.id == message.c.author_id)
        .where(
            message.c.is_bot == false(),
            author.c.is_bot == false(),
            channel.c.group_id.in_(group_list),
            *in_period(message.c.created_at),
        )
    )
    data.posts = [PostRow(g, a, c) for g, a, c in conn.execute(post_query)]

    accepted_query = (
        select(thread.c.id)
        .join(message, message.c.thread_id == thread.c.id)
        .join(
            reaction,
            and_(
                reaction.c.message_id == message.c.id,
                reaction.c.person_id == thread.c.author_id,
            ),
        )
        .join(channel, channel.c.id == thread.c.channel_id)
        .where(
            message.c.is_root == false(),
            reaction.c.key.in_(ACCEPT_KEYS),
            channel.c.group_id.in_(group_list),
        )
        .distinct()
    )
    data.accepted = {tid for (tid,) in conn.execute(accepted_query)} & counted

    involved = {row.author_id for row in data.threads} | {row.author_id for row in data.replies}
    involved |= {row.author_id for row in data.posts}
    people_query = select(person.c.id, person.c.email, person.c.organisation_id)
    for person_id, email, organisation_id in conn.execute(people_query):
        if person_id in involved:
            data.people[person_id] = PersonRow(_domain(email), organisation_id)
    return data
