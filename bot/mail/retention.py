"""Retention of mail originals (AVG): the raw mail, the sender and what cleaning cut off are
deleted after ``[mail] keep_original_days``."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.dispatch.core_services import CoreServices
from bot.storage.mail_models import InboundEmail, InboundStatus


async def purge_expired(services: CoreServices) -> int:
    """Delete the originals of mail older than the retention period; returns how many."""
    cutoff = services.clock.now() - timedelta(days=services.config.mail.keep_original_days)
    async with services.db.session() as session:
        rows = (
            await session.exec(
                select(InboundEmail).where(
                    col(InboundEmail.received_at) < cutoff,
                    col(InboundEmail.purged_at).is_(None),
                    InboundEmail.status != InboundStatus.RECEIVED,
                )
            )
        ).all()
        for row in rows:
            row.raw = None
            row.original_email = None
            row.original_name = None
            row.parsed = {**row.parsed, "original_sender": None, "sender": None}
            row.cut_parts = []
            row.purged_at = services.clock.now()
            session.add(row)
        await session.commit()
        return len(rows)
