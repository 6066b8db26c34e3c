"""Issue 15: a mailed question is a thread in the adoption figures (``source = email``), asked
by the person who asked it — a colleague who mailed it in, or a stand-in for a citizen that
keeps no name or address — so "answered", response times, acceptance and
``email_question_share`` count it like a question asked in the chat."""

from __future__ import annotations

import asyncio

from sqlmodel import col, select

from bot.adoption.figures.compute import compute_stats
from bot.core.events import AccountRef, ConversationRef
from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.startup.app import Bot
from bot.storage.models import Person, Thread, ThreadSource
from tests.mail import mails
from tests.mail.test_desk import SOC, Captured, on, say
from tests.mail.test_desk import desk as desk  # the fixture
from tests.support.recording_adapter import RecordingAdapter

MARK = AccountRef("test", "U-MARK", "Mark", "m.hendriks@ermelo.nl")
BRAM = AccountRef("test", "U-BRAM", "Bram", "bram@harderwijk.nl")
COR = AccountRef("test", "U-COR", "Cor", "cor@harderwijk.nl")
ANOUK = AccountRef("test", "U-ANOUK", "Anouk Jansen", "anouk.jansen@ermelo.nl")
DIRK = AccountRef("test", "U-DIRK", "Dirk", "dirk@ermelo.nl")
SOC_DM = ConversationRef("test", "D-MARK", "direct", is_direct=True)


async def test_mailed_questions_count_in_the_adoption_figures(
    bot: Bot, adapter: RecordingAdapter, desk: tuple[MailComponent, Captured]
) -> None:
    component, _ = desk
    citizens = ["Anna de Boer <anna@example.com>", "Piet Smit <piet@example.net>"]
    for number, citizen in enumerate(citizens):
        forward = mails.OUTLOOK_FORWARD.replace("Anna de Boer <anna.deboer@example.com>", citizen)
        await store_raw(
            bot.services.db,
            bytes(mails.plain(forward, subject=f"FW: Schutting {number}")),
            source="imap",
            recipients=["sociaal-domein@vraagbaak.example"],
        )
    colleague = mails.plain(
        "Hoe gaan jullie om met een traplift in de Wmo?",
        subject="Traplift",
        sender="Anouk Jansen <anouk.jansen@ermelo.nl>",
    )
    await store_raw(
        bot.services.db, bytes(colleague), source="imap", recipients=["vraag@vraagbaak.example"]
    )
    await component.desk.process_pending()
    roots = [s for s in adapter.sent if on(s, SOC) and s.thread_id is None]
    assert len(roots) == 3
    # A question asked in the chat, for comparison.
    await say(bot, adapter, DIRK, "Weet iemand hoe de bijstand werkt bij een erfenis?")

    # Two of the three mailed questions get an answer; one answer is accepted and mailed.
    await say(bot, adapter, BRAM, "Boven 2 meter: vergunning.", thread_id=roots[0].message_id,
              message_id="a0")  # fmt: skip
    await say(bot, adapter, COR, "Via het Wmo-loket.", thread_id=roots[2].message_id)
    await say(bot, adapter, MARK, "!antwoord", thread_id=roots[0].message_id, reply_to="a0")
    await say(bot, adapter, MARK, "!versturen", conversation=SOC_DM)

    async with bot.services.db.session() as session:
        threads = list(
            (
                await session.exec(
                    select(Thread)
                    .where(Thread.source == ThreadSource.EMAIL)
                    .order_by(col(Thread.id))
                )
            ).all()
        )
        assert len(threads) == 3 and not any(t.by_bot for t in threads)
        askers = [await session.get(Person, t.author_id) for t in threads]
    # The citizens' stand-ins keep no name or address; the colleague is herself.
    assert [(p.email, p.active) for p in askers if p is not None][:2] == [
        (None, False),
        (None, False),
    ]
    assert askers[2] is not None and askers[2].email == "anouk.jansen@ermelo.nl"
    assert {p.name for p in askers[:2] if p is not None} == {"Vraagsteller per e-mail"}

    figures = await asyncio.to_thread(
        compute_stats, bot.services.db.sync_engine, bot.services.config
    )
    overall = figures["by_channel"]["sociaal-domein"]
    extra = figures["extra"]["by_channel"]["sociaal-domein"]
    assert overall["threads"] == 4
    assert overall["answered"] == 2
    assert overall["accepted"] == 1  # the mailed answer, in the asker's name
    assert overall["median_hours_to_first_response"] is not None
    assert extra["email_question_share"] == 0.75
    assert extra["open_without_reply"] == 2
