"""The past questions' vectors (:mod:`knowledge.meaning`), kept beside the index: after each
build, the newest answered threads' first messages are encoded, those encoded before are
kept, and those no longer among them are dropped."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, delete, func, select
from sqlmodel import col

from bot.storage.database import Database
from bot.storage.expertise_models import ExpertiseEvidence, ExpertiseQuestionVector
from bot.storage.models import Message, Thread
from knowledge.meaning import MAX_CHARS
from knowledge.vectors import Encoder, to_bytes

# The newest answered threads that are encoded (20,000 × 1 KB; about a minute to encode).
MAX_QUESTIONS = 20_000
_BATCH = 256


def write_question_vectors(database: Database, encoder: Encoder, limit: int = MAX_QUESTIONS) -> int:
    """Brings the vectors in line with the index's evidence; returns how many were encoded.
    Vectors of another length (another encoder, after an upgrade) are all encoded again."""
    length = len(to_bytes(np.zeros(encoder.dimensions, dtype=np.float32)))
    with database.sync_engine.begin() as conn:
        conn.execute(
            delete(ExpertiseQuestionVector).where(
                func.length(col(ExpertiseQuestionVector.vector)) != length
            )
        )
    with database.sync_engine.connect() as conn:
        wanted = _answered_threads(conn, limit)
        have = set(conn.execute(select(col(ExpertiseQuestionVector.thread_id))).scalars())
        missing = [tid for tid in wanted if tid not in have]
        texts = _first_messages(conn, missing)
    stale = sorted(have - set(wanted))
    encoded = 0
    with database.sync_engine.begin() as conn:
        for start in range(0, len(stale), 500):
            conn.execute(
                delete(ExpertiseQuestionVector).where(
                    col(ExpertiseQuestionVector.thread_id).in_(stale[start : start + 500])
                )
            )
    ids = [tid for tid in missing if texts.get(tid)]
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        vectors = encoder.encode([texts[tid][:MAX_CHARS] for tid in batch])
        with database.sync_engine.begin() as conn:
            conn.execute(
                ExpertiseQuestionVector.__table__.insert(),  # type: ignore[attr-defined]
                [
                    {"thread_id": tid, "vector": to_bytes(vector)}
                    for tid, vector in zip(batch, vectors, strict=True)
                ],
            )
        encoded += len(batch)
    return encoded


def _answered_threads(conn: Connection, limit: int) -> list[int]:
    answered = select(col(ExpertiseEvidence.thread_id)).distinct().subquery()
    statement = (
        select(col(Thread.id))
        .where(col(Thread.id).in_(select(answered.c.thread_id)))
        .order_by(col(Thread.created_at).desc())
        .limit(limit)
    )
    return [tid for tid in conn.execute(statement).scalars() if tid is not None]


def _first_messages(conn: Connection, thread_ids: Sequence[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    for start in range(0, len(thread_ids), 500):
        chunk = list(thread_ids[start : start + 500])
        statement = select(col(Message.thread_id), col(Message.text)).where(
            col(Message.is_root), col(Message.thread_id).in_(chunk)
        )
        for tid, text in conn.execute(statement):
            if text and tid is not None:
                texts[tid] = text
    return texts
