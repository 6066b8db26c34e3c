"""The outbox: messages wait while Slack is down, in order, and survive a restart (on SQLite
and PostgreSQL)."""

from __future__ import annotations

import socket

from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import select

from bot.adapters.slack.sender import Queued, RetryPolicy, SlackSender
from bot.storage.database import Database
from bot.storage.models import OutboxItem, OutboxStatus
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


async def test_unreachable_slack_queues_and_a_restart_delivers(
    database_url: str, mock_slack: MockSlack
) -> None:
    db = Database(database_url)
    await db.upgrade_async()
    policy = RetryPolicy(max_attempts=2, backoff_base=0.01)
    dead = AsyncWebClient(
        token=BOT_TOKEN, base_url=f"http://127.0.0.1:{_closed_port()}/api/", retry_handlers=[]
    )
    try:
        first = SlackSender(dead, db, policy)
        result = await first.deliver(
            "chat.postMessage", {"channel": ALGEMEEN, "text": "na de storing"}
        )
        assert isinstance(result, Queued)
        await first.flush()  # what stop() does before the process ends
        # A new process (the sender after a restart) finds the message and sends it.
        alive = AsyncWebClient(token=BOT_TOKEN, base_url=mock_slack.api_url, retry_handlers=[])
        assert await SlackSender(alive, db, policy).drain() == 1
        [call] = mock_slack.of("chat.postMessage")
        assert call.args == {"channel": ALGEMEEN, "text": "na de storing"}
    finally:
        await db.dispose()


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
