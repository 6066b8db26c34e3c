"""Tables of the expertise index ("who knows X?"): precomputed person × term weights, the
vocabulary with document frequencies, and a log of suggestions for spreading the load."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class ExpertiseWeight(SQLModel, table=True):
    """How much evidence says ``person_id`` knows about ``term`` (a Dutch stem), decayed to the
    index's reference time, with the counts the answer's "why" is made of."""

    __tablename__ = "expertise_weight"
    __table_args__ = (Index("ix_expertise_weight_term_weight", "term", "weight"),)

    term: str = Field(primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)
    weight: float = 0.0
    answers: int = 0
    accepted: int = 0
    last_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    group_id: str | None = None


class ExpertiseTerm(SQLModel, table=True):
    """A stem and the number of threads it occurs in (for its inverse document frequency)."""

    __tablename__ = "expertise_term"

    term: str = Field(primary_key=True)
    df: int = 0
    # 1 when the term occurs in one group's threads only, 0 when spread evenly over all
    # groups: words like "nieuw" or "zien" say little about the topic.
    focus: float = 1.0


class ExpertiseSurface(SQLModel, table=True):
    """A word as written in the chat history (folded), for typo tolerance and compounds."""

    __tablename__ = "expertise_surface"

    surface: str = Field(primary_key=True)
    df: int = 0


class ExpertiseSuggestion(SQLModel, table=True):
    """Someone was suggested as an expert (to move people asked a lot down a little)."""

    __tablename__ = "expertise_suggestion"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class ExpertiseThreadTerm(SQLModel, table=True):
    """A term of a thread's question (its first message): finds threads like a question."""

    __tablename__ = "expertise_thread_term"

    term: str = Field(primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", primary_key=True)


class ExpertiseEvidence(SQLModel, table=True):
    """How much one person's part in one thread counts (decayed like the weights)."""

    __tablename__ = "expertise_evidence"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)
    weight: float = 0.0


class ExpertiseRelated(SQLModel, table=True):
    """A word the history relates to ``term``: learned from which words of questions and of
    the answers to them go together (``knowledge.translation``); ``weight`` is the
    probability of the translation."""

    __tablename__ = "expertise_related"

    term: str = Field(primary_key=True)
    related: str = Field(primary_key=True)
    weight: float = 0.0


class ExpertisePerson(SQLModel, table=True):
    """All of one person's evidence together (decayed like the weights): the prior that a
    single word's evidence is weighed against, so one answer does not make an expert."""

    __tablename__ = "expertise_person"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    weight: float = 0.0
    answers: int = 0
    accepted: int = 0


class ExpertiseQuestionVector(SQLModel, table=True):
    """What a past question (a thread's first message) means: its sentence vector in half
    precision (:mod:`knowledge.meaning`), for the newest threads someone answered."""

    __tablename__ = "expertise_question_vector"

    thread_id: int = Field(foreign_key="thread.id", primary_key=True)
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
