"""Caps, muting (`!stil`, `!pauze`, a "stop" reply), ignoring three nudges, the global pause."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.adoption.jobs.unanswered import unanswered_questions
from bot.adoption.rules import NudgeKind, NudgeRules, Refusal
from bot.storage.models import Nudge, PersonSettings
from tests.schedules.conftest import World, local


async def _add_direct_nudges(world: World, email: str, *moments: object) -> None:
    person = await world.person(email)
    async with world.services.db.session() as session:
        for moment in moments:
            session.add(
                Nudge(
                    kind="digest",
                    person_id=person.id,
                    direct=True,
                    sent_at=moment,
                    dedupe_key=f"test:{email}:{moment}",
                    responded_at=moment,
                )
            )
        await session.commit()


async def _refusal(world: World, email: str) -> Refusal | None:
    person = await world.person(email)
    assert person.id is not None
    rules = NudgeRules(world.services.config)
    async with world.services.db.session() as session:
        return await rules.direct_refusal(
            session, NudgeKind.DIGEST, None, person.id, world.clock.now()
        )


async def test_direct_message_caps_per_working_day_and_week(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 10))  # Monday
    assert await _refusal(world, "e1@ermelo.nl") is None
    await _add_direct_nudges(world, "e1@ermelo.nl", local(2026, 3, 2, 9, 30))
    assert await _refusal(world, "e1@ermelo.nl") == Refusal.DAY_CAP
    world.clock.set(local(2026, 3, 3, 10))  # Tuesday: a new day
    assert await _refusal(world, "e1@ermelo.nl") is None
    await _add_direct_nudges(
        world, "e1@ermelo.nl", local(2026, 3, 3, 9, 30), local(2026, 3, 4, 9, 30)
    )
    world.clock.set(local(2026, 3, 5, 10))  # Thursday: 3 this week already
    assert await _refusal(world, "e1@ermelo.nl") == Refusal.WEEK_CAP
    world.clock.set(local(2026, 3, 9, 10))  # next Monday
    assert await _refusal(world, "e1@ermelo.nl") is None
    world.clock.set(local(2026, 3, 9, 18))  # after working hours
    assert await _refusal(world, "e1@ermelo.nl") == Refusal.QUIET_HOURS
    world.clock.set(local(2026, 4, 6, 10))  # Easter Monday
    assert await _refusal(world, "e1@ermelo.nl") == Refusal.QUIET_HOURS


async def test_muted_and_paused_people_are_not_named(world: World) -> None:
    await world.say("e1@ermelo.nl", "!stil")
    assert "geen herinneringen meer" in world.adapter.sent[-1].text
    await world.say("e2@harderwijk.nl", "!pauze 2w")
    assert "tot en met 2026-03-16" in world.adapter.sent[-1].text
    await world.say("e2@harderwijk.nl", "!pauze morgen")
    assert "Dat begrijp ik niet als duur" in world.adapter.sent[-1].text
    world.clear()

    world.clock.set(local(2026, 3, 2, 9))
    await world.say("asker@ermelo.nl", "Vraag over leerlingenvervoer")
    world.clock.set(local(2026, 3, 2, 13))
    await unanswered_questions(world.services)
    [notice] = world.posts()
    assert "@e1" not in notice.text and "@e2" not in notice.text
    assert "@e3, @e4" in notice.text

    # After the pause e2 can be named again.
    world.clear()
    world.clock.set(local(2026, 3, 17, 9))
    await world.say("asker@ermelo.nl", "Nieuwe vraag")
    world.clock.set(local(2026, 3, 17, 13))
    await unanswered_questions(world.services)
    assert "@e2" in world.posts()[0].text


async def test_stop_reply_in_a_nudged_thread_mutes(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    question = await world.say("asker@ermelo.nl", "Wie kent het pgb-portaal?")
    world.clock.set(local(2026, 3, 2, 13))
    await unanswered_questions(world.services)
    await world.say("e1@ermelo.nl", "stop", thread=question)
    person = await world.person("e1@ermelo.nl")
    async with world.services.db.session() as session:
        settings = await session.get(PersonSettings, person.id)
    assert settings is not None and settings.muted
    assert world.adapter.sent[-1].kind == "private"
    # "stop" as a plain channel message (no nudge there) mutes no one.
    await world.say("e2@harderwijk.nl", "stop")
    person = await world.person("e2@harderwijk.nl")
    async with world.services.db.session() as session:
        other = await session.get(PersonSettings, person.id)
    assert other is None or not other.muted


async def test_three_ignored_nudges_then_none_until_they_respond(world: World) -> None:
    person = await world.person("e1@ermelo.nl")
    async with world.services.db.session() as session:
        for day in (2, 3, 4):
            session.add(
                Nudge(
                    kind="unanswered",
                    person_id=person.id,
                    sent_at=local(2026, 2, day, 10),
                    dedupe_key=f"x{day}",
                )
            )
        await session.commit()
    world.clock.set(local(2026, 3, 2, 9))
    first = await world.say("asker@ermelo.nl", "Vraag één")
    world.clock.set(local(2026, 3, 2, 13))
    await unanswered_questions(world.services)
    assert "@e1" not in world.posts()[0].text

    world.clock.set(local(2026, 3, 2, 14))
    await world.say("e1@ermelo.nl", "Ik ben er weer", thread=first)  # activity = a response
    world.clock.set(local(2026, 3, 3, 9))
    await world.say("asker@ermelo.nl", "Vraag twee")
    world.clock.set(local(2026, 3, 3, 13))
    await unanswered_questions(world.services)
    assert "@e1" in world.posts()[-1].text


async def test_global_pause_by_an_administrator(world: World) -> None:
    await world.say("asker@ermelo.nl", "!herinneringen pauze")
    assert "alleen voor de rol" in world.adapter.sent[-1].text
    await world.say("beheer@harderwijk.nl", "!herinneringen pauze")
    assert world.adapter.sent[-1].text == "Alle herinneringen zijn gepauzeerd."
    world.clear()
    world.clock.set(local(2026, 3, 2, 9))
    await world.say("asker@ermelo.nl", "Vraag tijdens de pauze")
    world.clock.set(local(2026, 3, 3, 15))
    await unanswered_questions(world.services)
    assert world.posts() == [] and world.directs() == []
    await world.say("beheer@harderwijk.nl", "!herinneringen hervat")
    world.clock.advance(timedelta(minutes=5))
    await unanswered_questions(world.services)
    assert len(world.posts()) == 2  # the confirmation and the notice
    async with world.services.db.session() as session:
        kinds = [n.kind for n in await session.exec(select(Nudge))]
    assert "unanswered" in kinds


async def test_stop_in_the_direct_conversation_mutes_with_one_answer(world: World) -> None:
    await world.say("e3@ermelo.nl", "Stop", direct=True)
    assert [s.text for s in world.adapter.sent] == [
        "Begrepen: je krijgt geen herinneringen meer. Weer aanzetten kan met `!stil uit`."
    ]
    person = await world.person("e3@ermelo.nl")
    async with world.services.db.session() as session:
        settings = await session.get(PersonSettings, person.id)
    assert settings is not None and settings.muted
    await world.say("e3@ermelo.nl", "!stil uit", direct=True)
    async with world.services.db.session() as session:
        settings = await session.get(PersonSettings, person.id)
    assert settings is not None and not settings.muted
