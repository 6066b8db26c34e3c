"""Slash commands, the "Stel openbaar in groep" shortcut with its modal, and the App Home tab,
end to end through the slack-bolt app."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.core.events import AccountRef
from bot.storage.inbox_models import InboxEvent, InboxStatus
from bot.storage.models import Message, Question, Skill, Thread
from tests.adapters.slack.conftest import ALGEMEEN, ANOUK, BRAM, SOCIAAL, SlackHarness

# The delivery claims: inbox rows done (bot/delivery/inbox.py).
HANDLED = select(InboxEvent.delivery_id).where(InboxEvent.status == InboxStatus.DONE)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: storage on both databases is covered by the Events API and reliability
    tests; these exercise the Slack side."""
    return f"sqlite:///{tmp_path / 'vraagbaak.db'}"


def slash(command: str, text: str, channel: str = ALGEMEEN, user: str = ANOUK.id) -> dict[str, str]:
    return {
        "command": command,
        "text": text,
        "user_id": user,
        "user_name": "anouk",
        "channel_id": channel,
        "channel_name": "algemeen",
        "team_id": "T1",
        "trigger_id": f"trig.{time.monotonic_ns()}",
        "response_url": "",
    }


async def test_slash_vraagbaak_hulp_answers_only_the_caller(slack: SlackHarness) -> None:
    started = time.monotonic()
    status, _ = await slack.form(slash("/vraagbaak", "hulp"))
    assert status == 200
    assert time.monotonic() - started < 3  # acknowledged within Slack's 3 seconds
    [call] = await slack.mock.wait_for("chat.postEphemeral")
    assert call.args["channel"] == ALGEMEEN
    assert call.args["user"] == ANOUK.id
    assert "Dit kun je vragen" in call.args["text"]
    assert slack.mock.of("chat.postMessage") == []  # nothing public


async def test_slash_vraagbaak_alone_shows_help(slack: SlackHarness) -> None:
    await slack.form(slash("/vraagbaak", ""))
    [call] = await slack.mock.wait_for("chat.postEphemeral")
    assert "Dit kun je vragen" in call.args["text"]


async def test_slash_commands_route_to_the_command_of_their_name(slack: SlackHarness) -> None:
    await slack.form(slash("/wieweet", "Woo   verzoeken"))
    await slack.form(slash("/whoknows", "WOZ appeals", user=BRAM.id))
    calls = await slack.mock.wait_for("chat.postEphemeral", 2)
    texts = {c.args["user"]: c.args["text"] for c in calls}
    assert texts[ANOUK.id] == "gezocht (nl): Woo verzoeken"
    assert texts[BRAM.id] == "gezocht (en): WOZ appeals"


async def test_unknown_subcommand_is_explained(slack: SlackHarness) -> None:
    await slack.form(slash("/vraagbaak", "hlup"))
    [call] = await slack.mock.wait_for("chat.postEphemeral")
    assert "Bedoelde je `!hulp`?" in call.args["text"]


async def test_slash_answer_uses_response_url_where_the_bot_is_no_member(
    slack: SlackHarness,
) -> None:
    slack.mock.refusing_channels.add("DPRIVATE")
    fields = slash("/vraagbaak", "hulp", channel="DPRIVATE")
    fields["response_url"] = slack.mock.url("/response/abc")
    await slack.form(fields)
    [call] = await slack.mock.wait_for("response_url")
    assert call.args["response_type"] == "ephemeral"
    assert "Dit kun je vragen" in call.args["text"]


def shortcut(text: str, *, author: str = BRAM.id, user: str = ANOUK.id) -> dict[str, Any]:
    return {
        "type": "message_action",
        "callback_id": "stel_openbaar_in_groep",
        "trigger_id": "trig.shortcut",
        "team": {"id": "T1"},
        "user": {"id": user, "name": "anouk"},
        "channel": {"id": "DPRIVATE", "name": "directmessage"},
        "message": {"type": "message", "user": author, "text": text, "ts": "1700000001.000100"},
        "response_url": "",
    }


def submission(view: dict[str, Any], group: str | None, text: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "question": {"question_input": {"type": "plain_text_input", "value": text}}
    }
    values["group"] = {
        "group_select": {
            "type": "static_select",
            "selected_option": {"value": group} if group else None,
        }
    }
    return {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": ANOUK.id},
        "view": {**view, "id": "V1", "state": {"values": values}},
    }


async def test_shortcut_opens_a_modal_with_the_group_suggested(slack: SlackHarness) -> None:
    status, _ = await slack.interaction(shortcut("Hoe zit het met de Wmo-indicatie?"))
    assert status == 200
    [call] = await slack.mock.wait_for("views.open")
    view = call.args["view"]
    assert call.args["trigger_id"] == "trig.shortcut"
    assert view["type"] == "modal"
    select = view["blocks"][0]["element"]
    assert [o["value"] for o in select["options"]] == ["sociaal-domein", "omgevingswet"]
    assert select["initial_option"]["value"] == "sociaal-domein"
    assert view["blocks"][1]["element"]["initial_value"] == "Hoe zit het met de Wmo-indicatie?"


async def test_submitting_the_modal_posts_the_question_in_the_groups_channel(
    slack: SlackHarness,
) -> None:
    await slack.interaction(shortcut("Wie kent de regels voor dakkapellen?"))
    [opened] = await slack.mock.wait_for("views.open")
    text = "Wie kent de regels voor dakkapellen? Mail me op jan@example.org of bel 06-12345678"
    status, _ = await slack.interaction(submission(opened.args["view"], "omgevingswet", text))
    assert status == 200
    posted = (await slack.mock.wait_for("chat.postMessage", 1))[0]
    assert posted.args["channel"] == "omgevingswet"  # "#omgevingswet" in the configuration
    assert "thread_ts" not in posted.args  # a new thread
    assert "dakkapellen" in posted.args["text"]
    assert "<@UANOUK>" in posted.args["text"]
    assert "jan@example.org" not in posted.args["text"]
    assert "12345678" not in posted.args["text"]
    await slack.mock.wait_for("chat.postMessage", 2)
    await slack.settle()
    confirmation = slack.mock.of("chat.postMessage")[1]
    assert confirmation.args["channel"] == "DANOUK"  # a direct message to the publisher
    assert "<#COMGEVING>" in confirmation.args["text"]
    [button] = confirmation.args["blocks"][-1]["elements"]
    assert button["url"] == "https://slack.com/archives/COMGEVING/p" + posted.response[
        "ts"
    ].replace(".", "")
    async with slack.bot.services.db.session() as session:
        question = (await session.exec(select(Question))).one()
        thread = await session.get(Thread, question.thread_id)
        root = (await session.exec(select(Message).where(Message.is_root))).one()
        asker = await slack.bot.services.identity.person_for(session, AccountRef("slack", BRAM.id))
    assert question.group_id == "omgevingswet"
    assert thread is not None and thread.root_external_id == posted.response["ts"]
    assert question.asker_id == asker.id  # the person who asked privately
    assert root.text is not None and "[e-mailadres verwijderd]" in root.text
    # An answer in that thread (Slack's events carry the channel id) joins the question.
    await slack.event(
        {
            "type": "message",
            "channel_type": "channel",
            "user": ANOUK.id,
            "text": "Zie het omgevingsplan, artikel 4.",
            "ts": "1800000009.000100",
            "thread_ts": posted.response["ts"],
            "channel": "COMGEVING",
        }
    )
    await slack.settle()
    async with slack.bot.services.db.session() as session:
        answered = await session.get(Thread, question.thread_id)
    assert answered is not None and answered.reply_count == 1


async def test_empty_question_keeps_the_modal_open_with_the_reason(slack: SlackHarness) -> None:
    await slack.interaction(shortcut("Vraag"))
    [opened] = await slack.mock.wait_for("views.open")
    status, body = await slack.interaction(submission(opened.args["view"], "omgevingswet", "  "))
    assert status == 200
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    assert "leeg" in answer["errors"]["question"]
    status, body = await slack.interaction(submission(opened.args["view"], None, "Vraag"))
    assert json.loads(body)["errors"]["group"].startswith("Die groep ken ik niet")
    await slack.settle()
    assert slack.mock.of("chat.postMessage") == []


async def test_app_home_shows_own_skills_settings_and_questions(slack: SlackHarness) -> None:
    services = slack.bot.services
    async with services.db.session() as session:
        person = await services.identity.person_for(
            session, AccountRef("slack", ANOUK.id, "Anouk", ANOUK.email)
        )
        assert person.id is not None
        session.add(Skill(person_id=person.id, topic="Woo-verzoeken"))
        session.add(Skill(person_id=person.id, topic="Wmo"))
        settings = await services.identity.settings_for(session, person.id)
        settings.digest_opt_in = True
        session.add(settings)
        await session.commit()
    # A question of hers, published through the shortcut.
    await slack.interaction(shortcut("Wie weet iets van Wmo?", author=ANOUK.id))
    [opened] = await slack.mock.wait_for("views.open")
    await slack.interaction(
        submission(opened.args["view"], "sociaal-domein", "Wie weet iets van Wmo?")
    )
    await slack.mock.wait_for("chat.postMessage", 2)
    await slack.settle()

    await slack.event(
        {
            "type": "app_home_opened",
            "user": ANOUK.id,
            "channel": "DANOUK",
            "tab": "home",
            "event_ts": "1700000002.000100",
        }
    )
    [published] = await slack.mock.wait_for("views.publish")
    assert published.args["user_id"] == ANOUK.id
    blocks = published.args["view"]["blocks"]
    text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "• Wmo\n• Woo-verzoeken" in text
    assert "Wekelijks overzicht: aan" in text
    assert "Sociaal domein" in text and "_open_" in text and "Wie weet iets van Wmo?" in text
    [question] = [b for b in blocks if "accessory" in b]
    assert question["accessory"]["url"].startswith("https://slack.com/archives/CSOCIAAL/p")


async def test_app_home_is_in_english_for_english_speakers(slack: SlackHarness) -> None:
    await slack.event(
        {
            "type": "message",
            "channel_type": "channel",
            "user": BRAM.id,
            "text": "!language en",
            "ts": "1700000003.000100",
            "channel": SOCIAAL,
        }
    )
    await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    await slack.event(
        {"type": "app_home_opened", "user": BRAM.id, "channel": "DBRAM", "tab": "home"}
    )
    [published] = await slack.mock.wait_for("views.publish")
    text = json.dumps(published.args["view"])
    assert "What you know about" in text and "You have not asked any questions yet." in text


async def test_link_button_clicks_are_acknowledged(slack: SlackHarness) -> None:
    click = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": ANOUK.id},
        "trigger_id": "trig.click",
        "container": {"type": "view", "view_id": "V1"},
        "actions": [
            {
                "action_id": "open_thread",
                "block_id": "b1",
                "type": "button",
                "action_ts": "1700000005.000100",
            }
        ],
    }
    status, _ = await slack.interaction(click)
    assert status == 200


async def test_app_home_goes_through_the_dispatcher_once_per_delivery(
    slack: SlackHarness,
) -> None:
    opened = {"type": "app_home_opened", "user": ANOUK.id, "channel": "DANOUK", "tab": "home"}
    await slack.event(opened, event_id="EvHOME")
    await slack.event(opened, event_id="EvHOME", **{"X-Slack-Retry-Num": "1"})
    await slack.mock.wait_for("views.publish")
    await slack.settle()
    assert len(slack.mock.of("views.publish")) == 1
    async with slack.bot.services.db.session() as session:
        claims = (await session.exec(HANDLED)).all()
    assert claims == ["EvHOME"]  # the dispatcher's delivery claim: its inbox row, done


async def test_a_failing_shortcut_gets_an_error_reference(slack: SlackHarness) -> None:
    slack.mock.fail("views.open", status=200, error="invalid_arguments")
    await slack.interaction(shortcut("Hoe zit het met de Wmo-indicatie?"))
    await slack.mock.wait_for("views.open")
    [told] = await slack.mock.wait_for("chat.postMessage")
    await slack.settle()
    assert told.args["channel"] == "DANOUK"
    assert "Er ging iets mis" in told.args["text"] and "referentie" in told.args["text"]
