from __future__ import annotations

from sqlmodel import select

from bot.startup.app import Bot
from bot.storage.models import Channel
from tests.support.recording_adapter import RecordingAdapter, message, person, room

ADMIN = "beheer@harderwijk.nl"


async def _group_of(bot: Bot, name: str) -> str | None:
    async with bot.services.db.session() as session:
        channel = (await session.exec(select(Channel).where(Channel.external_id == name))).one()
        return channel.group_id


async def test_admin_links_a_room_to_a_group(bot: Bot, adapter: RecordingAdapter) -> None:
    where = room("overleg")
    await bot.dispatcher.dispatch(adapter, message("!koppel omgevingswet", person(ADMIN), where))
    assert "**Omgevingswet**" in adapter.sent[-1].text
    assert await _group_of(bot, "overleg") == "omgevingswet"


async def test_english_alias_and_unknown_group(bot: Bot, adapter: RecordingAdapter) -> None:
    where = room("overleg")
    await bot.dispatcher.dispatch(adapter, message("!link nope", person(ADMIN), where))
    assert "There is no group `nope`" in adapter.sent[-1].text
    assert "`sociaal-domein`" in adapter.sent[-1].text
    assert await _group_of(bot, "overleg") is None


async def test_members_may_not_link(bot: Bot, adapter: RecordingAdapter) -> None:
    where = room("overleg")
    await bot.dispatcher.dispatch(
        adapter, message("!koppel omgevingswet", person("anouk@ermelo.nl"), where)
    )
    assert "alleen voor de rol _beheerder_" in adapter.sent[-1].text
    assert await _group_of(bot, "overleg") is None
