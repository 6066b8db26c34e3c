"""Working time and the organisation pairs, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.adoption.figures.queries import PersonFacts, Question
from bot.adoption.figures.tally import Tally, median, organisation_pairs
from bot.core.working_time import WorkingCalendar, epoch_micros

AMS = ZoneInfo("Europe/Amsterdam")


def test_working_seconds_skip_nights_weekends_and_holidays() -> None:
    calendar = WorkingCalendar()
    friday = datetime(2026, 4, 2, 16, tzinfo=AMS)  # Thursday before Good Friday and Easter
    tuesday = datetime(2026, 4, 7, 10, tzinfo=AMS)
    # Thursday 16-17, Tuesday 9-10: Good Friday, the weekend and Easter Monday are off.
    assert calendar.working_seconds_between(friday, tuesday) == 2 * 3600
    assert calendar.working_seconds_between(tuesday, friday) == 0
    assert not calendar.is_working_time(datetime(2026, 4, 27, 10, tzinfo=AMS))  # King's Day
    assert calendar.is_working_time(datetime(2026, 4, 28, 8, tzinfo=UTC))  # 10:00 summer time
    assert not calendar.is_working_time(datetime(2026, 4, 28, 15, tzinfo=UTC))  # 17:00 local


def test_adding_working_time_crosses_evenings_and_weekends() -> None:
    calendar = WorkingCalendar()
    friday = datetime(2026, 3, 6, 15, tzinfo=AMS)
    assert calendar.add_working_time(friday, timedelta(hours=4)) == datetime(
        2026, 3, 9, 11, tzinfo=AMS
    )
    assert calendar.next_working_moment(datetime(2026, 3, 7, 12, tzinfo=AMS)) == datetime(
        2026, 3, 9, 9, tzinfo=AMS
    )


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([]) is None


def test_working_seconds_from_epoch_micros_equal_walking_the_days() -> None:
    """The figures count working time on integers; it must be the same float as the
    datetime version, across nights, weekends, holidays and both DST changes."""
    calendar = WorkingCalendar()
    starts = [
        datetime(2026, 3, 27, 16, 59, 59, 999_999, tzinfo=AMS),  # Friday before summer time
        datetime(2026, 10, 23, 9, 0, 0, 1, tzinfo=AMS),  # Friday before winter time
        datetime(2026, 12, 24, 12, 30, 0, 123_456, tzinfo=AMS),  # Christmas
        datetime(2026, 4, 26, 23, 0, tzinfo=UTC),  # just after midnight on King's Day
    ]
    for begin in starts:
        for step in range(0, 24 * 20, 7):
            finish = begin + timedelta(hours=step, microseconds=step * 997)
            walked = 0.0
            day = begin.astimezone(AMS).date()
            while day <= finish.astimezone(AMS).date():
                if calendar.is_working_day(day):
                    opens = datetime.combine(day, calendar.start, AMS)
                    closes = datetime.combine(day, calendar.end, AMS)
                    lo, hi = max(opens, begin), min(closes, finish)
                    if hi > lo:
                        walked += (hi - lo).total_seconds()
                day += timedelta(days=1)
            counted = calendar.working_seconds_between_micros(
                epoch_micros(begin), epoch_micros(finish)
            )
            assert counted == walked, (begin, finish)


def test_organisation_pairs_shown_from_five_people() -> None:
    at = epoch_micros(datetime(2026, 3, 2, 10, tzinfo=UTC))
    people = {i: PersonFacts("a.nl", "a") for i in (1, 2, 3)}
    people |= {i: PersonFacts("b.nl", "b") for i in (4, 5, 6)}
    questions = {10: Question("g", 1, at, False), 11: Question("g", 2, at, False)}

    def pairs_of(threads: list[int]) -> tuple[list[dict[str, object]], int]:
        tally = Tally({t: questions[t] for t in threads}, people, ["g"], WorkingCalendar())
        replies = [(10, 4, 1, at), (10, 5, 2, at), (10, 1, 1, at), (11, 6, 1, at), (11, 3, 1, at)]
        tally.add_replies(row for row in replies if row[0] in threads)
        return organisation_pairs(tally.finish(set(), {})["g"], 5)

    # b helped a: helpers 4, 5, 6 and askers 1, 2 are five people; 3 is a colleague of 2.
    assert pairs_of([10, 11]) == ([{"helper": "b", "asker": "a", "replies": 4, "threads": 2}], 0)
    assert pairs_of([10]) == ([], 1)  # 1, 4, 5: too few
