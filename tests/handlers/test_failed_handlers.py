"""A handler that fails leaves nothing half done: what it wrote, the posts it queued and the
changes it made are undone, and the person gets the answer to the failure once; what came
before the handler (the event's claim, the person, the stored message) stays. On SQLite and
PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSessionTransaction
from sqlmodel import col, select

from bot.core.errors import UserError
from bot.core.events import AccountRef, ConversationRef, FormSubmitted, MessageEvent
from bot.delivery.inbox import Ticket
from bot.dispatch.context import CommandContext, EventContext, InteractionContext
from bot.dispatch.handler_types import command, on_form, on_message
from bot.startup.app import Bot
from bot.storage.inbox_models import InboxEvent, InboxStatus
from bot.storage.models import Message, OutboxItem, Person, StateEntry
from bot.storage.savepoint import SavepointLostError
from tests.support.recording_adapter import RecordingAdapter, message, person, room

ASKED_AGAIN = "Waarover zoek je iemand? Bijvoorbeeld: `!wieweet leerlingenvervoer`"
OUR_FAULT = "Er ging iets mis aan mijn kant (referentie `"
QUEUED = "Aankondiging van een half afgemaakt commando"
HELD = "Bericht voor een platform dat hier niet draait"

FAILURES = [
    pytest.param(UserError("whoknows.usage"), ASKED_AGAIN, id="user-error"),
    pytest.param(RuntimeError("boom"), OUR_FAULT, id="unexpected"),
]


async def _half_work(ctx: EventContext, person: Person, failure: Exception) -> None:
    """A row, a post queued for the loop, a post waiting for its platform, a changed person;
    then the failure."""
    ctx.session.add(StateEntry(key="test:half", value="half", updated_at=ctx.services.clock.now()))
    await ctx.session.flush()
    chat = {"platform": "test", "conversation": room().external_id, "text": QUEUED}
    await ctx.services.outbox.enqueue(ctx.session, "chat:test", chat, "test:queued")
    await ctx.services.outbox.send("chat:elders", {"platform": "elders", "text": HELD})
    person.name = "Overschreven"
    ctx.session.add(person)
    await ctx.session.flush()
    raise failure


def _register_half_work(bot: Bot, failure: Exception) -> None:
    @command("halfwerk", help_key="core.help_command", hidden=True)
    async def half_work(ctx: CommandContext, args: str) -> None:
        await _half_work(ctx, ctx.person, failure)

    bot.services.registry.add(half_work)


async def _left_behind(bot: Bot) -> dict[str, Any]:
    async with bot.services.db.session() as session:
        state = await session.get(StateEntry, "test:half")
        posts = (await session.exec(select(OutboxItem))).all()
        names = (await session.exec(select(Person.name))).all()
        stored = (await session.exec(select(Message.text))).all()
    return {"state": state, "posts": posts, "names": names, "stored": stored}


@pytest.mark.parametrize(("failure", "answer"), FAILURES)
async def test_a_failed_command_leaves_nothing_half_done(
    bot: Bot, adapter: RecordingAdapter, failure: Exception, answer: str
) -> None:
    _register_half_work(bot, failure)
    await bot.dispatcher.dispatch(adapter, message("!halfwerk nu", person("anouk@ermelo.nl")))

    assert [s.text for s in adapter.sent if s.text.startswith(answer)] == adapter.texts
    assert len(adapter.sent) == 1  # the answer to the failure, once
    left = await _left_behind(bot)
    assert left["state"] is None
    assert left["posts"] == []
    assert left["names"] == ["anouk"]
    assert left["stored"] == ["!halfwerk nu"]  # the message itself is kept
    # Nothing is left for the loop to send.
    assert await bot.services.outbox.deliver_due() == 0
    assert adapter.texts == [adapter.sent[0].text]


async def test_a_rolled_back_mail_does_not_wake_the_outbox(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    """A mail is queued as a row of the session (bot/mail/outbox.py); the dispatcher wakes the
    outbox for such rows after the commit, but not for one that was undone."""

    @command("halvemail", help_key="core.help_command", hidden=True)
    async def half_mail(ctx: CommandContext, args: str) -> None:
        ctx.session.add(OutboxItem(channel="email", payload={"mail": {}}, dedupe_key="test:mail"))
        await ctx.session.flush()
        raise UserError("whoknows.usage")

    bot.services.registry.add(half_mail)
    bot.services.outbox.wake.clear()
    await bot.dispatcher.dispatch(adapter, message("!halvemail", person("anouk@ermelo.nl")))
    assert adapter.texts == [ASKED_AGAIN]
    assert not bot.services.outbox.wake.is_set()
    assert (await _left_behind(bot))["posts"] == []


async def test_the_answer_to_a_failure_is_in_the_persons_language(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    _register_half_work(bot, UserError("whoknows.usage"))
    sender = person("bram@harderwijk.nl")
    await bot.dispatcher.dispatch(adapter, message("!taal en", sender))
    await bot.dispatcher.dispatch(adapter, message("!halfwerk", sender))
    assert adapter.texts[-1] == "Who are you looking for? For example: `!whoknows WOZ appeals`"


async def test_a_failed_command_from_the_inbox_is_not_tried_again(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    """The event's claim was made before the handler ran: it stays done, so the failure is
    answered once and not handled again at the next round."""
    _register_half_work(bot, RuntimeError("boom"))
    inbox = bot.services.inbox
    event = message("!halfwerk", person("anouk@ermelo.nl"))

    async def handle(ticket: Ticket) -> None:
        await bot.dispatcher.dispatch(adapter, event)

    inbox.attach("test", handle)
    ticket = await inbox.store("test", "Ev-half", "event", {})
    assert ticket is not None
    assert await inbox.handle(ticket)
    assert await inbox.recover() == 0
    async with bot.services.db.session() as session:
        [row] = (await session.exec(select(InboxEvent))).all()
    assert row.status is InboxStatus.DONE
    assert len(adapter.sent) == 1 and adapter.sent[0].text.startswith(OUR_FAULT)
    assert (await _left_behind(bot))["state"] is None


async def test_a_failed_listener_is_undone_and_the_others_still_run(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    seen: list[str] = []
    failed: list[str] = []

    @on_message
    async def failing(ctx: EventContext, event: MessageEvent) -> None:
        assert ctx.message is not None
        sender = await ctx.session.get(Person, ctx.message.author_id)
        assert sender is not None
        try:
            await _half_work(ctx, sender, RuntimeError("boom"))
        except RuntimeError as exc:
            failed.append(str(exc))
            raise

    @on_message
    async def counting(ctx: EventContext, event: MessageEvent) -> None:
        seen.append(event.text)

    bot.services.registry.listeners["message"][:0] = [failing, counting]
    await bot.dispatcher.dispatch(adapter, message("Wie kent de Wmo?", person("anouk@ermelo.nl")))

    assert failed == ["boom"] and seen == ["Wie kent de Wmo?"]
    assert adapter.sent == []  # a listener's failure is logged, nobody is answered
    left = await _left_behind(bot)
    assert (left["state"], left["posts"], left["names"]) == (None, [], ["anouk"])
    assert left["stored"] == ["Wie kent de Wmo?"]


async def test_a_failed_form_is_undone_and_answered_once(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    @on_form("half_form")
    async def half_form(ctx: InteractionContext, event: FormSubmitted) -> None:
        await _half_work(ctx, ctx.person, UserError("whoknows.usage"))

    bot.services.registry.add(half_form)
    sender = person("anouk@ermelo.nl")
    form = FormSubmitted(
        ConversationRef("test", "dm:anouk", is_direct=True), sender, "half_form", {}, {}
    )
    await bot.dispatcher.dispatch(adapter, form)

    assert [(s.kind, s.text) for s in adapter.sent] == [("direct", ASKED_AGAIN)]
    left = await _left_behind(bot)
    assert (left["state"], left["posts"], left["names"]) == (None, [], ["anouk"])


async def test_a_command_that_succeeds_keeps_its_work(bot: Bot, adapter: RecordingAdapter) -> None:
    @command("heelwerk", help_key="core.help_command", hidden=True)
    async def whole_work(ctx: CommandContext, args: str) -> None:
        now = ctx.services.clock.now()
        ctx.session.add(StateEntry(key="test:whole", value="whole", updated_at=now))
        chat = {"platform": "test", "conversation": room().external_id, "text": QUEUED}
        await ctx.services.outbox.enqueue(ctx.session, "chat:test", chat, "test:queued")
        await ctx.respond("Klaar")

    bot.services.registry.add(whole_work)
    await bot.dispatcher.dispatch(adapter, message("!heelwerk", person("anouk@ermelo.nl")))
    async with bot.services.db.session() as session:
        assert await session.get(StateEntry, "test:whole") is not None
        queued = (
            await session.exec(
                select(OutboxItem).where(col(OutboxItem.dedupe_key) == "test:queued")
            )
        ).all()
    assert len(queued) == 1
    assert await bot.services.outbox.deliver_due() == 1
    assert adapter.texts == ["Klaar", QUEUED]


@dataclass
class ListingAdapter(RecordingAdapter):
    """A platform that says who is in a conversation: here a partner reads along."""

    def __post_init__(self) -> None:
        self.listed: list[str] = []

    async def members(self, conversation: ConversationRef) -> list[AccountRef]:
        self.listed.append(conversation.external_id)
        return [person("x@vandijkbouw.nl")]


async def test_members_listed_by_a_failed_command_are_listed_again(bot: Bot) -> None:
    """The partner recorded as a reader by a command that then failed is no reader in the
    database: the next answer in that room is still built for a partner (issue 13)."""
    adapter = ListingAdapter()
    bot.services.adapters.add(adapter)

    @command("lezers", help_key="core.help_command", hidden=True)
    async def readers(ctx: CommandContext, args: str) -> None:
        audience = await ctx.audience()
        if args == "kapot":
            raise UserError("whoknows.usage")
        await ctx.respond("beperkt" if audience.restricted else "open")

    bot.services.registry.add(readers)
    anouk = person("anouk@ermelo.nl")
    await bot.dispatcher.dispatch(adapter, message("!lezers kapot", anouk))
    await bot.dispatcher.dispatch(adapter, message("!lezers", anouk))
    assert adapter.texts == [ASKED_AGAIN, "beperkt"]
    assert adapter.listed == ["sociaal-domein", "sociaal-domein"]


async def test_a_handler_that_commits_half_way_goes_on_after_the_commit(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    """``!dashboard`` commits its sign-in link before sending it: the posts after that commit
    (written to the outbox in the session) still go out, and the message is stored."""

    @command("tussendoor", help_key="core.help_command", hidden=True)
    async def commits(ctx: CommandContext, args: str) -> None:
        now = ctx.services.clock.now()
        ctx.session.add(StateEntry(key="test:committed", value="x", updated_at=now))
        await ctx.session.commit()
        await ctx.services.outbox.send("chat:elders", {"platform": "elders", "text": HELD})
        await ctx.respond("Klaar")

    bot.services.registry.add(commits)
    await bot.dispatcher.dispatch(adapter, message("!tussendoor", person("anouk@ermelo.nl")))
    assert adapter.texts == ["Klaar"]
    left = await _left_behind(bot)
    async with bot.services.db.session() as session:
        assert await session.get(StateEntry, "test:committed") is not None
    assert [post.payload["text"] for post in left["posts"]] == [HELD]
    assert left["stored"] == ["!tussendoor"]


async def test_a_savepoint_that_cannot_be_undone_commits_nothing(
    bot: Bot, adapter: RecordingAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection lost while undoing a failed handler: nothing of the event is committed
    (not the handler's row either) and nobody is answered; the event is left to be handled
    again, as after any database failure."""
    _register_half_work(bot, UserError("whoknows.usage"))

    async def lost(self: AsyncSessionTransaction) -> None:
        raise ConnectionResetError("the connection went away")

    monkeypatch.setattr(AsyncSessionTransaction, "rollback", lost)
    with pytest.raises(SavepointLostError):
        await bot.dispatcher.dispatch(adapter, message("!halfwerk", person("anouk@ermelo.nl")))
    monkeypatch.undo()
    assert adapter.sent == []
    left = await _left_behind(bot)
    assert (left["state"], left["posts"], left["names"], left["stored"]) == (None, [], [], [])
