"""The e-mail edge over real SMTP on loopback: the listener (smtplib client in a thread), the
desk posting through the recording adapter, the outbox into an aiosmtpd sink. The whole
loop as the people in it experience it is in ``test_journeys``."""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage

import pytest
from sqlmodel import select

from bot.core.events import ConversationRef
from bot.mail.component import MailComponent
from bot.mail.outbox import smtp_transport
from bot.startup.app import Bot
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel, OutboxItem, OutboxStatus
from tests.mail import mails
from tests.mail.smtp_sink import Sink, free_port, running_sink
from tests.support.recording_adapter import RecordingAdapter

GROUP_CHANNEL = ConversationRef("test", "C-OMG", "#omgevingswet")
SIZE_LIMIT = 100_000


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with running_sink() as running:
        yield running


@pytest.fixture
async def mail(
    bot: Bot, adapter: RecordingAdapter, sink: tuple[Sink, int]
) -> AsyncIterator[MailComponent]:
    async with bot.services.db.session() as session:
        session.add(
            Channel(
                platform="test", external_id="C-OMG", name="#omgevingswet", group_id="omgevingswet"
            )
        )
        session.add(
            Channel(
                platform="test", external_id="C-SOC", name="#sociaal", group_id="sociaal-domein"
            )
        )
        await session.commit()
    settings = bot.services.config.mail.model_copy(
        update={"smtp_port": free_port(), "outgoing_host": "127.0.0.1", "outgoing_port": sink[1]}
    )
    component = MailComponent(bot, transport=smtp_transport(settings), interval=0.2)
    assert component.listener is not None
    component.listener.port = settings.smtp_port
    component.listener.max_bytes = SIZE_LIMIT  # small, so the refusal test stays quick
    await component.start()
    try:
        yield component
    finally:
        await component.stop()


def send(port: int, message: EmailMessage, rcpt: str = "vraag@vraagbaak.example") -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("sender@ermelo.nl", [rcpt], bytes(message))


async def eventually(check, limit: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + limit
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def rows(bot: Bot) -> list[InboundEmail]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(InboundEmail))).all())


async def _true(value: bool) -> bool:
    return value


async def test_unknown_recipient_refused_and_size_limit(bot: Bot, mail: MailComponent) -> None:
    port = mail.listener.port if mail.listener else 0

    def refused() -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.ehlo()
            code, _ = client.docmd("MAIL FROM:<a@ermelo.nl>")
            assert code == 250
            code, _ = client.docmd("RCPT TO:<nobody@vraagbaak.example>")
            assert code == 550

    await asyncio.to_thread(refused)
    big = mails.plain("x" * (SIZE_LIMIT + 10))
    with pytest.raises(smtplib.SMTPException):
        await asyncio.to_thread(send, port, big)
    assert await rows(bot) == []


async def test_chat_down_then_back_posts_once(
    bot: Bot, adapter: RecordingAdapter, mail: MailComponent
) -> None:
    original_post = adapter.post
    down = True

    async def flaky(conversation, text, *, thread_id=None):  # type: ignore[no-untyped-def]
        if down:
            raise ConnectionError("chat unreachable")
        return await original_post(conversation, text, thread_id=thread_id)

    adapter.post = flaky  # type: ignore[method-assign]
    port = mail.listener.port if mail.listener else 0
    message = mails.plain("Hoe werkt de Wmo bij een traplift?", subject="Traplift")
    await asyncio.to_thread(send, port, message)
    await eventually(lambda: _attempted(bot))
    stored = await rows(bot)
    assert stored[0].status == InboundStatus.RECEIVED and stored[0].raw  # kept, not lost
    # redelivery of the same message is recognised
    await asyncio.to_thread(send, port, message)
    assert len(await rows(bot)) == 1
    down = False
    async with bot.services.db.session() as session:
        row = await session.get(InboundEmail, stored[0].id)
        assert row is not None
        row.next_attempt_at = bot.services.clock.now()
        session.add(row)
        await session.commit()
    mail.desk.wake.set()
    await eventually(lambda: _status(bot, InboundStatus.POSTED))
    roots = [s for s in adapter.sent if s.thread_id is None and "Traplift" in s.text]
    assert len(roots) == 1


async def _attempted(bot: Bot) -> bool:
    return any(r.attempts > 0 for r in await rows(bot))


async def _status(bot: Bot, status: InboundStatus) -> bool:
    return all(r.status == status for r in await rows(bot))


async def test_crash_between_store_and_post_loses_nothing(
    bot: Bot, adapter: RecordingAdapter, sink: tuple[Sink, int]
) -> None:
    """The first process stores and dies; a new one posts it, exactly once."""
    from bot.mail.store import store_raw

    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    raw = bytes(mails.plain("Hoe werkt de bijstand bij een erfenis?", subject="Bijstand"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    for _ in range(2):  # two restarts in a row
        component = MailComponent(
            bot,
            transport=smtp_transport(
                bot.services.config.mail.model_copy(
                    update={"outgoing_host": "127.0.0.1", "outgoing_port": sink[1]}
                )
            ),
            smtp=False,
        )
        await component.desk.process_pending()
        await component.outbox.run_once()
    roots = [s for s in adapter.sent if s.thread_id is None and "Bijstand" in s.text]
    assert len(roots) == 1
    assert len(sink[0].messages) == 1  # one confirmation
    async with bot.services.db.session() as session:
        items = (await session.exec(select(OutboxItem))).all()
        assert [i.status for i in items] == [OutboxStatus.SENT]


async def test_auto_reply_and_unknown_sender_are_not_posted(
    bot: Bot, adapter: RecordingAdapter, mail: MailComponent
) -> None:
    port = mail.listener.port if mail.listener else 0
    await asyncio.to_thread(send, port, mails.auto_reply())
    stranger = mails.plain("Hoe zit het met de Wmo?", sender="X <x@unknown.example>")
    await asyncio.to_thread(send, port, stranger)
    await eventually(lambda: _all_handled(bot))
    statuses = sorted(r.status.value for r in await rows(bot))
    assert statuses == ["held", "ignored"]
    assert not [s for s in adapter.sent if s.conversation == GROUP_CHANNEL]


async def _all_handled(bot: Bot) -> bool:
    found = await rows(bot)
    return len(found) == 2 and all(r.status != InboundStatus.RECEIVED for r in found)
