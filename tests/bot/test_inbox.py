"""The inbox: a stored event is handled once, a dead process's events are taken over at
once, a live one's are left alone, and a failure is tried again later (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.core.events import utcnow
from bot.delivery.inbox import LEASE, Ticket
from bot.delivery.liveness import Replica
from bot.startup.app import Bot
from bot.storage.inbox_models import InboxEvent, InboxStatus


async def _rows(bot: Bot) -> list[InboxEvent]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(InboxEvent).order_by(InboxEvent.id))).all())


async def _left_by(bot: Bot, owner: str, delivery_id: str) -> None:
    """What a process that stored an event and was then killed leaves behind."""
    async with bot.services.db.session() as session:
        session.add(
            InboxEvent(
                platform="test",
                delivery_id=delivery_id,
                kind="event",
                payload={"text": delivery_id},
                attempts=1,
                lease_owner=owner,
                lease_until=utcnow() + LEASE,
            )
        )
        await session.commit()


async def test_a_stored_event_is_handled_once_and_forgotten(bot: Bot) -> None:
    inbox = bot.services.inbox
    seen: list[Ticket] = []

    async def handler(ticket: Ticket) -> None:
        seen.append(ticket)

    inbox.attach("test", handler)
    first = await inbox.store("test", "Ev1", "event", {"text": "!hulp"})
    assert first is not None
    assert await inbox.store("test", "Ev1", "event", {"text": "!hulp"}) is None  # redelivery
    assert await inbox.handle(first)
    assert await inbox.recover() == 0  # nothing left over
    assert [t.payload for t in seen] == [{"text": "!hulp"}]
    assert not seen[0].retried
    [row] = await _rows(bot)
    assert row.status is InboxStatus.DONE and row.payload == {} and row.lease_owner is None


async def test_the_events_of_a_process_that_ended_are_handled_at_once(bot: Bot) -> None:
    inbox = bot.services.inbox
    seen: list[Ticket] = []

    async def handler(ticket: Ticket) -> None:
        seen.append(ticket)

    # The killed process held these leases for minutes to come; its lock died with it.
    killed = Replica(bot.services.db)
    await killed.start()
    await _left_by(bot, killed.name, "Ev1")
    await _left_by(bot, killed.name, "Ev2")
    await killed.stop()
    inbox.attach("test", handler)
    assert await inbox.recover() == 2
    assert [(t.delivery_id, t.retried) for t in seen] == [("Ev1", True), ("Ev2", True)]
    assert {r.status for r in await _rows(bot)} == {InboxStatus.DONE}


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_live_process_keeps_its_events(bot: Bot) -> None:
    inbox = bot.services.inbox
    seen: list[Ticket] = []

    async def handler(ticket: Ticket) -> None:
        seen.append(ticket)

    other = Replica(bot.services.db)  # another replica, alive and busy with its event
    await other.start()
    try:
        await _left_by(bot, other.name, "EvBusy")
        inbox.attach("test", handler)
        assert await inbox.recover() == 0
        assert seen == []
    finally:
        await other.stop()
    assert await inbox.recover() == 1  # it ended without finishing: taken over now
    assert [t.delivery_id for t in seen] == ["EvBusy"]


async def test_a_failure_is_tried_again_later(bot: Bot) -> None:
    inbox = bot.services.inbox
    calls = 0

    async def handler(ticket: Ticket) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("database away")

    inbox.attach("test", handler)
    ticket = await inbox.store("test", "Ev1", "event", {})
    assert ticket is not None
    assert not await inbox.handle(ticket)
    [row] = await _rows(bot)
    assert row.status is InboxStatus.PENDING and row.lease_owner is None
    assert row.next_attempt_at > utcnow() + timedelta(seconds=10)
    assert "database away" in (row.last_error or "")
    assert await inbox.recover() == 0  # not due yet
    async with bot.services.db.session() as session:
        stored = await session.get(InboxEvent, row.id)
        assert stored is not None
        stored.next_attempt_at = utcnow()
        session.add(stored)
        await session.commit()
    assert await inbox.recover() == 1
    assert calls == 2
