"""The receipt for a mailed question (issue 15): to the person who sent it (the forwarder of a
forward), only when that sender is verified or a moderator released the mail — anything
else would be backscatter to whoever a forger named. One per question, at most
``RECEIPTS_PER_DAY`` a day per address; also for mail held for a moderator, so a citizen
hears that their question arrived."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.mail.conversation import thread_reference
from bot.mail.letters import Addressee, receipt_mail
from bot.mail.outbox import enqueue
from bot.mail.parse import Address
from bot.mail.policy import may_mail_sender
from bot.mail.sender_identity import identity_for, is_outsider
from bot.mail.understand import Understanding
from bot.storage.mail_models import InboundEmail
from bot.storage.models import OutboxItem

RECEIPTS_PER_DAY = 3


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def _queued(session: AsyncSession, pattern: str) -> int:
    return (
        await session.exec(
            select(func.count())
            .select_from(OutboxItem)
            .where(col(OutboxItem.dedupe_key).like(pattern, escape="\\"))
        )
    ).one()


def receipt_key(address: str, day: datetime, inbound_id: int) -> str:
    return f"receipt:{address.lower()}:{day.date().isoformat()}:{inbound_id}"


async def queue_receipt(
    session: AsyncSession,
    config: Config,
    row: InboundEmail,
    u: Understanding,
    *,
    now: datetime,
    group_id: str | None,
    group_name: str,
    link: str | None,
) -> bool:
    """Queue the receipt in the caller's transaction; False when none is due."""
    to: Address | None = u.asker
    if to is None or row.id is None or not may_mail_sender(u.sender_verified, row.approved):
        return False
    if await _queued(session, f"receipt:%:{row.id}") > 0:
        return False  # already confirmed when it was held
    prefix = f"receipt:{_escaped(to.email.lower())}:{now.date().isoformat()}:"
    if await _queued(session, prefix + "%") >= RECEIPTS_PER_DAY:
        return False
    outsider = is_outsider(config, to.email)
    language: Literal["nl", "en"] = u.language if outsider else config.bot.language
    identity = identity_for(
        config, forwarded_by=u.forwarded_by.email if u.forwarded_by else None, group_id=group_id
    )
    mail = receipt_mail(
        to=Addressee(to.email, to.name, language, "formal" if outsider else "informal"),
        identity=identity,
        subject=u.subject,
        reference=thread_reference(row),
        group_name=group_name,
        link=link,
        forwarded=u.forwarded_by is not None,
        in_reply_to=u.message_id,
    )
    key = receipt_key(to.email, now, row.id)
    return await enqueue(session, mail, dedupe_key=key, extra={}) is not None
