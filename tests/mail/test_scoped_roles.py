"""Issue 13: group-scoped moderators and community managers act in their own group only
(accepting answers, releasing mail, listing waiting mail), and a group's moderator can run
the command the bot tells them to run. Every refusal says why and is in the audit log."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from bot.core.events import AccountRef, ConversationRef
from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.startup.app import Bot, build_bot
from bot.storage.authority_models import AuditEntry
from bot.storage.mail_models import InboundStatus
from bot.storage.models import Channel
from tests.conftest import BASE_CONFIG, make_config
from tests.mail import mails
from tests.mail.test_desk import SOC, Captured, inbound, on, say
from tests.support.recording_adapter import RecordingAdapter

MODERATOR = AccountRef("test", "U-MOD", "Mia Moderator", "mia@ermelo.nl")
OTHER_CM = AccountRef("test", "U-CMO", "Olaf Omgeving", "olaf@harderwijk.nl")
FORWARDER = AccountRef("test", "U-MARK", "Mark", "m.hendriks@ermelo.nl")
ELSEWHERE = ConversationRef("test", "C-X")


@pytest.fixture
async def scoped_bot(database_url: str) -> AsyncIterator[Bot]:
    groups = [dict(g) for g in BASE_CONFIG["groups"]]  # type: ignore[attr-defined]
    groups[0]["moderators"] = [MODERATOR.email]
    groups[0]["answer_preview"] = False  # these tests are about who may; the mail leaves at once
    groups[1]["community_managers"] = [OTHER_CM.email]
    instance = build_bot(make_config(database_url, groups=groups))  # type: ignore[arg-type]
    await instance.prepare()
    try:
        yield instance
    finally:
        await instance.close()


@pytest.fixture
async def world(scoped_bot: Bot) -> tuple[Bot, RecordingAdapter, MailComponent, Captured]:
    bot = scoped_bot
    adapter = RecordingAdapter()
    bot.services.adapters.add(adapter)
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
    for who in (MODERATOR, OTHER_CM, FORWARDER):
        await say(bot, adapter, who, "hallo", conversation=ELSEWHERE)
    return bot, adapter, component, captured


async def _audit(bot: Bot) -> list[AuditEntry]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(AuditEntry))).all())


async def test_the_groups_moderator_releases_held_mail_another_group_cannot(
    world: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, _ = world
    raw = bytes(mails.plain("Hoe werkt de bijstand?", sender="Piet <piet@elders.example>"))
    stored = await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    told = [s for s in adapter.sent if s.kind == "direct" and s.to == MODERATOR]
    assert told and f"!mailvrijgeven {stored.id}" in told[0].text
    assert not [s for s in adapter.sent if s.kind == "direct" and s.to == OTHER_CM]

    # The other group's community manager neither sees it nor may release it.
    await say(bot, adapter, OTHER_CM, "!wachtendemail", conversation=ELSEWHERE)
    assert "piet@elders.example" not in adapter.sent[-1].text
    assert "Er wacht geen mail" in adapter.sent[-1].text
    await say(bot, adapter, OTHER_CM, f"!mailvrijgeven {stored.id}", conversation=ELSEWHERE)
    refusal = adapter.sent[-1].text
    assert "sociaal-domein" in refusal and "omgevingswet" in refusal
    assert (await inbound(bot))[0].status == InboundStatus.HELD
    assert any(e.action == "refused" and "mail" in e.detail for e in await _audit(bot))

    # The moderator the bot told to run the command can run it.
    await say(bot, adapter, MODERATOR, "!wachtendemail", conversation=ELSEWHERE)
    assert "piet@elders.example" in adapter.sent[-1].text
    await say(bot, adapter, MODERATOR, f"!mailvrijgeven {stored.id}", conversation=ELSEWHERE)
    await component.desk.process_pending()
    assert (await inbound(bot))[0].status == InboundStatus.POSTED


async def test_a_community_manager_accepts_answers_only_in_their_group(
    world: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    bot, adapter, component, captured = world
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    await component.outbox.run_once()
    before = len(captured.sent)  # the receipt to the asker, if any
    await say(bot, adapter, OTHER_CM, "!antwoord Ja, via het Wmo-loket.", thread_id=root.message_id)
    refusal = adapter.sent[-1].text
    assert "sociaal-domein" in refusal and "omgevingswet" in refusal
    await component.outbox.run_once()
    assert len(captured.sent) == before
    await say(
        bot, adapter, MODERATOR, "!antwoord Ja, via het Wmo-loket.", thread_id=root.message_id
    )
    await component.outbox.run_once()
    assert len(captured.sent) == before + 1
    assert "Wmo-loket" in captured.sent[-1].get_content()


async def test_a_partner_cannot_reply_into_an_internal_thread_by_mail(
    world: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    """Issue 13: a Message-ID of the thread's mails is enough to link a reply; a partner (or
    an unknown address) waits for a moderator instead of landing in the thread."""
    bot, adapter, component, captured = world
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    root = next(s for s in adapter.sent if on(s, SOC) and s.thread_id is None)
    await say(
        bot, adapter, MODERATOR, "!antwoord Ja, via het Wmo-loket.", thread_id=root.message_id
    )
    await component.outbox.run_once()
    answer = captured.sent[-1]
    in_thread = len([s for s in adapter.sent if s.thread_id == root.message_id])

    partner = mails.plain(
        "Wij kunnen die traplift goedkoop leveren!",
        subject="Re: Wheelchair at home",
        sender="Pieter <pieter@vandijkbouw.nl>",
        headers={"In-Reply-To": answer["Message-ID"]},
    )
    await store_raw(
        bot.services.db, bytes(partner), source="imap", recipients=["vraag@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert len([s for s in adapter.sent if s.thread_id == root.message_id]) == in_thread
    assert not any("goedkoop" in s.text for s in adapter.sent)
    assert (await inbound(bot))[-1].status == InboundStatus.HELD
    told = [s for s in adapter.sent if s.kind == "direct" and s.to == MODERATOR]
    assert len(told) == 1  # the group's moderator decides

    asker = mails.plain(
        "Thank you, how long does it take?",
        subject="Re: Wheelchair at home",
        sender="Tom Baker <tom.baker@example.org>",
        headers={"In-Reply-To": answer["Message-ID"]},
    )
    await store_raw(
        bot.services.db, bytes(asker), source="imap", recipients=["vraag@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert any(s.thread_id == root.message_id and "how long" in s.text for s in adapter.sent)


async def test_a_partners_new_mail_waits_for_a_moderator(
    world: tuple[Bot, RecordingAdapter, MailComponent, Captured],
) -> None:
    """Issue 13: mail from a partner's domain is not posted straight into an internal group's
    channel; the group's moderator decides, as for any outside sender."""
    bot, adapter, component, _ = world
    raw = bytes(
        mails.plain("Wie koopt onze trapliften in?", sender="Pieter <pieter@vandijkbouw.nl>")
    )
    await store_raw(
        bot.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    await component.desk.process_pending()
    assert (await inbound(bot))[-1].status == InboundStatus.HELD
    assert not any("trapliften" in s.text for s in adapter.sent if on(s, SOC))
    assert [s for s in adapter.sent if s.kind == "direct" and s.to == MODERATOR]
