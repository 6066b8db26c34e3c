"""The figures of ``vraagbaak stats``: which groups, which period, then load and aggregate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, select

from bot.config import Config
from bot.stats.figures import core_figures, extra_figures, organisation_pairs, weekly_active_posters
from bot.stats.privacy import MIN_PEOPLE, hide_scope, hide_small_weeks, too_few
from bot.stats.rows import PostRow, ReplyRow, StatsInput, ThreadRow, load_input
from bot.stats.working_time import AMSTERDAM, WorkingCalendar
from bot.storage.models import Channel


class UnknownGroupError(ValueError):
    def __init__(self, group_id: str, known: list[str]) -> None:
        self.group_id = group_id
        self.known = known
        super().__init__(f"unknown group {group_id!r}; known groups: {', '.join(known) or '-'}")


@dataclass(frozen=True)
class StatsQuery:
    """``first`` and ``last`` are Europe/Amsterdam dates, both included."""

    first: date | None = None
    last: date | None = None
    group: str | None = None

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        start = datetime.combine(self.first, time(0), AMSTERDAM) if self.first else None
        end = (
            datetime.combine(self.last + timedelta(days=1), time(0), AMSTERDAM)
            if self.last
            else None
        )
        return start, end


def known_groups(engine: Engine) -> list[str]:
    """Groups that have at least one channel."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Channel.group_id).where(Channel.group_id.is_not(None)).distinct()  # type: ignore[call-overload, union-attr]
        )
        return sorted(str(g) for (g,) in rows)


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


def compute_stats(
    engine: Engine, config: Config, query: StatsQuery | None = None
) -> dict[str, Any]:
    """Blocking (SQL on the sync engine): call through ``asyncio.to_thread`` in the bot."""
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
    calendar = WorkingCalendar()
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
