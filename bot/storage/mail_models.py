"""Tables of the e-mail edge: every inbound message (raw bytes kept until processed and for
``[mail] keep_original_days``) and the Message-IDs that tie mail to a question thread."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class InboundStatus(StrEnum):
    RECEIVED = "received"  # stored, not yet handled (or waiting to be retried)
    POSTED = "posted"  # a thread (or a reply in one) was posted
    HELD = "held"  # unknown sender: a moderator decides
    NEEDS_GROUP = "needs_group"  # routing was unsure: the forwarder or a moderator chooses
    IGNORED = "ignored"  # automatic reply or bounce: never posted, never answered
    FAILED = "failed"  # gave up after many attempts (kept for an administrator)


class InboundEmail(SQLModel, table=True):
    __tablename__ = "inbound_email"

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(unique=True)  # the Message-ID, or "sha256:<hex>" without one
    message_id: str | None = Field(default=None, index=True)
    sha256: str
    source: str = "smtp"
    envelope_from: str | None = None
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    raw: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    size: int = 0
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    status: InboundStatus = Field(default=InboundStatus.RECEIVED, index=True)
    kind: str | None = None
    # The parse result (already redacted) and what cleaning cut off, kept with the message.
    parsed: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    cut_parts: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Needed only to answer back; cleared after ``keep_original_days``.
    original_name: str | None = None
    original_email: str | None = None
    forwarded_by: str | None = None
    group_id: str | None = Field(default=None, index=True)
    approved: bool = False
    thread_id: int | None = Field(default=None, foreign_key="thread.id", index=True)
    root_external_id: str | None = None
    conversation_platform: str | None = None
    conversation_id: str | None = None
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The thread's status line for this mail (open → beantwoord → gemaild), edited in place.
    status_message_id: str | None = None
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The process handling it (bot/delivery/liveness.py): a dead one's mail is taken over at once.
    lease_owner: str | None = None
    last_error: str | None = None
    purged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MailLink(SQLModel, table=True):
    """A Message-ID we sent or received for a question, so replies find their thread."""

    __tablename__ = "mail_link"

    message_id: str = Field(primary_key=True)
    inbound_id: int = Field(foreign_key="inbound_email.id", index=True)


class AnswerStatus(StrEnum):
    PREVIEW = "preview"  # shown to the acceptor, not sent
    SENT = "sent"  # handed to the outbox
    CANCELLED = "cancelled"  # ``!annuleren``, or replaced by a newer acceptance


class MailAnswer(SQLModel, table=True):
    """An accepted answer to one message of the asker (the question or a follow-up by mail),
    and the exact mail shown to the acceptor before it leaves (issue 15)."""

    __tablename__ = "mail_answer"

    id: int | None = Field(default=None, primary_key=True)
    inbound_id: int = Field(foreign_key="inbound_email.id", index=True)  # what it answers
    thread_inbound_id: int = Field(foreign_key="inbound_email.id", index=True)  # first mail
    status: AnswerStatus = Field(default=AnswerStatus.PREVIEW, index=True)
    acceptor_id: int = Field(foreign_key="person.id", index=True)
    answer_message_id: int | None = Field(default=None, foreign_key="message.id")
    text: str = ""
    mail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    outbox_id: int | None = Field(default=None, foreign_key="outboxitem.id")
