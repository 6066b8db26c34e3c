"""The mailed question as the people in it experience it (issue 15), over real SMTP on
loopback: the question goes into Vraagbaak's SMTP listener, the mails come out through the
outbox into an aiosmtpd sink — the asker's and the forwarder's mailbox. Three journeys: a
citizen who writes in directly, an employee who forwards a citizen's mail, and the citizen's
follow-up. Each asserts the mails as received, header by header, and the thread's status
line; ``-s`` prints the whole transcript."""

from __future__ import annotations

import asyncio
import re
import smtplib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

import pytest
from sqlmodel import select

from bot.core.events import AccountRef, ConversationRef, MessageEvent, ReactionEvent
from bot.core.inert import unescape
from bot.mail.component import MailComponent
from bot.mail.outbox import smtp_transport
from bot.startup.app import Bot, build_bot
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel
from tests.conftest import BASE_CONFIG, make_config
from tests.mail import mails
from tests.mail.smtp_sink import Sink, free_port, running_sink
from tests.support.recording_adapter import RecordingAdapter, Sent

OMG = ConversationRef("test", "C-OMG", "#omgevingswet")
ADMIN = AccountRef("test", "U-ADMIN", "Beheer", "beheer@harderwijk.nl")
MARK = AccountRef("test", "U-MARK", "Mark Hendriks", "m.hendriks@ermelo.nl")
BRAM = AccountRef("test", "U-BRAM", "Bram de Vries", "bram@harderwijk.nl")
DM = {
    who.external_id: ConversationRef("test", f"D-{who.external_id}", "", True)
    for who in (ADMIN, MARK, BRAM)
}

ERMELO_SIGNATURE = "Team Klantcontact\nGemeente Ermelo\nT 14 0341\nwww.ermelo.nl"
HARDERWIJK_SIGNATURE = "Team Vergunningen\nGemeente Harderwijk\nT 14 0341\nwww.harderwijk.nl"


def journey_config(database_url: str, smtp_port: int) -> Any:
    organisations = [dict(o) for o in BASE_CONFIG["organisations"]]  # type: ignore[union-attr]
    organisations[0].update(
        mail_from="Gemeente Ermelo <vraag@ermelo.nl>", mail_signature=ERMELO_SIGNATURE
    )
    organisations[1].update(
        mail_from="Gemeente Harderwijk <info@harderwijk.nl>",
        mail_signature=HARDERWIJK_SIGNATURE,
    )
    groups = [dict(g) for g in BASE_CONFIG["groups"]]  # type: ignore[union-attr]
    groups[1].update(organisation="harderwijk", moderators=["bram@harderwijk.nl"])
    return make_config(
        database_url,
        organisations=organisations,  # type: ignore[arg-type]
        groups=groups,  # type: ignore[arg-type]
        mail={**BASE_CONFIG["mail"], "smtp_port": smtp_port},  # type: ignore[dict-item]
    )


@dataclass
class World:
    bot: Bot
    adapter: RecordingAdapter
    mail: MailComponent
    sink: Sink

    async def say(self, who: AccountRef, text: str, **kw: Any) -> Sent:
        """``who`` writes in the group channel (or ``dm=True``: to Vraagbaak privately);
        returns the last thing Vraagbaak said."""
        conversation = DM[who.external_id] if kw.pop("dm", False) else OMG
        message_id = str(kw.pop("message_id", f"m{len(self.adapter.sent)}-{who.external_id}"))
        await self.bot.dispatcher.for_adapter(self.adapter)(
            MessageEvent(conversation, message_id, who, text, **kw)
        )
        return self.adapter.sent[-1]

    async def react(self, who: AccountRef, message_id: str, root: str) -> Sent:
        await self.bot.dispatcher.for_adapter(self.adapter)(
            ReactionEvent(OMG, message_id, who, "✅", thread_id=root)
        )
        return self.adapter.sent[-1]

    async def deliver(self, message: EmailMessage, rcpt: str) -> None:
        assert self.mail.listener is not None
        port = self.mail.listener.port

        def send() -> None:
            with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
                client.sendmail("bounce@example.com", [rcpt], bytes(message))

        await asyncio.to_thread(send)

    async def mailbox(self, address: str, count: int) -> list[EmailMessage]:
        """What ``address`` has received, once ``count`` mails have arrived."""
        await until(lambda: _ready(len(self.sink.to(address)) >= count))
        return self.sink.to(address)

    async def rows(self) -> list[InboundEmail]:
        async with self.bot.services.db.session() as session:
            return list((await session.exec(select(InboundEmail).order_by(InboundEmail.id))).all())

    def thread(self, root: str) -> list[Sent]:
        return [s for s in self.adapter.sent if s.kind != "edit" and s.thread_id == root]

    def status_lines(self, root: str) -> list[str]:
        return [s.text for s in self.thread(root) if s.text.startswith("📬")]


async def _ready(value: bool) -> bool:
    return value


async def until(check: Callable[[], Awaitable[bool]], limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while not await check():
        assert time.monotonic() < deadline, "not reached in time"
        await asyncio.sleep(0.05)


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    with running_sink() as (sink, sink_port):
        config = journey_config(database_url, free_port())
        bot = build_bot(config)
        await bot.prepare()
        adapter = RecordingAdapter()
        bot.services.adapters.add(adapter)
        async with bot.services.db.session() as session:
            session.add(
                Channel(
                    platform="test",
                    external_id="C-OMG",
                    name="#omgevingswet",
                    group_id="omgevingswet",
                )
            )
            await session.commit()
        async with bot.services.db.session() as session:
            for who in (ADMIN, MARK, BRAM):  # everyone has a chat account: DMs reach them
                await bot.services.identity.person_for(session, who)
            await session.commit()
        settings = config.mail.model_copy(
            update={"outgoing_host": "127.0.0.1", "outgoing_port": sink_port}
        )
        component = MailComponent(bot, transport=smtp_transport(settings), interval=0.2)
        await component.start()
        try:
            yield World(bot, adapter, component, sink)
        finally:
            print(transcript(adapter, sink))
            await component.stop()
            await bot.close()


def transcript(adapter: RecordingAdapter, sink: Sink) -> str:
    lines = ["", "=== chat ==="]
    for item in adapter.sent:
        where = "dm → " + item.to.display_name if item.to else (item.thread_id or "channel")
        lines.append(f"[{item.kind} {where} {item.message_id}] {item.text}")
    lines.append("=== mail ===")
    for message in sink.messages:
        lines.append(message.as_string())
    return "\n".join(lines)


def text_of(message: EmailMessage) -> str:
    """The body as the reader sees it (lines end in CRLF on the wire)."""
    return str(message.get_content()).replace("\r\n", "\n")


def header_addresses(message: EmailMessage, name: str) -> list[tuple[str, str]]:
    return [(n, a.lower()) for n, a in getaddresses([str(v) for v in message.get_all(name, [])])]


REFERENCE = re.compile(r"VB-\d{4}-\d{4}")


# --- journey 1: a citizen writes in ----------------------------------------------------------


async def test_a_citizen_writes_in_and_gets_a_receipt_and_the_answer(world: World) -> None:
    question = mails.plain(
        "Geachte heer, mevrouw,\n\nMijn buurman bouwt een dakkapel. Heeft hij daarvoor een "
        "omgevingsvergunning nodig?\n\nMet vriendelijke groet,\nAnna de Boer",
        subject="Dakkapel bij de buren",
        sender="Anna de Boer <anna.deboer@example.com>",
        to="omgevingswet@vraagbaak.example",
    )
    await world.deliver(question, "omgevingswet@vraagbaak.example")

    # Held for a moderator (nobody knows her), but she hears that her question arrived.
    [receipt] = await world.mailbox("anna.deboer@example.com", 1)
    [row] = await world.rows()
    assert row.status == InboundStatus.HELD
    reference = f"VB-{row.received_at.year}-{row.id:04d}"
    assert header_addresses(receipt, "From") == [("Gemeente Harderwijk", "info@harderwijk.nl")]
    assert header_addresses(receipt, "To") == [("Anna de Boer", "anna.deboer@example.com")]
    assert header_addresses(receipt, "Reply-To") == [("", "omgevingswet@vraagbaak.example")]
    assert receipt["Cc"] is None
    assert receipt["Auto-Submitted"] == "auto-replied"
    assert receipt["In-Reply-To"] == question["Message-ID"]
    assert receipt["Subject"] == f"Ontvangen: Dakkapel bij de buren [{reference}]"
    body = text_of(receipt)
    assert body.startswith("Geachte Anna de Boer,\n\nWij hebben uw vraag “Dakkapel bij de buren”")
    assert "Gemeente Harderwijk behandelt uw vraag." in body
    assert f"Uw kenmerk is {reference}." in body
    assert "U ontvangt het antwoord per e-mail" in body
    assert HARDERWIJK_SIGNATURE in body
    for word in ("geplaatst", "Omgevingswet", " je ", "Je "):
        assert word not in body

    # The moderator releases it and is told where it went.
    released = await world.say(ADMIN, f"!mailvrijgeven {row.id}", dm=True)
    assert unescape(released.text) == (
        f"Mail {row.id} is vrijgegeven en komt in Omgevingswet (#omgevingswet)."
    )
    await until(lambda: _posted(world))
    root = next(s for s in world.adapter.sent if s.conversation == OMG and s.thread_id is None)
    assert f"kenmerk {reference}" in root.text
    assert world.status_lines(root.message_id) == [
        f"📬 **{reference}** · vraag · status: **open** — nog geen antwoord gemaild"
    ]

    # A colleague answers; the moderator of the group accepts with ✅ and sees the mail first.
    await world.say(
        BRAM,
        "Ja, een dakkapel aan de voorkant is vergunningplichtig.",
        thread_id=root.message_id,
        message_id="ans-1",
    )
    preview = await world.react(BRAM, "ans-1", root.message_id)
    assert preview.kind == "direct" and preview.to == BRAM
    assert "**Aan:** Anna de Boer \\<anna.deboer@example.com\\>" in preview.text
    assert "**Van:** Gemeente Harderwijk \\<info@harderwijk.nl\\>" in preview.text
    assert "> Geachte Anna de Boer," in preview.text and "`!versturen`" in preview.text
    assert world.status_lines(root.message_id) == [
        f"📬 **{reference}** · vraag · status: **beantwoord** — geaccepteerd door Bram de "
        "Vries; de mail wacht op versturen"
    ]
    await asyncio.sleep(0.3)
    assert len(world.sink.to("anna.deboer@example.com")) == 1  # nothing leaves before the choice

    sent = await world.say(BRAM, "!versturen", dm=True)
    assert sent.text.startswith(f"✉️ De antwoordmail ({reference}) gaat nu naar Anna de Boer")
    receipt, answer = await world.mailbox("anna.deboer@example.com", 2)
    assert header_addresses(answer, "From") == [("Gemeente Harderwijk", "info@harderwijk.nl")]
    assert header_addresses(answer, "To") == [("Anna de Boer", "anna.deboer@example.com")]
    assert header_addresses(answer, "Reply-To") == [("", "omgevingswet@vraagbaak.example")]
    assert answer["Cc"] is None  # nobody forwarded it
    assert answer["Auto-Submitted"] is None  # a person wrote it
    assert answer["In-Reply-To"] == question["Message-ID"]
    assert answer["References"] == question["Message-ID"]
    assert answer["Subject"] == f"Antwoord: Dakkapel bij de buren [{reference}]"
    body = text_of(answer)
    assert body.startswith(
        "Geachte Anna de Boer,\n\nDank u voor uw vraag over “Dakkapel bij de buren”. "
        "Hieronder leest u ons antwoord.\n\nJa, een dakkapel aan de voorkant is "
        "vergunningplichtig.\n\nMet vriendelijke groet,\n" + HARDERWIJK_SIGNATURE
    )
    assert f"Kenmerk: {reference}" in body
    await until(lambda: _ready("gemaild" in world.status_lines(root.message_id)[0]))
    [line] = world.status_lines(root.message_id)
    assert re.fullmatch(
        rf"📬 \*\*{reference}\*\* · vraag · status: \*\*gemaild\*\* — \d\d-\d\d \d\d:\d\d "
        r"door Bram de Vries",
        line,
    )


async def _posted(world: World) -> bool:
    return any(s.conversation == OMG and s.thread_id is None for s in world.adapter.sent)


# --- journeys 2 and 3: an employee forwards; the citizen replies -----------------------------


async def test_an_employee_forwards_and_the_citizen_follows_up(world: World) -> None:
    forward = mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren")
    await world.deliver(forward, "vraag@vraagbaak.example")

    # The forwarder's receipt: from their own organisation, in plain colleague's Dutch.
    [receipt] = await world.mailbox("m.hendriks@ermelo.nl", 1)
    [row] = await world.rows()
    assert row.status == InboundStatus.POSTED and row.group_id == "omgevingswet"
    reference = f"VB-{row.received_at.year}-{row.id:04d}"
    assert header_addresses(receipt, "From") == [("Gemeente Ermelo", "vraag@ermelo.nl")]
    assert header_addresses(receipt, "To") == [("Mark Hendriks", "m.hendriks@ermelo.nl")]
    assert header_addresses(receipt, "Reply-To") == [("", "omgevingswet@vraagbaak.example")]
    assert receipt["Auto-Submitted"] == "auto-replied"
    assert receipt["Subject"] == f"Ontvangen: Schutting bij de buren [{reference}]"
    body = text_of(receipt)
    assert body.startswith("Beste Mark Hendriks,\n\nJe vraag “Schutting bij de buren” is ")
    assert f"bij Omgevingswet. Kenmerk: {reference}." in body
    assert "namens Gemeente Ermelo naar de vraagsteller, met jou in cc" in body
    assert world.sink.to("anna.deboer@example.com") == []  # Mark told her himself

    root = next(s for s in world.adapter.sent if s.conversation == OMG and s.thread_id is None)
    assert f"kenmerk {reference}" in root.text and "06-12345678" not in root.text

    # Bram answers; Mark accepts it, fixes a slip in the preview, and sends it.
    await world.say(
        BRAM,
        "Ja, boven 2 meter is een omgevingsvergunning nodig. (intern: check bestemingsplan)",
        thread_id=root.message_id,
        message_id="ans-1",
    )
    preview = await world.say(MARK, "!antwoord", thread_id=root.message_id, reply_to="ans-1")
    assert preview.kind == "direct" and preview.to == MARK
    assert "**Cc:** Mark Hendriks \\<m.hendriks@ermelo.nl\\>" in preview.text
    assert "intern: check" in preview.text
    edited = await world.say(
        MARK, "!aanpassen Ja, boven 2 meter is een omgevingsvergunning nodig.", dm=True
    )
    assert edited.text.startswith("📧 **Aangepast voorbeeld") and "intern" not in edited.text
    await world.say(MARK, "!versturen", dm=True)

    [answer] = await world.mailbox("anna.deboer@example.com", 1)
    assert header_addresses(answer, "From") == [("Gemeente Ermelo", "vraag@ermelo.nl")]
    assert header_addresses(answer, "To") == [("Anna de Boer", "anna.deboer@example.com")]
    assert header_addresses(answer, "Cc") == [("Mark Hendriks", "m.hendriks@ermelo.nl")]
    assert header_addresses(answer, "Reply-To") == [("", "omgevingswet@vraagbaak.example")]
    assert answer["Auto-Submitted"] is None
    assert answer["In-Reply-To"] == forward["Message-ID"]
    assert answer["Subject"] == f"Antwoord: Schutting bij de buren [{reference}]"
    body = text_of(answer)
    assert body.startswith("Geachte Anna de Boer,\n\nDank u voor uw vraag over “Schutting")
    assert "omgevingsvergunning nodig.\n\nMet vriendelijke groet,\n" + ERMELO_SIGNATURE in body
    assert "intern" not in body and f"Kenmerk: {reference}" in body
    # The copy reaches Mark (the same message: one SMTP transaction, two recipients).
    recipients = sorted(world.sink.envelopes[-1][1])
    assert recipients == ["anna.deboer@example.com", "m.hendriks@ermelo.nl"]
    await until(lambda: _ready("gemaild" in world.status_lines(root.message_id)[0]))

    # Journey 3: Anna replies to the answer; her reply gets its own answer and its own mail.
    follow = mails.plain(
        "Dank u. En hoe lang duurt het voordat de gemeente beslist?",
        subject=f"Re: {answer['Subject']}",
        sender="Anna de Boer <anna.deboer@example.com>",
        to="omgevingswet@vraagbaak.example",
        headers={"In-Reply-To": answer["Message-ID"], "References": answer["Message-ID"]},
        verified=False,  # her own address: the thread was opened for it
    )
    await world.deliver(follow, "omgevingswet@vraagbaak.example")
    await until(lambda: _ready(len(world.status_lines(root.message_id)) == 2))
    assert any("hoe lang duurt het" in s.text for s in world.thread(root.message_id))
    assert world.status_lines(root.message_id)[1] == (
        f"📬 **{reference}** · reactie 1 · status: **open** — nog geen antwoord gemaild"
    )
    assert "gemaild" in world.status_lines(root.message_id)[0]  # the first one stays mailed

    await world.say(
        BRAM, "Binnen 8 weken, met één keer verlengen.", thread_id=root.message_id, message_id="a2"
    )
    preview = await world.react(MARK, "a2", root.message_id)
    assert preview.kind == "direct" and "reactie" not in preview.text.split("\n")[0]
    await world.say(MARK, "!versturen", dm=True)
    first, second = await world.mailbox("anna.deboer@example.com", 2)
    assert second["In-Reply-To"] == follow["Message-ID"]
    assert second["References"].split() == [
        forward["Message-ID"],
        first["Message-ID"],
        follow["Message-ID"],
    ]
    assert second["Subject"] == first["Subject"]
    assert header_addresses(second, "Cc") == [("Mark Hendriks", "m.hendriks@ermelo.nl")]
    assert text_of(second).startswith(
        "Geachte Anna de Boer,\n\nDank u voor uw reactie over “Schutting bij de buren”."
    )
    await until(lambda: _ready("gemaild" in world.status_lines(root.message_id)[1]))
    assert re.fullmatch(
        rf"📬 \*\*{reference}\*\* · reactie 1 · status: \*\*gemaild\*\* — .* door Mark Hendriks",
        world.status_lines(root.message_id)[1],
    )
    # Nothing is left to answer: a third ✅ says so, once, to whoever put it.
    refused = await world.react(MARK, "a2", root.message_id)
    assert refused.kind == "private" and "al een antwoord gemaild" in refused.text
