"""Direct messages, edits, reactions, joins and uploads through the Events API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from bot.adapters.base import Adapter
from bot.core.events import Attachment, ConversationRef
from bot.storage.models import Channel, ChannelMember, Message, Reaction
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, BRAM, SOCIAAL, SlackHarness
from tests.adapters.slack.test_http_events import channel_message


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


async def test_direct_message_is_answered_in_the_conversation(slack: SlackHarness) -> None:
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": ANOUK.id,
            "text": "wat kun je?",
            "ts": "1700000030.000100",
            "channel": "DANOUK",
        }
    )
    [call] = await slack.mock.wait_for("chat.postMessage")
    assert call.args["channel"] == "DANOUK"
    assert "thread_ts" not in call.args
    assert "Dit kun je vragen" in call.args["text"]


async def test_edit_updates_the_stored_text_without_answering_again(slack: SlackHarness) -> None:
    await slack.event(channel_message("Wie weet iets van de Wmo?"))
    await slack.settle()
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": ALGEMEEN,
            "channel_type": "channel",
            "ts": "1700000031.000100",
            "message": {"user": ANOUK.id, "text": "!hulp", "ts": "1700000000.000200"},
        }
    )
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        [text] = (await session.exec(select(Message.text))).all()
    assert text == "!hulp"
    assert slack.mock.of("chat.postMessage") == []


async def test_reaction_on_a_message_is_recorded(slack: SlackHarness) -> None:
    await slack.event(channel_message("Het staat in de verordening", user=BRAM.id))
    await slack.settle()
    reaction = {
        "type": "reaction_added",
        "user": ANOUK.id,
        "reaction": "white_check_mark",
        "item": {"type": "message", "channel": ALGEMEEN, "ts": "1700000000.000200"},
        "event_ts": "1700000032.000100",
    }
    await slack.event(reaction)
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        [row] = (await session.exec(select(Reaction))).all()
    assert row.key == "white_check_mark"
    await slack.event({**reaction, "type": "reaction_removed"})
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        assert (await session.exec(select(Reaction))).all() == []


async def test_join_makes_a_member_of_the_groups_channel(slack: SlackHarness) -> None:
    await slack.event(
        {"type": "member_joined_channel", "user": BRAM.id, "channel": SOCIAAL, "channel_type": "C"}
    )
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        channel = (await session.exec(select(Channel))).one()
        members = (await session.exec(select(ChannelMember))).all()
    assert channel.group_id == "sociaal-domein"
    assert len(members) == 1


async def test_channel_bound_by_name_belongs_to_its_group(slack: SlackHarness) -> None:
    await slack.event(channel_message("hallo", channel="COMGEVING"))
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        channel = (await session.exec(select(Channel))).one()
    assert channel.name == "omgevingswet"
    assert channel.group_id == "omgevingswet"  # "#omgevingswet" matched via conversations.info


async def test_upload_goes_through_slacks_external_upload(slack: SlackHarness) -> None:
    ref = await slack.adapter.upload(
        ConversationRef("slack", ALGEMEEN),
        Attachment("verslag.txt", "text/plain", b"twaalf bytes"),
        thread_id="1700000000.000200",
    )
    [uploaded] = slack.mock.of("upload")
    assert uploaded.args["bytes"] == len(b"twaalf bytes")
    [completed] = slack.mock.of("files.completeUploadExternal")
    assert completed.args["channel_id"] == ALGEMEEN
    assert completed.args["thread_ts"] == "1700000000.000200"
    assert ref.message_id == uploaded.args["file_id"]


async def test_health_endpoint_on_the_slack_port(slack: SlackHarness) -> None:
    assert isinstance(slack.adapter, Adapter)  # the core's protocol
    url = f"http://127.0.0.1:{slack.adapter.port}/health"
    async with slack.http.get(url) as response:
        assert response.status == 200
        assert (await response.json())["status"] == "ok"


async def test_url_verification_challenge_is_answered(slack: SlackHarness) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    status, text = await slack.post(body, "application/json")
    assert status == 200
    assert "abc123" in text
