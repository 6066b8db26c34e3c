"""The figures' definitions as plain Python over plain rows: the implementation before the
aggregation moved into SQL, kept as the oracle that ``compute_stats`` must equal exactly
(tests/stats/test_against_reference.py). Slow (minutes at 1M messages), obvious, and only for
tests."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, false, select

from bot.adoption.figures.compute import StatsQuery, UnknownGroupError, known_groups
from bot.adoption.figures.privacy import MIN_PEOPLE, hide_scope, hide_small_weeks, too_few
from bot.core.config import Config
from bot.core.working_time import AMSTERDAM, WorkingCalendar
from bot.storage.models import Channel, Message, Person, Reaction, Thread

ACCEPT_KEYS = ("white_check_mark", "✅")
DAY_SECONDS = 86_400
DIGITS = 4


class ReferenceCalendar(WorkingCalendar):
    """Working seconds by walking the days with datetimes, as before."""

    def working_seconds_between(self, begin: datetime, finish: datetime) -> float:
        if finish <= begin:
            return 0.0
        total = 0.0
        day = self.local(begin).date()
        while day <= self.local(finish).date():
            if self.is_working_day(day):
                opens, closes = self._day_window(day)
                lo, hi = max(opens, begin), min(closes, finish)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += timedelta(days=1)
        return total


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


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


@dataclass(frozen=True)
class FirstResponse:
    thread: ThreadRow
    at: datetime

    @property
    def seconds(self) -> float:
        return (self.at - self.thread.created_at).total_seconds()


def first_responses(
    threads: Iterable[ThreadRow], replies_by_thread: dict[int, list[ReplyRow]]
) -> list[FirstResponse]:
    """For each answered thread, the first reply by a human other than its author."""
    found = []
    for thread in threads:
        others = [
            r.created_at
            for r in replies_by_thread.get(thread.id, ())
            if r.author_id != thread.author_id
        ]
        if others:
            found.append(FirstResponse(thread, min(others)))
    return found


def median(values: list[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count."""
    return statistics.median(values) if values else None


def cross_org_share(
    threads: Iterable[ThreadRow],
    replies_by_thread: dict[int, list[ReplyRow]],
    data: StatsInput,
) -> float | None:
    total = 0
    across = 0
    for thread in threads:
        asker = data.people.get(thread.author_id)
        for reply in replies_by_thread.get(thread.id, ()):
            if reply.author_id == thread.author_id:
                continue
            helper = data.people.get(reply.author_id)
            total += 1
            if (helper.domain if helper else None) != (asker.domain if asker else None):
                across += 1
    return across / total if total else None


def core_figures(
    threads: list[ThreadRow],
    replies_by_thread: dict[int, list[ReplyRow]],
    posts: list[PostRow],
    data: StatsInput,
) -> dict[str, Any]:
    """The seven figures every scope has, in the order of stats.json."""
    responses = first_responses(threads, replies_by_thread)
    hours = [r.seconds / 3600 for r in responses]
    return {
        "threads": len(threads),
        "answered": len(responses),
        "answered_within_24h": sum(1 for r in responses if r.seconds <= DAY_SECONDS),
        "median_hours_to_first_response": rounded(median(hours)),
        "accepted": sum(1 for t in threads if t.id in data.accepted),
        "active_posters": len({p.author_id for p in posts}),
        "cross_org_answer_share": rounded(cross_org_share(threads, replies_by_thread, data)),
    }


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.astimezone(AMSTERDAM).isocalendar()
    return f"{year}-W{week:02d}"


def weeks_touched(first: date, last: date) -> list[str]:
    """Every ISO week from the one holding ``first`` to the one holding ``last``."""
    weeks: list[str] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        year, week, _ = monday.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        monday += timedelta(days=7)
    return weeks


def weekly_active_posters(
    posts: list[PostRow], first: date | None, last: date | None
) -> list[dict[str, Any]]:
    dates = [p.created_at.astimezone(AMSTERDAM).date() for p in posts]
    start = first or (min(dates) if dates else None)
    finish = last or (max(dates) if dates else None)
    if start is None or finish is None:
        return []
    people: dict[str, set[int]] = defaultdict(set)
    for post in posts:
        people[iso_week(post.created_at)].add(post.author_id)
    return [{"week": w, "count": len(people.get(w, ()))} for w in weeks_touched(start, finish)]


def extra_figures(
    threads: list[ThreadRow],
    replies_by_thread: dict[int, list[ReplyRow]],
    calendar: ReferenceCalendar,
) -> dict[str, Any]:
    """Figures beyond the stats.json keys."""
    responses = first_responses(threads, replies_by_thread)
    working = [
        calendar.working_seconds_between(r.thread.created_at, r.at) / 3600 for r in responses
    ]
    unreplied = sum(1 for t in threads if not replies_by_thread.get(t.id))
    by_email = sum(1 for t in threads if t.by_email)
    return {
        "median_working_hours_to_first_response": rounded(median(working)),
        "open_without_reply": unreplied,
        "email_question_share": rounded(by_email / len(threads)) if threads else None,
    }


def organisation_pairs(
    threads: list[ThreadRow],
    replies_by_thread: dict[int, list[ReplyRow]],
    data: StatsInput,
    min_people: int,
) -> tuple[list[dict[str, Any]], int]:
    """Pairs of organisations where people of one answered questions of the other.

    Returns the pairs about at least ``min_people`` distinct people (askers and helpers) and
    how many pairs were hidden because they are about fewer.
    """
    replies: dict[tuple[str, str], int] = defaultdict(int)
    helped_threads: dict[tuple[str, str], set[int]] = defaultdict(set)
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    for thread in threads:
        asker = data.people.get(thread.author_id)
        if asker is None or asker.organisation_id is None:
            continue
        for reply in replies_by_thread.get(thread.id, ()):
            helper = data.people.get(reply.author_id)
            if reply.author_id == thread.author_id or helper is None:
                continue
            if helper.organisation_id is None or helper.organisation_id == asker.organisation_id:
                continue
            pair = (helper.organisation_id, asker.organisation_id)
            replies[pair] += 1
            helped_threads[pair].add(thread.id)
            people[pair].update((reply.author_id, thread.author_id))
    shown: list[dict[str, Any]] = [
        {
            "helper": helper,
            "asker": asker,
            "replies": replies[(helper, asker)],
            "threads": len(helped_threads[(helper, asker)]),
        }
        for helper, asker in sorted(replies)
        if len(people[(helper, asker)]) >= min_people
    ]
    shown.sort(key=lambda p: (-p["replies"], p["helper"], p["asker"]))
    return shown, len(replies) - len(shown)


def _scope(
    data: StatsInput, groups: set[str]
) -> tuple[list[ThreadRow], dict[int, list[ReplyRow]], list[PostRow]]:
    threads = [t for t in data.threads if t.group_id in groups]
    ids = {t.id for t in threads}
    replies: dict[int, list[ReplyRow]] = defaultdict(list)
    for reply in data.replies:
        if reply.thread_id in ids:
            replies[reply.thread_id].append(reply)
    posts = [p for p in data.posts if p.group_id in groups]
    return threads, replies, posts


def _people_in(
    threads: list[ThreadRow], replies: dict[int, list[ReplyRow]], posts: list[PostRow]
) -> int:
    people = {t.author_id for t in threads} | {p.author_id for p in posts}
    for items in replies.values():
        people.update(r.author_id for r in items)
    return len(people)


def reference_stats(
    engine: Engine, config: Config, query: StatsQuery | None = None
) -> dict[str, Any]:
    query = query or StatsQuery()
    known = known_groups(engine)
    if query.group is not None:
        if query.group not in known:
            raise UnknownGroupError(query.group, known)
        selected = [query.group]
    else:
        ignored = set(config.stats.ignore_groups)
        selected = [g for g in known if g not in ignored]
    start, end = query.bounds()
    with engine.connect() as conn:
        data = load_input(conn, selected, start, end)
    calendar = ReferenceCalendar()
    hidden: list[str] = []

    def scope_figures(name: str, groups: set[str]) -> tuple[dict[str, Any], dict[str, Any]]:
        threads, replies, posts = _scope(data, groups)
        core = core_figures(threads, replies, posts, data)
        extra = extra_figures(threads, replies, calendar)
        pairs, pairs_hidden = organisation_pairs(threads, replies, data, MIN_PEOPLE)
        extra["organisation_pairs"] = pairs
        extra["organisation_pairs_hidden"] = pairs_hidden
        if too_few(_people_in(threads, replies, posts)):
            hidden.append(name)
            return hide_scope(core), hide_scope(extra)
        return core, extra

    overall, overall_extra = scope_figures("overall", set(selected))
    _, _, all_posts = _scope(data, set(selected))
    weekly = weekly_active_posters(all_posts, query.first, query.last)
    overall["weekly_active_posters"] = hide_small_weeks(weekly)
    by_channel: dict[str, dict[str, Any]] = {}
    extra_by_channel: dict[str, dict[str, Any]] = {}
    for group in selected:
        by_channel[group], extra_by_channel[group] = scope_figures(group, {group})
    return {
        "period": {
            "from": query.first.isoformat() if query.first else None,
            "to": query.last.isoformat() if query.last else None,
            "timezone": "Europe/Amsterdam",
        },
        "overall": overall,
        "by_channel": by_channel,
        "extra": {"overall": overall_extra, "by_channel": extra_by_channel},
        "hidden": hidden,
    }
