"""The expertise index on the project's own small export: each behaviour a user would notice."""

from __future__ import annotations

from sqlmodel import select

from bot.storage.models import PersonSettings, Skill
from tests.knowledge.conftest import Indexed
from tests.support.whoknows_export import (
    ASKER,
    DECLARES,
    HELPER,
    LEFT,
    NEW_PLAN,
    OLD_PLAN,
    OPT_OUT,
    PARTNER,
    SCHOOL,
    SECOND,
    TENDER,
    WMO,
)


async def test_the_one_who_answers_comes_first(indexed: Indexed) -> None:
    found = await indexed.emails("wie weet iets van leerlingenvervoer?", ASKER)
    assert found[0] == SCHOOL
    assert SECOND in found  # a hedged answer counts, but less
    assert HELPER not in found[:2]  # "volg ik ook" is no answer
    assert ASKER not in found  # asking is interest, not expertise


async def test_why_names_answers_acceptance_channel_and_month(indexed: Indexed) -> None:
    top = (await indexed.ask("leerlingenvervoer", ASKER))[0]
    assert top.why.startswith("beantwoordde 4 vragen over leerlingenvervoer in #sociaal-domein")
    assert "4 geaccepteerd" in top.why
    assert "laatst in maart" in top.why
    english = (await indexed.ask("leerlingenvervoer", ASKER, lang="en"))[0]
    assert english.why.startswith("answered 4 questions about leerlingenvervoer")


async def test_synonym_finds_the_expert(indexed: Indexed) -> None:
    assert (await indexed.emails("who knows about tenders?", ASKER))[0] == TENDER
    assert (await indexed.emails("wie weet iets van schoolvervoer?", ASKER))[0] == SCHOOL


async def test_compound_written_apart_and_together(indexed: Indexed) -> None:
    assert (await indexed.emails("wijziging van het bestemmingsplan", ASKER))[0] == NEW_PLAN
    assert (await indexed.emails("vervoer van leerlingen", ASKER))[0] == SCHOOL


async def test_typos_are_tolerated(indexed: Indexed) -> None:
    assert (await indexed.emails("wie weet iets van leerlingenvevroer?", ASKER))[0] == SCHOOL
    assert (await indexed.emails("kwijtscheldnig", ASKER))[0] == OPT_OUT


async def test_current_expert_outranks_the_one_who_moved_on(indexed: Indexed) -> None:
    found = await indexed.emails("bestemmingsplanwijziging", ASKER)
    assert found[:2] == [NEW_PLAN, OLD_PLAN]


async def test_people_who_left_are_never_suggested(indexed: Indexed) -> None:
    found = await indexed.emails("Wmo huishoudelijke hulp", ASKER)
    assert LEFT not in found
    assert found[0] == WMO


async def test_external_partner_only_found_by_those_sharing_a_channel(indexed: Indexed) -> None:
    assert PARTNER not in await indexed.emails("bouwverkeer", ASKER)
    assert (await indexed.emails("bouwverkeer", SCHOOL))[0] == PARTNER


async def test_external_partner_only_finds_people_in_shared_channels(indexed: Indexed) -> None:
    found = await indexed.emails("leerlingenvervoer", PARTNER)
    assert found == [SCHOOL]
    assert await indexed.emails("Wmo huishoudelijke hulp", PARTNER) == []


async def test_never_suggested_to_themselves(indexed: Indexed) -> None:
    found = await indexed.emails("leerlingenvervoer", SCHOOL)
    assert SCHOOL not in found
    assert found[0] == SECOND


async def test_opt_out_and_hidden_topics(indexed: Indexed) -> None:
    async with indexed.database.session() as session:
        session.add(PersonSettings(person_id=indexed.ids[OPT_OUT], suggest_opt_out=True))
        session.add(
            PersonSettings(person_id=indexed.ids[SCHOOL], hidden_topics=["leerlingenvervoer"])
        )
        await session.commit()
    assert OPT_OUT not in await indexed.emails("kwijtschelding", ASKER)
    found = await indexed.emails("leerlingenvervoer", ASKER)
    assert SCHOOL not in found and found[0] == SECOND
    assert (await indexed.emails("taxi", ASKER))[0] == SCHOOL  # other topics still fine


async def test_declared_skill_counts_less_than_evidence(indexed: Indexed) -> None:
    assert DECLARES not in await indexed.emails("aanbesteding", ASKER)
    async with indexed.database.session() as session:
        session.add(Skill(person_id=indexed.ids[DECLARES], topic="aanbesteding"))
        await session.commit()
    found = await indexed.ask("aanbesteding", ASKER, limit=5)
    assert [c.email for c in found][:2] == [TENDER, DECLARES]
    assert "noemt zelf: aanbesteding" in found[1].why


async def test_away_people_are_marked_and_move_down(indexed: Indexed) -> None:
    async with indexed.database.session() as session:
        session.add(PersonSettings(person_id=indexed.ids[SCHOOL], do_not_disturb=True))
        await session.commit()
    found = await indexed.ask("leerlingenvervoer", ASKER, limit=5)
    bram = next(c for c in found if c.email == SCHOOL)
    assert bram.available is False
    assert all(c.available for c in found if c.email != SCHOOL)


async def test_nobody_fits_names_the_best_group(indexed: Indexed) -> None:
    async with indexed.database.session() as session:
        ranking = await indexed.index.rank(session, "ruimtevaart en raketten", asker_id=None)
        assert ranking.nobody_fits
        partly = await indexed.index.rank(session, "Wmo", asker_id=None)
        assert partly.best_group == "sociaal-domein"


async def test_suggestions_are_recorded_and_spread(indexed: Indexed) -> None:
    firsts = []
    for _ in range(4):
        firsts.append((await indexed.ask("Wmo huishoudelijke hulp", ASKER, record=True))[0].email)
    async with indexed.database.session() as session:
        from bot.storage.expertise_models import ExpertiseSuggestion

        recorded = (await session.exec(select(ExpertiseSuggestion))).all()
    assert len(recorded) >= 4
    assert firsts[0] == WMO
