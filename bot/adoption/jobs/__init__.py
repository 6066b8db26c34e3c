"""The adoption feature's timed jobs, run by the generic scheduler (``schedules/``) in every
``vraagbaak run``: unanswered questions, the weekly digest, introductions, the monthly report
and the retention of pseudonymised activity. Each takes the services and decides for itself,
by the rules (:mod:`bot.adoption.rules`), whether anything is due."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.adoption.jobs.digest import weekly_digest
from bot.adoption.jobs.introductions import introductions
from bot.adoption.jobs.report import monthly_report
from bot.adoption.jobs.retention import purge_old_activity
from bot.adoption.jobs.unanswered import unanswered_questions
from bot.dispatch.services import Services

JOBS: dict[str, Callable[[Services], Awaitable[None]]] = {
    "unanswered": unanswered_questions,
    "digest": weekly_digest,
    "introductions": introductions,
    "monthly_report": monthly_report,
    "activity_retention": purge_old_activity,
}
