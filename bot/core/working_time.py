"""Working time: Monday to Friday 9:00-17:00 Europe/Amsterdam, Dutch public holidays off.

Used for response times in working hours and for the quiet hours of nudges.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = EPOCH.date().toordinal()
MICROSECOND = timedelta(microseconds=1)
HOUR_US = 3_600_000_000
DAY_US = 86_400_000_000


def epoch_micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC, exactly (an aware datetime)."""
    return (moment - EPOCH) // MICROSECOND


def from_epoch_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


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
        # Caches for counting working time over many moments given as epoch microseconds:
        # the UTC offset per UTC hour (None: the offset changes within that hour) and the
        # working window of each local day (None: not a working day).
        self._offsets: dict[int, int | None] = {}
        self._windows: dict[int, tuple[int, int] | None] = {}

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
        self.local(begin), self.local(finish)  # refuses naive datetimes
        return self.working_seconds_between_micros(epoch_micros(begin), epoch_micros(finish))

    def working_seconds_between_micros(self, begin: int, finish: int) -> float:
        """:meth:`working_seconds_between` for epoch microseconds, without datetimes: the
        figures count it for every answered question. The seconds of each working day are
        added one day at a time, so the float sum is the same as walking datetimes."""
        if finish <= begin:
            return 0.0
        total = 0.0
        windows = self._windows
        for ordinal in range(self._local_ordinal(begin), self._local_ordinal(finish) + 1):
            window = windows[ordinal] if ordinal in windows else self._window(ordinal)
            if window is None:
                continue
            lo = window[0] if window[0] > begin else begin
            hi = window[1] if window[1] < finish else finish
            if hi > lo:
                total += (hi - lo) / 1_000_000
        return total

    def _local_ordinal(self, micros: int) -> int:
        """The proleptic ordinal of the local date of an epoch-microseconds moment."""
        hour = micros // HOUR_US
        offset = self._offsets[hour] if hour in self._offsets else self._hour_offset(hour)
        if offset is None:
            found = from_epoch_micros(micros).astimezone(self.tz).utcoffset()
            assert found is not None
            offset = found // MICROSECOND
        return (micros + offset) // DAY_US + EPOCH_ORDINAL

    def _hour_offset(self, hour: int) -> int | None:
        first = from_epoch_micros(hour * HOUR_US).astimezone(self.tz).utcoffset()
        last = from_epoch_micros((hour + 1) * HOUR_US - 1).astimezone(self.tz).utcoffset()
        assert first is not None and last is not None
        offset = first // MICROSECOND if first == last else None
        self._offsets[hour] = offset
        return offset

    def _window(self, ordinal: int) -> tuple[int, int] | None:
        day = date.fromordinal(ordinal)
        window = None
        if self.is_working_day(day):
            opens, closes = self._day_window(day)
            window = (epoch_micros(opens), epoch_micros(closes))
        self._windows[ordinal] = window
        return window

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
