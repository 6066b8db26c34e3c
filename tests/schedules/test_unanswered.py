"""Unanswered questions: one notice after four working hours, quiet hours and holidays,
rotation of the people named, the channel cap, escalation to the community manager."""

from __future__ import annotations

from datetime import timedelta

from bot.adoption.jobs.unanswered import unanswered_questions
from tests.schedules.conftest import ROOM, World, local


async def test_one_notice_after_four_working_hours_naming_three_people(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 10))
    question = await world.say("asker@ermelo.nl", "Hoe werkt de traplift-indicatie?")

    world.clock.set(local(2026, 3, 2, 13, 59))
    await unanswered_questions(world.services)
    assert world.posts() == []

    world.clock.set(local(2026, 3, 2, 14, 0))
    await unanswered_questions(world.services)
    await unanswered_questions(world.services)  # a second run adds nothing

    [notice] = world.posts()
    assert notice.thread_id == question
    assert "4 werkuren" in notice.text
    assert "@e1, @e2, @e3" in notice.text and "@e4" not in notice.text
    assert "Je ziet dit omdat" in notice.text  # says why
    assert "`stop`" in notice.text  # and how to stop


async def test_no_notice_at_night_weekend_or_public_holiday(world: World) -> None:
    world.clock.set(local(2026, 3, 6, 15))  # Friday 15:00
    await world.say("asker@ermelo.nl", "Wie kent de Wmo-beschikking?")
    for moment in (local(2026, 3, 6, 19), local(2026, 3, 7, 12), local(2026, 3, 9, 10, 59)):
        world.clock.set(moment)  # evening, Saturday, Monday before 4 working hours
        await unanswered_questions(world.services)
    assert world.posts() == []
    world.clock.set(local(2026, 3, 9, 11))
    await unanswered_questions(world.services)
    assert len(world.posts()) == 1

    world.clear()
    world.clock.set(local(2026, 5, 13, 15))  # the day before Ascension Day
    await world.say("asker@ermelo.nl", "Vraag voor Hemelvaart")
    world.clock.set(local(2026, 5, 14, 12))  # Ascension Day: a Dutch public holiday
    await unanswered_questions(world.services)
    assert world.posts() == []
    world.clock.set(local(2026, 5, 15, 11))  # 2 h on Wednesday + 2 h on Friday
    await unanswered_questions(world.services)
    assert len(world.posts()) == 1


async def test_one_unprompted_post_per_channel_per_day_and_rotating_names(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    first = await world.say("asker@ermelo.nl", "Eerste vraag over schuldhulp")
    second = await world.say("asker@ermelo.nl", "Tweede vraag over pgb")
    world.clock.set(local(2026, 3, 2, 15))
    await unanswered_questions(world.services)
    [notice] = world.posts()
    assert notice.thread_id == first

    world.clock.set(local(2026, 3, 3, 9))
    await unanswered_questions(world.services)
    later = world.posts()[1]
    assert later.thread_id == second
    # e4 was not named yesterday, so now comes first; not the same three again.
    assert "@e4" in later.text
    assert "@e1, @e2, @e3" not in later.text


async def test_escalation_to_the_community_manager_after_a_working_day(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 10))
    await world.say("asker@ermelo.nl", "Niemand weet dit zeker?")
    world.clock.set(local(2026, 3, 3, 9, 59))  # 7 working hours
    await unanswered_questions(world.services)
    assert world.directs("cm@harderwijk.nl") == []
    world.clock.set(local(2026, 3, 3, 10))  # one working day (8 h)
    await unanswered_questions(world.services)
    [note] = world.directs("cm@harderwijk.nl")
    assert "na een werkdag nog geen antwoord" in note.text
    assert "communitymanager van Sociaal domein" in note.text

    # A second unanswered question the same day: the manager's direct message cap (1 a day).
    world.clock.set(local(2026, 3, 3, 10, 5))
    await world.say("asker@ermelo.nl", "Nog een vraag")
    world.clock.set(local(2026, 3, 3, 16, 30))
    world.clock.advance(timedelta(hours=18))  # Wednesday 10:30: 8 working hours later
    await unanswered_questions(world.services)
    assert len(world.directs("cm@harderwijk.nl")) == 2


async def test_an_answered_question_gets_no_notice(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 10))
    question = await world.say("asker@ermelo.nl", "Snelle vraag")
    world.clock.set(local(2026, 3, 2, 10, 30))
    await world.say("e1@ermelo.nl", "Snel antwoord", thread=question)
    world.clock.set(local(2026, 3, 3, 15))
    await unanswered_questions(world.services)
    assert world.posts() == [] and world.directs() == []


async def test_a_nudge_type_turned_off_for_a_group(world: World) -> None:
    from tests.schedules.conftest import OTHER_ROOM

    world.clock.set(local(2026, 3, 2, 9))
    await world.say("asker@ermelo.nl", "Omgevingsvraag", room=OTHER_ROOM)
    world.clock.set(local(2026, 3, 2, 16))
    await unanswered_questions(world.services)  # omgevingswet allows only escalation
    assert world.posts() == []
    assert ROOM.external_id == "sociaal-domein"


async def test_a_partner_in_the_channel_hears_no_internal_names(world: World) -> None:
    """Issue 13: the notice is read by everyone in the channel; with a partner among them it
    names only people whose evidence the partner can see (here nobody: the fake index's
    experts have no evidence in this channel)."""
    world.clock.set(local(2026, 3, 2, 9))
    await world.say("gerrit@vandijkbouw.nl", "Goedemorgen allemaal")
    world.clock.set(local(2026, 3, 2, 10))
    await world.say("asker@ermelo.nl", "Hoe werkt de traplift-indicatie?")
    world.clock.set(local(2026, 3, 2, 14, 0))
    await unanswered_questions(world.services)
    [notice] = world.posts()
    assert "4 werkuren" in notice.text
    for expert in ("@e1", "@e2", "@e3", "@e4"):
        assert expert not in notice.text
