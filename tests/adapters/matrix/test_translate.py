"""The pure translation, on stored Matrix events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.matrix.translate import (
    Me,
    RoomView,
    invite_allowed,
    redacted_event_id,
    strip_reply_fallback,
    to_core_event,
)
from bot.core.events import JoinEvent, MessageEvent, ReactionEvent

EVENTS = Path(__file__).parent / "events"
ME = Me("@vraagbaak:vraagbaak.test", "Vraagbaak")
ROOM = RoomView("!room:vraagbaak.test", "#sociaal-domein:vraagbaak.test")


def stored(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def message(name: str, room: RoomView = ROOM) -> MessageEvent:
    event = to_core_event(stored(name), room, ME, {"@anouk:vraagbaak.test": "Anouk"})
    assert isinstance(event, MessageEvent)
    return event


def test_a_command_becomes_a_message_in_the_room() -> None:
    event = message("command")
    assert event.text == "!hulp"
    assert event.message_id == "$cmd1"
    assert event.conversation.external_id == "!room:vraagbaak.test"
    assert event.conversation.platform == "matrix"
    assert event.sender.external_id == "@anouk:vraagbaak.test"
    assert event.sender.display_name == "Anouk"
    assert event.thread_id is None
    assert not event.mentions_bot
    assert event.timestamp.year == 2025


def test_pill_mention_is_read_from_m_mentions_and_stripped() -> None:
    event = message("mention_pill")
    assert event.mentions_bot
    assert event.text == "wie weet iets van de Wmo?"
    assert [a.external_id for a in event.mentioned] == ["@bram:vraagbaak.test"]


def test_the_name_in_text_is_no_mention_when_m_mentions_says_otherwise() -> None:
    event = message("name_in_text_no_intent")
    assert not event.mentions_bot
    assert event.text == "vraagbaak is echt handig"


def test_clients_without_m_mentions_fall_back_to_the_body() -> None:
    event = message("legacy_mention")
    assert event.mentions_bot
    assert event.text == "wat kun je?"


def test_thread_reply_carries_the_thread_root_not_the_fallback() -> None:
    event = message("thread_reply")
    assert event.thread_id == "$root"
    assert event.reply_to is None


def test_plain_reply_loses_its_quoted_fallback() -> None:
    event = message("plain_reply")
    assert event.reply_to == "$orig"
    assert event.text == "Ik!"


def test_edit_names_the_original_and_carries_the_new_text() -> None:
    event = message("edit")
    assert event.is_edit
    assert event.message_id == "$typo"
    assert event.text == "!hulp"


def test_reaction_is_an_annotation_of_the_target() -> None:
    event = to_core_event(stored("reaction"), ROOM, ME)
    assert isinstance(event, ReactionEvent)
    assert (event.message_id, event.key) == ("$answer", "✅")
    assert event.sender.external_id == "@bram:vraagbaak.test"


def test_join_and_profile_change() -> None:
    raw = stored("member_join")
    event = to_core_event(raw, ROOM, ME)
    assert isinstance(event, JoinEvent)
    assert event.account.display_name == "Carla"
    raw["unsigned"] = {"prev_content": {"membership": "join", "displayname": "C."}}
    assert to_core_event(raw, ROOM, ME) is None


def test_image_is_a_message_with_a_file() -> None:
    event = message("image")
    assert event.text == ""
    assert event.attachments[0].filename == "plattegrond.png"
    assert event.attachments[0].url == "mxc://vraagbaak.test/abc"


def test_direct_rooms_are_marked_direct() -> None:
    event = message("command", RoomView("!dm:vraagbaak.test", is_direct=True))
    assert event.is_direct


@pytest.mark.parametrize(
    "raw",
    [
        {"type": "m.room.message", "sender": "@a:x", "event_id": "$1", "content": {"body": 3}},
        {"type": "m.room.message", "sender": "@a:x", "content": {"msgtype": "m.text"}},
        {"type": "m.room.topic", "sender": "@a:x", "event_id": "$2", "content": {"topic": "t"}},
        {"type": "m.reaction", "sender": "@a:x", "event_id": "$3", "content": {}},
        {"type": "m.room.message", "sender": "@a:x", "event_id": "$4", "content": "nope"},
    ],
)
def test_malformed_or_irrelevant_events_are_ignored(raw: dict[str, Any]) -> None:
    assert to_core_event(raw, ROOM, ME) is None


def test_reply_fallback_without_quote_is_untouched() -> None:
    assert strip_reply_fallback("gewoon tekst\n> geen citaat") == "gewoon tekst\n> geen citaat"


@pytest.mark.parametrize(
    ("inviter", "allowed", "expected"),
    [
        ("@anouk:vraagbaak.test", [], True),
        ("@eve:elders.example", [], False),
        ("@eve:elders.example", ["elders.example"], True),
        ("@eve:elders.example", ["@bob:elders.example"], False),
        ("@bob:elders.example", ["@bob:elders.example"], True),
        ("", [], False),
    ],
)
def test_invite_policy(inviter: str, allowed: list[str], expected: bool) -> None:
    assert invite_allowed(inviter, allowed, "vraagbaak.test") is expected


def test_redaction_names_the_event_it_takes_back() -> None:
    old_style = {"type": "m.room.redaction", "redacts": "$re1", "content": {}}
    v11 = {"type": "m.room.redaction", "content": {"redacts": "$re2"}}
    assert redacted_event_id(old_style) == "$re1"
    assert redacted_event_id(v11) == "$re2"
    assert redacted_event_id(stored("reaction")) is None


def test_notices_of_other_bots_are_not_commands() -> None:
    assert to_core_event(stored("other_bot_notice"), ROOM, ME) is None
