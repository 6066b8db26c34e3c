"""``vraagbaak whoknows`` reads a SQLite file with ``sqlite3`` (bot.expertise.sqlite_rows):
every row and every ranking it gives is the one the bot reads through SQLAlchemy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta

import pytest

from bot.expertise.sqlite_rows import SqliteIndexRows
from bot.expertise.store import ExpertiseStore
from bot.storage.models import PersonSettings, Skill
from bot.storage.schema_version import sqlite_file
from knowledge.finder import Candidate, ExpertRanker
from knowledge.state_keys import AS_OF_KEY
from tests.knowledge.conftest import Indexed
from tests.support.whoknows_export import (
    ASKER,
    DECLARES,
    END,
    OPT_OUT,
    SCHOOL,
    SECOND,
    TENDER,
    WMO,
)

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

QUESTIONS = [
    ("wie weet iets van leerlingenvervoer?", "nl"),
    ("kwijtschelding", "nl"),
    ("aanbesteding schoonmaak", "nl"),
    ("Wmo huishoudelijke hulp", "nl"),
    ("which kind of school transport do pupils get?", "en"),
    ("bestemingsplan wijziging", "nl"),
    ("ruimtevaart en raketten", "nl"),
]


@pytest.fixture
def file_of(indexed: Indexed) -> Iterator[sqlite3.Connection]:
    path = sqlite_file(indexed.database.url)
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        yield connection


async def _settled(indexed: Indexed) -> None:
    """Settings and skills of every kind the finder reads: opted out, a hidden topic, away
    until a moment, do not disturb, a declared skill."""
    async with indexed.database.session() as session:
        session.add(PersonSettings(person_id=indexed.ids[OPT_OUT], suggest_opt_out=True))
        session.add(
            PersonSettings(person_id=indexed.ids[SCHOOL], hidden_topics=["leerlingenvervoer"])
        )
        session.add(PersonSettings(person_id=indexed.ids[WMO], away_until=END + timedelta(days=2)))
        session.add(PersonSettings(person_id=indexed.ids[TENDER], do_not_disturb=True))
        session.add(Skill(person_id=indexed.ids[DECLARES], topic="aanbesteding"))
        await session.commit()


def _shown(candidates: list[Candidate]) -> list[tuple[object, ...]]:
    return [(c.email, c.score, c.why, c.available, c.away_until) for c in candidates]


@SQLITE_ONLY
async def test_every_row_is_the_one_sqlalchemy_reads(
    indexed: Indexed, file_of: sqlite3.Connection
) -> None:
    await _settled(indexed)
    plain = SqliteIndexRows(file_of)
    everyone = sorted(indexed.ids.values())
    terms = ["leerlingenvervoer", "wmo", "aanbested", "kwijtschel", "taxi", "nergens"]
    async with indexed.database.session() as session:
        orm = ExpertiseStore(session)
        await orm.record_suggestions([indexed.ids[WMO], indexed.ids[WMO]], END)
        await session.commit()
        wanted = [(term, 5) for term in terms]
        assert await plain.surfaces() == await orm.surfaces()
        assert await plain.state_value(AS_OF_KEY) == await orm.state_value(AS_OF_KEY)
        assert await plain.external_organisations() == await orm.external_organisations()
        assert await plain.postings(wanted) == await orm.postings(wanted)
        assert await plain.thread_terms(terms, 50) == await orm.thread_terms(terms, 50)
        threads = [tid for _term, tid in await orm.thread_terms(terms, 50)]
        assert threads
        assert await plain.thread_evidence(threads) == await orm.thread_evidence(threads)
        assert await plain.strongest_terms(everyone, 20) == await orm.strongest_terms(everyone, 20)
        assert await plain.weights(terms, everyone) == await orm.weights(terms, everyone)
        assert await plain.overall_weights(everyone) == await orm.overall_weights(everyone)
        assert await plain.related(terms) == await orm.related(terms)
        assert await plain.term_stats(terms) == await orm.term_stats(terms)
        assert await plain.skills() == await orm.skills()
        assert await plain.organisation_of(indexed.ids[SCHOOL]) == "harderwijk"
        assert await plain.organisation_of(indexed.ids[SCHOOL]) == await orm.organisation_of(
            indexed.ids[SCHOOL]
        )
        assert await plain.channels_of(indexed.ids[SCHOOL]) == await orm.channels_of(
            indexed.ids[SCHOOL]
        )
        people = sorted(await orm.people(everyone), key=lambda pair: pair[0].id)
        assert sorted(await plain.people(everyone), key=lambda pair: pair[0].id) == people
        assert any(settings and settings.away_until for _person, settings in people)
        rooms = await orm.channels_of(indexed.ids[SCHOOL])
        assert await plain.sharing(everyone, rooms) == await orm.sharing(everyone, rooms)
        since = END - timedelta(days=1)
        assert await plain.recent_suggestions(everyone, since) == {indexed.ids[WMO]: 2}
        assert await plain.recent_suggestions(everyone, since) == await orm.recent_suggestions(
            everyone, since
        )


@SQLITE_ONLY
async def test_the_ranking_is_the_one_the_bot_gives(
    indexed: Indexed, file_of: sqlite3.Connection
) -> None:
    await _settled(indexed)
    ranker = ExpertRanker(indexed.index.thesaurus, lexicon=indexed.index.ranker.lexicon)
    for question, lang in QUESTIONS:
        for asker in (None, indexed.ids[ASKER]):
            plain = await ranker.rank(
                SqliteIndexRows(file_of), question, asker_id=asker, limit=5, lang=lang, now=END
            )
            async with indexed.database.session() as session:
                bot = await indexed.index.rank(
                    session, question, asker_id=asker, limit=5, lang=lang
                )
            assert _shown(plain.candidates) == _shown(bot.candidates), question
            assert plain.best_group == bot.best_group


@SQLITE_ONLY
async def test_a_suggestion_recorded_in_the_file_is_read_by_the_bot(
    indexed: Indexed, file_of: sqlite3.Connection
) -> None:
    ranker = ExpertRanker(indexed.index.thesaurus, lexicon=indexed.index.ranker.lexicon)
    first = await ranker.rank(
        SqliteIndexRows(file_of), "leerlingenvervoer", limit=1, record=True, now=END
    )
    assert [c.email for c in first.candidates] == [SCHOOL]
    file_of.commit()
    async with indexed.database.session() as session:
        recent = await ExpertiseStore(session).recent_suggestions(
            [indexed.ids[SCHOOL], indexed.ids[SECOND]], END - timedelta(seconds=1)
        )
    assert recent == {indexed.ids[SCHOOL]: 1}
