"""Moderators see what the worker quarantined and set mail aside for good, in chat and with
the same code as the dashboard's reject button."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.startup.app import Bot
from bot.storage.mail_models import InboundStatus
from bot.storage.models import Channel
from tests.mail import hostile, mails
from tests.mail.test_desk import ADMIN, COLLEAGUE, Captured, inbound, say
from tests.support.recording_adapter import RecordingAdapter


@pytest.fixture
async def component(bot: Bot) -> AsyncIterator[MailComponent]:
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    component = MailComponent(bot, transport=Captured(), smtp=False)
    await component.desk.refresh_router()
    yield component
    await component.desk.close()


def last_private(adapter: RecordingAdapter) -> str:
    return [s for s in adapter.sent if s.kind != "message" or s.to is not None][-1].text


async def test_quarantined_mail_is_listed_and_set_aside(
    bot: Bot, adapter: RecordingAdapter, component: MailComponent
) -> None:
    bomb = await store_raw(
        bot.services.db,
        hostile.nested_rfc822(2000),
        source="imap",
        recipients=["sociaal-domein@vraagbaak.example"],
    )
    await component.desk.process_pending()
    [row] = await inbound(bot)
    assert row.status == InboundStatus.FAILED and row.parsed["action"] == "quarantine"

    await say(bot, adapter, ADMIN, "!quarantaine")
    listing = last_private(adapter)
    assert f"**{bomb.id}**" in listing and "te diep genest" in listing
    assert "piet@elders.example" in listing  # who sent it, for the administrator only

    await say(bot, adapter, COLLEAGUE, "!quarantaine")  # not a manager
    assert f"**{bomb.id}**" not in adapter.sent[-1].text

    await say(bot, adapter, ADMIN, f"!mailafwijzen {bomb.id}")
    assert "terzijde gelegd" in last_private(adapter)
    [row] = await inbound(bot)
    assert row.status == InboundStatus.IGNORED and "rejected by person" in str(row.last_error)

    await say(bot, adapter, ADMIN, "!quarantaine")
    assert "geen mail in quarantaine" in last_private(adapter)
    await say(bot, adapter, ADMIN, f"!mailafwijzen {bomb.id}")
    assert "wacht niet op een beslissing" in last_private(adapter)


async def test_held_mail_set_aside_is_never_posted(
    bot: Bot, adapter: RecordingAdapter, component: MailComponent
) -> None:
    stranger = await store_raw(
        bot.services.db,
        bytes(mails.plain("Mag ik iets vragen?", sender="Onbekend <iemand@elders.example>")),
        source="imap",
        recipients=["sociaal-domein@vraagbaak.example"],
    )
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.HELD

    await say(bot, adapter, COLLEAGUE, f"!mailafwijzen {stranger.id}")  # refused by role
    assert (await inbound(bot))[0].status == InboundStatus.HELD

    await say(bot, adapter, ADMIN, f"!mailafwijzen {stranger.id}")
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {stranger.id}")
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.IGNORED
    assert not [s for s in adapter.sent if "Mag ik iets vragen" in s.text]


async def test_reject_needs_a_number(
    bot: Bot, adapter: RecordingAdapter, component: MailComponent
) -> None:
    await say(bot, adapter, ADMIN, "!mailafwijzen de vorige")
    assert "`!mailafwijzen NUMMER`" in last_private(adapter)
    # Digits to str.isdigit that int() refuses: a usage line, not an error reference.
    for odd in ("²", "٣", "9" * 5000):
        await say(bot, adapter, ADMIN, f"!mailafwijzen {odd}")
        assert "`!mailafwijzen NUMMER`" in last_private(adapter)
        await say(bot, adapter, ADMIN, f"!mailvrijgeven {odd}")
        assert "`!mailvrijgeven NUMMER`" in adapter.sent[-1].text
