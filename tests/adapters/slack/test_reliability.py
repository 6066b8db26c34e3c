"""Rate limits, Slack being unreachable, and refusals: bounded retries, nothing lost."""

from __future__ import annotations

import socket

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import select

from bot.adapters.slack.sender import (
    Queued,
    RetryPolicy,
    SlackCallError,
    SlackSender,
    SlackUnavailableError,
)
from bot.events import AccountRef, ConversationRef, MessageRef
from bot.storage.database import Database
from bot.storage.models import OutboxItem, OutboxStatus
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, SlackHarness, open_harness
from tests.adapters.slack.mock_slack import BOT_TOKEN, MockSlack
from tests.adapters.slack.test_http_events import channel_message


async def test_rate_limit_waits_for_retry_after(slack: SlackHarness) -> None:
    slack.mock.fail("chat.postMessage", status=429, retry_after=1)
    await slack.event(channel_message("!hulp"))
    first, second = await slack.mock.wait_for("chat.postMessage", 2)
    assert second.at - first.at >= 0.95  # Retry-After: 1 was honoured
    assert second.args["text"] == first.args["text"]
    assert "Dit kun je vragen" in second.args["text"]


async def test_retry_after_is_capped(database_url: str, mock_slack: MockSlack) -> None:
    async with open_harness(database_url, mock_slack, max_retry_after=0.2) as slack:
        slack.mock.fail("chat.postMessage", status=429, retry_after=120)
        await slack.event(channel_message("!hulp"))
        first, second = await slack.mock.wait_for("chat.postMessage", 2, within=5)
        assert 0.15 <= second.at - first.at < 2


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


async def test_a_refusal_is_not_retried(slack: SlackHarness) -> None:
    slack.mock.fail("reactions.add", status=200, error="invalid_name")
    with pytest.raises(SlackCallError) as refused:
        await slack.adapter.sender.call("reactions.add", {"channel": ALGEMEEN})
    assert refused.value.error == "invalid_name"
    assert len(slack.mock.of("reactions.add")) == 1


async def test_rate_limited_beyond_every_attempt_gives_up(slack: SlackHarness) -> None:
    slack.mock.fail("views.publish", status=429, retry_after=0, times=5)
    with pytest.raises(SlackUnavailableError):
        await slack.adapter.sender.call("views.publish", {"user_id": ANOUK.id})
    assert len(slack.mock.of("views.publish")) == 5


async def test_private_answer_falls_back_to_a_direct_message(slack: SlackHarness) -> None:
    slack.mock.refusing_channels.add("CNOTMEMBER")
    near = MessageRef(ConversationRef("slack", "CNOTMEMBER", "geheim"), "1700000000.000100")
    await slack.adapter.send_private(near, AccountRef("slack", ANOUK.id), "alleen voor jou")
    [refused] = slack.mock.of("chat.postEphemeral")
    assert refused.args["user"] == ANOUK.id
    [direct] = slack.mock.of("chat.postMessage")
    assert direct.args["channel"] == "DANOUK"
    assert direct.args["text"] == "alleen voor jou"


async def test_reactions_use_slack_names(slack: SlackHarness) -> None:
    ref = MessageRef(ConversationRef("slack", ALGEMEEN), "1700000000.000100")
    await slack.adapter.react(ref, "✅")
    [call] = slack.mock.of("reactions.add")
    assert call.args == {
        "channel": ALGEMEEN,
        "timestamp": "1700000000.000100",
        "name": "white_check_mark",
    }
