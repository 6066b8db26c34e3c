"""Deletes delivery claims and handled inbox events older than a day (platforms stop
redelivering long before)."""

from __future__ import annotations

from bot.core.logs import get_logger
from bot.delivery import deliveries
from bot.dispatch.services import Services

log = get_logger(__name__)


async def purge_handled_events(services: Services) -> None:
    claims = await deliveries.prune(services.db)
    if claims:
        log.info("old delivery claims deleted", claims=claims)
    handled = await services.inbox.prune()
    if handled:
        log.info("old inbox events deleted", events=handled)
