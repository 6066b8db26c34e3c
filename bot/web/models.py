"""Tables of the dashboard's sign-in: one-time links and sessions. Only SHA-256 hashes of the
secrets are stored, so a copy of the database opens no dashboard."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class WebLoginLink(SQLModel, table=True):
    __tablename__ = "web_login_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebSession(SQLModel, table=True):
    __tablename__ = "web_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
