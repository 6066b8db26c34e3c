"""The Events API end to end: signed requests into the real slack-bolt app, answers out to
the mock Web API."""

from __future__ import annotations

from sqlmodel import select

from bot.storage.models import Account, Message, Person, ProcessedEvent
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, SOCIAAL, SlackHarness
from tests.adapters.slack.mock_slack import BOT_USER_ID


def mention(text: str, ts: str = "1700000000.000100", **extra: str) -> dict[str, str]:
    return {
        "type": "app_mention",
        "user": ANOUK.id,
        "text": text,
        "ts": ts,
        "channel": SOCIAAL,
        "event_ts": ts,
        **extra,
    }


def channel_message(text: str, ts: str = "1700000000.000200", **extra: str) -> dict[str, str]:
    return {
        "type": "message",
        "channel_type": "channel",
        "user": ANOUK.id,
        "text": text,
        "ts": ts,
        "channel": ALGEMEEN,
        "event_ts": ts,
        **extra,
    }


async def test_app_mention_is_answered_in_its_thread(slack: SlackHarness) -> None:
    status, _ = await slack.event(mention(f"<@{BOT_USER_ID}> wat kun je?"))
    assert status == 200
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["channel"] == SOCIAAL
    assert call.args["thread_ts"] == "1700000000.000100"
    assert "Dit kun je vragen" in call.args["text"]
    assert "*Vraagbaak*" in call.args["text"]  # Markdown bold rendered as mrkdwn
    assert call.args["blocks"][0]["text"]["type"] == "mrkdwn"
