"""Roles given with ``!rol`` (revocable grants, optionally scoped to a group) and the audit
log of every grant, revocation and refused privileged command (issue 13)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class RoleGrant(SQLModel, table=True):
    """``person_id`` holds ``role`` (a :class:`bot.storage.models.Role` value) everywhere, or
    only in ``group_id``; in force until ``revoked_at``."""

    __tablename__ = "role_grant"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str
    group_id: str | None = None
    granted_by: int | None = Field(default=None, foreign_key="person.id")
    granted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_by: int | None = Field(default=None, foreign_key="person.id")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    """One privileged act or refusal: who (``actor_id``), what (``action``), to whom."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    action: str
    target_id: int | None = Field(default=None, foreign_key="person.id")
    detail: str = ""
