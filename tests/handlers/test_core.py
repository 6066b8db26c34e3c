from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from bot.startup.app import Bot
from bot.storage.models import Account, Person, Role
from tests.support.recording_adapter import RecordingAdapter, message, person


async def test_help_is_dutch_by_default(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("anouk@ermelo.nl")))
    assert len(adapter.sent) == 1
    assert "Dit kun je vragen" in adapter.sent[0].text
    assert "`!hulp`" in adapter.sent[0].text


async def test_help_in_english_when_asked_in_english(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!help", person("anouk@ermelo.nl")))
    assert "This is what you can ask" in adapter.sent[0].text
    assert "`!help`" in adapter.sent[0].text


async def test_answers_in_the_thread_of_the_command(bot: Bot, adapter: RecordingAdapter) -> None:
    event = message("!hulp", person("anouk@ermelo.nl"))
    await bot.dispatcher.dispatch(adapter, event)
    assert adapter.sent[0].thread_id == event.message_id


async def test_unknown_command_suggests_the_nearest(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hlup", person("anouk@ermelo.nl")))
    assert "Bedoelde je `!hulp`?" in adapter.sent[0].text


async def test_natural_language_after_mention(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(
        adapter, message("wat kun je?", person("anouk@ermelo.nl"), mentions_bot=True)
    )
    assert "Dit kun je vragen" in adapter.sent[0].text


async def test_plain_chat_gets_no_answer(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("goedemorgen allemaal", person("a@ermelo.nl")))
    assert adapter.sent == []


async def test_language_switch_sticks(bot: Bot, adapter: RecordingAdapter) -> None:
    sender = person("bram@harderwijk.nl")
    await bot.dispatcher.dispatch(adapter, message("!taal en", sender))
    await bot.dispatcher.dispatch(adapter, message("!hulp", sender))
    assert adapter.sent[0].text == "From now on I will answer you in English."
    assert "This is what you can ask" in adapter.sent[1].text


async def test_unknown_language_is_explained(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!taal klingon", person("a@ermelo.nl")))
    assert "Kies `nl`" in adapter.sent[0].text


async def test_own_messages_are_ignored(bot: Bot, adapter: RecordingAdapter) -> None:
    assert adapter.bot_account is not None
    await bot.dispatcher.dispatch(adapter, message("!hulp", adapter.bot_account))
    assert adapter.sent == []


async def test_redelivered_message_is_handled_once(bot: Bot, adapter: RecordingAdapter) -> None:
    event = message("!hulp", person("anouk@ermelo.nl"))
    await bot.dispatcher.dispatch(adapter, event)
    await bot.dispatcher.dispatch(adapter, event)
    assert len(adapter.sent) == 1


async def test_person_gets_organisation_and_role(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("beheer@harderwijk.nl")))
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("x@vandijkbouw.nl")))
    async with bot.services.db.session() as session:
        people = {p.email: p for p in (await session.exec(select(Person))).all()}
        accounts = (await session.exec(select(Account))).all()
    assert people["beheer@harderwijk.nl"].role is Role.ADMIN
    assert people["beheer@harderwijk.nl"].organisation_id == "harderwijk"
    assert people["x@vandijkbouw.nl"].organisation_id == "vandijkbouw"
    assert len(accounts) == 2


async def test_accounts_on_two_platforms_are_one_person(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("anouk@ermelo.nl")))
    await bot.dispatcher.dispatch(
        adapter, message("!hulp", person("anouk@ermelo.nl", platform="other"))
    )
    async with bot.services.db.session() as session:
        assert len((await session.exec(select(Person))).all()) == 1
        assert len((await session.exec(select(Account))).all()) == 2


async def test_admin_command_is_refused_for_members(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("anouk@ermelo.nl")))
    await bot.dispatcher.dispatch(
        adapter, message("!rol anouk@ermelo.nl beheerder", person("bram@harderwijk.nl"))
    )
    assert "alleen voor de rol _beheerder_" in adapter.sent[-1].text


async def test_admin_can_give_a_role(bot: Bot, adapter: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("anouk@ermelo.nl")))
    await bot.dispatcher.dispatch(
        adapter, message("!rol anouk@ermelo.nl communitymanager", person("beheer@harderwijk.nl"))
    )
    assert "heeft nu de rol _communitymanager_" in adapter.sent[-1].text
    await bot.dispatcher.dispatch(adapter, message("!wiebenik", person("anouk@ermelo.nl")))
    whoami = adapter.sent[-1]
    assert whoami.kind == "private"
    assert "Gemeente Ermelo" in whoami.text and "communitymanager" in whoami.text


async def test_help_lists_admin_commands_only_for_admins(
    bot: Bot, adapter: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("anouk@ermelo.nl")))
    await bot.dispatcher.dispatch(adapter, message("!hulp", person("beheer@harderwijk.nl")))
    assert "`!rol`" not in adapter.sent[0].text
    assert "`!rol`" in adapter.sent[1].text


async def test_a_failing_handler_answers_with_a_reference(
    bot: Bot, adapter: RecordingAdapter, monkeypatch: object
) -> None:
    from bot.dispatch.handler_types import command

    @command("kapot", help_key="core.help_command", hidden=True)
    async def broken(ctx: object, args: str) -> None:
        raise RuntimeError("boom")

    bot.services.registry.add(broken)
    await bot.dispatcher.dispatch(adapter, message("!kapot", person("anouk@ermelo.nl")))
    assert "Er ging iets mis aan mijn kant (referentie `" in adapter.sent[0].text
    assert "boom" not in adapter.sent[0].text


async def test_commands_are_bot_traffic_not_questions(bot: Bot, adapter: RecordingAdapter) -> None:
    from bot.storage.models import Thread

    anouk, bram = person("anouk@ermelo.nl"), person("bram@harderwijk.nl")
    await bot.dispatcher.dispatch(adapter, message("!hulp", anouk, message_id="c1"))
    question = message("Wie kent de nieuwe Wmo-verordening?", anouk, message_id="q1")
    await bot.dispatcher.dispatch(adapter, question)
    await bot.dispatcher.dispatch(adapter, message("!hulp", bram, thread_id="q1"))
    async with bot.services.db.session() as session:
        threads = {t.root_external_id: t for t in (await session.exec(select(Thread))).all()}
    assert threads["c1"].by_bot is True
    assert threads["q1"].by_bot is False
    assert threads["q1"].first_reply_at is None  # a command in the thread is no answer
    await bot.dispatcher.dispatch(adapter, message("Staat op intranet", bram, thread_id="q1"))
    async with bot.services.db.session() as session:
        answered = (await session.exec(select(Thread).where(Thread.root_external_id == "q1"))).one()
    assert answered.first_reply_at is not None


async def test_a_thread_recorded_concurrently_is_not_an_error(
    bot: Bot, adapter: RecordingAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mail desk may record a thread between the dispatcher's look-up and its insert:
    the reply joins that thread, and is answered once."""
    import dataclasses

    import bot.dispatch.dispatcher as dispatcher
    from bot.storage.models import Message, Thread

    await bot.dispatcher.dispatch(adapter, message("Vraag", person("a@ermelo.nl"), message_id="q9"))
    real_load = dispatcher.load_known_rows

    async def blind_to_threads(*args: Any, **kwargs: Any) -> Any:
        rows = await real_load(*args, **kwargs)
        # as if the other transaction had not committed yet
        return dataclasses.replace(rows, thread=None) if rows is not None else None

    monkeypatch.setattr(dispatcher, "load_known_rows", blind_to_threads)
    sent_before = len(adapter.sent)
    reply = message("!hulp", person("b@harderwijk.nl"), thread_id="q9", message_id="r9")
    await bot.dispatcher.dispatch(adapter, reply)
    async with bot.services.db.session() as session:
        threads = (await session.exec(select(Thread))).all()
        stored = (await session.exec(select(Message).where(Message.external_id == "r9"))).one()
    assert len(threads) == 1 and stored.thread_id == threads[0].id
    assert threads[0].reply_count == 1
    assert len(adapter.sent) == sent_before + 1  # the help, once
