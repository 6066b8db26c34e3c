"""The mail desk on Slack (SQLite and PostgreSQL): a mail posted just before its process was
killed is taken over by the next process at once (not when a five-minute lease runs out),
found on Slack by its key and recorded, not posted again; a ✅ on an answer in the thread
(Slack's reaction events say nothing of the thread) mails that answer once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage

import aiohttp
import pytest
from sqlmodel import select

from bot.adapters.slack.adapter import SlackAdapter
from bot.core.events import utcnow
from bot.mail.component import MailComponent
from bot.mail.posting import MailPoster
from bot.mail.store import store_raw
from bot.startup.app import Bot, build_bot
from bot.storage.inbox_models import InboxEvent, InboxStatus
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import OutboxItem, OutboxStatus
from tests.adapters.slack.conftest import SOCIAAL, slack_groups, slack_table, start_adapter
from tests.adapters.slack.mock_slack import MockSlack, SlackUserRecord, event_envelope, sign
from tests.conftest import make_config
from tests.mail import mails


@asynccontextmanager
async def running(database_url: str, mock: MockSlack) -> AsyncIterator[Bot]:
    """One process: the whole bot (every handler) on Slack."""
    groups = slack_groups()
    groups[0]["answer_preview"] = False  # a ✅ mails the answer at once (issue 15's opt-out)
    config = make_config(database_url, slack=slack_table(mock), groups=groups)  # type: ignore[arg-type]
    bot = build_bot(config)
    await bot.prepare()
    adapter = await start_adapter(bot)
    try:
        yield bot
    finally:
        await adapter.stop()
        await bot.close()


@pytest.fixture
async def mock_slack() -> AsyncIterator[MockSlack]:
    mock = MockSlack(channels={SOCIAAL: "sociaal-domein"})
    await mock.start()
    try:
        yield mock
    finally:
        await mock.stop()


GROUP_ADDRESS = "sociaal-domein@vraagbaak.example"


async def deliver(adapter: object, event: dict[str, object]) -> None:
    """An Events API request, signed, into the adapter's HTTP listener; until handled."""
    assert isinstance(adapter, SlackAdapter)
    body = json.dumps(event_envelope(event))
    headers = {**sign(body), "Content-Type": "application/json"}
    url = f"http://127.0.0.1:{adapter.port}{adapter.config.path}"
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
        assert r.status == 200
    assert await adapter.wait_idle(10.0)


class Killed(BaseException):
    """SIGKILL, as far as the code running at that moment can tell."""


async def _no_mail(_message: EmailMessage) -> None:
    return None


async def test_a_mail_posted_before_a_kill_is_recorded_not_posted_again(
    database_url: str, mock_slack: MockSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = bytes(
        mails.plain("Hoe werkt de bijstand bij een erfenis?", to="sociaal-domein@vraagbaak.example")
    )
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=_no_mail, smtp=False)
        await store_raw(
            bot.services.db,
            raw,
            source="imap",
            recipients=["sociaal-domein@vraagbaak.example"],
        )

        async def killed(*_args: object, **_kwargs: object) -> None:
            raise Killed

        # Slack takes the thread, then the process dies before the desk records it.
        with monkeypatch.context() as patch:
            patch.setattr(MailPoster, "_record_question", killed)
            with pytest.raises(Killed):
                await mail.desk.process_pending()
        await mail.desk.close()
        [posted] = roots(mock_slack)
        before = len(mock_slack.posted(SOCIAAL))
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=_no_mail, smtp=False)
        assert await mail.desk.process_pending() == 1  # at once, no lease to wait out
        await mail.desk.close()
        async with bot.services.db.session() as session:
            row = (await session.exec(select(InboundEmail))).one()
            items = (await session.exec(select(OutboxItem))).all()
    assert roots(mock_slack) == [posted]  # one thread
    assert len(mock_slack.posted(SOCIAAL)) == before  # and its status line not posted again
    assert row.status is InboundStatus.POSTED and row.root_external_id == posted["ts"]
    slack_posts = [i for i in items if i.channel == "slack"]  # the root and its status line
    assert {i.status for i in slack_posts} == {OutboxStatus.SENT}
    assert [i for i in slack_posts if i.result.get("ts") == posted["ts"]]


async def test_a_check_mark_on_an_answer_in_a_slack_thread_mails_it_once(
    database_url: str, mock_slack: MockSlack
) -> None:
    asker = SlackUserRecord("UMARK", "Mark", "m.hendriks@ermelo.nl")
    helper = SlackUserRecord("UBRAM", "Bram", "bram@harderwijk.nl")
    mock_slack.users.update({asker.id: asker, helper.id: helper})
    sent: list[EmailMessage] = []

    async def smarthost(message: EmailMessage) -> None:
        sent.append(message)

    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=smarthost, smtp=False)
        raw = bytes(mails.plain("Hoe werkt de bijstand bij een erfenis?", to=GROUP_ADDRESS))
        await store_raw(bot.services.db, raw, source="imap", recipients=[GROUP_ADDRESS])
        assert await mail.desk.process_pending() == 1
        [root] = roots(mock_slack)
        harness = bot.services.adapters["slack"]
        answer = {
            "type": "message",
            "channel_type": "channel",
            "user": helper.id,
            "text": "Een erfenis telt als vermogen.",
            "ts": "1800000100.000001",
            "thread_ts": root["ts"],
            "channel": SOCIAAL,
        }
        check = {
            "type": "reaction_added",
            "user": asker.id,
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": SOCIAAL, "ts": "1800000100.000001"},
        }
        for event in (answer, check, check):  # the ✅ twice: mailed once
            await deliver(harness, event)
        await mail.outbox.run_once()
        await mail.desk.close()
    answers = [m for m in sent if str(m["Subject"]).startswith("Antwoord:")]
    assert len(answers) == 1 and "vermogen" in answers[0].get_content()
    updates = [call.args["text"] for call in mock_slack.of("chat.update")]
    assert any("gemaild" in text for text in updates)  # the thread's status line moved on


async def test_a_check_mark_before_the_desk_recorded_its_thread_is_handled_later(
    database_url: str, mock_slack: MockSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk posted the thread and was killed before recording it; an answer and its ✅
    come in before the next process's desk has recorded it: the ✅ waits, not dropped."""
    asker = SlackUserRecord("UMARK", "Mark", "m.hendriks@ermelo.nl")
    helper = SlackUserRecord("UBRAM", "Bram", "bram@harderwijk.nl")
    mock_slack.users.update({asker.id: asker, helper.id: helper})
    sent: list[EmailMessage] = []

    async def smarthost(message: EmailMessage) -> None:
        sent.append(message)

    raw = bytes(mails.plain("Hoe werkt de bijstand bij een erfenis?", to=GROUP_ADDRESS))
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=smarthost, smtp=False)
        await store_raw(bot.services.db, raw, source="imap", recipients=[GROUP_ADDRESS])

        async def killed(*_args: object, **_kwargs: object) -> None:
            raise Killed

        with monkeypatch.context() as patch:
            patch.setattr(MailPoster, "_record_question", killed)
            with pytest.raises(Killed):
                await mail.desk.process_pending()
        await mail.desk.close()
    [root] = roots(mock_slack)
    async with running(database_url, mock_slack) as bot:
        mail = MailComponent(bot, transport=smarthost, smtp=False)
        adapter = bot.services.adapters["slack"]
        await deliver(adapter, answer_in(root["ts"], helper))
        await deliver(adapter, check_mark(asker))
        async with bot.services.db.session() as session:
            waiting = (
                await session.exec(
                    select(InboxEvent).where(InboxEvent.status == InboxStatus.PENDING)
                )
            ).all()
        assert len(waiting) == 1 and "RetryLater" in (waiting[0].last_error or "")
        assert await mail.desk.process_pending() == 1  # the thread is recorded now
        async with bot.services.db.session() as session:
            row = await session.get(InboxEvent, waiting[0].id)
            assert row is not None
            row.next_attempt_at = utcnow()
            session.add(row)
            await session.commit()
        assert await bot.services.inbox.recover() == 1
        await mail.outbox.run_once()
        await mail.desk.close()
    answers = [m for m in sent if str(m["Subject"]).startswith("Antwoord:")]
    assert len(answers) == 1


def roots(mock: MockSlack) -> list[dict[str, object]]:
    """The thread roots the desk posted (its status lines go into the thread)."""
    return [m for m in mock.posted(SOCIAAL) if not m.get("thread_ts")]


def answer_in(thread: str, helper: SlackUserRecord) -> dict[str, object]:
    return {
        "type": "message",
        "channel_type": "channel",
        "user": helper.id,
        "text": "Een erfenis telt als vermogen.",
        "ts": "1800000100.000001",
        "thread_ts": thread,
        "channel": SOCIAAL,
    }


def check_mark(asker: SlackUserRecord) -> dict[str, object]:
    return {
        "type": "reaction_added",
        "user": asker.id,
        "reaction": "white_check_mark",
        "item": {"type": "message", "channel": SOCIAAL, "ts": "1800000100.000001"},
    }
