"""Saying you are away or not to be disturbed: what who-knows and the nudges read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.core.time_input import parse_day, parse_duration, parse_until
from bot.core.working_time import AMSTERDAM as LOCAL
from bot.startup.app import Bot
from bot.storage.models import Account, PersonSettings
from tests.support.recording_adapter import RecordingAdapter, message, person

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def test_durations() -> None:
    assert parse_duration("3d") == timedelta(days=3)
    assert parse_duration("2 weken") == timedelta(days=14)
    assert parse_duration("1m") == timedelta(days=30)
    assert parse_duration("13m") is None  # more than a year
    assert parse_duration("morgen") is None


def test_days() -> None:
    assert parse_day("12-12", NOW) == datetime(2026, 12, 12, tzinfo=LOCAL)
    assert parse_day("3-1", NOW) == datetime(2027, 1, 3, tzinfo=LOCAL)  # the next 3 January
    assert parse_day("27-11", NOW) == datetime(2027, 11, 27, tzinfo=LOCAL)  # today: next year
    assert parse_day("2026-12-24", NOW) == datetime(2026, 12, 24, tzinfo=LOCAL)
    assert parse_day("24/12/2026", NOW) == datetime(2026, 12, 24, tzinfo=LOCAL)
    assert parse_day("31-02", NOW) is None
    assert parse_day("2026-11-01", NOW) is None  # in the past
    assert parse_day("2028-01-01", NOW) is None  # more than a year ahead
    assert parse_until("tot 12-12", NOW) == datetime(2026, 12, 12, tzinfo=LOCAL)
    assert parse_until("until 2w", NOW) == NOW + timedelta(days=14)


async def _settings(bot: Bot, email: str) -> PersonSettings:
    async with bot.services.db.session() as session:
        account = (await session.exec(select(Account).where(Account.external_id == email))).one()
        settings = await session.get(PersonSettings, account.person_id)
    assert settings is not None
    return settings


async def test_away_until_a_day_shows_in_the_profile_and_ends_with_off(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    anouk = person("anouk@ermelo.nl")
    day = (bot.services.clock.now().astimezone(LOCAL) + timedelta(days=10)).date()
    await bot.dispatcher.dispatch(adapter, message(f"!afwezig tot {day.day}-{day.month}", anouk))
    reply = adapter.sent[-1]
    assert reply.kind == "private" and "Je staat als afwezig tot" in reply.text
    assert str(day.year) in reply.text
    away_until = (await _settings(bot, "anouk@ermelo.nl")).away_until
    assert away_until is not None and away_until.astimezone(LOCAL).date() == day
    await bot.dispatcher.dispatch(adapter, message("!profiel", anouk))
    # the Dutch day, not the UTC one (midnight in Amsterdam is the evening before in UTC)
    assert f"Status: afwezig tot {day.day} " in adapter.sent[-1].text
    await bot.dispatcher.dispatch(adapter, message("!afwezig uit", anouk))
    assert "weer als beschikbaar" in adapter.sent[-1].text
    assert (await _settings(bot, "anouk@ermelo.nl")).away_until is None
    await bot.dispatcher.dispatch(adapter, message("!profiel", anouk))
    assert "Status: beschikbaar" in adapter.sent[-1].text


async def test_away_for_a_while_in_english(bot: Bot, adapter: RecordingAdapter) -> None:
    before = bot.services.clock.now()
    await bot.dispatcher.dispatch(adapter, message("!away 2w", person("bram@harderwijk.nl")))
    assert "You are marked away until" in adapter.sent[-1].text
    away_until = (await _settings(bot, "bram@harderwijk.nl")).away_until
    assert away_until is not None
    assert timedelta(days=14) <= away_until - before < timedelta(days=14, minutes=1)


async def test_away_with_something_that_is_no_date_is_explained(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(adapter, message("!afwezig morgenvroeg", person("a@ermelo.nl")))
    assert "Dat begrijp ik niet als datum of duur" in adapter.sent[-1].text


async def test_do_not_disturb_on_and_off(bot: Bot, adapter: RecordingAdapter) -> None:
    fatima = person("fatima@veluwerand.nl")
    await bot.dispatcher.dispatch(adapter, message("!nietstoren", fatima))
    assert "Niet storen staat aan" in adapter.sent[-1].text
    assert (await _settings(bot, "fatima@veluwerand.nl")).do_not_disturb
    await bot.dispatcher.dispatch(adapter, message("!profiel", fatima))
    assert "Status: niet storen" in adapter.sent[-1].text
    await bot.dispatcher.dispatch(adapter, message("!nietstoren misschien", fatima))
    assert "Gebruik `aan` of `uit`." in adapter.sent[-1].text
    await bot.dispatcher.dispatch(adapter, message("!dnd off", fatima))
    assert adapter.sent[-1].text == "Do not disturb is off."
    assert not (await _settings(bot, "fatima@veluwerand.nl")).do_not_disturb
