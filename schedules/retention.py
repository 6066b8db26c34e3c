"""Deletes pseudonymised activity older than ``[stats] activity_retention_days``, delivery
claims and handled inbox events older than a day (platforms stop redelivering long before)."""

from __future__ import annotations

from bot import deliveries
from bot.logs import get_logger
from bot.services import Services
from schedules.activity import purge_activity

log = get_logger(__name__)


async def purge_old_activity(services: Services) -> None:
    async with services.db.session() as session:
        removed = await purge_activity(
            session, services.clock.now(), services.config.stats.activity_retention_days
        )
    if removed:
        log.info("old activity deleted", events=removed)
    claims = await deliveries.prune(services.db)
    if claims:
        log.info("old delivery claims deleted", claims=claims)
    handled = await services.inbox.prune()
    if handled:
        log.info("old inbox events deleted", events=handled)
