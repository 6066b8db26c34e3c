"""Rate limits, Slack being unreachable, and refusals: bounded retries, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.slack.sender import (
    SlackCallError,
    SlackUnavailableError,
)
from bot.core.events import AccountRef, ConversationRef, MessageRef
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, SlackHarness, open_harness
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.test_http_events import channel_message


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: these are about Slack's answers; the outbox runs on both databases."""
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


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


async def test_posting_where_the_bot_is_no_member_joins_first(slack: SlackHarness) -> None:
    slack.mock.fail("chat.postMessage", status=200, error="not_in_channel")
    ref = await slack.adapter.post(ConversationRef("slack", ALGEMEEN), "Nieuwe vraag")
    [joined] = slack.mock.of("conversations.join")
    assert joined.args == {"channel": ALGEMEEN}
    _refused, posted = slack.mock.of("chat.postMessage")
    assert posted.args["text"] == "Nieuwe vraag"
    assert ref.message_id == posted.response["ts"]
