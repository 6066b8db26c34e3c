"""Who knows by meaning (knowledge/meaning.py): past questions close in meaning to the asker's
count beside the words, through the multilingual sentence encoder the bot ships with."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.expertise.build_io import build_index
from bot.expertise.finder import ExpertIndex
from bot.expertise.question_vectors import write_question_vectors
from bot.expertise.sentence_encoder import MultilingualEncoder
from bot.importers.slack_import import import_slack_export
from bot.storage.database import Database
from bot.storage.expertise_models import ExpertiseQuestionVector
from bot.storage.models import Message, Person
from knowledge import meaning
from knowledge.thesaurus import load_thesaurus
from knowledge.vectors import QuestionVectors, from_bytes, to_bytes
from tests.conftest import make_config
from tests.support.whoknows_export import (
    ASKER,
    END,
    LEFT,
    PARTNER,
    TENDER,
    WMO,
    write_export,
)

ENCODER = MultilingualEncoder()
CLEANING_NL = "hoe lang duurt het voordat er iemand komt poetsen bij een oude mevrouw?"
CLEANING_EN = "who knows about cleaning help at home for elderly residents?"


def _unit(*values: float) -> NDArray[np.float32]:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


class _ThreeDimensions:
    dimensions = 3

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.texts.extend(texts)
        return np.stack([_unit(1, 0, 0) for _ in texts])


def _vectors() -> QuestionVectors:
    rows = [
        (1, "wmo", to_bytes(_unit(1, 0, 0))),
        (2, "wmo", to_bytes(_unit(1, 0.2, 0))),
        (3, "inkoop", to_bytes(_unit(0, 1, 0))),
        (4, None, to_bytes(_unit(0, 0, 1))),
    ]
    found = QuestionVectors.from_rows(rows, _ThreeDimensions())
    assert found is not None
    return found


def test_a_vector_survives_storage_within_a_thousandth() -> None:
    vector = ENCODER.encode(["Wie weet iets van leerlingenvervoer?"])[0]
    assert vector.shape == (ENCODER.dimensions,)
    assert np.abs(from_bytes(to_bytes(vector)) - vector).max() < 1e-3


def test_no_stored_vectors_means_no_meaning() -> None:
    assert QuestionVectors.from_rows([], _ThreeDimensions()) is None
    # vectors of another encoder are no vectors
    assert QuestionVectors.from_rows([(1, None, to_bytes(_unit(1, 0)))], _ThreeDimensions()) is None


def test_a_judgement_encodes_the_question_once_and_reads_both_signals() -> None:
    vectors = _vectors()
    judgement = vectors.judge("anything", strength=1.0)
    assert judgement is not None
    assert vectors.encoder.texts == ["anything"]  # type: ignore[attr-defined]
    assert set(judgement.nearest) == {1, 2}
    assert judgement.group_factors["wmo"] == pytest.approx(1.0)


def test_only_questions_above_the_floor_are_near() -> None:
    nearest = _vectors().nearest(_unit(1, 0, 0))
    assert set(nearest) == {1, 2}
    assert nearest[1] == pytest.approx(1.0 - meaning.SIMILARITY_FLOOR, abs=1e-3)
    assert nearest[1] > nearest[2]


def test_the_group_nearest_the_question_keeps_its_weight_and_the_others_lose() -> None:
    factors = _vectors().group_factors(_unit(1, 0, 0), strength=1.0)
    assert factors["wmo"] == pytest.approx(1.0)
    assert factors["inkoop"] == pytest.approx(meaning.GROUP_FLOOR)
    softer = _vectors().group_factors(_unit(1, 0.9, 0), strength=meaning.COVERED_SHARE)
    assert 0.5 < softer["inkoop"] < 1.0


def test_a_crafted_long_question_is_encoded_from_its_beginning_only() -> None:
    vectors = _vectors()
    vectors.judge("😀" * 50_000, strength=1.0)
    assert vectors.encoder.texts == ["😀" * meaning.QUESTION_CHARS]  # type: ignore[attr-defined]


def test_meaning_counts_less_where_words_already_cover_the_question() -> None:
    assert meaning.strength(0.1) == 1.0
    assert meaning.strength(0.9) == meaning.COVERED_SHARE


def test_credit_follows_the_evidence_of_the_nearest_questions() -> None:
    credit = meaning.credit(
        {1: 0.5, 2: 0.25}, [(1, 7, 1.0, "wmo"), (2, 7, 1.0, "wmo"), (3, 8, 1.0, None)]
    )
    assert credit == {7: 0.75, 8: 0.0}


def test_a_question_lies_near_its_translation_and_far_from_another_topic() -> None:
    dutch, english, other = ENCODER.encode(
        [
            "Hoe vraag ik huishoudelijke hulp aan voor mijn moeder?",
            "How do I apply for help with housework for my mother?",
            "Moet deze opdracht Europees aanbesteed worden?",
        ]
    )
    assert float(dutch @ english) > float(dutch @ other) + 0.2


class _Recording:
    """The real encoder, noting how long each text it was given is."""

    dimensions = ENCODER.dimensions

    def __init__(self) -> None:
        self.lengths: list[int] = []

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.lengths.extend(len(t) for t in texts)
        return ENCODER.encode(texts)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    folder = tmp_path_factory.mktemp("meaning")
    url = f"sqlite:///{folder / 'meaning.db'}"
    config = make_config(url)
    database = Database(url)
    database.upgrade()
    import_slack_export(database, config, write_export(Path(folder)))
    build_index(database, config.whoknows.half_life_days, encoder=ENCODER)
    with database.sync_session() as session:
        ids = {p.email: p.id for p in session.exec(select(Person)).scalars() if p.email and p.id}
    yield database, ids
    database.sync_engine.dispose()


async def _emails(
    database: Database, text: str, *, encoder: MultilingualEncoder | None, asker: int | None = None
) -> list[str | None]:
    index = ExpertIndex(load_thesaurus(), clock=ManualClock(END), encoder=encoder)
    # an engine of this test's own: the module's database outlives this test's event loop
    own = Database(database.url)
    try:
        async with own.session() as session:
            ranking = await index.rank(session, text, asker_id=asker, limit=3)
    finally:
        await own.dispose()
    return [c.email for c in ranking.candidates]


async def test_a_need_in_other_words_finds_who_answered_it(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, _ids = small
    # The words alone find the tender expert: "poetsen" is a kind of cleaning, and he
    # answered about tendering the cleaning contract.
    assert (await _emails(database, CLEANING_NL, encoder=None))[0] == TENDER
    assert (await _emails(database, CLEANING_NL, encoder=ENCODER))[0] == WMO


async def test_an_english_question_finds_the_dutch_answerer(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, _ids = small
    assert (await _emails(database, CLEANING_EN, encoder=ENCODER))[0] == WMO


async def test_meaning_alone_names_nobody(small: tuple[Database, dict[str, int]]) -> None:
    database, _ids = small
    assert await _emails(database, "wat is het weer morgen in Ermelo?", encoder=ENCODER) == []


async def test_meaning_names_nobody_the_rules_would_not(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, ids = small
    trucks = "when do the construction trucks drive past the station next week?"
    for asker in (None, ids[ASKER]):
        found = await _emails(database, trucks, encoder=ENCODER, asker=asker)
        assert PARTNER not in found
    assert LEFT not in await _emails(database, CLEANING_EN, encoder=ENCODER)
    assert WMO not in await _emails(database, CLEANING_EN, encoder=ENCODER, asker=ids[WMO])


async def test_a_rebuild_encodes_only_questions_not_encoded_before(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, _ids = small
    recording = _Recording()
    assert write_question_vectors(database, recording) == 0
    with database.sync_engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(ExpertiseQuestionVector)).scalar()
    assert stored and stored > 10
    assert recording.lengths == []


async def test_a_huge_first_message_is_encoded_from_its_beginning_only(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, _ids = small
    with database.sync_engine.begin() as conn:
        thread_id = conn.execute(select(ExpertiseQuestionVector.thread_id).limit(1)).scalar()
        conn.execute(
            Message.__table__.update()  # type: ignore[attr-defined]
            .where(Message.thread_id == thread_id, Message.is_root)
            .values(text="hulp bij het huishouden " * 50_000)
        )
        conn.execute(
            ExpertiseQuestionVector.__table__.delete().where(  # type: ignore[attr-defined]
                ExpertiseQuestionVector.thread_id == thread_id
            )
        )
    recording = _Recording()
    assert write_question_vectors(database, recording) == 1
    assert recording.lengths == [meaning.MAX_CHARS]


async def test_stored_vectors_rank_alike_on_sqlite_and_postgresql(
    database_url: str, tmp_path: Path
) -> None:
    config = make_config(database_url)
    database = Database(database_url)
    database.upgrade()
    try:
        import_slack_export(database, config, write_export(tmp_path))
        build_index(database, config.whoknows.half_life_days, encoder=ENCODER)
        assert (await _emails(database, CLEANING_NL, encoder=ENCODER))[0] == WMO
    finally:
        database.sync_engine.dispose()
        await database.dispose()


def test_vectors_of_another_encoder_are_encoded_again(
    small: tuple[Database, dict[str, int]],
) -> None:
    database, _ids = small
    table = ExpertiseQuestionVector.__table__  # type: ignore[attr-defined]
    with database.sync_engine.begin() as conn:
        thread_id = conn.execute(select(ExpertiseQuestionVector.thread_id).limit(1)).scalar()
        conn.execute(
            table.update()
            .where(table.c.thread_id == thread_id)
            .values(vector=to_bytes(_unit(1, 0, 0)))
        )
    assert write_question_vectors(database, ENCODER) == 1
    with database.sync_engine.connect() as conn:
        lengths = set(conn.execute(select(func.length(table.c.vector))).scalars())
    assert lengths == {512 * 2}
