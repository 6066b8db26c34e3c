"""The tables. Message text is stored only where a feature needs it (see ``Message.text``)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.core.events import utcnow
from bot.storage.types import UTCDateTime


class Role(StrEnum):
    MEMBER = "member"
    COMMUNITY_MANAGER = "community_manager"
    ADMIN = "admin"


class Organisation(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    domains: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    external: bool = False


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str | None = Field(default=None, index=True)
    organisation_id: str | None = Field(default=None, foreign_key="organisation.id", index=True)
    role: Role = Role.MEMBER
    active: bool = True
    is_bot: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Account(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    platform: str
    external_id: str
    display_name: str = ""
    verified_email: str | None = None


class Group(SQLModel, table=True):
    __tablename__ = "workgroup"

    id: str = Field(primary_key=True)
    name: str
    description: str = ""
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    email: str | None = None


class Channel(SQLModel, table=True):
    """A room/channel/direct conversation on one platform, optionally mapped to a group."""

    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    external_id: str
    name: str = ""
    group_id: str | None = Field(default=None, foreign_key="workgroup.id", index=True)
    is_direct: bool = False
    archived: bool = False


class ChannelMember(SQLModel, table=True):
    channel_id: int = Field(foreign_key="channel.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)


class ThreadSource(StrEnum):
    CHAT = "chat"
    EMAIL = "email"


class Thread(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("channel_id", "root_external_id"),
        # A channel's threads in time order: the figures' questions of a period.
        Index("ix_thread_channel_created", "channel_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channel.id")
    root_external_id: str
    author_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    source: ThreadSource = ThreadSource.CHAT
    # Started by a bot, or addressed to the bot (a command): not a question between people.
    by_bot: bool = False
    first_reply_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reply_count: int = 0


class Message(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("channel_id", "external_id"),
        Index("ix_message_author_created", "author_id", "created_at"),
        # For the adoption figures (bot/adoption/figures/queries.py), reading only these indexes:
        # a channel's posts in time order with their authors (posters of a period, of a week),
        Index("ix_message_channel_created", "channel_id", "created_at", "author_id", "is_bot"),
        # and the human replies thread by thread, replier by replier, without sorting.
        Index("ix_message_replies", "is_root", "is_bot", "thread_id", "author_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channel.id")
    thread_id: int | None = Field(default=None, foreign_key="thread.id", index=True)
    external_id: str
    author_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    is_root: bool = False
    is_bot: bool = False
    has_files: bool = False
    # Kept for threads the bot must quote or answer back (e-mailed questions and their answers)
    # and for building the expertise index; cleared by retention.
    text: str | None = None


class Reaction(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("message_id", "person_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    key: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class Question(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="thread.id", unique=True)
    asker_id: int | None = Field(default=None, foreign_key="person.id")
    group_id: str | None = Field(default=None, foreign_key="workgroup.id", index=True)
    status: QuestionStatus = QuestionStatus.OPEN
    accepted_message_id: int | None = Field(default=None, foreign_key="message.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Skill(SQLModel, table=True):
    """A topic a person declares (``!ikweet``)."""

    __table_args__ = (UniqueConstraint("person_id", "topic"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    topic: str
    declared_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvidenceKind(StrEnum):
    ANSWER = "answer"
    ACCEPTED = "accepted"
    REACTION = "reaction"
    FILE = "file"
    RECOMMENDED = "recommended"
    DECLARED = "declared"
    ASKED = "asked"


class Evidence(SQLModel, table=True):
    """One observation that a person knows (or is interested in) something."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: EvidenceKind
    group_id: str | None = Field(default=None, foreign_key="workgroup.id")
    thread_id: int | None = Field(default=None, foreign_key="thread.id")
    message_id: int | None = Field(default=None, foreign_key="message.id")
    topic_text: str = ""
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Nudge(SQLModel, table=True):
    """A nudge that was sent, to enforce caps and notice when people ignore them."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    channel_id: int | None = Field(default=None, foreign_key="channel.id", index=True)
    thread_id: int | None = Field(default=None, foreign_key="thread.id")
    direct: bool = False
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    dedupe_key: str | None = Field(default=None, unique=True)


class PersonSettings(SQLModel, table=True):
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    language: str | None = None
    muted: bool = False
    paused_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    do_not_disturb: bool = False
    away_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    suggest_opt_out: bool = False
    hidden_topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    digest_opt_in: bool = False
    introductions_opt_in: bool = False
    # An answer to a question this person forwarded: a copy by mail (cc), or told in chat.
    mail_copy: bool = True


class StateEntry(SQLModel, table=True):
    """Small durable key/value state for generic bookkeeping: sync tokens, cursors, the
    expertise index's version. A feature's settings get typed tables of their own (adoption:
    ``bot/storage/adoption_models.py``)."""

    key: str = Field(primary_key=True)
    value: str
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProcessedEvent(SQLModel, table=True):
    """Platform event ids already handled, so a redelivery is not handled twice."""

    platform: str = Field(primary_key=True)
    event_id: str = Field(primary_key=True)
    processed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxItem(SQLModel, table=True):
    """An outgoing chat message or e-mail, kept until it was delivered."""

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: OutboxStatus = Field(default=OutboxStatus.PENDING, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None
    # The idempotency key: the same post asked for twice (a retried event, a restarted
    # desk) is one row, and the platform is told the key so it is posted once
    # (bot/delivery/outbox.py).
    dedupe_key: str | None = Field(default=None, unique=True)
    # Who is sending it, until when (bot/delivery/liveness.py): a dead sender's row is taken over at
    # once, after asking the platform whether the post arrived.
    lease_owner: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # An earlier attempt may have reached the platform (a timeout, a crash): look first.
    uncertain: bool = False
    # What the platform answered (message id, channel), for a caller asking again.
    result: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class StoredFile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    filename: str
    content_type: str
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
