"""The inbox: every chat event a platform delivers, stored before the platform gets its
acknowledgement, and handled from here (bot/delivery/inbox.py)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class InboxStatus(StrEnum):
    PENDING = "pending"  # stored, not yet handled (or waiting to be tried again)
    DONE = "done"  # handled (the payload is dropped then)
    FAILED = "failed"  # gave up after many attempts (kept for an administrator)


class InboxEvent(SQLModel, table=True):
    __tablename__ = "inbox_event"
    __table_args__ = (
        UniqueConstraint("platform", "delivery_id", name="uq_inbox_event_delivery"),
        Index("ix_inbox_event_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    # The platform's id for the delivery (Slack event_id, a Matrix event id, ...): a
    # redelivery finds its row and is not stored twice.
    delivery_id: str
    kind: str
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: InboxStatus = Field(default=InboxStatus.PENDING)
    attempts: int = 0
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The process handling it (bot/delivery/liveness.py) and until when, so a restarted process
    # takes over the rows of a dead one at once, and a live one's only when its lease has run out.
    lease_owner: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None
