"""What the figures count, read from the tables by a few queries that let the database do the
heavy part over its indexes (filtering, ``GROUP BY``, ``COUNT(DISTINCT …)``) and return
compact rows: one per question, one per question and replier, one per group and poster —
never one per message. The same SQL runs on SQLite and PostgreSQL.
:mod:`bot.adoption.figures.tally` turns the rows into figures; their definitions are in
docs/adoption.md.

Which rows count, each decided in one place:

- a **human** is a person not marked as a bot (:func:`by_a_human`);
- a **question** (counted thread) is a thread not started by or addressed to a bot
  (``Thread.by_bot``), started by a human, in a channel of the chosen groups, begun within
  the period (:func:`counted_threads`);
- a **reply** is a human message in a question other than its root, whenever it came
  (:func:`human_replies`); a thread's messages are in the thread's channel;
- a **post** is any human message in the chosen groups' channels within the period
  (:func:`human_posts`).

Bots' own messages and messages addressed to the bot (``Message.is_bot``) count nowhere.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, false, func, select, true

from bot.adoption.figures.epoch_sql import epoch_micros
from bot.storage.models import Channel, Message, Person, Reaction, Thread, ThreadSource

# The same emoji under its Slack name and as a character (Matrix, console).
ACCEPT_KEYS = ("white_check_mark", "✅")


def _table(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


thread, message, channel = _table(Thread), _table(Message), _table(Channel)
person, reaction = _table(Person), _table(Reaction)


@dataclass(frozen=True)
class Selection:
    """The chosen groups' channels and the period (UTC bounds, the end excluded)."""

    group_of_channel: dict[int, str]
    start: datetime | None = None
    end: datetime | None = None

    @property
    def channels(self) -> list[int]:
        return sorted(self.group_of_channel)


def driver_rows(conn: Connection, query: Select[Any]) -> list[Any]:
    """The rows as the database driver returns them (tuples), without SQLAlchemy's Row
    object and result conversion per row: a third of the time for the queries below,
    which return hundreds of thousands of rows of plain integers at scale."""
    result = conn.execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def select_channels(conn: Connection, groups: Collection[str]) -> dict[int, str]:
    rows = conn.execute(
        select(channel.c.id, channel.c.group_id).where(channel.c.group_id.in_(sorted(groups)))
    )
    return {channel_id: group_id for channel_id, group_id in rows}


def by_a_human(author_id: ColumnElement[Any]) -> ColumnElement[bool]:
    # "Not one of the bots" rather than "one of the humans": the bots are few, and a list of
    # every person would make SQLite probe an index once per person.
    bots = select(person.c.id).where(person.c.is_bot == true())
    return and_(author_id.is_not(None), author_id.not_in(bots))


def within(column: Any, start: datetime | None, end: datetime | None) -> list[Any]:
    """``start <= column < end``; a missing bound is open."""
    conditions: list[Any] = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions


def counted_threads(chosen: Selection) -> list[Any]:
    return [
        thread.c.by_bot == false(),
        by_a_human(thread.c.author_id),
        thread.c.channel_id.in_(chosen.channels),
        *within(thread.c.created_at, chosen.start, chosen.end),
    ]


def human_replies(reply: Any) -> list[Any]:
    """Conditions on ``reply`` (message, or an alias of it), joined to its thread."""
    return [
        reply.c.thread_id == thread.c.id,
        reply.c.is_root == false(),
        reply.c.is_bot == false(),
        by_a_human(reply.c.author_id),
    ]


def human_posts(chosen: Selection) -> list[Any]:
    return [
        message.c.is_bot == false(),
        by_a_human(message.c.author_id),
        message.c.channel_id.in_(chosen.channels),
        *within(message.c.created_at, chosen.start, chosen.end),
    ]


@dataclass(slots=True)
class Question:
    """A counted thread (times are epoch microseconds)."""

    group_id: str
    author_id: int
    created: int
    by_email: bool


def questions(conn: Connection, chosen: Selection) -> dict[int, Question]:
    """Every counted thread, by id."""
    query = select(
        thread.c.id,
        thread.c.channel_id,
        thread.c.author_id,
        epoch_micros(thread.c.created_at),
        thread.c.source == ThreadSource.EMAIL,
    ).where(*counted_threads(chosen))
    group_of = chosen.group_of_channel
    return {
        thread_id: Question(group_of[channel_id], author_id, created, bool(by_email))
        for thread_id, channel_id, author_id, created, by_email in driver_rows(conn, query)
    }


def replies_per_person(conn: Connection, chosen: Selection) -> list[tuple[int, int, int, int]]:
    """``(thread id, replier, how many replies, first reply)`` for every question and every
    human who replied in it, the asker included. The database reads these in the order of
    its reply index, without sorting (``ix_message_replies``)."""
    query = (
        select(
            message.c.thread_id,
            message.c.author_id,
            func.count(),
            epoch_micros(func.min(message.c.created_at)),
        )
        .select_from(message.join(thread, thread.c.id == message.c.thread_id))
        .where(*human_replies(message), *counted_threads(chosen))
        .group_by(message.c.thread_id, message.c.author_id)
    )
    return driver_rows(conn, query)


def accepted_questions(conn: Connection, chosen: Selection) -> set[int]:
    """Questions whose asker put ✅ on one of its replies (on any reply: a bot's too)."""
    answer = message.alias("answer")
    query = (
        select(answer.c.thread_id)
        .select_from(
            answer.join(reaction, reaction.c.message_id == answer.c.id).join(
                thread, thread.c.id == answer.c.thread_id
            )
        )
        .where(
            answer.c.is_root == false(),
            reaction.c.person_id == thread.c.author_id,
            reaction.c.key.in_(ACCEPT_KEYS),
            *counted_threads(chosen),
        )
        .distinct()
    )
    return {thread_id for (thread_id,) in driver_rows(conn, query)}


def posters(conn: Connection, chosen: Selection) -> dict[str, set[int]]:
    """Per group, the people who posted within the period."""
    found: dict[str, set[int]] = {group: set() for group in chosen.group_of_channel.values()}
    query = (
        select(message.c.channel_id, message.c.author_id)
        .where(*human_posts(chosen))
        .group_by(message.c.channel_id, message.c.author_id)
    )
    for channel_id, author_id in driver_rows(conn, query):
        found[chosen.group_of_channel[channel_id]].add(author_id)
    return found


def posters_between(conn: Connection, chosen: Selection) -> int:
    """How many people posted in the chosen groups within the period."""
    query = select(func.count(func.distinct(message.c.author_id))).where(*human_posts(chosen))
    return int(conn.execute(query).scalar_one())


def first_and_last_post(conn: Connection, chosen: Selection) -> tuple[int, int] | None:
    """Epoch microseconds of the first and the last post, if there is any."""
    first, last = conn.execute(
        select(
            epoch_micros(func.min(message.c.created_at)),
            epoch_micros(func.max(message.c.created_at)),
        ).where(*human_posts(chosen))
    ).one()
    return None if first is None else (int(first), int(last))


@dataclass(frozen=True, slots=True)
class PersonFacts:
    domain: str | None
    organisation_id: str | None


def email_domain(email: str | None) -> str | None:
    """The part after the last ``@``, lower case; ``None`` without an ``@``."""
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower()


def people(conn: Connection) -> dict[int, PersonFacts]:
    """Every person's e-mail domain and organisation."""
    rows = conn.execute(select(person.c.id, person.c.email, person.c.organisation_id))
    return {
        person_id: PersonFacts(email_domain(email), organisation_id)
        for person_id, email, organisation_id in rows
    }
