"""The desk and its chat commands without SMTP: routing doubts, held mail, `!antwoord`,
who may accept, the outbox's retries and the retention of originals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from sqlmodel import select

from bot.core.clock import ManualClock
from bot.core.events import AccountRef, ConversationRef, MessageEvent, MessageRef, ReactionEvent
from bot.core.inert import inert
from bot.mail.component import MailComponent
from bot.mail.intake_worker import LEASE
from bot.mail.store import Stored, store_raw
from bot.startup.app import Bot
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel, ChannelMember, OutboxItem, OutboxStatus, Person
from tests.mail import mails
from tests.support.recording_adapter import RecordingAdapter

SOC = ConversationRef("test", "C-SOC", "#sociaal")
OMG = ConversationRef("test", "C-OMG", "#omgevingswet")
FORWARDER = AccountRef("test", "U-MARK", "Mark", "m.hendriks@ermelo.nl")
COLLEAGUE = AccountRef("test", "U-BRAM", "Bram", "bram@harderwijk.nl")
ADMIN = AccountRef("test", "U-ADMIN", "Beheer", "beheer@harderwijk.nl")
DM_MARK = ConversationRef("test", "D-MARK", "direct", is_direct=True)


class Captured:
    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.failures = 0

    async def __call__(self, message: EmailMessage) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError("smarthost down")
        self.sent.append(message)


@pytest.fixture
async def desk(
    bot: Bot, adapter: RecordingAdapter
) -> AsyncIterator[tuple[MailComponent, Captured]]:
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        session.add(
            Channel(platform="test", external_id="C-OMG", name="#o", group_id="omgevingswet")
        )
        await session.commit()
    captured = Captured()
    component = MailComponent(bot, transport=captured, smtp=False)
    await component.desk.refresh_router()
    yield component, captured
    await component.desk.close()


async def say(
    bot: Bot, adapter: RecordingAdapter, who: AccountRef, text: str, **kw: object
) -> None:
    conversation = kw.pop("conversation", SOC)
    message_id = str(kw.pop("message_id", f"m{len(adapter.sent)}-{who.external_id}"))
    await bot.dispatcher.for_adapter(adapter)(
        MessageEvent(conversation, message_id, who, text, **kw)  # type: ignore[arg-type]
    )


def on(sent: object, conversation: ConversationRef) -> bool:
    where = getattr(sent, "conversation", None)
    return where is not None and where.external_id == conversation.external_id


async def inbound(bot: Bot) -> list[InboundEmail]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(InboundEmail).order_by(InboundEmail.id))).all())


async def held_from_a_stranger(bot: Bot, component: MailComponent) -> InboundEmail:
    """A question from an unknown sender, understood and held for a moderator."""
    raw = bytes(mails.plain("Hoe werkt de bijstand?", sender="Piet <piet@elders.example>"))
    stored = await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    return stored


async def _forward_with_no_clear_group(bot: Bot, adapter: RecordingAdapter) -> Stored:
    """A colleague's forward whose words name no group: the desk will ask them to choose."""
    await say(bot, adapter, FORWARDER, "hallo", conversation=ConversationRef("test", "C-X"))
    raw = bytes(
        mails.plain(
            mails.GMAIL_FORWARD.replace("Wmo", "gemeente")
            .replace("stair lift", "question")
            .replace("Wheelchair", "Something"),
            subject="Fwd: Something",
        )
    )
    return await store_raw(
        bot.services.db, raw, source="imap", recipients=["vraag@vraagbaak.example"]
    )


async def test_unsure_routing_asks_the_forwarder_who_chooses(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    stored = await _forward_with_no_clear_group(bot, adapter)
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.NEEDS_GROUP
    asked = [s for s in adapter.sent if s.kind == "direct"]
    assert asked and asked[0].to is not None and asked[0].to.external_id == "U-MARK"
    assert f"!kiesgroep {stored.id}" in asked[0].text
    # someone else may not choose
    await say(bot, adapter, COLLEAGUE, f"!kiesgroep {stored.id} sociaal-domein")
    assert (await inbound(bot))[0].status == InboundStatus.NEEDS_GROUP
    await say(bot, adapter, FORWARDER, f"!kiesgroep {stored.id} sociaal-domein")
    await component.desk.process_pending()
    row = (await inbound(bot))[0]
    assert row.status == InboundStatus.POSTED and row.group_id == "sociaal-domein"
    assert any(on(s, SOC) and "Something at home" in s.text for s in adapter.sent)


async def test_routing_learns_the_group_a_person_chose_after_the_next_round(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """The chosen mail is posted in the group's channel, and the router reads that history
    again after the round that posted it, not only at start-up or on the half-hourly
    reading."""
    component, _ = desk
    stored = await _forward_with_no_clear_group(bot, adapter)
    await component.desk.process_pending()
    assert not await component.desk.refresh_router_when_due()  # read at start, nothing new
    await say(bot, adapter, FORWARDER, f"!kiesgroep {stored.id} sociaal-domein")
    await component.desk.process_pending()
    assert await component.desk.refresh_router_when_due()
    learned = component.desk.worker.past.get("sociaal-domein", [])
    assert any("Something at home" in text for text in learned)
    assert not await component.desk.refresh_router_when_due()


async def test_unknown_sender_held_until_a_moderator_releases_it(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    await say(bot, adapter, ADMIN, "hallo", conversation=ConversationRef("test", "C-X"))
    stored = await held_from_a_stranger(bot, component)
    assert (await inbound(bot))[0].status == InboundStatus.HELD
    assert any(s.kind == "direct" and s.to and s.to.external_id == "U-ADMIN" for s in adapter.sent)
    assert not [s for s in adapter.sent if on(s, SOC)]
    await say(bot, adapter, COLLEAGUE, f"!mailvrijgeven {stored.id}")  # not a moderator
    assert (await inbound(bot))[0].status == InboundStatus.HELD
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {stored.id}")
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.POSTED


async def test_a_moderator_rejects_held_mail_which_is_never_posted(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """``!mailafwijzen``: the same function as the dashboard's "Afwijzen"."""
    component, captured = desk
    await say(bot, adapter, ADMIN, "hallo", conversation=ConversationRef("test", "C-X"))
    raw = bytes(mails.plain("Koop goedkope horloges", sender="Spam <spam@elders.example>"))
    stored = await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.HELD
    await say(bot, adapter, COLLEAGUE, f"!mailafwijzen {stored.id}")  # not a moderator
    assert (await inbound(bot))[0].status == InboundStatus.HELD
    await say(bot, adapter, ADMIN, f"!mailafwijzen {stored.id}")
    assert f"Mail {stored.id} is terzijde gelegd" in adapter.sent[-1].text
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {stored.id}")  # too late: it is set aside
    assert f"Er wacht geen mail met nummer {stored.id}" in adapter.sent[-1].text
    await say(bot, adapter, ADMIN, f"!mailafwijzen {stored.id}")
    assert f"Mail {stored.id} wacht niet op een beslissing" in adapter.sent[-1].text
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.IGNORED
    assert not [s for s in adapter.sent if "horloges" in s.text]  # never posted
    assert not captured.sent  # never answered


async def test_antwoord_in_reply_sends_in_the_language_of_the_question(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(bot.services.db, raw, source="imap", recipients=["vraag@vraagbaak.example"])
    await component.desk.process_pending()
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    await say(
        bot,
        adapter,
        COLLEAGUE,
        "Yes, through the Wmo desk.",
        thread_id=root.message_id,
        message_id="ans-1",
    )
    # A colleague who is neither forwarder nor moderator cannot accept.
    await say(bot, adapter, COLLEAGUE, "!antwoord", thread_id=root.message_id, reply_to="ans-1")
    assert any("Alleen wie de vraag" in s.text for s in adapter.sent)
    await say(bot, adapter, FORWARDER, "!antwoord", thread_id=root.message_id, reply_to="ans-1")
    # The forwarder sees the mail first, privately, and sends it.
    preview = adapter.sent[-1]
    assert preview.kind == "direct" and preview.to == FORWARDER
    assert "tom.baker@example.org" in preview.text and "Wmo desk" in preview.text
    assert [m for m in captured.sent if "Re: Wheelchair" in str(m["Subject"])] == []
    await say(bot, adapter, FORWARDER, "!versturen", conversation=DM_MARK)
    await component.outbox.run_once()
    answer = captured.sent[-1]
    assert answer["To"].addresses[0].addr_spec == "tom.baker@example.org"
    assert str(answer["Subject"]).startswith("Re: Wheelchair at home [VB-")
    assert "Dear Tom Baker" in answer.get_content() and "Wmo desk" in answer.get_content()
    assert any("status: **gemaild**" in s.text for s in adapter.sent if on(s, SOC))
    # the same answer cannot be sent twice, not even by ✅ afterwards
    await bot.dispatcher.for_adapter(adapter)(
        ReactionEvent(SOC, "ans-1", FORWARDER, "✅", thread_id=root.message_id)
    )
    assert "al een antwoord gemaild" in adapter.sent[-1].text
    await component.outbox.run_once()
    assert len([m for m in captured.sent if "Re: Wheelchair" in str(m["Subject"])]) == 1
    # The answer bounces: the thread says the asker did not get it.
    await store_raw(
        bot.services.db,
        bytes(mails.bounce_of(answer)),
        source="imap",
        recipients=["vraag@vraagbaak.example"],
    )
    await component.desk.process_pending()
    assert (await inbound(bot))[-1].status == InboundStatus.IGNORED
    bounced = [s for s in adapter.sent if "onbestelbaar" in s.text]
    assert bounced and bounced[0].thread_id == root.message_id


async def test_antwoord_outside_an_email_thread(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    await say(bot, adapter, FORWARDER, "!antwoord dit is geen mailthread")
    assert "per e-mail binnenkwam" in adapter.sent[-1].text


async def test_outbox_retries_with_backoff_and_sends_once(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    captured.failures = 1
    raw = bytes(mails.plain("Hoe werkt de bijstand bij een erfenis?"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert await component.outbox.run_once() == 0
    async with bot.services.db.session() as session:
        item = (await session.exec(select(OutboxItem))).one()
        assert item.attempts == 1 and item.status == OutboxStatus.PENDING
        assert item.next_attempt_at > bot.services.clock.now() + timedelta(seconds=10)
        assert "smarthost down" in (item.last_error or "")
        item.next_attempt_at = bot.services.clock.now()
        session.add(item)
        await session.commit()
    assert await component.outbox.run_once() == 1
    assert await component.outbox.run_once() == 0
    assert len(captured.sent) == 1


async def test_originals_are_deleted_after_the_retention_period(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    raw = bytes(mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["omgevingswet@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert await component.desk.purge_expired() == 0
    async with bot.services.db.session() as session:
        row = (await session.exec(select(InboundEmail))).one()
        assert row.raw and row.original_email == "anna.deboer@example.com" and row.cut_parts
        days = bot.services.config.mail.keep_original_days
        row.received_at = bot.services.clock.now() - timedelta(days=days + 1)
        session.add(row)
        await session.commit()
    assert await component.desk.purge_expired() == 1
    row = (await inbound(bot))[0]
    assert row.raw is None and row.original_email is None and row.cut_parts == []
    assert row.parsed["question"]  # the redacted question stays with the thread
    assert row.parsed["original_sender"] is None


async def test_attachments_stay_with_the_mail_until_the_forwarder_releases_one(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """Issue 12: nothing attached is published by default; the thread says how many files
    wait; the forwarder releases one under its redacted name, its text redacted like the body."""
    component, _ = desk
    message = mails.plain("Kan iemand naar de bijlagen kijken? Het gaat om bijzondere bijstand.")
    message.add_attachment(
        b"%PDF-1.4 loonstrook",
        maintype="application",
        subtype="pdf",
        filename="Loonstrook nov BSN 111222333 El Idrissi.pdf",
    )
    message.add_attachment(
        "Gegevens aanvrager\nBSN: 111 222 333\nIBAN: NL91 ABNA 0417 1643 00\nVraag: bijstand\n",
        subtype="plain",
        filename="gegevens.txt",
    )
    message.add_attachment(
        b"MZ\x90", maintype="application", subtype="octet-stream",
        filename="betaling_NL91ABNA0417164300.exe",
    )  # fmt: skip
    stored = await store_raw(
        bot.services.db,
        bytes(message),
        source="imap",
        recipients=["sociaal-domein@vraagbaak.example"],
    )
    await component.desk.process_pending()
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    assert "2 bijlage(n)" in root.text and f"!bijlagevrijgeven {stored.id}" in root.text
    assert inert("betaling_[IBAN verwijderd].exe") in root.text  # shown as written
    assert "111222333" not in root.text and "NL91" not in root.text
    assert not adapter.files  # nothing uploaded on its own

    await say(bot, adapter, COLLEAGUE, f"!bijlagevrijgeven {stored.id} 2")  # not allowed
    assert not adapter.files
    await say(bot, adapter, FORWARDER, f"!bijlagen {stored.id}")
    listing = adapter.sent[-1]
    assert listing.kind == "direct" or listing.to is not None
    assert inert("Loonstrook nov BSN [BSN verwijderd] El Idrissi.pdf") in listing.text
    assert "gegevens.txt" in listing.text

    await say(bot, adapter, FORWARDER, f"!bijlagevrijgeven {stored.id} 2")
    assert [f.filename for f in adapter.files] == ["gegevens.txt"]
    text = adapter.files[0].data.decode()
    assert "111 222 333" not in text and "NL91" not in text
    assert "BSN: [BSN verwijderd]" in text and "Vraag: bijstand" in text
    upload = next(s for s in adapter.sent if s.kind == "upload")
    assert upload.thread_id == root.message_id and on(upload, SOC)


@pytest.mark.parametrize("bot_clock", [ManualClock(datetime.now(UTC))])
async def test_a_row_leased_by_a_dead_process_is_taken_over_after_the_lease(
    bot: Bot,
    bot_clock: ManualClock,
    adapter: RecordingAdapter,
    desk: tuple[MailComponent, Captured],
) -> None:

    component, _ = desk
    clock = bot_clock
    raw = bytes(mails.plain("Hoe werkt de bijstand?"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    async with bot.services.db.session() as session:  # another process leased it, then died
        row = (await session.exec(select(InboundEmail))).one()
        row.next_attempt_at = clock.now() + LEASE
        session.add(row)
        await session.commit()
    assert await component.desk.process_pending() == 0
    clock.advance(LEASE + timedelta(seconds=1))
    assert await component.desk.process_pending() == 1
    assert len([s for s in adapter.sent if on(s, SOC) and s.thread_id is None]) == 1


async def test_moderators_can_list_the_mail_that_waits(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """A moderator without a chat account when the mail came (so no notice reached them)
    still finds it."""
    component, _ = desk
    await say(bot, adapter, ADMIN, "!wachtendemail")
    assert adapter.sent[-1].text == "Er wacht geen mail op een moderator of een groepskeuze."
    raw = bytes(
        mails.plain(
            "Hoe werkt de bijstand? Bel me op 06-12345678 of 0341 567 321. BSN 111222333.",
            sender="Piet <piet@elders.example>",
        )
    )
    stored = await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    await say(bot, adapter, COLLEAGUE, "!wachtendemail")  # not a moderator
    assert "piet@elders.example" not in adapter.sent[-1].text
    await say(bot, adapter, ADMIN, "!wachtendemail")
    listing = adapter.sent[-1]
    assert listing.kind == "private" and listing.to is not None
    assert listing.to.external_id == "U-ADMIN"
    assert "Wachtende mail (1, oudste eerst)" in listing.text
    assert f"- {stored.id} · " in listing.text and "piet@elders.example" in listing.text
    assert f"`!mailvrijgeven {stored.id}`" in listing.text
    # The audit trail: what was removed, counted, never the values.
    assert "🔒 2× telefoonnummer, 1× BSN" in listing.text and "111222333" not in listing.text
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {stored.id}")
    await say(bot, adapter, ADMIN, "!waitingmail")
    assert adapter.sent[-1].text == "No mail is waiting for a moderator or a choice of group."


async def test_a_group_shared_with_a_partner_is_never_chosen_without_a_person(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """A clear Wmo question, but #sociaal has a member of the external Van Dijk Bouw: the
    forwarder is asked, nothing is posted until they choose."""
    component, _ = desk
    partner = AccountRef("test", "U-GERRIT", "Gerrit", "gerrit@vandijkbouw.nl")
    await say(bot, adapter, FORWARDER, "hallo", conversation=ConversationRef("test", "C-X"))
    await say(bot, adapter, partner, "goedemorgen")  # joins #sociaal by speaking there
    async with bot.services.db.session() as session:
        person = (await session.exec(select(Person).where(Person.email == partner.email))).one()
        channel = (await session.exec(select(Channel).where(Channel.external_id == "C-SOC"))).one()
        if await session.get(ChannelMember, (channel.id, person.id)) is None:
            session.add(ChannelMember(channel_id=channel.id, person_id=person.id))
        await session.commit()
    await component.desk.refresh_router()
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    understood = await component.desk.worker.read(raw, [], "imap")
    assert understood.group == "sociaal-domein" and understood.needs_choice
    await store_raw(bot.services.db, raw, source="imap", recipients=["vraag@vraagbaak.example"])
    posted_before = [s for s in adapter.sent if on(s, SOC)]
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.NEEDS_GROUP
    assert [s for s in adapter.sent if on(s, SOC)] == posted_before
    assert any(s.kind == "direct" and s.to and s.to.external_id == "U-MARK" for s in adapter.sent)


async def test_a_release_and_its_confirmation_are_one_transaction(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """Until the moderator has been told, nothing is released: a process killed between the
    two would otherwise leave a released mail whose command is handled again and answered
    "does not wait". The intake is woken only once the release is committed."""
    component, _ = desk
    await say(bot, adapter, ADMIN, "hallo", conversation=ConversationRef("test", "C-X"))
    stored = await held_from_a_stranger(bot, component)
    component.desk.wake.clear()
    seen_while_answering: list[tuple[InboundStatus, bool]] = []
    reply = adapter.reply

    async def reply_and_look(to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        if f"{stored.id}" in text:
            row = (await inbound(bot))[0]  # another session: what is committed
            seen_while_answering.append((row.status, component.desk.wake.is_set()))
        return await reply(to, text, in_thread=in_thread)

    adapter.reply = reply_and_look  # type: ignore[method-assign]
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {stored.id}")
    assert seen_while_answering == [(InboundStatus.HELD, False)]
    assert component.desk.wake.is_set()
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.POSTED


async def test_of_two_moderators_choosing_at_once_one_chooses(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    stored = await held_from_a_stranger(bot, component)
    assert stored.id is not None
    db = bot.services.db
    async with db.session() as first, db.session() as second:
        # Both read the mail while it waits (kept, as a handler keeps what it read); the first
        # release commits before the second's.
        seen = [await first.get(InboundEmail, stored.id), await second.get(InboundEmail, stored.id)]
        assert all(row is not None and row.status == InboundStatus.HELD for row in seen)
        assert await component.desk.release(first, stored.id, group_id="sociaal-domein")
        await first.commit()
        assert not await component.desk.release(second, stored.id, group_id="omgevingswet")
        await second.commit()
    assert (await inbound(bot))[0].group_id == "sociaal-domein"


async def test_an_answer_accepted_for_a_mailed_question_counts_at_once_for_who_knows(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    """Accepted with ✅ by the forwarder and sent: the colleague is found for the topic right
    away, with the acceptance in the why."""
    component, _ = desk
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(bot.services.db, raw, source="imap", recipients=["vraag@vraagbaak.example"])
    await component.desk.process_pending()
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    answer = (
        "A stair lift or a wheelchair at home goes through the Wmo: the resident applies at the "
        "Wmo desk, an occupational therapist visits, and the decision follows within eight weeks."
    )
    await say(bot, adapter, COLLEAGUE, answer, thread_id=root.message_id, message_id="ans-9")
    await bot.dispatcher.for_adapter(adapter)(
        ReactionEvent(SOC, "ans-9", FORWARDER, "✅", thread_id=root.message_id)
    )
    await say(bot, adapter, FORWARDER, "!versturen", conversation=DM_MARK)  # the preview
    await say(bot, adapter, ADMIN, "!wieweet wheelchair")
    found = adapter.sent[-1].text
    assert "**Bram**" in found and "1 geaccepteerd" in found, found
