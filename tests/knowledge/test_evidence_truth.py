"""Evidence that is true: asking is not answering (not even with a document attached), and an
answer accepted through the e-mail flow counts as accepted, at once and after a rebuild."""

from __future__ import annotations

from sqlmodel import col, select

from bot.expertise.build_io import build_index
from bot.storage.expertise_models import ExpertiseEvidence, ExpertiseWeight
from bot.storage.models import Message, Question
from tests.knowledge.conftest import Indexed
from tests.support.whoknows_export import ASKER, SECOND


async def _weight(indexed: Indexed, email: str, term: str) -> ExpertiseWeight | None:
    async with indexed.database.session() as session:
        return await session.get(ExpertiseWeight, (term, indexed.ids[email]))


async def test_asking_with_a_document_is_not_evidence(indexed: Indexed) -> None:
    with indexed.database.sync_session() as session:
        roots = session.exec(
            select(Message).where(Message.author_id == indexed.ids[ASKER], Message.is_root)
        ).all()
        assert roots
        for root in roots:
            root.has_files = True
            session.add(root)
        session.commit()
    build_index(indexed.database, indexed.config.whoknows.half_life_days)
    async with indexed.database.session() as session:
        pieces = (
            await session.exec(
                select(ExpertiseEvidence).where(ExpertiseEvidence.person_id == indexed.ids[ASKER])
            )
        ).all()
    assert pieces == []
    assert ASKER not in await indexed.emails("wie weet iets van leerlingenvervoer?")


async def test_an_answer_accepted_by_mail_counts_at_once_and_after_a_rebuild(
    indexed: Indexed,
) -> None:
    before = await _weight(indexed, SECOND, "leerlingenvervoer")
    assert before is not None and before.accepted == 0
    async with indexed.database.session() as session:
        answer = (
            await session.exec(
                select(Message)
                .where(Message.author_id == indexed.ids[SECOND], col(Message.is_root).is_(False))
                .order_by(col(Message.id))
            )
        ).first()
        assert answer is not None and answer.thread_id is not None
        live = await indexed.index.live(session)
        await live.accepted_by_mail_flow(session, answer)
        session.add(Question(thread_id=answer.thread_id, accepted_message_id=answer.id))
        await session.commit()
    at_once = await _weight(indexed, SECOND, "leerlingenvervoer")
    assert at_once is not None and at_once.accepted == 1
    assert at_once.weight > before.weight
    build_index(indexed.database, indexed.config.whoknows.half_life_days)
    rebuilt = await _weight(indexed, SECOND, "leerlingenvervoer")
    assert rebuilt is not None and rebuilt.accepted == 1


def _add_thread(
    indexed: Indexed,
    channel_name: str,
    asker: str,
    question: str,
    replies: list[tuple[str, str]],
    key: str = "passing-1",
) -> None:
    from datetime import timedelta

    from bot.storage.models import Channel, Thread
    from tests.support.whoknows_export import END

    with indexed.database.sync_session() as session:
        channel = session.exec(select(Channel).where(Channel.name == channel_name)).one()
        assert channel.id is not None
        at = END - timedelta(days=10)
        thread = Thread(
            channel_id=channel.id,
            root_external_id=key,
            author_id=indexed.ids[asker],
            created_at=at,
            reply_count=len(replies),
        )
        session.add(thread)
        session.flush()
        texts = [(asker, question), *replies]
        for n, (email, text) in enumerate(texts):
            session.add(
                Message(
                    channel_id=channel.id,
                    thread_id=thread.id,
                    external_id=f"{key}-{n}",
                    author_id=indexed.ids[email],
                    created_at=at + timedelta(minutes=10 * n),
                    is_root=n == 0,
                    text=text,
                )
            )
        session.commit()
    build_index(indexed.database, indexed.config.whoknows.half_life_days)
    indexed.index.invalidate()


async def test_a_rare_word_said_once_in_passing_makes_nobody_an_expert(indexed: Indexed) -> None:
    from tests.support.whoknows_export import TENDER, WMO

    # the word is known: someone else asked about it once, and nobody answered
    _add_thread(indexed, "financien-belastingen", SECOND, "Komt de mantelzorgwaardering?", [], "w")
    _add_thread(
        indexed,
        "sociaal-domein",
        ASKER,
        "Hoe lang duurt een Wmo-melding voor een rolstoel?",
        [(TENDER, "Bij ons wordt de mantelzorgwaardering altijd in november uitgekeerd.")],
    )
    # the one reply that mentions the word does not make its writer the expert on it …
    assert TENDER not in await indexed.emails("wie weet iets van mantelzorgwaardering?")
    # … nor outrank the colleague whose accepted answers are about the rest of the question
    found = await indexed.emails("wie weet iets van de mantelzorgwaardering in de Wmo?")
    assert found[0] == WMO


async def test_an_accepted_short_answer_counts_as_an_answer(indexed: Indexed) -> None:
    from bot.storage.models import Reaction
    from tests.support.whoknows_export import END, TENDER

    _add_thread(
        indexed,
        "inkoop-aanbesteding",
        ASKER,
        "Moet de schoonmaak van het stadskantoor Europees aanbesteed worden?",
        [(TENDER, "Ja, zeker.")],
        "short-1",
    )
    with indexed.database.sync_session() as session:
        reply = session.exec(select(Message).where(Message.external_id == "short-1-1")).one()
        assert reply.id is not None
        session.add(
            Reaction(
                message_id=reply.id,
                person_id=indexed.ids[ASKER],
                key="white_check_mark",
                created_at=END,
            )
        )
        session.commit()
    build_index(indexed.database, indexed.config.whoknows.half_life_days)
    async with indexed.database.session() as session:
        rows = (await session.exec(select(ExpertiseWeight))).all()
    assert rows
    # never "beantwoordde 1 vraag, 2 geaccepteerd"
    assert all(row.answers >= row.accepted for row in rows)
    schoonmaak = await _weight(indexed, TENDER, "schoonmak")
    assert schoonmaak is not None and schoonmaak.accepted >= 1


async def test_each_persons_evidence_together_is_kept_for_the_prior(indexed: Indexed) -> None:
    from bot.storage.expertise_models import ExpertisePerson
    from tests.support.whoknows_export import HELPER, SCHOOL

    async with indexed.database.session() as session:
        school = await session.get(ExpertisePerson, indexed.ids[SCHOOL])
        asker = await session.get(ExpertisePerson, indexed.ids[ASKER])
        helper = await session.get(ExpertisePerson, indexed.ids[HELPER])
    assert school is not None and school.answers >= 4 and school.accepted >= 4
    assert asker is None  # asking is no evidence
    # "volg ik ook" under every question: next to nothing
    assert helper is None or helper.weight < 0.5 < school.weight


async def test_an_index_built_before_the_prior_still_finds_people(indexed: Indexed) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from bot.storage.database import MIGRATIONS_DIR
    from bot.storage.expertise_models import ExpertisePerson
    from tests.support.whoknows_export import SCHOOL

    # the table empty, as right after an upgrade would leave it without the backfill …
    with indexed.database.sync_session() as session:
        for row in session.exec(select(ExpertisePerson)).all():
            session.delete(row)
        session.commit()
    indexed.index.invalidate()
    assert (await indexed.emails("leerlingenvervoer", ASKER))[0] == SCHOOL
    # … and the migration fills it from the evidence per thread
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with indexed.database.sync_engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0004_mail_answers")
    indexed.database.upgrade()
    async with indexed.database.session() as session:
        school = await session.get(ExpertisePerson, indexed.ids[SCHOOL])
    assert school is not None and school.weight > 0
