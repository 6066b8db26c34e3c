"""One mailed question as a conversation (issue 15): the first mail, the asker's follow-ups
by mail, and the answers accepted for each of them. Each message of the asker can get its
own answer; answers go in order, the oldest unanswered message first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.mail.reference import reference
from bot.storage.mail_models import AnswerStatus, InboundEmail, InboundStatus, MailAnswer
from bot.storage.models import OutboxItem, OutboxStatus

REFERENCES_KEPT = 20  # Message-IDs in an answer's References (RFC 5322 allows trimming)


async def first_mail(
    session: AsyncSession, platform: str, conversation_id: str, root_id: str
) -> InboundEmail | None:
    """The mail that opened the thread with this root."""
    return (
        await session.exec(
            select(InboundEmail)
            .where(
                InboundEmail.conversation_platform == platform,
                InboundEmail.conversation_id == conversation_id,
                InboundEmail.root_external_id == root_id,
            )
            .order_by(col(InboundEmail.id))
        )
    ).first()


async def first_of(session: AsyncSession, row: InboundEmail) -> InboundEmail:
    """The first mail of ``row``'s thread (``row`` itself for a question)."""
    if row.conversation_platform and row.conversation_id and row.root_external_id:
        found = await first_mail(
            session, row.conversation_platform, row.conversation_id, row.root_external_id
        )
        if found is not None:
            return found
    return row


def thread_reference(first: InboundEmail) -> str:
    return reference(first.id or 0, first.received_at)


def from_asker(first: InboundEmail, row: InboundEmail) -> bool:
    """A message the asker sent: the question, or their own reply by mail."""
    if row.id == first.id:
        return True
    asker = (first.original_email or "").lower()
    return bool(asker) and row.forwarded_by is None and (row.original_email or "").lower() == asker


async def asker_messages(session: AsyncSession, first: InboundEmail) -> list[InboundEmail]:
    """The asker's messages in the thread, oldest first."""
    if first.thread_id is None:
        return [first]
    rows = await session.exec(
        select(InboundEmail)
        .where(
            InboundEmail.thread_id == first.thread_id,
            InboundEmail.status == InboundStatus.POSTED,
        )
        .order_by(col(InboundEmail.id))
    )
    found = [r for r in rows if from_asker(first, r)]
    return found if any(r.id == first.id for r in found) else [first, *found]


def label_number(messages: list[InboundEmail], row: InboundEmail) -> int:
    """0 for the question, 1 for the asker's first reply, and so on."""
    ids = [m.id for m in messages]
    return ids.index(row.id) if row.id in ids else 0


async def answers_of(session: AsyncSession, first: InboundEmail) -> list[MailAnswer]:
    rows = await session.exec(
        select(MailAnswer)
        .where(MailAnswer.thread_inbound_id == first.id)
        .order_by(col(MailAnswer.id))
    )
    return list(rows)


async def next_unanswered(session: AsyncSession, first: InboundEmail) -> InboundEmail | None:
    """The oldest message of the asker that no answer was sent for."""
    for row in await asker_messages(session, first):
        if row.answered_at is None:
            return row
    return None


async def pending_preview(session: AsyncSession, inbound_id: int) -> MailAnswer | None:
    return (
        await session.exec(
            select(MailAnswer).where(
                MailAnswer.inbound_id == inbound_id, MailAnswer.status == AnswerStatus.PREVIEW
            )
        )
    ).first()


@dataclass(frozen=True)
class Delivery:
    """Where the answer to one message of the asker stands."""

    answer: MailAnswer | None  # the preview or the sent answer, None while open
    sent_at: datetime | None = None  # handed to the mail server
    failed: bool = False


async def delivery_of(session: AsyncSession, row: InboundEmail) -> Delivery:
    rows = await session.exec(
        select(MailAnswer)
        .where(
            MailAnswer.inbound_id == row.id,
            col(MailAnswer.status).in_([AnswerStatus.PREVIEW, AnswerStatus.SENT]),
        )
        .order_by(col(MailAnswer.id).desc())
    )
    answer = rows.first()
    if answer is None or answer.outbox_id is None:
        return Delivery(answer)
    item = await session.get(OutboxItem, answer.outbox_id)
    if item is None:
        return Delivery(answer)
    return Delivery(
        answer,
        item.sent_at if item.status == OutboxStatus.SENT else None,
        item.status == OutboxStatus.FAILED,
    )


async def references_for(
    session: AsyncSession, first: InboundEmail, target: InboundEmail
) -> list[str]:
    """The conversation so far as the asker's mail client threads it: every message of the
    asker up to ``target`` and every answer sent, in time order, ``target`` last."""
    dated: list[tuple[datetime, str]] = []
    for row in await asker_messages(session, first):
        if row.message_id and (row.id or 0) <= (target.id or 0):
            dated.append((row.received_at, row.message_id))
    for answer in await answers_of(session, first):
        message_id = str(answer.mail.get("message_id") or "")
        if answer.status == AnswerStatus.SENT and message_id and answer.decided_at is not None:
            dated.append((answer.decided_at, message_id))
    dated.sort(key=lambda pair: pair[0])
    chain = [message_id for _, message_id in dated if message_id != target.message_id]
    if target.message_id:
        chain.append(target.message_id)
    return list(dict.fromkeys(chain))[-REFERENCES_KEPT:]
