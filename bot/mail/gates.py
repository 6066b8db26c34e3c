"""The checks on an understood mail that need the stored mail: who may add to an existing
thread, and how much mail one sender or domain may start per hour."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.mail.policy import HoldReason
from bot.mail.understand import Understanding
from bot.storage.mail_models import InboundEmail, InboundStatus, MailLink

WINDOW = timedelta(hours=1)


def sender_of(row: InboundEmail) -> str:
    """Who sent this stored mail: the forwarder of a forward, else its From address."""
    return (row.forwarded_by or row.original_email or "").lower()


async def linked_inbound(session: AsyncSession, u: Understanding) -> InboundEmail | None:
    """The posted mail whose thread this one replies to (In-Reply-To, References)."""
    ids = [i for i in [u.in_reply_to, *u.references] if i]
    if not ids:
        return None
    link = (
        await session.exec(select(MailLink).where(col(MailLink.message_id).in_(ids[:60])))
    ).first()
    if link is None:
        return None
    earlier = await session.get(InboundEmail, link.inbound_id)
    if earlier is None or earlier.root_external_id is None:
        return None
    return earlier


async def follow_up_reason(
    session: AsyncSession,
    config: Config,
    u: Understanding,
    earlier: InboundEmail,
    *,
    approved: bool,
) -> HoldReason | None:
    """A reply joins the thread only from the person it was opened for, or from someone
    already in it; None when it may be posted."""
    if approved:
        return None
    sender = (u.sender.email if u.sender else "").lower()
    if not sender:
        return HoldReason.STRANGER_IN_THREAD
    if config.organisation_for_email(sender) is not None and not u.sender_verified:
        return HoldReason.UNVERIFIED
    if u.sender_verified and sender in {
        (earlier.forwarded_by or "").lower(),
        (earlier.original_email or "").lower(),
    }:
        return None
    opened_for_asker = earlier.approved or bool(earlier.parsed.get("sender_verified"))
    if sender == (earlier.original_email or "").lower() and opened_for_asker:
        return None
    if earlier.thread_id is not None:
        rows = await session.exec(
            select(InboundEmail).where(
                InboundEmail.thread_id == earlier.thread_id,
                InboundEmail.status == InboundStatus.POSTED,
                col(InboundEmail.id) != earlier.id,
            )
        )
        if any(sender_of(r) == sender for r in rows):
            return None
    return HoldReason.STRANGER_IN_THREAD


async def over_rate_limit(
    session: AsyncSession, config: Config, row_id: int, sender: str, now: datetime
) -> tuple[bool, bool]:
    """(over the limit, first one over it): questions started in the last hour by this
    sender and by its domain, not counting this mail."""
    sender = sender.lower()
    if not sender:
        return False, False
    domain = sender.rsplit("@", 1)[-1]
    recent = (
        col(InboundEmail.received_at) >= now - WINDOW,
        InboundEmail.kind == "question",
        col(InboundEmail.id) != row_id,
    )
    pattern = "%@" + domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    by_sender = or_(
        col(InboundEmail.forwarded_by) == sender,
        and_(col(InboundEmail.forwarded_by).is_(None), col(InboundEmail.original_email) == sender),
    )
    by_domain = or_(
        col(InboundEmail.forwarded_by).like(pattern, escape="\\"),
        and_(
            col(InboundEmail.forwarded_by).is_(None),
            col(InboundEmail.original_email).like(pattern, escape="\\"),
        ),
    )
    senders = (
        await session.exec(select(func.count()).select_from(InboundEmail).where(*recent, by_sender))
    ).one()
    domains = (
        await session.exec(select(func.count()).select_from(InboundEmail).where(*recent, by_domain))
    ).one()
    limit_s, limit_d = config.mail.max_per_sender_hour, config.mail.max_per_domain_hour
    over = senders >= limit_s or domains >= limit_d
    first = senders == limit_s or domains == limit_d
    return over, first
