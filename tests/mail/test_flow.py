"""E-mail to thread and back, over real SMTP on loopback: the listener (smtplib client in a
thread), the desk posting through the recording adapter, the outbox into an aiosmtpd sink."""

from __future__ import annotations

import asyncio
import email
import smtplib
import socket
from collections.abc import AsyncIterator, Iterator
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from sqlmodel import select

from bot.app import Bot
from bot.events import AccountRef, ConversationRef, MessageEvent, ReactionEvent
from bot.mail.component import MailComponent
from bot.mail.outbox import smtp_transport
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel, OutboxItem, OutboxStatus
from tests.mail import mails
from tests.support.recording_adapter import RecordingAdapter

GROUP_CHANNEL = ConversationRef("test", "C-OMG", "#omgevingswet")
SIZE_LIMIT = 100_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or b""
        self.messages.append(
            email.message_from_bytes(bytes(raw), _class=EmailMessage, policy=policy.default)
        )
        return "250 OK"


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


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


async def test_mail_becomes_thread_and_accepted_answer_goes_back(
    bot: Bot, adapter: RecordingAdapter, mail: MailComponent, sink: tuple[Sink, int]
) -> None:
    port = mail.listener.port if mail.listener else 0
    question = mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren")
    await asyncio.to_thread(send, port, question)

    async def posted() -> bool:
        return any(s.conversation == GROUP_CHANNEL and s.thread_id is None for s in adapter.sent)

    await eventually(posted)
    root = next(s for s in adapter.sent if s.conversation == GROUP_CHANNEL)
    assert "Schutting bij de buren" in root.text and "06-12345678" not in root.text
    assert "Petra" not in root.text.split("Doorgestuurd")[0]
    # the forwarder got a confirmation mail
    await eventually(lambda: _true(len(sink[0].messages) >= 1))
    assert sink[0].messages[0]["To"] == "m.hendriks@ermelo.nl"

    # A colleague answers in the thread; the forwarder accepts it with ✅.
    dispatch = bot.dispatcher.for_adapter(adapter)
    colleague = AccountRef("test", "U-BRAM", "Bram", "bram@harderwijk.nl")
    await dispatch(
        MessageEvent(
            GROUP_CHANNEL,
            "m-ans",
            colleague,
            "Ja, boven 2 meter is een vergunning nodig.",
            thread_id=root.message_id,
        )
    )
    forwarder = AccountRef("test", "U-MARK", "Mark", "m.hendriks@ermelo.nl")
    await dispatch(
        ReactionEvent(GROUP_CHANNEL, "m-ans", forwarder, "✅", thread_id=root.message_id)
    )
    await eventually(lambda: _true(len(sink[0].messages) >= 2))
    answer = sink[0].messages[1]
    assert answer["To"].addresses[0].addr_spec == "anna.deboer@example.com"
    assert answer["From"].addresses[0].addr_spec == "omgevingswet@vraagbaak.example"
    assert answer["In-Reply-To"] == question["Message-ID"]
    assert "boven 2 meter" in answer.get_content()
    await eventually(lambda: _true(any("gestuurd" in s.text for s in adapter.sent)))

    # A second ✅ sends nothing more.
    await dispatch(
        ReactionEvent(GROUP_CHANNEL, "m-ans", forwarder, "✅", thread_id=root.message_id)
    )
    await asyncio.sleep(0.5)
    assert len(sink[0].messages) == 2

    # The asker replies to the answer mail: it appears in the same thread.
    follow = mails.plain(
        "Dank u, en hoe lang duurt de aanvraag?",
        subject="Re: Schutting",
        sender="Anna de Boer <anna.deboer@example.com>",
        headers={"In-Reply-To": answer["Message-ID"]},
        verified=False,  # a citizen's own address: the thread was opened for it
    )
    await asyncio.to_thread(send, port, follow, "omgevingswet@vraagbaak.example")
    await eventually(
        lambda: _true(
            any(s.thread_id == root.message_id and "hoe lang" in s.text for s in adapter.sent)
        )
    )


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
