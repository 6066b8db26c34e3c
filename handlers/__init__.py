"""What happens: one module per capability. Handlers see core events and services only."""

from __future__ import annotations

from types import ModuleType


def default_modules() -> list[ModuleType]:
    """The handler modules the bot runs with, in help order: the place that loads the
    features' commands (the adoption package's among them)."""
    from bot.adoption import commands as adoption
    from handlers import (
        core,
        dashboard,
        email_questions,
        entry_points,
        mail_answers,
        mail_quarantine,
        people,
        rooms,
        settings,
        whoknows,
    )

    return [
        core,
        whoknows,
        email_questions,
        mail_answers,
        mail_quarantine,
        settings,
        people,
        rooms,
        adoption,
        dashboard,
        entry_points,
    ]
