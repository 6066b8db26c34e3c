"""Slack's requests are stored before Slack gets its answer, and a request acknowledged by a
process that was killed before answering is answered by the next one."""

from __future__ import annotations

from sqlmodel import select

from bot.core.events import utcnow
from bot.delivery.inbox import LEASE
from bot.storage.inbox_models import InboxEvent, InboxStatus
from tests.adapters.slack.conftest import ANOUK, SlackHarness
from tests.adapters.slack.mock_slack import event_envelope
from tests.adapters.slack.test_http_events import channel_message


async def test_an_event_is_stored_before_it_is_acknowledged(slack: SlackHarness) -> None:
    status, _ = await slack.event(channel_message("!hulp"), event_id="EvSTORED")
    assert status == 200
    async with slack.bot.services.db.session() as session:
        [row] = (await session.exec(select(InboxEvent))).all()
    assert (row.platform, row.delivery_id, row.kind) == ("slack", "EvSTORED", "event")
    await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        [row] = (await session.exec(select(InboxEvent))).all()
    assert row.status is InboxStatus.DONE and row.payload == {}


async def test_a_slash_command_left_by_a_killed_process_is_answered(slack: SlackHarness) -> None:
    body = {
        "command": "/vraagbaak",
        "text": "hulp",
        "user_id": ANOUK.id,
        "channel_id": "CALGEMEEN",
        "trigger_id": "trig.killed",
        "response_url": "",
    }
    mention = event_envelope(channel_message("!help", ts="1700000000.000900"), event_id="EvK")
    async with slack.bot.services.db.session() as session:
        for delivery_id, kind, payload in (
            ("slash:trig.killed", "slash", body),
            ("EvK", "event", mention),
        ):
            session.add(
                InboxEvent(
                    platform="slack",
                    delivery_id=delivery_id,
                    kind=kind,
                    payload=payload,
                    attempts=1,
                    lease_owner="host:4242:dead00",  # acknowledged, then SIGKILL
                    lease_until=utcnow() + LEASE,
                )
            )
        await session.commit()
    assert await slack.bot.services.inbox.recover() == 2
    [private] = await slack.mock.wait_for("chat.postEphemeral")
    assert "Dit kun je vragen" in private.args["text"]
    [public] = await slack.mock.wait_for("chat.postMessage")
    assert public.args["thread_ts"] == "1700000000.000900"
    assert "This is what you can ask" in public.args["text"]
