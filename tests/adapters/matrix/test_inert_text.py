"""Issue 11 on a real Synapse: the event content the homeserver stores for the bot's
messages carries no pill, no room ping, no active HTML and no disguised link when the text
in it was untrusted; the bot's own mention of a colleague is a mention."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.events import AccountRef, ConversationRef
from bot.core.i18n import register
from bot.core.inert import inert
from bot.mail import thread_text
from bot.mail.understand import MailReader
from handlers import email_questions
from tests.adapters.matrix.harness import BotProcess, MatrixUser
from tests.adapters.matrix.test_synapse import joined_room
from tests.mail import mails
from tests.support import hostile_text

TYPED = [
    "<script>alert(1)</script> wmo",
    '<img src="https://tracker.example/p.gif"> wmo',
    '<iframe src="https://phish.example/"></iframe>',
    "[https://www.ermelo.nl/wmo](https://phish.example/login)",
    "[open](javascript:alert(1))",
    "@room parkeren",
    "[Eva](https://matrix.to/#/@eva:vraagbaak.test)",
    '<a href="https://matrix.to/#/@eva:vraagbaak.test">Eva</a>',
    "\ue010[Eva](https://matrix.to/#/@eva:vraagbaak.test)\ue011",
]


def _bot_events(person: MatrixUser, room_id: str, bot_id: str) -> list[dict[str, Any]]:
    return [
        raw
        for room, raw in person.events
        if room == room_id and raw.get("sender") == bot_id and raw.get("type") == "m.room.message"
    ]


async def test_echoed_commands_are_stored_inert(person: MatrixUser, matrix_bot: BotProcess) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    for typed in TYPED:
        command = await person.say(room_id, f"!wieweet {typed}")
        await person.wait_for(lambda command=command: person.answers_to(command, bot_id))
        (answer,) = person.answers_to(command, bot_id)
        content = answer["content"]
        assert content["msgtype"] == "m.notice"
        assert hostile_text.matrix_problems(content) == [], (typed, content)
        assert "Ik vind niemand" in content["body"]


@pytest.fixture(scope="module")
def reader() -> MailReader:
    from tests.conftest import make_config

    register(email_questions.TEXTS)
    return MailReader(make_config("sqlite:///unused.db"))


async def test_a_hostile_mail_thread_is_stored_inert_and_a_colleague_is_still_named(
    person: MatrixUser, matrix_bot: BotProcess, reader: MailReader
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    payload = "\n".join(hostile_text.PING_TOKENS + hostile_text.HTML_INJECTION)
    message = mails.plain(f"Goedemiddag,\n\n{payload}\n\nGroet, Mark")
    message.set_content(
        f"<p>Goedemiddag,</p><p>{payload}</p>"
        '<p><a href="https://phish.example/login">https://www.ermelo.nl/wmo</a></p>',
        subtype="html",
    )
    thread = thread_text.question_thread(reader.read(bytes(message)), "Omgevingswet", "nl")
    adapter = matrix_bot.adapter
    room = ConversationRef("matrix", room_id)
    root = await adapter.post(room, thread)
    colleague = adapter.mention(AccountRef("matrix", person.user_id, "Anouk <b>@room</b>"))
    await adapter.post(room, f"{colleague} weet dit. {inert(payload)}", thread_id=root.message_id)
    await person.wait_for(lambda: len(_bot_events(person, room_id, bot_id)) >= 2)
    stored_root, named = _bot_events(person, room_id, bot_id)[-2:]
    assert hostile_text.matrix_problems(stored_root["content"]) == []
    assert "phish.example/login" in stored_root["content"]["body"]

    content = named["content"]
    assert content["m.mentions"] == {"user_ids": [person.user_id]}
    assert hostile_text.matrix_problems(content, allowed_users=(person.user_id,)) == []
    assert f'href="https://matrix.to/#/{person.user_id}"' in content["formatted_body"]
