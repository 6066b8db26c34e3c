"""The figures of ``vraagbaak stats``: which groups, which period; the database counts
(:mod:`bot.adoption.figures.queries`), :mod:`bot.adoption.figures.tally` turns its rows into
figures."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from bot.adoption.figures.privacy import MIN_PEOPLE, hide_scope, hide_small_weeks, too_few
from bot.adoption.figures.queries import (
    Selection,
    accepted_questions,
    first_and_last_post,
    people,
    posters,
    posters_between,
    questions,
    replies_per_person,
    select_channels,
)
from bot.adoption.figures.tally import (
    Scope,
    Tally,
    combined,
    core_figures,
    extra_figures,
    mondays_touched,
    week_name,
)
from bot.core.config import Config
from bot.core.working_time import AMSTERDAM, WorkingCalendar, from_epoch_micros
from bot.storage.models import Channel


class UnknownGroupError(ValueError):
    def __init__(self, group_id: str, known: list[str]) -> None:
        self.group_id = group_id
        self.known = known
        super().__init__(f"unknown group {group_id!r}; known groups: {', '.join(known) or '-'}")

    def __reduce__(self) -> tuple[type[UnknownGroupError], tuple[str, list[str]]]:
        return UnknownGroupError, (self.group_id, self.known)  # raised in the worker process


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
    with engine.connect() as conn:
        chosen = Selection(select_channels(conn, selected), *query.bounds())
    # The other queries run on a second connection meanwhile: the database works on them
    # while this thread turns the questions' rows into figures.
    with ThreadPoolExecutor(max_workers=1) as beside:
        others = beside.submit(_accepted_posters_and_weeks, engine, chosen, query)
        with engine.connect() as conn:
            tally = Tally(questions(conn, chosen), people(conn), selected, WorkingCalendar())
            tally.add_replies(replies_per_person(conn, chosen))
        accepted, posted, weekly = others.result()
    scopes = tally.finish(accepted, posted)
    hidden: list[str] = []

    def scope_figures(name: str, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        core, extra = core_figures(scope), extra_figures(scope, MIN_PEOPLE)
        if too_few(len(scope.people)):
            hidden.append(name)
            return hide_scope(core), hide_scope(extra)
        return core, extra

    overall, overall_extra = scope_figures("overall", combined(scopes.values()))
    overall["weekly_active_posters"] = hide_small_weeks(weekly)
    by_channel: dict[str, dict[str, Any]] = {}
    extra_by_channel: dict[str, dict[str, Any]] = {}
    for group in selected:
        by_channel[group], extra_by_channel[group] = scope_figures(group, scopes[group])
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


def _accepted_posters_and_weeks(
    engine: Engine, chosen: Selection, query: StatsQuery
) -> tuple[set[int], dict[str, set[int]], list[dict[str, Any]]]:
    with engine.connect() as conn:
        accepted = accepted_questions(conn, chosen)
        return accepted, posters(conn, chosen), weekly_active_posters(conn, chosen, query)


def weekly_active_posters(
    conn: Connection, chosen: Selection, query: StatsQuery
) -> list[dict[str, Any]]:
    """People who posted, per ISO week (Europe/Amsterdam) that the period touches — without a
    period, from the first to the last post — each week counted by the database."""
    first, last = query.first, query.last
    if first is None or last is None:
        span = first_and_last_post(conn, chosen)
        if span is None:
            return []
        first_day, last_day = (from_epoch_micros(at).astimezone(AMSTERDAM).date() for at in span)
        first, last = first or first_day, last or last_day
    weeks = []
    for monday in mondays_touched(first, last):
        week_start = datetime.combine(monday, time(0), AMSTERDAM)
        week_end = datetime.combine(monday + timedelta(days=7), time(0), AMSTERDAM)
        week = Selection(
            chosen.group_of_channel,
            max(week_start, chosen.start) if chosen.start else week_start,
            min(week_end, chosen.end) if chosen.end else week_end,
        )
        weeks.append({"week": week_name(monday), "count": posters_between(conn, week)})
    return weeks
