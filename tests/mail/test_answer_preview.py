"""Issue 15: the answer mail before it leaves, and every ✅ or ``!antwoord`` answered once.
Who may send, edit or cancel a preview (and who may not, by any trick), what the preview
shows of hostile text, what a line break in an edit can do to the mail (nothing), the
forwarder's copy, the choice of a group, and the receipts."""

from __future__ import annotations

import re
from email.message import EmailMessage

from sqlmodel import select

from bot.core.events import AccountRef, ConversationRef, ReactionEvent
from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.startup.app import Bot, build_bot
from bot.storage.authority_models import AuditEntry
from bot.storage.mail_models import InboundStatus
from bot.storage.models import Channel
from tests.conftest import BASE_CONFIG, make_config
from tests.mail import mails
from tests.mail.test_desk import SOC, Captured, inbound, on, say
from tests.mail.test_desk import desk as desk  # the fixture
from tests.support.recording_adapter import RecordingAdapter, Sent

MARK = AccountRef("test", "U-MARK", "Mark", "m.hendriks@ermelo.nl")
BRAM = AccountRef("test", "U-BRAM", "Bram", "bram@harderwijk.nl")
ADMIN = AccountRef("test", "U-ADMIN", "Beheer", "beheer@harderwijk.nl")
OLAF = AccountRef("test", "U-OLAF", "Olaf", "olaf@harderwijk.nl")  # moderates omgevingswet


def dm(who: AccountRef) -> ConversationRef:
    return ConversationRef("test", f"D-{who.external_id}", "direct", is_direct=True)


async def forwarded_thread(
    bot: Bot, adapter: RecordingAdapter, component: MailComponent, body: str = ""
) -> Sent:
    raw = bytes(mails.plain(body or mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    return next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)


async def react(
    bot: Bot, adapter: RecordingAdapter, who: AccountRef, message: str, root: str
) -> Sent:
    await bot.dispatcher.for_adapter(adapter)(
        ReactionEvent(SOC, message, who, "✅", thread_id=root)
    )
    return adapter.sent[-1]


def answers(captured: Captured) -> list[EmailMessage]:
    return [m for m in captured.sent if str(m["Subject"]).startswith("Re: ")]


def status_of(adapter: RecordingAdapter, root: str) -> list[str]:
    return [
        s.text
        for s in adapter.sent
        if s.kind != "edit" and s.thread_id == root and s.text.startswith("📬")
    ]


# --- who may send ---------------------------------------------------------------------------


async def test_only_the_acceptor_sends_edits_or_cancels_their_preview(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    root = await forwarded_thread(bot, adapter, component)
    await say(
        bot, adapter, BRAM, "Yes, via the Wmo desk.", thread_id=root.message_id, message_id="a1"
    )
    preview = await react(bot, adapter, MARK, "a1", root.message_id)
    assert preview.kind == "direct" and preview.to == MARK

    # Bram (who wrote the answer, but did not accept it) tries every command: he has no
    # preview of his own (and is not told whose exist) ...
    for command in ("!versturen", "!annuleren", "!aanpassen Iets anders."):
        await say(bot, adapter, BRAM, command, conversation=dm(BRAM))
        assert "Je hebt geen antwoordmail klaarstaan" in adapter.sent[-1].text
    # ... and naming Mark's, in the direct conversation or in the group channel, is refused.
    reference = preview.text.split("(")[1].split(")")[0]
    for command in (f"!versturen {reference}", f"!aanpassen {reference} Iets anders."):
        await say(bot, adapter, BRAM, command, conversation=dm(BRAM))
        assert "geaccepteerd door Mark; alleen die kan" in adapter.sent[-1].text
    await say(bot, adapter, BRAM, f"!annuleren {reference}", thread_id=root.message_id)
    assert "alleen die kan" in adapter.sent[-1].text
    await component.outbox.run_once()
    assert answers(captured) == []
    async with bot.services.db.session() as session:
        audit = (await session.exec(select(AuditEntry))).all()
    assert len([e for e in audit if "accepted by person" in e.detail]) == 3

    await say(bot, adapter, MARK, "!versturen", conversation=dm(MARK))
    await component.outbox.run_once()
    assert len(answers(captured)) == 1


async def test_a_moderator_of_another_group_cannot_send_by_reference(database_url: str) -> None:
    groups = [dict(g) for g in BASE_CONFIG["groups"]]  # type: ignore[union-attr]
    groups[1]["moderators"] = [OLAF.email]
    bot = build_bot(make_config(database_url, groups=groups))  # type: ignore[arg-type]
    await bot.prepare()
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    captured = Captured()
    component = MailComponent(bot, transport=captured, smtp=False)
    try:
        root = await forwarded_thread(bot, adapter, component)
        await say(bot, adapter, BRAM, "Via het loket.", thread_id=root.message_id, message_id="a1")
        # Olaf moderates omgevingswet, not sociaal-domein: he cannot accept here ...
        refused = await react(bot, adapter, OLAF, "a1", root.message_id)
        assert refused.kind == "private"
        assert "sociaal-domein" in refused.text and "omgevingswet" in refused.text
        # ... nor send Mark's preview by naming it.
        preview = await react(bot, adapter, MARK, "a1", root.message_id)
        reference = preview.text.split("(")[1].split(")")[0]
        await say(bot, adapter, OLAF, f"!versturen {reference}", conversation=dm(OLAF))
        assert "alleen die kan" in adapter.sent[-1].text
        await component.outbox.run_once()
        assert answers(captured) == []
    finally:
        await component.desk.close()
        await bot.close()


# --- hostile text ----------------------------------------------------------------------------


async def test_an_edit_with_mentions_and_html_stays_inert_in_the_chat(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    root = await forwarded_thread(bot, adapter, component)
    await say(bot, adapter, BRAM, "Ja.", thread_id=root.message_id, message_id="a1")
    await react(bot, adapter, MARK, "a1", root.message_id)
    hostile = "<!channel> @room <b>vet</b> <a href='https://phish.example'>ermelo.nl</a> <@U123>"
    await say(bot, adapter, MARK, f"!aanpassen {hostile}", conversation=dm(MARK))
    shown = adapter.sent[-1].text
    assert "Aangepast voorbeeld" in shown
    assert re.search(r"(?<!\\)<", shown) is None  # every "<" escaped: no tag, no token
    assert "@room" not in shown
    assert "\\<!channel\\>" in shown and "@\u2060room" in shown
    await say(bot, adapter, MARK, "!versturen", conversation=dm(MARK))
    await component.outbox.run_once()
    [answer] = answers(captured)
    assert hostile in answer.get_content()  # the mail is plain text: shown as typed


async def test_a_line_break_in_an_edit_cannot_add_a_header(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    root = await forwarded_thread(bot, adapter, component)
    await say(bot, adapter, BRAM, "Ja.", thread_id=root.message_id, message_id="a1")
    await react(bot, adapter, MARK, "a1", root.message_id)
    injected = "Ja.\r\nBcc: evil@attacker.example\r\nSubject: gewijzigd\r\n\r\nklik hier"
    await say(bot, adapter, MARK, f"!aanpassen {injected}", conversation=dm(MARK))
    await say(bot, adapter, MARK, "!versturen", conversation=dm(MARK))
    await component.outbox.run_once()
    [answer] = answers(captured)
    assert answer["Bcc"] is None
    assert answer.get_all("Subject") == [answer["Subject"]] and "gewijzigd" not in answer["Subject"]
    assert "evil@attacker.example" not in str(answer["To"]) + str(answer["Cc"])
    body = answer.get_content()
    assert "Bcc: evil@attacker.example\n" in body.replace("\r\n", "\n")  # inert, in the body


# --- one response per ✅ and !antwoord ------------------------------------------------------


async def test_every_acceptance_gets_one_response_with_the_reason(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    root = await forwarded_thread(bot, adapter, component)
    await say(
        bot, adapter, BRAM, "Ja, via het Wmo-loket.", thread_id=root.message_id, message_id="a1"
    )

    def said_since(before: int) -> list[Sent]:
        return adapter.sent[before:]

    # ✅ on the question itself: one private line saying where to put it.
    before = len(adapter.sent)
    await react(bot, adapter, MARK, root.message_id, root.message_id)
    [reply] = said_since(before)
    assert reply.kind == "private" and "Zet ✅ op het antwoord" in reply.text
    # Bram may not accept: the same reason for ✅ and for !antwoord (without a reply-to, as
    # in a Slack thread), never "Welk antwoord?".
    before = len(adapter.sent)
    await react(bot, adapter, BRAM, "a1", root.message_id)
    await say(bot, adapter, BRAM, "!antwoord", thread_id=root.message_id)
    first, second = said_since(before)
    assert "Alleen wie de vraag" in first.text and "Alleen wie de vraag" in second.text
    # Mark's !antwoord without a reply-to takes the latest answer in the thread: one preview.
    before = len(adapter.sent)
    await say(bot, adapter, MARK, "!antwoord", thread_id=root.message_id)
    said = [s for s in said_since(before) if s.kind != "edit"]
    assert len(said) == 1 and said[0].kind == "direct" and "Wmo-loket" in said[0].text
    assert "wacht op versturen" in status_of(adapter, root.message_id)[0]
    # Another person's ✅ while Mark looks at his preview: told why, nothing replaced.
    before = len(adapter.sent)
    await react(bot, adapter, BRAM, "a1", root.message_id)
    [reply] = said_since(before)
    assert "Alleen wie de vraag" in reply.text


async def test_cancel_reopens_and_a_moderator_may_take_over_a_preview(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    await say(bot, adapter, ADMIN, "hallo", conversation=dm(ADMIN))
    root = await forwarded_thread(bot, adapter, component)
    await say(bot, adapter, BRAM, "Ja.", thread_id=root.message_id, message_id="a1")
    await react(bot, adapter, MARK, "a1", root.message_id)
    await say(bot, adapter, MARK, "!annuleren", conversation=dm(MARK))
    assert "niet verstuurd; de vraag staat weer open" in adapter.sent[-1].text
    assert "status: **open**" in status_of(adapter, root.message_id)[0]
    await react(bot, adapter, MARK, "a1", root.message_id)
    # The administrator moderates every group: their acceptance replaces Mark's preview.
    preview = await react(bot, adapter, ADMIN, "a1", root.message_id)
    assert preview.kind == "direct" and preview.to == ADMIN
    await say(bot, adapter, MARK, "!versturen", conversation=dm(MARK))
    assert "Je hebt geen antwoordmail klaarstaan" in adapter.sent[-1].text
    assert "geaccepteerd door Beheer" in status_of(adapter, root.message_id)[0]
    await say(bot, adapter, ADMIN, "!versturen", conversation=dm(ADMIN))
    await component.outbox.run_once()
    assert len(answers(captured)) == 1
    assert "door Beheer" in status_of(adapter, root.message_id)[0]


async def test_without_preview_the_mail_leaves_at_once_and_the_status_line_is_the_response(
    database_url: str,
) -> None:
    groups = [dict(g) for g in BASE_CONFIG["groups"]]  # type: ignore[union-attr]
    groups[0]["answer_preview"] = False
    bot = build_bot(make_config(database_url, groups=groups))  # type: ignore[arg-type]
    await bot.prepare()
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    captured = Captured()
    component = MailComponent(bot, transport=captured, smtp=False)
    try:
        root = await forwarded_thread(bot, adapter, component)
        await say(bot, adapter, BRAM, "Ja.", thread_id=root.message_id, message_id="a1")
        before = len(adapter.sent)
        await react(bot, adapter, MARK, "a1", root.message_id)
        assert [s.kind for s in adapter.sent[before:]] == ["edit"]
        assert "de mail wordt verstuurd" in status_of(adapter, root.message_id)[0]
        await component.outbox.run_once()
        assert len(answers(captured)) == 1
        assert "status: **gemaild**" in status_of(adapter, root.message_id)[0]
    finally:
        await component.desk.close()
        await bot.close()


# --- the forwarder's copy --------------------------------------------------------------------


async def test_a_forwarder_who_prefers_the_chat_gets_no_cc_but_a_message(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    await say(bot, adapter, MARK, "!mailkopie uit", conversation=dm(MARK))
    assert "geen cc meer" in adapter.sent[-1].text
    root = await forwarded_thread(bot, adapter, component)
    await say(bot, adapter, BRAM, "Ja, via het loket.", thread_id=root.message_id, message_id="a1")
    preview = await react(bot, adapter, ADMIN, "a1", root.message_id)
    assert "**Cc:**" not in preview.text
    await say(bot, adapter, ADMIN, "!versturen", conversation=dm(ADMIN))
    await component.outbox.run_once()
    [answer] = answers(captured)
    assert answer["Cc"] is None
    told = [s for s in adapter.sent if s.kind == "direct" and s.to and s.to.external_id == "U-MARK"]
    assert told and "een vraag die jij doorstuurde, is gemaild" in told[-1].text
    assert "via het loket" in told[-1].text


# --- choosing a group ------------------------------------------------------------------------


async def test_forwarder_and_moderators_are_both_asked_and_either_chooses(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    for who in (MARK, ADMIN):
        await say(bot, adapter, who, "hallo", conversation=dm(who))
    raw = bytes(
        mails.plain(
            mails.GMAIL_FORWARD.replace("Wmo", "gemeente")
            .replace("stair lift", "question")
            .replace("Wheelchair", "Something"),
            subject="Fwd: Something",
        )
    )
    stored = await store_raw(
        bot.services.db, raw, source="imap", recipients=["vraag@vraagbaak.example"]
    )
    await component.desk.process_pending()
    asked = {
        s.to.external_id
        for s in adapter.sent
        if s.kind == "direct" and s.to and "Bij welke groep" in s.text
    }
    assert asked == {"U-MARK", "U-ADMIN"}
    await say(bot, adapter, ADMIN, f"!kiesgroep {stored.id} sociaal-domein", conversation=dm(ADMIN))
    assert "is vrijgegeven en komt in Sociaal domein" in adapter.sent[-1].text
    await say(bot, adapter, MARK, f"!kiesgroep {stored.id} omgevingswet", conversation=dm(MARK))
    assert "al toegewezen aan Sociaal domein" in adapter.sent[-1].text
    await component.desk.process_pending()
    row = (await inbound(bot))[0]
    assert row.status == InboundStatus.POSTED and row.group_id == "sociaal-domein"


# --- receipts --------------------------------------------------------------------------------


async def test_receipts_go_to_verified_senders_only_and_in_their_language(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, captured = desk
    await say(bot, adapter, ADMIN, "hallo", conversation=dm(ADMIN))
    english = mails.plain(
        "Hello,\n\nCan my mother get help from the Wmo for a stair lift in her house?\n\n"
        "Kind regards,\nTom Baker",
        subject="Stair lift",
        sender="Tom Baker <tom.baker@example.org>",
        to="sociaal-domein@vraagbaak.example",
    )
    forged = mails.plain(
        "Hoe werkt de bijstand?", sender="Victim <victim@example.net>", verified=False
    )
    for message in (english, forged):
        await store_raw(
            bot.services.db,
            bytes(message),
            source="imap",
            recipients=["sociaal-domein@vraagbaak.example"],
        )
    await component.desk.process_pending()
    assert [r.status for r in await inbound(bot)] == [InboundStatus.HELD, InboundStatus.HELD]
    await component.outbox.run_once()
    [receipt] = captured.sent  # nothing to the unverified "victim": no backscatter
    assert str(receipt["To"]) == "Tom Baker <tom.baker@example.org>"
    assert str(receipt["Subject"]).startswith("Received: Stair lift [VB-")
    assert receipt.get_content().startswith("Dear Tom Baker,\n\nWe have received your question")
    assert receipt["Auto-Submitted"] == "auto-replied"

    row = (await inbound(bot))[0]
    await say(bot, adapter, ADMIN, f"!mailvrijgeven {row.id}", conversation=dm(ADMIN))
    await component.desk.process_pending()
    await component.outbox.run_once()
    assert len(captured.sent) == 1  # released: no second receipt
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    await say(
        bot, adapter, BRAM, "Ja, via het Wmo-loket.", thread_id=root.message_id, message_id="a1"
    )
    await react(bot, adapter, ADMIN, "a1", root.message_id)
    await say(bot, adapter, ADMIN, "!versturen", conversation=dm(ADMIN))
    await component.outbox.run_once()
    answer = captured.sent[-1]
    assert answer.get_content().startswith(
        "Dear Tom Baker,\n\nThank you for your question about “Stair lift”."
    )
    assert answer["Auto-Submitted"] is None
