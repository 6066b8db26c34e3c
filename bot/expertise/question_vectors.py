"""The past questions' vectors (:mod:`knowledge.meaning`), kept beside the index: after each
build, the newest answered threads' first messages are encoded, those encoded before are
kept, and those no longer among them are dropped."""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import delete, func, or_, select
from sqlmodel import col

from bot.storage.bulk import insert_rows
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
    wanted = _answered_threads(limit)
    encoded_id = col(ExpertiseQuestionVector.thread_id)
    with database.sync_engine.begin() as conn:
        conn.execute(
            delete(ExpertiseQuestionVector).where(
                or_(
                    func.length(col(ExpertiseQuestionVector.vector)) != length,
                    encoded_id.not_in(wanted),
                )
            )
        )
        # newest first, as the threads are chosen: the encoder's batches (and so its last
        # bits) are the same from one build to the next
        missing = (
            select(col(Message.thread_id), col(Message.text))
            .where(
                col(Message.is_root),
                col(Message.thread_id).in_(wanted),
                col(Message.thread_id).not_in(select(encoded_id)),
            )
            .order_by(col(Message.created_at).desc())
        )
        texts = [(tid, text) for tid, text in conn.execute(missing) if tid is not None and text]
    for start in range(0, len(texts), _BATCH):
        batch = texts[start : start + _BATCH]
        vectors = encoder.encode([text[:MAX_CHARS] for _tid, text in batch])
        with database.sync_engine.begin() as conn:
            insert_rows(
                conn,
                ExpertiseQuestionVector.__table__,  # type: ignore[attr-defined]
                ("thread_id", "vector"),
                (
                    (tid, to_bytes(vector))
                    for (tid, _text), vector in zip(batch, vectors, strict=True)
                ),
                ignore_conflicts=False,
            )
    return len(texts)


def _answered_threads(limit: int) -> Any:
    """The newest ``limit`` threads somebody answered (as a subquery)."""
    return (
        select(col(Thread.id))
        .where(col(Thread.id).in_(select(col(ExpertiseEvidence.thread_id))))
        .order_by(col(Thread.created_at).desc())
        .limit(limit)
    )
