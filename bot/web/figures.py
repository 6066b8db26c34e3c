"""The figures of ``vraagbaak stats --json``, computed by the same code
(:func:`bot.stats.report.compute_stats`) off the event loop and kept for
``[web] figures_cache_seconds``, so a dashboard opened every morning by several managers
costs one computation."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bot.services import Services
from bot.stats.report import StatsQuery, compute_stats


class FiguresCache:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._entries: dict[StatsQuery, tuple[float, dict[str, Any]]] = {}
        self._locks: dict[StatsQuery, asyncio.Lock] = {}

    async def get(self, query: StatsQuery) -> dict[str, Any]:
        lifetime = self.services.config.web.figures_cache_seconds
        lock = self._locks.setdefault(query, asyncio.Lock())
        async with lock:  # one computation per query, however many managers ask at once
            found = self._entries.get(query)
            if found is not None and time.monotonic() - found[0] < lifetime:
                return found[1]
            result = await asyncio.to_thread(
                compute_stats, self.services.db.sync_engine, self.services.config, query
            )
            if len(self._entries) > 64:
                self._entries.clear()
            self._entries[query] = (time.monotonic(), result)
            return result

    def forget(self) -> None:
        self._entries.clear()
