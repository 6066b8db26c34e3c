"""Socket Mode: the adapter connects to the mock's websocket (found via
``apps.connections.open``), acknowledges each envelope and answers through the Web API."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.storage.inbox_models import InboxEvent, InboxStatus
from tests.adapters.slack.conftest import ANOUK, SOCIAAL, SlackHarness, open_harness
from tests.adapters.slack.mock_slack import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    MockSlack,
    event_envelope,
)

# The delivery claims: inbox rows done (bot/delivery/inbox.py).
HANDLED = select(InboxEvent.delivery_id).where(InboxEvent.status == InboxStatus.DONE)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: storage on both databases is covered by the Events API and reliability
    tests; these exercise the Slack side."""
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


@pytest.fixture
async def socket_slack(database_url: str, mock_slack: MockSlack) -> AsyncIterator[SlackHarness]:
    async with open_harness(database_url, mock_slack, socket=True) as harness:
        yield harness


def envelope(kind: str, payload: dict[str, Any], retry: int = 0) -> dict[str, Any]:
    return {
        "envelope_id": uuid.uuid4().hex,
        "type": kind,
        "payload": payload,
        "accepts_response_payload": kind != "events_api",
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
    }


async def test_connects_with_the_app_token(socket_slack: SlackHarness) -> None:
    [opened] = socket_slack.mock.of("apps.connections.open")
    assert opened.token == APP_TOKEN
    assert {c.token for c in socket_slack.mock.of("auth.test")} == {BOT_TOKEN}
    assert socket_slack.adapter.healthy()
    assert socket_slack.adapter.port is None  # no HTTP listener in Socket Mode


async def test_app_mention_over_the_socket_is_acked_and_answered(
    socket_slack: SlackHarness,
) -> None:
    event = {
        "type": "app_mention",
        "user": ANOUK.id,
        "text": f"<@{BOT_USER_ID}> wat kun je?",
        "ts": "1700000010.000100",
        "channel": SOCIAAL,
    }
    sent = envelope("events_api", event_envelope(event))
    await socket_slack.mock.push(sent)
    await socket_slack.mock.wait_for_ack(sent["envelope_id"])
    [call] = await socket_slack.mock.wait_for("chat.postMessage")
    assert call.args["thread_ts"] == "1700000010.000100"
    assert "Dit kun je vragen" in call.args["text"]


async def test_redelivery_over_the_socket_is_handled_once(socket_slack: SlackHarness) -> None:
    event = {
        "type": "message",
        "channel_type": "channel",
        "user": ANOUK.id,
        "text": "!hulp",
        "ts": "1700000011.000100",
        "channel": SOCIAAL,
    }
    first = envelope("events_api", event_envelope(event, event_id="EvSOCKET"))
    again = envelope("events_api", event_envelope(event, event_id="EvSOCKET"), retry=1)
    await socket_slack.mock.push(first)
    await socket_slack.mock.push(again)
    await socket_slack.mock.wait_for_ack(again["envelope_id"])  # acknowledged all the same
    await socket_slack.mock.wait_for("chat.postMessage")
    await socket_slack.settle()
    assert len(socket_slack.mock.of("chat.postMessage")) == 1
    async with socket_slack.bot.services.db.session() as session:
        ids = (await session.exec(HANDLED)).all()
    assert ids == ["EvSOCKET"]


async def test_slash_command_over_the_socket(socket_slack: SlackHarness) -> None:
    sent = envelope(
        "slash_commands",
        {
            "command": "/vraagbaak",
            "text": "help",
            "user_id": ANOUK.id,
            "channel_id": SOCIAAL,
            "team_id": "T1",
            "trigger_id": "trig.socket",
            "response_url": "",
        },
    )
    await socket_slack.mock.push(sent)
    await socket_slack.mock.wait_for_ack(sent["envelope_id"])
    [call] = await socket_slack.mock.wait_for("chat.postEphemeral")
    assert "This is what you can ask" in call.args["text"]


async def test_shortcut_over_the_socket_opens_the_modal(socket_slack: SlackHarness) -> None:
    sent = envelope(
        "interactive",
        {
            "type": "message_action",
            "callback_id": "stel_openbaar_in_groep",
            "trigger_id": "trig.socket.shortcut",
            "team": {"id": "T1"},
            "user": {"id": ANOUK.id},
            "channel": {"id": "DPRIVATE"},
            "message": {"type": "message", "user": ANOUK.id, "text": "Bestemmingsplan?"},
        },
    )
    await socket_slack.mock.push(sent)
    await socket_slack.mock.wait_for_ack(sent["envelope_id"])
    [opened] = await socket_slack.mock.wait_for("views.open")
    select = opened.args["view"]["blocks"][0]["element"]
    assert select["initial_option"]["value"] == "omgevingswet"
