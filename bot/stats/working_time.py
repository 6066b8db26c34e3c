"""Working time: Monday to Friday 9:00-17:00 Europe/Amsterdam, Dutch public holidays off.

Used for response times in working hours and for the quiet hours of nudges.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=32)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_dutch_public_holiday(day: date) -> bool:
    """A public holiday in the Netherlands (the ``holidays`` package's list for NL)."""
    return day in _dutch_holidays(day.year)


class WorkingCalendar:
    """Working days and hours in one timezone. Holidays are Dutch public holidays."""

    def __init__(
        self, start: time = time(9), end: time = time(17), tz: ZoneInfo = AMSTERDAM
    ) -> None:
        if end <= start:
            raise ValueError("the working day must end after it starts")
        self.start = start
        self.end = end
        self.tz = tz

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware datetimes")
        return moment.astimezone(self.tz)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not is_dutch_public_holiday(day)

    def is_working_time(self, moment: datetime) -> bool:
        local = self.local(moment)
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def _day_window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.start, self.tz),
            datetime.combine(day, self.end, self.tz),
        )

    def _working_days(self, first: date, last: date) -> Iterator[date]:
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def working_seconds_between(self, begin: datetime, finish: datetime) -> float:
        """Seconds of working time in ``[begin, finish)``; 0 when ``finish <= begin``."""
        if finish <= begin:
            return 0.0
        total = 0.0
        for day in self._working_days(self.local(begin).date(), self.local(finish).date()):
            opens, closes = self._day_window(day)
            lo, hi = max(opens, begin), min(closes, finish)
            if hi > lo:
                total += (hi - lo).total_seconds()
        return total

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` itself when it is working time, else the next opening."""
        local = self.local(moment)
        day = local.date()
        while True:
            if self.is_working_day(day):
                opens, closes = self._day_window(day)
                if local < closes:
                    return max(opens, local)
            day += timedelta(days=1)
            local = datetime.combine(day, time(0), self.tz)

    def add_working_time(self, moment: datetime, delta: timedelta) -> datetime:
        """The moment ``delta`` of working time after ``moment``."""
        remaining = delta.total_seconds()
        current = self.next_working_moment(moment)
        while True:
            _, closes = self._day_window(self.local(current).date())
            available = (closes - current).total_seconds()
            if remaining <= available:
                return current + timedelta(seconds=remaining)
            remaining -= available
            current = self.next_working_moment(closes)

    def working_day_key(self, moment: datetime) -> date:
        """The local date, used to cap things 'per working day'."""
        return self.local(moment).date()

    def working_days_between(self, begin: datetime, finish: datetime) -> int:
        """Whole working days that lie strictly after ``begin``'s day up to ``finish``'s day."""
        first = self.local(begin).date() + timedelta(days=1)
        last = self.local(finish).date()
        return sum(1 for _ in self._working_days(first, last))
