"""Weekly digest rules, the newcomer prompt to greeters, introductions across organisations,
and pseudonymised activity with retention."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.adoption.jobs.digest import weekly_digest
from bot.adoption.jobs.introductions import introductions
from bot.adoption.jobs.retention import purge_old_activity
from bot.adoption.jobs.unanswered import unanswered_questions
from bot.storage.adoption_models import ActivityEvent
from tests.schedules.conftest import OTHER_ROOM, World, local


async def test_digest_only_for_opted_in_inactive_people_with_something_new(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))  # Monday
    await world.say("e1@ermelo.nl", "!samenvatting aan")
    await world.say("e2@harderwijk.nl", "!digest on")
    # The greeter is no expert the index would suggest: no question they might answer.
    await world.say("greeter@ermelo.nl", "!samenvatting aan")
    world.clock.set(local(2026, 3, 6, 10))  # e2 stays active this week
    await world.say("e2@harderwijk.nl", "Goedemorgen")
    await world.say("asker@ermelo.nl", "Open vraag over kwijtschelding")
    lively = await world.say("asker@ermelo.nl", "Discussie over de wachtlijst")
    await world.say("e3@ermelo.nl", "Bij ons 6 weken", thread=lively)
    await world.say("e4@harderwijk.nl", "Bij ons 8", thread=lively)
    world.clear()

    world.clock.set(local(2026, 3, 6, 11))  # Friday: e1 inactive only 4 working days
    await weekly_digest(world.services)
    assert world.directs() == []

    world.clock.set(local(2026, 3, 9, 9, 30))  # Monday: 5 working days
    await weekly_digest(world.services)
    [digest] = world.directs("e1@ermelo.nl")
    open_part, lively_part = digest.text.split("Levendigste gesprekken:")
    assert "Open vraag over kwijtschelding" in open_part
    assert "Discussie over de wachtlijst (2 reacties)" in lively_part
    # The greeter is not suggested for the open question: only the lively thread.
    [other] = world.directs("greeter@ermelo.nl")
    assert "Open vragen" not in other.text and "Discussie over de wachtlijst" in other.text
    assert world.directs("e2@harderwijk.nl") == []  # active this week
    assert "`!samenvatting uit`" in digest.text  # says why and how to stop

    world.clear()
    world.clock.set(local(2026, 3, 16, 9, 30))  # a week later: nothing new, nothing sent
    await weekly_digest(world.services)
    assert world.directs() == []


async def test_the_digest_is_not_sent_at_the_weekend(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    await world.say("e1@ermelo.nl", "!samenvatting aan")
    await world.say("asker@ermelo.nl", "Open vraag")
    world.clear()
    world.clock.set(local(2026, 3, 14, 10))  # Saturday
    await weekly_digest(world.services)
    assert world.directs() == []


async def test_a_newcomers_first_question_prompts_the_greeters(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    await world.say("nieuw@ermelo.nl", "Mijn eerste vraag: hoe werkt de Wmo?")
    await unanswered_questions(world.services)
    [prompt] = world.directs("greeter@ermelo.nl")
    assert "voor het eerst een vraag" in prompt.text
    assert "verwelkomer van Sociaal domein" in prompt.text

    world.clear()
    world.clock.set(local(2026, 3, 3, 9))
    await world.say("asker@ermelo.nl", "Geen nieuwkomer meer")  # asked before (the fixture)
    await unanswered_questions(world.services)
    assert world.directs("greeter@ermelo.nl") == []


async def test_introductions_pair_across_organisations_and_drop_who_ignores(
    world: World,
) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    for email in ("e1@ermelo.nl", "e2@harderwijk.nl", "e3@ermelo.nl"):
        await world.say(email, "!kennismaken aan", direct=True)
    world.clear()
    await introductions(world.services)
    sent = world.directs()
    receivers = sorted(s.to.email for s in sent if s.to)
    assert len(sent) == 2 and "e2@harderwijk.nl" in receivers  # one pair, across orgs
    assert receivers[0] != receivers[1]
    assert any("Gemeente Harderwijk" in s.text for s in sent)

    await introductions(world.services)  # not again within four weeks
    assert len(world.directs()) == 2

    # Three rounds ignored: dropped and told.
    pair = set(receivers)
    for weeks in (4, 8, 12):  # Tuesdays: the Mondays are King's Day and Whit Monday
        world.clock.set(local(2026, 3, 3, 9) + timedelta(weeks=weeks))
        world.clear()
        await introductions(world.services)
    told = [s for s in world.directs() if "drie rondes niet" in s.text]
    assert {s.to.email for s in told if s.to} == pair


async def test_activity_is_pseudonymised_and_deleted_after_retention(world: World) -> None:
    world.clock.set(local(2026, 3, 2, 9))
    await world.say("e1@ermelo.nl", "Iets")
    person = await world.person("e1@ermelo.nl")
    async with world.services.db.session() as session:
        events = list(await session.exec(select(ActivityEvent)))
    assert events and all(str(person.id) != e.pseudonym for e in events)
    assert all(len(e.pseudonym) == 64 for e in events)

    world.clock.set(local(2026, 4, 20, 9))  # 49 days later: kept (default 60)
    await purge_old_activity(world.services)  # the fixture's February greetings go
    async with world.services.db.session() as session:
        kept = list(await session.exec(select(ActivityEvent)))
    assert [e.at for e in kept] == [local(2026, 3, 2, 9)]
    world.clock.set(local(2026, 5, 2, 9))  # 61 days: gone
    await purge_old_activity(world.services)
    async with world.services.db.session() as session:
        assert list(await session.exec(select(ActivityEvent))) == []


async def test_introductions_never_pair_a_partner_with_someone_they_share_no_channel_with(
    world: World,
) -> None:
    """Issue 13: a partner and a colleague with the same topic but no shared channel are not
    told each other's names and organisations; once they share a channel, they may be."""
    world.clock.set(local(2026, 3, 2, 9))
    for email in ("gerrit@vandijkbouw.nl", "e2@harderwijk.nl"):
        await world.say(email, "!kennismaken aan", direct=True)
        await world.say(email, "!ikweet traplift", direct=True)
    world.clear()
    await introductions(world.services)
    assert world.directs() == []

    for email in ("gerrit@vandijkbouw.nl", "e2@harderwijk.nl"):
        await world.say(email, "Goedemorgen", room=OTHER_ROOM)
    world.clock.set(local(2026, 3, 3, 9) + timedelta(weeks=4))
    world.clear()
    await introductions(world.services)
    receivers = sorted(s.to.email for s in world.directs() if s.to)
    assert receivers == ["e2@harderwijk.nl", "gerrit@vandijkbouw.nl"]
