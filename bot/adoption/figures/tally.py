"""Pure aggregation: the rows of :mod:`bot.adoption.figures.queries` in, figures out, one scope
(all chosen groups, or one group) at a time. The exact definitions are in docs/adoption.md."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.adoption.figures.queries import PersonFacts, Question
from bot.core.working_time import WorkingCalendar

DAY_SECONDS = 86_400
DIGITS = 4
NOBODY = PersonFacts(None, None)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def median(values: list[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count."""
    return statistics.median(values) if values else None


@dataclass
class Help:
    """Replies by people of one organisation in questions of people of another."""

    replies: int = 0
    threads: set[int] = field(default_factory=set)
    helpers: set[int] = field(default_factory=set)
    askers: set[int] = field(default_factory=set)

    def merge(self, other: Help) -> None:
        self.replies += other.replies
        self.threads |= other.threads
        self.helpers |= other.helpers
        self.askers |= other.askers


@dataclass
class Scope:
    """What one scope's figures are made of, collected question by question."""

    threads: int = 0
    accepted: int = 0
    by_email: int = 0
    unreplied: int = 0
    # Per answered question: hours from the question to the first reply by someone else.
    hours: list[float] = field(default_factory=list)
    working_hours: list[float] = field(default_factory=list)
    within_24h: int = 0
    # Replies by others than the asker, and those whose e-mail domain differs from the asker's.
    replies_by_others: int = 0
    replies_across_domains: int = 0
    help: dict[tuple[str, str], Help] = field(default_factory=dict)
    posters: set[int] = field(default_factory=set)
    # Everyone the figures are about: askers, repliers, posters (for the rule of five).
    people: set[int] = field(default_factory=set)

    def merge(self, other: Scope) -> None:
        self.threads += other.threads
        self.accepted += other.accepted
        self.by_email += other.by_email
        self.unreplied += other.unreplied
        self.hours.extend(other.hours)
        self.working_hours.extend(other.working_hours)
        self.within_24h += other.within_24h
        self.replies_by_others += other.replies_by_others
        self.replies_across_domains += other.replies_across_domains
        for pair, found in other.help.items():
            self.help.setdefault(pair, Help()).merge(found)
        self.posters |= other.posters
        self.people |= other.people


class Tally:
    """Collects the rows of the queries into a :class:`Scope` per group."""

    def __init__(
        self,
        questions: Mapping[int, Question],
        people: Mapping[int, PersonFacts],
        groups: Iterable[str],
        calendar: WorkingCalendar,
    ) -> None:
        self.questions = questions
        self.people = people
        self.calendar = calendar
        self.scopes = {group: Scope() for group in groups}
        self._first_response: dict[int, int] = {}
        self._replied: set[int] = set()

    def add_replies(self, rows: Iterable[tuple[int, int, int, int]]) -> None:
        """Rows ``(question, replier, count, first)``: ``count`` human replies by ``replier``
        in a question, the first at ``first``. Run once per reply row, so kept lean."""
        questions, people, scopes = self.questions, self.people, self.scopes
        first_response, replied = self._first_response, self._replied
        for thread_id, replier, count, first in rows:
            question = questions[thread_id]
            scope = scopes[question.group_id]
            scope.people.add(replier)
            replied.add(thread_id)
            asker_id = question.author_id
            if replier == asker_id:
                continue
            earliest = first_response.get(thread_id)
            if earliest is None or first < earliest:
                first_response[thread_id] = first
            helper = people.get(replier, NOBODY)
            asker = people.get(asker_id, NOBODY)
            scope.replies_by_others += count
            if helper.domain != asker.domain:
                scope.replies_across_domains += count
            helper_org, asker_org = helper.organisation_id, asker.organisation_id
            if helper_org is None or asker_org is None or helper_org == asker_org:
                continue
            found = scope.help.get((helper_org, asker_org))
            if found is None:
                found = scope.help[(helper_org, asker_org)] = Help()
            found.replies += count
            found.threads.add(thread_id)
            found.helpers.add(replier)
            found.askers.add(asker_id)

    def finish(self, accepted: set[int], posters: Mapping[str, set[int]]) -> dict[str, Scope]:
        """Adds every question (answered or not) and the posters; the scopes per group."""
        for thread_id, question in self.questions.items():
            scope = self.scopes[question.group_id]
            scope.threads += 1
            scope.people.add(question.author_id)
            scope.accepted += thread_id in accepted
            scope.by_email += question.by_email
            scope.unreplied += thread_id not in self._replied
            first = self._first_response.get(thread_id)
            if first is None:
                continue
            seconds = (first - question.created) / 1_000_000
            scope.hours.append(seconds / 3600)
            scope.within_24h += seconds <= DAY_SECONDS
            working = self.calendar.working_seconds_between_micros(question.created, first)
            scope.working_hours.append(working / 3600)
        for group, found in posters.items():
            self.scopes[group].posters |= found
            self.scopes[group].people |= found
        return self.scopes


def combined(scopes: Iterable[Scope]) -> Scope:
    total = Scope()
    for scope in scopes:
        total.merge(scope)
    return total


def organisation_pairs(scope: Scope, min_people: int) -> tuple[list[dict[str, Any]], int]:
    """Pairs of organisations where people of one answered questions of the other, most
    replies first. Returns the pairs about at least ``min_people`` distinct people (helpers
    and askers) and how many pairs were hidden because they are about fewer."""
    shown: list[dict[str, Any]] = [
        {"helper": helper, "asker": asker, "replies": found.replies, "threads": len(found.threads)}
        for (helper, asker), found in scope.help.items()
        if len(found.helpers | found.askers) >= min_people
    ]
    shown.sort(key=lambda p: (-p["replies"], p["helper"], p["asker"]))
    return shown, len(scope.help) - len(shown)


def core_figures(scope: Scope) -> dict[str, Any]:
    """The seven figures every scope has, in the order of stats.json."""
    across = (
        scope.replies_across_domains / scope.replies_by_others if scope.replies_by_others else None
    )
    return {
        "threads": scope.threads,
        "answered": len(scope.hours),
        "answered_within_24h": scope.within_24h,
        "median_hours_to_first_response": rounded(median(scope.hours)),
        "accepted": scope.accepted,
        "active_posters": len(scope.posters),
        "cross_org_answer_share": rounded(across),
    }


def extra_figures(scope: Scope, min_people: int) -> dict[str, Any]:
    """Figures beyond the stats.json keys."""
    pairs, hidden = organisation_pairs(scope, min_people)
    return {
        "median_working_hours_to_first_response": rounded(median(scope.working_hours)),
        "open_without_reply": scope.unreplied,
        "email_question_share": (
            rounded(scope.by_email / scope.threads) if scope.threads else None
        ),
        "organisation_pairs": pairs,
        "organisation_pairs_hidden": hidden,
    }


def mondays_touched(first: date, last: date) -> list[date]:
    """The Monday of every ISO week from the one holding ``first`` to the one holding
    ``last``."""
    mondays: list[date] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def week_name(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
