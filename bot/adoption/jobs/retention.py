"""Deletes pseudonymised activity older than ``[stats] activity_retention_days``."""

from __future__ import annotations

from bot.adoption.activity import purge_activity
from bot.core.logs import get_logger
from bot.dispatch.services import Services

log = get_logger(__name__)


async def purge_old_activity(services: Services) -> None:
    async with services.db.session() as session:
        removed = await purge_activity(
            session, services.clock.now(), services.config.stats.activity_retention_days
        )
    if removed:
        log.info("old activity deleted", events=removed)
