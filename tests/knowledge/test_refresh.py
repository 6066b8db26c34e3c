"""The daily rebuild of the expertise index (schedules/expertise_refresh.py): term statistics
and fading follow the history without anyone running ``whoknows --rebuild``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from bot.core.clock import ManualClock
from bot.importers.slack_import import import_slack_export
from bot.startup.app import Bot
from bot.storage.expertise_models import ExpertiseWeight
from bot.storage.models import StateEntry
from schedules.expertise_refresh import REFRESHED_KEY, refresh_expertise
from tests.support.whoknows_export import END, write_export


async def _rows(bot: Bot) -> int:
    async with bot.services.db.session() as session:
        return int((await session.exec(select(func.count()).select_from(ExpertiseWeight))).one())


async def _refreshed(bot: Bot) -> str | None:
    async with bot.services.db.session() as session:
        entry = await session.get(StateEntry, REFRESHED_KEY)
        return entry.value if entry else None


@pytest.fixture
def bot_clock() -> ManualClock:
    return ManualClock(END)


async def test_the_index_is_rebuilt_once_a_day(bot: Bot, tmp_path: Path) -> None:
    clock = bot.services.clock
    assert isinstance(clock, ManualClock)
    index = bot.services.experts
    import_slack_export(bot.services.db, bot.services.config, write_export(tmp_path))
    async with bot.services.db.session() as session:
        await session.exec(ExpertiseWeight.__table__.delete())  # type: ignore[attr-defined,call-overload]
        await session.commit()
    assert await _rows(bot) == 0
    await refresh_expertise(bot.services, clock.now())
    assert await _rows(bot) > 0
    first = await _refreshed(bot)
    async with bot.services.db.session() as session:
        ranking = await index.rank(session, "wie weet iets van leerlingenvervoer?")
    assert ranking.candidates and ranking.candidates[0].email == "bram@harderwijk.nl"
    await refresh_expertise(bot.services, clock.now() + timedelta(hours=3))
    assert await _refreshed(bot) == first  # not again the same day
    await refresh_expertise(bot.services, clock.now() + timedelta(hours=25))
    assert await _refreshed(bot) != first
