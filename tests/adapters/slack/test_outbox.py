"""The outbox: messages wait while Slack is down, in order, and survive a restart (on SQLite
and PostgreSQL)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import select

from bot.adapters.slack.provisional import is_provisional
from bot.adapters.slack.sender import Queued, RetryPolicy, SlackSender
from bot.events import ConversationRef
from bot.recorder import record_posted_question
from bot.storage.database import Database
from bot.storage.models import Message, OutboxItem, OutboxStatus, Thread
from tests.adapters.slack.conftest import ALGEMEEN, open_harness
from tests.adapters.slack.mock_slack import BOT_TOKEN, MockSlack
from tests.adapters.slack.test_http_events import channel_message


async def test_messages_wait_in_the_outbox_while_slack_is_down(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack, max_attempts=3) as slack:
        slack.mock.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
        await slack.event(channel_message("!hulp"))
        await slack.mock.wait_for("chat.postMessage", 3)
        await slack.settle()
        await slack.adapter.sender.flush()
        async with slack.bot.services.db.session() as session:
            [item] = (await session.exec(select(OutboxItem))).all()
        assert item.status is OutboxStatus.PENDING
        assert item.payload["method"] == "chat.postMessage"
        assert item.payload["args"]["thread_ts"] == "1700000000.000200"
        # While the first waits, the next one queues behind it: the order is kept.
        await slack.event(channel_message("!help", ts="1700000000.000300"))
        await slack.settle()
        slack.mock.failures.clear()  # Slack is back
        before = len(slack.mock.of("chat.postMessage"))
        calls = await slack.mock.wait_for("chat.postMessage", before + 2)
        delivered = [c.args["thread_ts"] for c in calls if c.response.get("ok")]
        assert delivered == ["1700000000.000200", "1700000000.000300"]
        await slack.adapter.sender.drain()
        async with slack.bot.services.db.session() as session:
            items = (await session.exec(select(OutboxItem))).all()
        assert [i.status for i in items] == [OutboxStatus.SENT, OutboxStatus.SENT]
        assert [i.payload for i in items] == [{"method": "chat.postMessage"}] * 2
        assert not slack.adapter.sender.backlog
        async with slack.http.get(f"http://127.0.0.1:{slack.adapter.port}/health") as health:
            assert health.status == 200


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.upgrade_async()
    try:
        yield database
    finally:
        await database.dispose()


async def test_unreachable_slack_queues_and_a_restart_delivers(
    db: Database, mock_slack: MockSlack
) -> None:
    policy = RetryPolicy(max_attempts=2, backoff_base=0.01)
    dead = AsyncWebClient(
        token=BOT_TOKEN, base_url=f"http://127.0.0.1:{_closed_port()}/api/", retry_handlers=[]
    )
    first = SlackSender(dead, db, policy)
    result = await first.deliver("chat.postMessage", {"channel": ALGEMEEN, "text": "na de storing"})
    assert isinstance(result, Queued)
    await first.flush()  # what stop() does before the process ends
    # A new process (the sender after a restart) finds the message and sends it.
    alive = AsyncWebClient(token=BOT_TOKEN, base_url=mock_slack.api_url, retry_handlers=[])
    assert await SlackSender(alive, db, policy).drain() == 1
    [call] = mock_slack.of("chat.postMessage")
    assert call.args == {"channel": ALGEMEEN, "text": "na de storing"}


async def test_a_long_retry_after_sends_the_message_to_the_outbox_at_once(
    database_url: str, mock_slack: MockSlack
) -> None:
    async with open_harness(database_url, mock_slack) as slack:
        slack.mock.fail("chat.postMessage", status=429, retry_after=30)
        await slack.event(channel_message("!hulp"))
        # The handler did not wait 30 s: the message went to the outbox, and the drain
        # (every 0.2 s here) delivered it once Slack accepted it.
        _refused, second = await slack.mock.wait_for("chat.postMessage", 2, within=5)
        assert second.response["ok"] and second.args["thread_ts"] == "1700000000.000200"
        await slack.settle()
        await slack.adapter.sender.drain()
        async with slack.bot.services.db.session() as session:
            [item] = (await session.exec(select(OutboxItem))).all()
        assert item.status is OutboxStatus.SENT


async def test_a_thread_posted_while_slack_is_down_gets_its_real_id(
    database_url: str, mock_slack: MockSlack
) -> None:
    """A question posted while Slack is down starts a thread known by a provisional id; once
    delivered, the thread's records and a reply queued behind it follow the real ``ts``, so an
    answer in that thread is recorded in it."""
    async with open_harness(database_url, mock_slack, max_attempts=2) as slack:
        services = slack.bot.services
        slack.mock.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
        conversation = ConversationRef("slack", ALGEMEEN, "algemeen")
        root = await slack.adapter.post(conversation, "Vraag uit een e-mail")
        assert is_provisional(root.message_id)
        async with services.db.session() as session:
            channel = await services.channels.channel_for(session, conversation)
            await record_posted_question(
                session, channel, root, text="Vraag uit een e-mail", group_id="sociaal-domein"
            )
            await session.commit()
        await slack.adapter.reply(root, "Ik zoek iemand die het weet.")
        await slack.adapter.sender.flush()
        slack.mock.failures.clear()  # Slack is back
        assert await slack.adapter.sender.drain() == 2
        first, second = [c for c in slack.mock.of("chat.postMessage") if c.response.get("ok")]
        real_ts = first.response["ts"]
        assert "thread_ts" not in first.args and second.args["thread_ts"] == real_ts
        async with services.db.session() as session:
            thread = (await session.exec(select(Thread))).one()
            stored_root = (await session.exec(select(Message))).one()
        assert thread.root_external_id == real_ts and stored_root.external_id == real_ts
        await slack.event(
            channel_message("Dat weet ik!", ts="1800000099.000001", thread_ts=real_ts)
        )
        await slack.settle()
        async with services.db.session() as session:
            thread = (await session.exec(select(Thread))).one()
        assert thread.reply_count == 1


async def test_a_reply_queued_before_a_restart_follows_its_thread(
    db: Database, mock_slack: MockSlack
) -> None:
    policy = RetryPolicy(max_attempts=1, backoff_base=0.01)
    alive = AsyncWebClient(token=BOT_TOKEN, base_url=mock_slack.api_url, retry_handlers=[])
    sender = SlackSender(alive, db, policy)
    mock_slack.fail("chat.postMessage", status=503, times=1000, error="service_unavailable")
    root = await sender.deliver("chat.postMessage", {"channel": ALGEMEEN, "text": "vraag"})
    assert isinstance(root, Queued)
    reply = {"channel": ALGEMEEN, "text": "antwoord", "thread_ts": root.provisional_id}
    await sender.deliver("chat.postMessage", reply)
    await sender.flush()
    mock_slack.failures.clear()
    async with db.session() as session:  # only the first was delivered before the restart
        [first, _] = (await session.exec(select(OutboxItem).order_by(OutboxItem.id))).all()
    await sender._mark(first, OutboxStatus.SENT, None, "1800000000.123456")
    assert await SlackSender(alive, db, policy).drain() == 1
    [call] = [c for c in mock_slack.of("chat.postMessage") if c.response.get("ok")]
    assert call.args["thread_ts"] == "1800000000.123456"
