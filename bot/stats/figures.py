"""Pure aggregation: rows in, figures out. The exact definitions are in docs/adoption.md."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.stats.rows import PostRow, ReplyRow, StatsInput, ThreadRow
from bot.stats.working_time import AMSTERDAM, WorkingCalendar

DAY_SECONDS = 86_400
DIGITS = 4


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
    calendar: WorkingCalendar,
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
