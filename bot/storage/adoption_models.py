"""Tables for adoption: group goals, pseudonymised activity, nudge state, the jobs' leader."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.events import utcnow
from bot.storage.types import UTCDateTime


class Goal(SQLModel, table=True):
    """A target a group sets for one figure (``!doel``)."""

    __tablename__ = "adoption_goal"
    __table_args__ = (UniqueConstraint("group_id", "metric"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: str = Field(foreign_key="workgroup.id", index=True)
    metric: str
    target: float
    set_by: int | None = Field(default=None, foreign_key="person.id")
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ActivityEvent(SQLModel, table=True):
    """Someone did something (posted, reacted). Pseudonymised: a keyed hash, not a person id;
    deleted after ``[stats] activity_retention_days``."""

    __tablename__ = "adoption_activity"

    id: int | None = Field(default=None, primary_key=True)
    pseudonym: str = Field(index=True, max_length=64)
    kind: str
    group_id: str | None = None
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class NudgeState(SQLModel, table=True):
    """Per person: introduction rounds ignored in a row, and whether they were dropped."""

    __tablename__ = "adoption_nudge_state"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    intro_ignored_rounds: int = 0
    intro_dropped: bool = False
    last_digest_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SchedulerLease(SQLModel, table=True):
    """Which replica runs the scheduled jobs, until when (renewed while it lives)."""

    __tablename__ = "adoption_scheduler_lease"

    name: str = Field(primary_key=True)
    holder: str
    expires_at: datetime = Field(sa_type=UTCDateTime)


class JobRun(SQLModel, table=True):
    """One run of a scheduled job: which replica, when, and whether it failed."""

    __tablename__ = "adoption_job_run"

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(index=True)
    replica: str
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ok: bool = True
