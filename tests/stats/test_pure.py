"""Working time and the organisation pairs, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.stats.figures import median, organisation_pairs
from bot.stats.rows import PersonRow, ReplyRow, StatsInput, ThreadRow
from bot.stats.working_time import WorkingCalendar

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


def test_organisation_pairs_shown_from_five_people() -> None:
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    people = {i: PersonRow("a.nl", "a") for i in (1, 2, 3)}
    people |= {i: PersonRow("b.nl", "b") for i in (4, 5, 6)}
    data = StatsInput(people=people)
    threads = [ThreadRow(10, "g", 1, at, False), ThreadRow(11, "g", 2, at, False)]
    replies = {
        10: [ReplyRow(10, 4, at), ReplyRow(10, 5, at), ReplyRow(10, 1, at)],
        11: [ReplyRow(11, 6, at), ReplyRow(11, 3, at)],  # 3 is a colleague of the asker
    }
    shown, hidden = organisation_pairs(threads, replies, data, 5)
    # b helped a: helpers 4, 5, 6 and askers 1, 2 are five people.
    assert shown == [{"helper": "b", "asker": "a", "replies": 3, "threads": 2}]
    assert hidden == 0
    shown, hidden = organisation_pairs(threads[:1], replies, data, 5)
    assert shown == [] and hidden == 1  # 1, 4, 5: too few
