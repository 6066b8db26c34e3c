"""Deliveries handled once, the rows an event needs loaded in one query, the answer first."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from typing import Any

from sqlalchemy import event as sa_event
from sqlmodel import select

from bot.delivery import deliveries
from bot.people.known_rows import load_known_rows
from bot.startup.app import Bot
from bot.storage.inserts import insert_new
from bot.storage.models import Message, ProcessedEvent, Thread
from tests.support.recording_adapter import RecordingAdapter, message, person, room


async def test_a_delivery_is_handled_once_even_for_a_new_message_id(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    first = dataclasses.replace(message("!hulp", person("a@ermelo.nl")), delivery_id="Ev1")
    # The same delivery, translated again (a platform may give it another message id).
    again = dataclasses.replace(first, message_id="other")
    await bot.dispatcher.dispatch(adapter, first)
    await bot.dispatcher.dispatch(adapter, again)
    assert len(adapter.sent) == 1
    async with bot.services.db.session() as session:
        claims = (await session.exec(select(ProcessedEvent))).all()
    assert [(c.platform, c.event_id) for c in claims] == [("test", "Ev1")]


async def test_concurrent_redeliveries_are_answered_once(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    sender = person("a@ermelo.nl")
    await bot.dispatcher.dispatch(adapter, message("hallo", sender))  # known from here on
    sent_before = len(adapter.sent)
    event = dataclasses.replace(message("!hulp", sender), delivery_id="EvSAME")
    await asyncio.gather(*(bot.dispatcher.dispatch(adapter, event) for _ in range(3)))
    assert len(adapter.sent) == sent_before + 1


async def test_a_failed_delivery_can_be_handled_again(bot: Bot, adapter: RecordingAdapter) -> None:
    """The claim is part of the event's transaction: when handling fails, nothing is kept."""
    event = dataclasses.replace(message("!hulp", person("a@ermelo.nl")), delivery_id="EvFAIL")
    real_reply = adapter.reply
    failing = True

    async def reply(*args: Any, **kwargs: Any) -> Any:
        if failing:
            raise ConnectionError("platform down")
        return await real_reply(*args, **kwargs)

    adapter.reply = reply  # type: ignore[method-assign]
    with contextlib.suppress(ConnectionError):
        await bot.dispatcher.dispatch(adapter, event)
    assert adapter.sent == []
    failing = False
    await bot.dispatcher.dispatch(adapter, event)
    assert any("Dit kun je vragen" in sent.text for sent in adapter.sent)


async def test_old_claims_are_pruned(bot: Bot) -> None:
    old = deliveries.utcnow() - deliveries.KEEP_CLAIMS * 2
    async with bot.services.db.session() as session:
        assert await deliveries.claim(session, "slack", "EvOLD", at=old)
        assert await deliveries.claim(session, "slack", "EvNEW")
        assert not await deliveries.claim(session, "slack", "EvNEW")
        await session.commit()
    async with bot.services.db.session() as session:
        assert await deliveries.claim(session, "matrix", "$old", at=old)
        await session.commit()
    assert await deliveries.prune(bot.services.db, "slack") == 1
    assert await deliveries.prune(bot.services.db) == 1  # every platform: the Matrix one
    async with bot.services.db.session() as session:
        left = (await session.exec(select(ProcessedEvent.event_id))).all()
    assert left == ["EvNEW"]


async def test_insert_new_gives_way_to_an_existing_row(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("Vraag", person("a@ermelo.nl"), message_id="q1"))
    async with bot.services.db.session() as session:
        thread = (await session.exec(select(Thread))).one()
        values = {
            "channel_id": thread.channel_id,
            "root_external_id": "q1",
            "author_id": None,
            "created_at": thread.created_at,
            "source": thread.source,
            "by_bot": False,
            "first_reply_at": None,
            "reply_count": 0,
        }
        assert await insert_new(session, Thread, values) is None
        fresh = await insert_new(session, Thread, {**values, "root_external_id": "q2"})
        await session.commit()
        assert isinstance(fresh, int) and fresh != thread.id
        stored = await session.get(Thread, fresh)
    assert stored is not None and stored.created_at == thread.created_at


async def test_known_rows_of_a_sender_seen_before(bot: Bot, adapter: RecordingAdapter) -> None:
    sender = person("a@ermelo.nl")
    async with bot.services.db.session() as session:
        assert await load_known_rows(session, sender, room()) is None
    await bot.dispatcher.dispatch(adapter, message("Vraag", sender, message_id="q1"))
    async with bot.services.db.session() as session:
        rows = await load_known_rows(session, sender, room(), message_id="q1", thread_root_id="q1")
        unknown_room = await load_known_rows(
            session, sender, dataclasses.replace(room(), external_id="elders")
        )
    assert rows is not None
    assert rows.person.email == "a@ermelo.nl" and rows.account.person_id == rows.person.id
    assert rows.channel is not None and rows.member is not None
    assert rows.message is not None and rows.message.external_id == "q1"
    assert rows.thread is not None and rows.thread.root_external_id == "q1"
    assert unknown_room is not None and unknown_room.channel is None
    assert unknown_room.message is None and unknown_room.thread is None


async def test_the_answer_leaves_before_the_message_is_stored(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    """A person seen before is answered after two statements (claim, known rows); storing
    the message and the listeners' work come after the answer."""
    sender = person("a@ermelo.nl")
    await bot.dispatcher.dispatch(adapter, message("!hulp", sender))
    statements: list[str] = []
    answered_after: list[int] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]).split()[0])

    engine = bot.services.db.async_engine.sync_engine
    sa_event.listen(engine, "before_cursor_execute", count)
    real_reply = adapter.reply

    async def reply(*args: Any, **kwargs: Any) -> Any:
        answered_after.append(len(statements))
        return await real_reply(*args, **kwargs)

    adapter.reply = reply  # type: ignore[method-assign]
    try:
        event = dataclasses.replace(message("!hulp", sender), delivery_id="EvFAST")
        await bot.dispatcher.dispatch(adapter, event)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert answered_after == [2], statements
    async with bot.services.db.session() as session:
        stored = (
            await session.exec(select(Message).where(Message.external_id == event.message_id))
        ).one()
    assert stored.is_bot  # a command: bot traffic, stored after the answer
