"""Times as people write and read them: a duration ("3d", "2w", "1m") or a date ("12-12",
"2026-12-12") typed in a command, and a day shown in an answer — all in Dutch time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bot.core.working_time import AMSTERDAM
from knowledge.why import month_label

MAX_DAYS = 366

_DURATION = re.compile(
    r"^(\d{1,3})\s*(d|dag|dagen|days?|w|wk|week|weken|weeks?|m|mnd|maand|maanden|months?)$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?$")


def parse_duration(text: str) -> timedelta | None:
    """Days, weeks or months (of 30 days), up to a year; ``None`` for anything else."""
    found = _DURATION.match(text.strip().lower())
    if not found:
        return None
    amount, unit = int(found[1]), found[2]
    days = amount * (1 if unit.startswith("d") else 7 if unit.startswith("w") else 30)
    return timedelta(days=days) if 0 < days <= MAX_DAYS else None


def parse_day(text: str, now: datetime) -> datetime | None:
    """The start (Dutch time) of a day after today and within a year: ``2026-12-12``,
    ``12-12-2026`` or ``12-12`` (the next 12 December). ``None`` for anything else."""
    cleaned = text.strip()
    today = now.astimezone(AMSTERDAM).date()
    day: date | None = None
    try:
        if found := _ISO.match(cleaned):
            day = date(int(found[1]), int(found[2]), int(found[3]))
        elif found := _DAY_MONTH.match(cleaned):
            day_of_month, month = int(found[1]), int(found[2])
            if found[3]:
                day = date(int(found[3]), month, day_of_month)
            else:
                day = date(today.year, month, day_of_month)
                if day <= today:
                    day = date(today.year + 1, month, day_of_month)
    except ValueError:  # 31-02 and the like
        return None
    if day is None or not today < day <= today + timedelta(days=MAX_DAYS):
        return None
    return datetime.combine(day, time(0, 0), AMSTERDAM)


def parse_until(text: str, now: datetime) -> datetime | None:
    """A moment given as a duration from ``now`` or as a day (``tot``/``until`` optional)."""
    words = text.strip().lower().split(maxsplit=1)
    if len(words) == 2 and words[0] in {"tot", "until", "till", "t/m"}:
        text = words[1]
    duration = parse_duration(text)
    if duration is not None:
        return now + duration
    return parse_day(text, now)


def day_label(at: datetime, lang: str, *, with_year: bool = False) -> str:
    """The Dutch-time day of ``at`` as people read it: "12 december" ("12 December 2026")."""
    local = at.astimezone(AMSTERDAM)
    label = f"{local.day} {month_label(local, local, lang)}"
    return f"{label} {local.year}" if with_year else label
