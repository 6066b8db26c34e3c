"""The Matrix adapter against a real Synapse on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.adapters.matrix import render
from bot.adapters.matrix.delivery import transaction_id
from bot.core.events import AccountRef, Attachment, ConversationRef, MessageRef, utcnow
from bot.delivery.outbox import LEASE
from bot.storage.models import Channel, OutboxItem, OutboxStatus, Reaction
from tests.adapters.matrix.harness import BotProcess, MatrixUser, unique
from tests.adapters.matrix.synapse_server import RegisteredUser, SynapseServer

HELP_MARK = "Dit kun je vragen"


async def joined_room(person: MatrixUser, bot: BotProcess, name: str = "Sociaal domein") -> str:
    """A room the person creates and invites the bot to; returns once the bot joined."""
    room_id = await person.create_room(name, [bot.settings.user_id])
    await person.wait_for(
        lambda: (
            bot.settings.user_id in person.client.rooms[room_id].users
            and room_id in bot.adapter.client.rooms
        )
    )
    return room_id


def notices(answers: list[dict[str, Any]]) -> list[str]:
    return [a["content"]["body"] for a in answers if a["content"]["msgtype"] == "m.notice"]


async def test_invite_join_command_answered_in_thread_as_notice(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    command = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(command, bot_id))
    answer = person.answers_to(command, bot_id)[0]
    content = answer["content"]
    assert content["msgtype"] == "m.notice"
    assert HELP_MARK in content["body"]
    assert "<strong>Vraagbaak</strong>" in content["formatted_body"]
    assert content["m.relates_to"]["rel_type"] == "m.thread"
    assert content["m.relates_to"]["event_id"] == command
    assert content["m.relates_to"]["m.in_reply_to"] == {"event_id": command}

    # the person is an administrator (by Matrix id) and links the room to a group
    link = await person.say(room_id, "!koppel sociaal-domein")
    await person.wait_for(lambda: person.answers_to(link, bot_id))
    assert "**Sociaal domein**" in notices(person.answers_to(link, bot_id))[0]
    assert matrix_bot.bot is not None
    # The answer leaves before the event's transaction commits: wait for the record.
    for _ in range(100):
        async with matrix_bot.bot.services.db.session() as session:
            channel = (
                await session.exec(select(Channel).where(Channel.external_id == room_id))
            ).one()
        if channel.group_id is not None:
            break
        await asyncio.sleep(0.05)
    assert channel.group_id == "sociaal-domein"

    # alone in the room, the bot leaves
    await person.client.room_leave(room_id)
    await person.wait_for(lambda: room_id not in matrix_bot.adapter.client.rooms)


async def test_mentions_from_m_mentions_first_and_body_second(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    not_meant = await person.say(room_id, "de vraagbaak is handig")
    pill = await person.say(
        room_id,
        "Vraagbaak: wat kun je?",
        format="org.matrix.custom.html",
        formatted_body=f'<a href="https://matrix.to/#/{bot_id}">Vraagbaak</a>: wat kun je?',
        **{"m.mentions": {"user_ids": [bot_id]}},
    )
    await person.wait_for(lambda: person.answers_to(pill, bot_id))
    assert HELP_MARK in notices(person.answers_to(pill, bot_id))[0]
    # an old client without m.mentions: the body decides
    legacy_content = {"msgtype": "m.text", "body": f"{bot_id} wat kun je?"}
    response = await person.client.room_send(room_id, "m.room.message", legacy_content)
    legacy = response.event_id
    await person.wait_for(lambda: person.answers_to(legacy, bot_id))
    assert person.answers_to(not_meant, bot_id) == []


async def test_reactions_are_read_and_sent(person: MatrixUser, matrix_bot: BotProcess) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    command = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(command, bot_id))
    # a reaction on a person's message is recorded (evidence for the expertise index)
    await person.react(room_id, command, "✅")
    assert matrix_bot.bot is not None
    db = matrix_bot.bot.services.db

    async def reactions() -> list[Reaction]:
        async with db.session() as session:
            return list(await session.exec(select(Reaction).where(Reaction.key == "✅")))

    for _ in range(200):
        if await reactions():
            break
        await asyncio.sleep(0.05)
    assert len(await reactions()) == 1

    conversation = ConversationRef("matrix", room_id)
    await matrix_bot.adapter.react(MessageRef(conversation, command), "👍")
    await person.wait_for(
        lambda: any(
            raw.get("type") == "m.reaction"
            and raw["content"]["m.relates_to"]
            == {
                "rel_type": "m.annotation",
                "event_id": command,
                "key": "👍",
            }
            for _, raw in person.events
        )
    )


async def test_restart_restores_the_device_and_does_not_answer_again(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    first = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(first, bot_id))
    device = matrix_bot.adapter.client.device_id
    await matrix_bot.stop()
    await matrix_bot.start()
    assert matrix_bot.adapter.client.device_id == device
    stored = json.loads((matrix_bot.folder / "store" / "credentials.json").read_text())
    assert stored["device_id"] == device
    second = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(second, bot_id))
    await asyncio.sleep(0.5)
    assert len(person.answers_to(first, bot_id)) == 1
    assert len(person.answers_to(second, bot_id)) == 1


async def test_history_before_the_bot_came_is_not_answered(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await person.create_room("Voor de bot kwam", [])
    before_join = await person.say(room_id, "!hulp")
    await person.client.room_invite(room_id, bot_id)
    await person.wait_for(lambda: room_id in matrix_bot.adapter.client.rooms)
    # a first start (no sync token in the database) does not answer what was said before
    await matrix_bot.stop()
    for file in matrix_bot.folder.glob("vraagbaak.db*"):
        file.unlink()
    while_away = await person.say(room_id, "!hulp")
    await matrix_bot.start()
    after = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(after, bot_id))
    await asyncio.sleep(0.5)
    assert person.answers_to(before_join, bot_id) == []
    assert person.answers_to(while_away, bot_id) == []


async def test_burst_while_stopped_is_answered_once_each(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    await matrix_bot.stop()
    commands = list(await asyncio.gather(*(person.say(room_id, "!hulp") for _ in range(50))))
    await matrix_bot.start()
    await person.wait_for(lambda: all(person.answers_to(c, bot_id) for c in commands), within=90)
    await asyncio.sleep(0.5)
    assert [len(person.answers_to(c, bot_id)) for c in commands] == [1] * 50


async def test_homeserver_restart_loses_nothing(
    synapse: SynapseServer, person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    component = matrix_bot.component
    assert component is not None and component.healthy()
    await asyncio.to_thread(synapse.stop)
    try:
        await person.wait_for(lambda: not component.healthy(), within=30)
        # something the bot says while the homeserver is away waits in the queue
        pending = asyncio.create_task(
            matrix_bot.adapter.post(ConversationRef("matrix", room_id), "Tijdens de storing")
        )
        await asyncio.sleep(0.5)
        assert not pending.done()
    finally:
        await asyncio.to_thread(synapse.start)
    sent = await asyncio.wait_for(pending, 60)
    await person.wait_for(lambda: component.healthy(), within=30)
    await person.wait_for(
        lambda: any(raw.get("event_id") == sent.message_id for _, raw in person.events),
        within=30,
    )
    command = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(command, bot_id), within=30)


async def test_encrypted_room_survives_a_bot_restart(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await person.create_room("Versleuteld", [bot_id], encrypted=True)
    await person.wait_for(lambda: bot_id in person.client.rooms[room_id].users)
    await person.wait_for(lambda: room_id in matrix_bot.adapter.client.rooms)
    if person.client.should_query_keys:
        await person.client.keys_query()
    first = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(first, bot_id), within=30)
    answer = person.answers_to(first, bot_id)[0]
    assert HELP_MARK in answer["content"]["body"]
    assert answer["event_id"] in person.decrypted  # it was sent encrypted
    upload = await matrix_bot.adapter.upload(
        ConversationRef("matrix", room_id), Attachment("notitie.txt", "text/plain", b"geheim")
    )
    await person.wait_for(
        lambda: any(raw.get("event_id") == upload.message_id for _, raw in person.events)
    )
    file_event = next(raw for _, raw in person.events if raw.get("event_id") == upload.message_id)
    assert "url" not in file_event["content"]
    assert file_event["content"]["file"]["url"].startswith("mxc://")
    assert answer["content"]["msgtype"] == "m.notice"
    await matrix_bot.stop()
    await matrix_bot.start()
    second = await person.say(room_id, "!help")
    await person.wait_for(lambda: person.answers_to(second, bot_id), within=30)
    assert "This is what you can ask" in person.answers_to(second, bot_id)[0]["content"]["body"]
    assert len(person.answers_to(first, bot_id)) == 1


async def test_default_rate_limit_loses_no_answer(
    synapse: SynapseServer, person: MatrixUser, tmp_path: Path
) -> None:
    # This bot account keeps Synapse's default message rate limit (burst 10, then 1 per 5 s).
    account = synapse.register(unique("beperkt"))
    process = BotProcess(synapse, account, tmp_path / "limited")
    await process.start()
    try:
        bot_id = account.user_id
        room_id = await joined_room(person, process)
        # one more than the burst Synapse allows, so at least one answer is rate limited
        commands = [await person.say(room_id, "!hulp") for _ in range(11)]
        await person.wait_for(
            lambda: all(person.answers_to(c, bot_id) for c in commands), within=90
        )
        assert process.adapter.outbox.rate_limited_count > 0
        assert [len(person.answers_to(c, bot_id)) for c in commands] == [1] * 11
    finally:
        await process.stop()


async def test_history_import_is_complete_and_idempotent(
    person: MatrixUser, matrix_bot: BotProcess, tmp_path: Path, capsys: Any
) -> None:
    room_id = await joined_room(person, matrix_bot, "Omgevingswet")
    root = await person.say(room_id, "Wie weet iets van het omgevingsplan?")
    await person.say(
        room_id,
        "Kijk in de bruidsschat.",
        **{"m.relates_to": {"rel_type": "m.thread", "event_id": root, "is_falling_back": True}},
    )
    await person.react(room_id, root, "👍")
    await person.say(
        room_id,
        " * Wie weet iets van het nieuwe omgevingsplan?",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "Wie weet iets van het nieuwe plan?"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": root},
        },
    )
    database = tmp_path / "import.db"
    config = tmp_path / "import.toml"
    config.write_text(
        f'[bot]\ndata_dir = "{tmp_path}"\n[database]\nurl = "sqlite:///{database}"\n'
        f'[matrix]\nhomeserver = "{matrix_bot.settings.homeserver}"\n'
        f'user_id = "{matrix_bot.settings.user_id}"\npassword = "unused"\n'
        f'store_path = "{matrix_bot.folder / "store"}"\n'
    )
    from bot.cli import main

    argv = ["import", "matrix", "--room", room_id, "--config", str(config), "--json"]
    assert await asyncio.to_thread(main, argv) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (first["messages"], first["reactions"]) == (2, 1)
    assert await asyncio.to_thread(main, argv) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (second["messages"], second["reactions"]) == (0, 0)

    from bot.storage.database import Database
    from bot.storage.models import Message, Thread

    db = Database(f"sqlite:///{database}")
    try:
        async with db.session() as session:
            threads = list(await session.exec(select(Thread)))
            messages = list(await session.exec(select(Message)))
            reactions = list(await session.exec(select(Reaction)))
    finally:
        await db.dispose()
    assert len(threads) == 1 and threads[0].reply_count == 1
    assert sorted(m.text or "" for m in messages) == [
        "Kijk in de bruidsschat.",
        "Wie weet iets van het nieuwe plan?",
    ]
    assert len(reactions) == 1


async def test_import_refuses_an_unknown_alias(matrix_bot: BotProcess, tmp_path: Path) -> None:
    from bot.adapters.matrix.history import HistoryImportError, import_room

    assert matrix_bot.bot is not None
    with pytest.raises(HistoryImportError, match="unknown room alias"):
        await import_room(
            matrix_bot.bot.services,
            matrix_bot.settings,
            matrix_bot.folder / "store",
            "#bestaat-niet:vraagbaak.test",
        )


async def test_direct_messages_use_one_dm_room_and_reactions_can_be_taken_back(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    bot_id = matrix_bot.settings.user_id
    someone = AccountRef("matrix", person.user_id, "Anouk")
    first = await matrix_bot.adapter.send_direct(someone, "Hallo **Anouk**")
    assert first.conversation.is_direct
    await person.wait_for(
        lambda: any(r.get("event_id") == first.message_id for _, r in person.events)
    )
    second = await matrix_bot.adapter.send_direct(someone, "Nog een bericht")
    assert second.conversation.external_id == first.conversation.external_id
    dm_room = first.conversation.external_id

    # in the DM a command is answered in the conversation, not in a thread
    command = await person.say(dm_room, "!hulp")
    await person.wait_for(
        lambda: any(
            raw.get("sender") == bot_id
            and HELP_MARK in raw["content"].get("body", "")
            and "m.relates_to" not in raw["content"]
            for _, raw in person.events
        )
    )
    assert person.answers_to(command, bot_id) == []

    # a reaction that is taken back is removed from the records
    room_id = await joined_room(person, matrix_bot)
    message = await person.say(room_id, "Ik weet wel iets van de Wmo")
    reaction = await person.react(room_id, message, "🎉")
    assert matrix_bot.bot is not None
    db = matrix_bot.bot.services.db

    async def count() -> int:
        async with db.session() as session:
            return len(list(await session.exec(select(Reaction).where(Reaction.key == "🎉"))))

    for _ in range(200):
        if await count() == 1:
            break
        await asyncio.sleep(0.05)
    assert await count() == 1
    await person.client.room_redact(room_id, reaction)
    for _ in range(200):
        if await count() == 0:
            break
        await asyncio.sleep(0.05)
    assert await count() == 0


async def test_invites_from_others_than_the_allowed_are_refused(
    synapse: SynapseServer, server_admin: RegisteredUser, person: MatrixUser, tmp_path: Path
) -> None:
    account = synapse.register(unique("streng"))
    synapse.exempt_from_rate_limit(server_admin, account.user_id)
    process = BotProcess(
        synapse, account, tmp_path / "strict", allowed_inviters=["@iemand-anders:vraagbaak.test"]
    )
    await process.start()
    try:
        room_id = await person.create_room("Niet voor de bot", [account.user_id])
        await person.wait_for(
            lambda: any(
                raw.get("type") == "m.room.member"
                and raw.get("state_key") == account.user_id
                and raw["content"].get("membership") == "leave"
                for room, raw in person.events
                if room == room_id
            )
        )
        assert room_id not in process.adapter.client.rooms
    finally:
        await process.stop()


@pytest.mark.postgres
async def test_sync_token_and_handled_events_on_postgresql(
    synapse: SynapseServer,
    bot_account: RegisteredUser,
    person: MatrixUser,
    postgres_server: str,
    tmp_path: Path,
) -> None:
    from tests.conftest import _fresh_postgres_database

    databases = _fresh_postgres_database(postgres_server)
    url = next(databases)
    process = BotProcess(synapse, bot_account, tmp_path / "pg", database_url=url)
    try:
        await process.start()
        room_id = await joined_room(person, process)
        first = await person.say(room_id, "!hulp")
        await person.wait_for(lambda: person.answers_to(first, bot_account.user_id))
        await process.stop()
        second = await person.say(room_id, "!hulp")
        await process.start()
        await person.wait_for(lambda: person.answers_to(second, bot_account.user_id))
        await asyncio.sleep(0.5)
        assert len(person.answers_to(first, bot_account.user_id)) == 1
        assert len(person.answers_to(second, bot_account.user_id)) == 1
    finally:
        await process.stop()
        with contextlib.suppress(StopIteration):
            next(databases)


async def test_a_revoked_access_token_leads_to_a_new_login(
    synapse: SynapseServer,
    server_admin: RegisteredUser,
    person: MatrixUser,
    matrix_bot: BotProcess,
) -> None:
    bot_id = matrix_bot.settings.user_id
    room_id = await joined_room(person, matrix_bot)
    old_device = matrix_bot.adapter.client.device_id
    await asyncio.to_thread(synapse.delete_device, server_admin, bot_id, old_device)
    await person.wait_for(
        lambda: (
            matrix_bot.adapter._client is not None
            and matrix_bot.adapter.client.device_id != old_device
        ),
        within=30,
    )
    command = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(command, bot_id), within=30)
    stored = json.loads((matrix_bot.folder / "store" / "credentials.json").read_text())
    assert stored["device_id"] == matrix_bot.adapter.client.device_id != old_device


async def test_a_message_sent_again_after_a_crash_is_one_message(
    person: MatrixUser, matrix_bot: BotProcess
) -> None:
    """A process sent a message and was killed before recording it; the next one sends the
    row again with the same transaction id, and Synapse answers with the first event."""
    room_id = await joined_room(person, matrix_bot)
    assert matrix_bot.bot is not None
    services = matrix_bot.bot.services
    content = render.notice("Vraag per e-mail: wie weet het?")
    key = "mail:41:post#1"
    first = await matrix_bot.adapter.outbox.send(
        room_id, "m.room.message", content, txn_id=transaction_id(key)
    )
    async with services.db.session() as session:
        session.add(
            OutboxItem(
                channel="matrix",
                payload={"room": room_id, "type": "m.room.message", "content": content},
                dedupe_key=key,
                lease_owner="host:999:dead00",
                lease_until=utcnow() + LEASE,
            )
        )
        await session.commit()
    await services.outbox.deliver_due()
    async with services.db.session() as session:
        item = (await session.exec(select(OutboxItem))).one()
    assert item.status is OutboxStatus.SENT and item.result == {"event_id": first}
    later = await person.say(room_id, "!hulp")
    await person.wait_for(lambda: person.answers_to(later, matrix_bot.settings.user_id))
    bodies = [
        raw["content"].get("body")
        for room, raw in person.events
        if room == room_id and raw.get("sender") == matrix_bot.settings.user_id
    ]
    assert bodies.count("Vraag per e-mail: wie weet het?") == 1
