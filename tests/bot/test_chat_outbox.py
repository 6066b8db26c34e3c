from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.core.clock import ManualClock
from bot.core.events import ConversationRef, MessageRef
from bot.startup.app import Bot
from bot.startup.chat_outbox import queue_chat
from bot.storage.models import OutboxItem, OutboxStatus
from tests.support.recording_adapter import RecordingAdapter


class FlakyAdapter(RecordingAdapter):
    failures: int = 0

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("homeserver away")
        return await super().post(conversation, text, thread_id=thread_id)


async def _items(bot: Bot) -> list[OutboxItem]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(OutboxItem))).all())


async def test_a_queued_post_goes_out_once_the_platform_runs(bot: Bot) -> None:
    await queue_chat(
        bot.services, "test", text="Open vraag", conversation="room", thread="t1", dedupe_key="k1"
    )
    await queue_chat(
        bot.services, "test", text="Open vraag", conversation="room", thread="t1", dedupe_key="k1"
    )
    outbox = bot.services.outbox
    assert await outbox.deliver_due() == 0  # no adapter for "test" runs yet
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
    assert await outbox.deliver_due() == 1
    assert [(s.text, s.thread_id) for s in adapter.sent] == [("Open vraag", "t1")]
    assert await outbox.deliver_due() == 0
    [item] = await _items(bot)
    assert item.status is OutboxStatus.SENT
    assert "text" not in item.payload


@pytest.mark.parametrize("bot_clock", [ManualClock(datetime.now(UTC))])
async def test_a_failed_post_is_retried_later(bot: Bot, bot_clock: ManualClock) -> None:
    clock = bot_clock
    adapter = FlakyAdapter()
    adapter.failures = 1
    bot.services.adapters.add(adapter)
    await queue_chat(bot.services, "test", text="Hallo", to="anouk@ermelo.nl")
    await queue_chat(bot.services, "test", text="Draad", conversation="room")
    outbox = bot.services.outbox
    assert await outbox.deliver_due() == 1  # the DM went, the post failed
    [_, failed] = await _items(bot)
    assert failed.attempts == 1 and failed.status is OutboxStatus.PENDING
    assert await outbox.deliver_due() == 0  # not due yet
    clock.advance(timedelta(minutes=1))
    assert await outbox.deliver_due() == 1
    assert [s.kind for s in adapter.sent] == ["direct", "post"]
