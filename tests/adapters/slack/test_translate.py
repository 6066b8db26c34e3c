"""The pure translation, on stored payloads (written for these tests, in Slack's format)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.adapters.slack import translate
from bot.adapters.slack.translate import SlackUser
from bot.core.events import AccountRef

PAYLOADS = Path(__file__).parent / "payloads"
ANOUK = SlackUser("UANOUK", "Anouk", "anouk@ermelo.nl")
BRAM = SlackUser("UBRAM", "Bram", "bram@harderwijk.nl")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def event_of(name: str) -> dict[str, Any]:
    event: dict[str, Any] = load(name)["event"]
    return event


def test_app_mention_strips_the_bot_and_keeps_other_mentions() -> None:
    event = translate.mention_event(
        event_of("app_mention"), bot_user_id="UBOT", sender=ANOUK, channel_name="sociaal-domein"
    )
    assert event.text == "wie weet iets van Woo? Misschien @bram of #sociaal-domein"
    assert event.mentions_bot
    assert event.mentioned == (AccountRef("slack", "UBRAM"),)
    assert event.conversation.external_id == "CSOCIAAL"
    assert event.conversation.name == "sociaal-domein"
    assert not event.is_direct
    assert event.thread_id is None
    assert event.message_id == "1700000000.000100"
    assert event.sender == AccountRef("slack", "UANOUK", "Anouk", "anouk@ermelo.nl")
    assert event.timestamp == datetime.fromtimestamp(1700000000.0001, UTC)


def test_channel_message_unescapes_and_keeps_links_and_files() -> None:
    event = translate.message_event(event_of("message_channel"), bot_user_id="UBOT", sender=ANOUK)
    assert event is not None
    assert event.text == (
        "!wieweet parkeervergunning & ontheffing <spoed> zie "
        "de site (https://www.ermelo.nl/parkeren)"
    )
    assert not event.mentions_bot
    [attachment] = event.attachments
    assert attachment.filename == "regels.pdf"
    assert attachment.content_type == "application/pdf"


def test_reply_in_a_thread_names_the_thread() -> None:
    event = translate.message_event(
        event_of("message_thread_reply"), bot_user_id="UBOT", sender=BRAM
    )
    assert event is not None
    assert event.thread_id == "1700000100.000200"
    assert event.message_id == "1700000200.000300"
    assert event.mentioned == (AccountRef("slack", "UANOUK"),)
    assert event.text.endswith("@UANOUK")


def test_direct_message_is_direct() -> None:
    event = translate.message_event(event_of("message_im"), bot_user_id="UBOT", sender=ANOUK)
    assert event is not None and event.is_direct


def test_edit_is_the_original_message_with_new_text() -> None:
    raw = event_of("message_changed")
    assert translate.message_author(raw) == "UANOUK"
    event = translate.message_event(raw, bot_user_id="UBOT", sender=ANOUK)
    assert event is not None
    assert event.is_edit
    assert event.message_id == "1700000100.000200"
    assert event.text == "Wie weet iets van de Wmo (aangepast)?"


def test_bot_messages_and_housekeeping_are_not_person_messages() -> None:
    assert (
        translate.message_event(event_of("bot_message"), bot_user_id="UBOT", sender=ANOUK) is None
    )
    joined = {**event_of("message_im"), "subtype": "channel_join"}
    assert not translate.is_person_message(joined)
    deleted = {"type": "message", "subtype": "message_deleted", "channel": "C1", "ts": "1.0"}
    assert not translate.is_person_message(deleted)


def test_mentions_of_the_bot_in_plain_messages_are_noticed() -> None:
    raw = {**event_of("message_channel"), "text": "hoi <@UBOT>, !hulp"}
    assert translate.mentions_user(raw, "UBOT")
    assert not translate.mentions_user(event_of("message_channel"), "UBOT")


def test_reaction() -> None:
    event = translate.reaction_event(event_of("reaction_added"), sender=ANOUK)
    assert event is not None
    assert event.key == "white_check_mark"
    assert event.message_id == "1700000200.000300"
    assert event.conversation.external_id == "CALGEMEEN"
    assert not event.removed
    removed = {**event_of("reaction_added"), "type": "reaction_removed"}
    assert translate.reaction_event(removed, sender=ANOUK).removed  # type: ignore[union-attr]
    on_file = {**event_of("reaction_added"), "item": {"type": "file", "file": "F1"}}
    assert translate.reaction_event(on_file, sender=ANOUK) is None


def test_join() -> None:
    event = translate.join_event(event_of("member_joined_channel"), member=BRAM)
    assert event.account.external_id == "UBRAM"
    assert event.conversation.external_id == "CSOCIAAL"
    assert not event.conversation.is_direct


def test_slash_commands_become_core_commands() -> None:
    invocation = translate.slash_invocation(load("slash_wieweet"), "!", umbrella=False)
    assert invocation.command_text == "!wieweet Woo verzoeken"
    assert invocation.user_id == "UANOUK"
    assert invocation.channel_id == "CALGEMEEN"
    assert invocation.response_url == "https://hooks.slack.com/commands/T0GEMEENTE/1/abc"
    text = translate.slash_command_text
    assert text("/vraagbaak", "hulp", "!", umbrella=True) == "!hulp"
    assert text("/vraagbaak", "", "!", umbrella=True) == "!hulp"
    assert text("/vraagbaak", "!taal en", "!", umbrella=True) == "!taal en"
    assert text("/vraagbaak", "taal  en", "!", umbrella=True) == "!taal en"
    assert text("/whoknows", "", "!", umbrella=False) == "!whoknows"


def test_shortcut_request() -> None:
    request = translate.shortcut_request(load("message_shortcut"))
    assert request.user_id == "UANOUK"
    assert request.author_id == "UBRAM"
    assert request.trigger_id == "2.3.def"
    assert request.channel_id == "DPRIVE"
    assert request.message_ts == "1700000750.000100"
    assert request.text == "Weet jij hoe het zit met de leges voor een <dakkapel>?"


def test_view_values() -> None:
    values = translate.view_values(load("view_submission")["view"])
    assert values == {
        "group_select": "omgevingswet",
        "question_input": "Hoe zit het met de leges voor een dakkapel?",
    }


def test_plain_text_tokens() -> None:
    assert translate.plain_text("<!here> kijk <mailto:a@b.nl|a@b.nl>") == "@here kijk a@b.nl"
    assert translate.plain_text("<!subteam^S1|@beleid> graag") == "@beleid graag"
    assert translate.plain_text("<@UBOT>: !hulp", drop_user="UBOT") == "!hulp"
    assert translate.plain_text("<https://x.nl>") == "https://x.nl"
