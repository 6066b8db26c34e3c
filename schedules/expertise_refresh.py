"""Rebuilds the expertise index once a day: live chat adds evidence between rebuilds, but
term statistics (how rare a word is, which group it belongs to, which words are known) and
the fading of old evidence are only brought up to date by a rebuild."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.expertise.build_io import build_index
from bot.expertise.sentence_encoder import configured_encoder
from bot.storage.models import StateEntry

log = get_logger(__name__)
REFRESHED_KEY = "expertise.refreshed_at"
EVERY = timedelta(days=1)


async def refresh_expertise(services: Services, now: datetime | None = None) -> None:
    """Rebuild when the last rebuild is a day old. Wall-clock time (``now`` for tests), not
    the services' clock: an accelerated demonstration clock must not rebuild every minute."""
    now = now or datetime.now(UTC)
    async with services.db.session() as session:
        entry = await session.get(StateEntry, REFRESHED_KEY)
        if entry is not None and now - datetime.fromisoformat(entry.value) < EVERY:
            return
    config = services.config
    report = await asyncio.to_thread(
        build_index,
        services.db,
        config.whoknows.half_life_days,
        None,
        config.bot.language,
        None,
        configured_encoder(config),
    )
    async with services.db.session() as session:
        entry = await session.get(StateEntry, REFRESHED_KEY)
        if entry is None:
            entry = StateEntry(key=REFRESHED_KEY, value=now.isoformat())
        entry.value = now.isoformat()
        entry.updated_at = now
        session.add(entry)
        await session.commit()
    services.experts.invalidate()
    log.info("expertise index rebuilt", rows=report.rows, seconds=round(report.seconds, 1))
