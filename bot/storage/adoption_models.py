"""Tables for adoption: group goals, the adoption settings (one row) and each group's,
pseudonymised activity, nudge state, the jobs' leader."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
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


SETTINGS_ROW = 1


class AdoptionSettings(SQLModel, table=True):
    """The adoption feature's settings and state, one row (``id`` 1): what used to be strings
    in the key/value table. Written by commands and the dashboard, read by the jobs."""

    __tablename__ = "adoption_settings"
    __table_args__ = (CheckConstraint(f"id = {SETTINGS_ROW}", name="ck_adoption_settings_one"),)

    id: int = Field(default=SETTINGS_ROW, primary_key=True)
    # ``!herinneringen pauze``: no nudge at all until resumed.
    nudges_paused: bool = False
    # ``!rapportkanaal``: where the monthly report goes (none: no report).
    report_platform: str | None = None
    report_conversation: str | None = None
    report_room_name: str = ""
    # When the last round of introductions went out.
    introductions_round_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The secret of the activity pseudonyms (hex), made once and shared by every replica.
    pseudonym_key: str | None = Field(default=None, max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AdoptionGroupSettings(SQLModel, table=True):
    """A group's nudge types switched on or off on the dashboard; ``None`` leaves it to the
    configuration's ``nudges`` list."""

    __tablename__ = "adoption_group_settings"

    group_id: str = Field(foreign_key="workgroup.id", primary_key=True)
    unanswered: bool | None = None
    escalation: bool | None = None
    newcomer: bool | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


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
