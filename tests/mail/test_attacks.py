"""The e-mail edge under attack (issue 11), over real SMTP on loopback: each test sends what
an outsider would and asserts what a user notices — nothing posted, held with a reason, no
mail to a victim, the loop stopped, the listener still answering."""

from __future__ import annotations

import asyncio
import smtplib
import socket
import time
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import pytest
from sqlmodel import select

from bot.core.events import AccountRef, ConversationRef, MessageEvent
from bot.mail.component import MailComponent
from bot.startup.app import Bot, build_bot
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel
from tests.conftest import BASE_CONFIG, make_config
from tests.mail import hostile, mails
from tests.support.recording_adapter import RecordingAdapter

SOC = ConversationRef("test", "C-SOC", "#sociaal")
ADMIN = AccountRef("test", "U-ADMIN", "Beheer", "beheer@harderwijk.nl")
ADMIN_DM = ConversationRef("test", "D-ADMIN", "", is_direct=True)


class Captured:
    """The outgoing mail transport: what Vraagbaak would have mailed."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    async def __call__(self, message: EmailMessage) -> None:
        self.sent.append(message)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.sent if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


MAIL_DEFAULTS: dict[str, Any] = {
    **BASE_CONFIG["mail"],  # type: ignore[dict-item]
    # Straight from the internet: the loopback client is no trusted relay here.
    "trusted_relays": [],
    "understand_seconds": 3.0,
}


async def start(
    database_url: str, **mail: Any
) -> tuple[Bot, RecordingAdapter, MailComponent, Captured]:
    config = make_config(database_url, mail={**MAIL_DEFAULTS, "smtp_port": free_port(), **mail})
    bot = build_bot(config)
    await bot.prepare()
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    # The moderator has a chat account, so notices reach them.
    await bot.dispatcher.for_adapter(adapter)(
        MessageEvent(ConversationRef("test", "C-X"), "hello", ADMIN, "hallo")
    )
    captured = Captured()
    component = MailComponent(bot, transport=captured, interval=0.2)
    await component.start()
    return bot, adapter, component, captured


@pytest.fixture
async def edge(
    database_url: str,
) -> AsyncIterator[tuple[Bot, RecordingAdapter, MailComponent, Captured]]:
    bot, adapter, component, captured = await start(database_url)
    try:
        yield bot, adapter, component, captured
    finally:
        await component.stop()
        await bot.close()


def send(
    port: int,
    raw: bytes,
    rcpt: str = "sociaal-domein@vraagbaak.example",
    mail_from: str = "x@elders.example",
) -> str:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.sendmail(mail_from, [rcpt], raw)
    return "250"


async def deliver(component: MailComponent, raw: bytes | EmailMessage, **kw: str) -> None:
    assert component.listener is not None
    data = bytes(raw) if isinstance(raw, EmailMessage) else raw
    await asyncio.to_thread(send, component.listener.port, data, **kw)


async def rows(bot: Bot) -> list[InboundEmail]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(InboundEmail).order_by(InboundEmail.id))).all())


async def settled(bot: Bot, count: int, limit: float = 30.0) -> list[InboundEmail]:
    """Wait until ``count`` rows are no longer waiting to be handled."""
    deadline = time.monotonic() + limit
    while True:
        found = await rows(bot)
        if len(found) >= count and all(r.status != InboundStatus.RECEIVED for r in found):
            return found
        assert time.monotonic() < deadline, [(r.id, r.status, r.last_error) for r in found]
        await asyncio.sleep(0.1)


def posted(adapter: RecordingAdapter) -> list[str]:
    return [
        s.text
        for s in adapter.sent
        if s.conversation == SOC
        or (s.conversation is not None and s.conversation.external_id == "C-SOC")
    ]


def root_of(adapter: RecordingAdapter) -> Any:
    return next(
        s
        for s in adapter.sent
        if s.conversation is not None
        and s.conversation.external_id == "C-SOC"
        and s.thread_id is None
    )


def notices(adapter: RecordingAdapter) -> list[str]:
    return [s.text for s in adapter.sent if s.kind == "direct"]


async def mailed_to(
    component: MailComponent, captured: Captured, address: str, count: int = 1
) -> list[EmailMessage]:
    """The mails to ``address`` once ``count`` have gone out: the component's own outbox loop
    may have taken an item a moment before the test's ``run_once`` looks for it."""
    deadline = time.monotonic() + 10
    while True:
        await component.outbox.run_once()
        found = captured.to(address)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def told(adapter: RecordingAdapter, fragment: str, count: int = 1) -> list[str]:
    """The moderators' direct messages that contain ``fragment``, once ``count`` of them have
    arrived: the desk commits a mail's status first and tells people after, outside the
    transaction, so a test that sees the status may still be ahead of the message."""
    deadline = time.monotonic() + 10
    while True:
        found = [text for text in notices(adapter) if fragment in text]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


# --- verified senders ------------------------------------------------------------------------


async def test_spoofed_colleague_is_held_not_posted_and_gets_no_mail(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, captured = edge
    # Anyone can write a From header and an Authentication-Results header naming the MTA.
    spoof = mails.plain(
        "Mogen wij de bijstand stopzetten?", sender="Anouk <anouk.jansen@ermelo.nl>"
    )
    await deliver(component, spoof)
    [row] = await settled(bot, 1)
    assert row.status == InboundStatus.HELD and row.parsed["reason"] == "unverified"
    assert posted(adapter) == []
    assert await told(adapter, "afzender niet geverifieerd")
    await component.outbox.run_once()
    assert captured.sent == []  # no confirmation to the real Anouk (no backscatter)


async def test_trusted_relay_believes_only_its_own_topmost_header(database_url: str) -> None:
    bot, adapter, component, captured = await start(database_url, trusted_relays=["127.0.0.1/32"])
    try:
        # Via the trusted relay, but the pass comes from an authserv-id nobody trusts, and the
        # trusted MTA's own (topmost) verdict is a fail under a forged pass further down.
        untrusted = mails.plain(
            "Vraag een", sender="Anouk <anouk.jansen@ermelo.nl>", verified=False
        )
        untrusted["Authentication-Results"] = mails.authentication_results(
            "anouk.jansen@ermelo.nl", authserv_id="mx.attacker.example"
        )
        await deliver(component, untrusted)
        buried = mails.plain("Vraag twee", sender="Anouk <anouk.jansen@ermelo.nl>", verified=False)
        buried["Authentication-Results"] = f"{mails.TRUSTED_MTA}; dmarc=fail header.from=ermelo.nl"
        buried["Authentication-Results"] = mails.authentication_results("anouk.jansen@ermelo.nl")
        await deliver(component, buried)
        genuine = mails.plain("Vraag drie over de Wmo", sender="Anouk <anouk.jansen@ermelo.nl>")
        await deliver(component, genuine)
        found = await settled(bot, 3)
        assert [r.status for r in found] == [
            InboundStatus.HELD,
            InboundStatus.HELD,
            InboundStatus.POSTED,
        ]
        assert [r.parsed["sender_verified"] for r in found] == [False, False, True]
        assert len([t for t in posted(adapter) if "Vraag per e-mail" in t]) == 1
        assert len(await mailed_to(component, captured, "anouk.jansen@ermelo.nl")) == 1
        await asyncio.sleep(0.5)
        assert len(captured.to("anouk.jansen@ermelo.nl")) == 1  # the genuine one only
    finally:
        await component.stop()
        await bot.close()


async def test_released_unverified_forward_answers_the_forwarder_not_the_named_victim(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, captured = edge
    forward = mails.plain(
        mails.GMAIL_FORWARD.replace("tom.baker@example.org", "victim@example.org"),
        subject="Fwd: Wmo vraag",
        sender="Piet <piet@elders.example>",
        verified=False,
    )
    await deliver(component, forward)
    [row] = await settled(bot, 1)
    assert row.status == InboundStatus.HELD and row.original_email == "victim@example.org"
    dispatch = bot.dispatcher.for_adapter(adapter)
    await dispatch(
        MessageEvent(ConversationRef("test", "C-X"), "r", ADMIN, f"!mailvrijgeven {row.id}")
    )
    [row] = await settled(bot, 1)
    assert row.status == InboundStatus.POSTED
    root = root_of(adapter)
    await dispatch(MessageEvent(SOC, "ans", ADMIN, "Zo werkt het.", thread_id=root.message_id))
    await dispatch(
        MessageEvent(SOC, "acc", ADMIN, "!antwoord Zo werkt het.", thread_id=root.message_id)
    )
    await dispatch(MessageEvent(ADMIN_DM, "send", ADMIN, "!versturen"))
    assert await mailed_to(component, captured, "piet@elders.example")  # the forwarder
    assert captured.to("victim@example.org") == []


async def test_stranger_cannot_post_into_a_citizens_thread(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, _ = edge
    question = mails.plain(
        "Hoe werkt de Wmo?", sender="Burger <burger@example.net>", verified=False
    )
    await deliver(component, question)
    [row] = await settled(bot, 1)
    dispatch = bot.dispatcher.for_adapter(adapter)
    await dispatch(
        MessageEvent(ConversationRef("test", "C-X"), "r", ADMIN, f"!mailvrijgeven {row.id}")
    )
    await settled(bot, 1)
    # Someone else replies into the thread by setting In-Reply-To to the citizen's Message-ID.
    intruder = mails.plain(
        "Bel mij op 0900-oplichter",
        subject="Re: Vraag over de Wmo",
        sender="Mallory <mallory@example.com>",
        headers={"In-Reply-To": str(question["Message-ID"])},
        verified=False,
    )
    await deliver(component, intruder)
    # The citizen's own follow-up from the released address does join the thread.
    own = mails.plain(
        "En geldt dat ook voor een scootmobiel?",
        subject="Re: Vraag over de Wmo",
        sender="Burger <burger@example.net>",
        headers={"In-Reply-To": str(question["Message-ID"])},
        verified=False,
    )
    await deliver(component, own)
    found = await settled(bot, 3)
    assert found[1].status == InboundStatus.HELD
    assert found[1].parsed["reason"] == "stranger_in_thread"
    assert not any("oplichter" in text for text in posted(adapter))
    assert found[2].status == InboundStatus.POSTED
    assert any("scootmobiel" in text for text in posted(adapter))


# --- loops and rate limits -------------------------------------------------------------------


async def test_helpdesk_acknowledgements_without_auto_submitted_do_not_loop(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, captured = edge
    acks = [
        mails.plain(
            "Geachte heer/mevrouw,\n\nWij hebben uw bericht in goede orde ontvangen. Uw melding "
            "is geregistreerd onder nummer 2026-004411.\n\nKlantcontactcentrum",
            subject="[Melding 2026-004411] Re: Vraag over de Wmo",
            sender="Servicedesk <servicedesk@ermelo.nl>",
        ),
        mails.plain(
            "Dank voor uw mail. Ik ben afwezig tot 30 maart en lees mijn mail daarna.",
            subject="Re: Vraag over de Wmo",
            sender="Joost <joost.bakker@ermelo.nl>",
        ),
        mails.plain(
            "Thank you for your email. We have received your request (ticket #88213).",
            subject="Ticket #88213 created",
            sender="Support <support@ermelo.nl>",
            headers={"X-Auto-Response-Suppress": "All"},
        ),
        mails.plain("Uw vraag", subject="Vraag", sender="No Reply <noreply@ermelo.nl>"),
        mails.plain("Hallo", subject="Lus", sender="Vraagbaak <vraag@vraagbaak.example>"),
        mails.plain(
            "Bedankt voor uw bevestiging!",
            subject="Re: [Vraagbaak] Je vraag is geplaatst",
            headers={"In-Reply-To": "<1.2.3.vraagbaak-auto@vraagbaak.example>"},
        ),
    ]
    for ack in acks:
        await deliver(component, ack)
    found = await settled(bot, len(acks))
    assert [r.status for r in found] == [InboundStatus.IGNORED] * len(acks)
    assert posted(adapter) == []
    await component.outbox.run_once()
    assert captured.sent == []


async def test_one_sender_cannot_flood_and_gets_three_receipts_a_day(database_url: str) -> None:
    bot, adapter, component, captured = await start(
        database_url, max_per_sender_hour=4, trusted_relays=["127.0.0.1/32"]
    )
    try:
        for n in range(6):  # a helpdesk loop whose mails look human
            await deliver(
                component,
                mails.plain(
                    f"Vraag {n} over de Wmo", subject=f"Wmo {n}", sender="Loop <loop@ermelo.nl>"
                ),
            )
        found = await settled(bot, 6)
        assert [r.status for r in found] == [InboundStatus.POSTED] * 4 + [InboundStatus.HELD] * 2
        assert {r.parsed["reason"] for r in found[4:]} == {"rate_limited"}
        assert len(await told(adapter, "te veel mail")) == 1
        await asyncio.sleep(0.3)
        assert len(await told(adapter, "te veel mail")) == 1  # told once
        # A receipt per question, each with its reference, but at most three a day.
        await mailed_to(component, captured, "loop@ermelo.nl", count=3)
        await asyncio.sleep(0.5)
        await component.outbox.run_once()
        receipts = captured.to("loop@ermelo.nl")
        assert [str(m["Subject"]).split(" [")[0] for m in receipts] == [
            "Ontvangen: Wmo 0",
            "Ontvangen: Wmo 1",
            "Ontvangen: Wmo 2",
        ]
    finally:
        await component.stop()
        await bot.close()


async def test_own_mails_carry_the_loop_headers(database_url: str) -> None:
    bot, adapter, component, captured = await start(database_url, trusted_relays=["127.0.0.1/32"])
    try:
        await deliver(component, mails.plain("Hoe werkt de Wmo?"))
        await settled(bot, 1)
        root = root_of(adapter)
        dispatch = bot.dispatcher.for_adapter(adapter)
        await dispatch(
            MessageEvent(SOC, "acc", ADMIN, "!antwoord Zo werkt het.", thread_id=root.message_id)
        )
        await dispatch(MessageEvent(ADMIN_DM, "send", ADMIN, "!versturen"))
        await mailed_to(component, captured, "m.hendriks@ermelo.nl", count=2)
        [confirmation] = [m for m in captured.sent if str(m["Subject"]).startswith("Ontvangen")]
        [answer] = [m for m in captured.sent if str(m["Subject"]).startswith("Antwoord")]
        assert confirmation["Auto-Submitted"] == "auto-replied"
        assert answer["Auto-Submitted"] is None  # a person's answer is not automatic
        assert confirmation["X-Auto-Response-Suppress"] == "All"
        assert answer["X-Auto-Response-Suppress"] == "All"
    finally:
        await component.stop()
        await bot.close()


# --- bounded work ----------------------------------------------------------------------------


async def test_nesting_bomb_is_quarantined_and_the_mail_behind_it_is_posted(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, _ = edge
    await deliver(component, hostile.nested_rfc822(2000))
    await deliver(component, hostile.part_bomb(20_000))
    normal = mails.plain("Hoe werkt de bijstand?", sender="Burger <burger@example.net>")
    await deliver(component, normal)
    found = await settled(bot, 3)
    assert [r.status for r in found] == [
        InboundStatus.FAILED,
        InboundStatus.FAILED,
        InboundStatus.HELD,  # the normal one: an unknown citizen, waiting for a moderator
    ]
    assert [r.parsed["action"] for r in found[:2]] == ["quarantine", "quarantine"]
    told_nested = await told(adapter, "te diep genest", count=2)
    assert len([t for t in told_nested if "quarantaine" in t]) == 2
    assert posted(adapter) == []


async def test_slow_mail_is_stopped_quarantined_after_three_tries_and_smtp_keeps_answering(
    database_url: str,
) -> None:
    bot, adapter, component, _ = await start(
        database_url, understand_seconds=1.0, trusted_relays=["127.0.0.1/32"]
    )
    try:
        # A mail whose understanding never ends (a hang in any step, redaction included).
        component.desk.worker.reader_factory = "tests.mail.hanging:reader"
        await component.desk.worker.read(b"From: a@b.nl\r\n\r\nwarm-up\r\n", [], "imap")
        await deliver(component, mails.plain("HANG-THIS-MAIL", sender="Piet <piet@elders.example>"))
        await deliver(component, mails.plain("Hoe werkt de Wmo?"))
        # While the worker is stuck, the listener answers at once.
        greeting_times = []
        for _ in range(5):
            started = time.monotonic()
            await asyncio.to_thread(_greeting, component)
            greeting_times.append(time.monotonic() - started)
            await asyncio.sleep(0.2)
        assert max(greeting_times) < 0.5, greeting_times
        deadline = time.monotonic() + 60
        while True:
            found = await rows(bot)
            if found and found[0].status == InboundStatus.FAILED:
                break
            assert time.monotonic() < deadline, [(r.status, r.parsed) for r in found]
            async with bot.services.db.session() as session:  # let the retries come due now
                for r in found:
                    if r.status == InboundStatus.RECEIVED:
                        live = await session.get(InboundEmail, r.id)
                        assert live is not None
                        live.next_attempt_at = bot.services.clock.now()
                        session.add(live)
                await session.commit()
            component.desk.wake.set()
            await asyncio.sleep(0.3)
        assert found[0].parsed["understand_failures"] == 3
        assert found[0].parsed["action"] == "quarantine"
        assert "time budget" in found[0].parsed["reason"]
        assert found[1].status == InboundStatus.POSTED  # never blocked behind it
        assert await told(adapter, "3 keer langer dan 1 seconden")
    finally:
        await component.stop()
        await bot.close()


def _greeting(component: MailComponent) -> None:
    assert component.listener is not None
    with smtplib.SMTP("127.0.0.1", component.listener.port, timeout=5) as client:
        code, _ = client.noop()
        assert code == 250


async def test_slow_chat_platform_never_makes_smtp_refuse_mail(
    edge: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, _ = edge
    original = adapter.post
    slow = asyncio.Event()

    async def slow_post(*args: Any, **kwargs: Any) -> Any:
        slow.set()
        await asyncio.sleep(4)  # Slack taking its time over chat.postMessage
        return await original(*args, **kwargs)

    adapter.post = slow_post  # type: ignore[method-assign]
    first = mails.plain("Eerste vraag over de Wmo?", sender="Burger <burger@example.net>")
    await deliver(component, first)
    [row] = await settled(bot, 1)
    dispatch = bot.dispatcher.for_adapter(adapter)
    await dispatch(
        MessageEvent(ConversationRef("test", "C-X"), "r", ADMIN, f"!mailvrijgeven {row.id}")
    )
    await asyncio.wait_for(slow.wait(), 10)
    # While the desk waits on the platform, a new mail is accepted straight away (was 451).
    started = time.monotonic()
    await deliver(component, mails.plain("Tweede vraag", sender="Burger2 <b2@example.net>"))
    assert time.monotonic() - started < 2.0
    found = await settled(bot, 2)
    assert found[0].status == InboundStatus.POSTED


async def test_a_mail_stored_during_a_round_is_picked_up_at_once(database_url: str) -> None:
    bot, adapter, component, _ = await start(database_url, trusted_relays=["127.0.0.1/32"])
    try:
        component.desk.intake.stopping.set()  # restart the loop with the production tick
        component.desk.wake.set()
        await asyncio.sleep(0.5)
        component.desk.intake.stopping.clear()
        original = adapter.post
        round_in_progress = True

        async def slowish(*args: Any, **kwargs: Any) -> Any:
            # the round that is running when the second mail arrives is slow; what the
            # second mail's own posting costs is not what this test measures
            if round_in_progress:
                await asyncio.sleep(1.0)
            return await original(*args, **kwargs)

        adapter.post = slowish  # type: ignore[method-assign]
        loop_task = asyncio.create_task(component.desk.run_forever(interval=10.0))
        await deliver(component, mails.plain("Eerste vraag over de Wmo"))
        await asyncio.sleep(0.5)  # the round is posting the first mail now
        stored_at = time.monotonic()
        await deliver(component, mails.plain("Tweede vraag over de Wmo"))
        round_in_progress = False
        found = await settled(bot, 2, limit=20)
        assert all(r.status == InboundStatus.POSTED for r in found)
        assert time.monotonic() - stored_at < 5.0  # not the next 10 s tick
        component.desk.intake.stopping.set()
        component.desk.wake.set()
        await asyncio.wait_for(loop_task, 10)
    finally:
        await component.stop()
        await bot.close()


# --- DKIM verified by Vraagbaak itself (mail straight from the internet) ---------------------


def _dkim_key() -> tuple[bytes, str]:
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, "v=DKIM1; k=rsa; p=" + base64.b64encode(public).decode()


def _signed(message: EmailMessage, domain: str, private: bytes) -> bytes:
    from email.policy import SMTP

    import dkim

    raw = message.as_bytes(policy=SMTP)
    headers = [b"from", b"to", b"subject", b"message-id"]
    return bytes(dkim.sign(raw, b"s1", domain.encode(), private, include_headers=headers)) + raw


async def test_direct_smtp_mail_is_verified_by_its_own_aligned_dkim_signature(
    database_url: str,
) -> None:
    from tests.mail.dns_stub import DnsStub

    ermelo_key, ermelo_record = _dkim_key()
    attacker_key, attacker_record = _dkim_key()
    dns = DnsStub(
        {
            "s1._domainkey.ermelo.nl": ermelo_record,
            "s1._domainkey.attacker.example": attacker_record,
        }
    ).start()
    bot, adapter, component, _ = await start(database_url, dns_resolver=dns.address)
    try:
        anouk = "Anouk <anouk.jansen@ermelo.nl>"
        genuine = mails.plain("Hoe werkt de Wmo bij een traplift?", sender=anouk, verified=False)
        await deliver(component, _signed(genuine, "ermelo.nl", ermelo_key))
        # Signed, but by the attacker's own domain: valid, not aligned with ermelo.nl.
        own_domain = mails.plain("Stop de bijstand van X", sender=anouk, verified=False)
        await deliver(component, _signed(own_domain, "attacker.example", attacker_key))
        # A genuine signature over a body the attacker changed afterwards.
        tampered = _signed(
            mails.plain("Vraag over de Wmo", sender=anouk, verified=False), "ermelo.nl", ermelo_key
        ).replace(b"Vraag over de Wmo\r\n", b"Maak 500 euro over\r\n")
        await deliver(component, tampered)
        found = await settled(bot, 3)
        assert [r.status for r in found] == [
            InboundStatus.POSTED,
            InboundStatus.HELD,
            InboundStatus.HELD,
        ]
        assert found[0].parsed["verification"]["method"] == "dkim-direct"
        assert {r.parsed["reason"] for r in found[1:]} == {"unverified"}
        assert "s1._domainkey.ermelo.nl" in dns.queries  # real DNS traffic to the stub
        assert not any("500 euro" in t or "bijstand van X" in t for t in posted(adapter))
    finally:
        await component.stop()
        await bot.close()
        dns.stop()


async def test_event_loop_keeps_serving_while_hostile_mail_is_understood(
    database_url: str,
) -> None:
    bot, _adapter, component, _ = await start(database_url, understand_seconds=2.0)
    try:
        await component.desk.worker.read(b"From: a@b.nl\r\n\r\nwarm-up\r\n", [], "imap")
        loop = asyncio.get_running_loop()
        lags: list[float] = []
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                started = loop.time()
                await asyncio.sleep(0.01)
                lags.append(loop.time() - started - 0.01)

        sampler = asyncio.create_task(sample())
        for make in (hostile.redos_apostrophes, hostile.redos_initials, hostile.html_bomb):
            await deliver(component, make())
        deadline = time.monotonic() + 60
        while True:  # each mail understood (or stopped at its budget) once
            found = await rows(bot)
            tried = [
                r.status != InboundStatus.RECEIVED or "understand_failures" in r.parsed
                for r in found
            ]
            if len(found) == 3 and all(tried):
                break
            assert time.monotonic() < deadline, [(r.status, r.last_error) for r in found]
            await asyncio.sleep(0.1)
        done.set()
        await sampler
        lags.sort()
        # Linear redaction makes the hostile mails quick, so the window may be short: with
        # fewer than 100 samples the "p99" is the worst sample, a stricter bound.
        p99 = lags[int(0.99 * (len(lags) - 1))]
        assert len(lags) >= 20 and p99 <= 0.100, (p99, len(lags), lags[-5:])
    finally:
        await component.stop()
        await bot.close()


async def test_direct_smtp_mail_is_verified_by_an_aligned_spf_pass(database_url: str) -> None:
    """The listener is the receiving MTA: it checks SPF for the envelope sender, stamps its own
    Authentication-Results and removes forged copies; only an aligned pass verifies."""
    from tests.mail.dns_stub import DnsStub

    dns = DnsStub(
        {
            "ermelo.nl": "v=spf1 ip4:127.0.0.1 -all",
            "attacker.example": "v=spf1 ip4:127.0.0.1 -all",
            "elders.example": "v=spf1 ip4:192.0.2.10 -all",
        }
    ).start()
    bot, adapter, component, _ = await start(
        database_url, dns_resolver=dns.address, dkim_verify=False
    )
    try:
        anouk = "Anouk <anouk.jansen@ermelo.nl>"
        genuine = mails.plain("Hoe werkt de Wmo bij een traplift?", sender=anouk, verified=False)
        await deliver(component, genuine, mail_from="bounces@ermelo.nl")
        # SPF passes for the attacker's own envelope domain: not aligned with ermelo.nl.
        own = mails.plain("Stop de bijstand van X", sender=anouk, verified=False)
        await deliver(component, own, mail_from="x@attacker.example")
        # A forged verdict under our own authserv-id, from a host SPF does not allow.
        forged = mails.plain(
            "Maak 500 euro over",
            sender=anouk,
            verified=False,
            headers={"Authentication-Results": "vraagbaak-edge; spf=pass smtp.mailfrom=ermelo.nl"},
        )
        await deliver(component, forged, mail_from="x@elders.example")
        found = await settled(bot, 3)
        assert [r.status for r in found] == [
            InboundStatus.POSTED,
            InboundStatus.HELD,
            InboundStatus.HELD,
        ]
        assert found[0].parsed["verification"]["method"] == "spf-direct"
        assert {r.parsed["reason"] for r in found[1:]} == {"unverified"}
        assert "ermelo.nl" in dns.queries  # real DNS traffic to the stub
        assert not any("500 euro" in t or "bijstand van X" in t for t in posted(adapter))
        stored = found[2].raw or b""
        assert stored.count(b"vraagbaak-edge") == 1  # the forged copy is gone, ours is on top
        assert stored.startswith(b"Authentication-Results: vraagbaak-edge; spf=fail")
    finally:
        await component.stop()
        await bot.close()
        dns.stop()
