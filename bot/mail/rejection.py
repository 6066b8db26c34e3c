"""Setting a waiting mail aside: ``!mailafwijzen`` and the dashboard's "Afwijzen". The mail is
never posted and never answered (the ``ignored`` state the desk also uses for automatic
replies); who decided is kept for the administrator."""

from __future__ import annotations

from sqlmodel import col, update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.mail_models import InboundEmail, InboundStatus

WAITING = (InboundStatus.HELD, InboundStatus.NEEDS_GROUP)


async def reject_waiting(session: AsyncSession, number: int, person_id: int) -> bool:
    """True when mail ``number`` was waiting for a moderator or a group and is set aside now.
    One conditional ``UPDATE``: two moderators rejecting at once, or one releasing while the
    other rejects, change it once."""
    result = await session.exec(
        update(InboundEmail)
        .where(col(InboundEmail.id) == number, col(InboundEmail.status).in_(WAITING))
        .values(status=InboundStatus.IGNORED, last_error=f"rejected by person {person_id}")
    )
    return bool(result.rowcount == 1)
