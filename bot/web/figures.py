"""The figures of ``vraagbaak stats --json``, computed by the same code
(:func:`bot.adoption.figures.compute.compute_stats`) in the figures worker process
(:mod:`bot.adoption.figures.worker`, off the event loop and its GIL) and kept for ``[web]
figures_cache_seconds``, so a dashboard opened every morning by several managers costs one
computation. Older figures are still shown
at once while newer ones are computed in the background (stale-while-revalidate); the page says
when they were computed. ``0`` computes on every request. ``vraagbaak run`` computes the whole
history's figures once at start (:meth:`FiguresCache.warm`), so the first visitor finds them."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.adoption.figures.compute import StatsQuery
from bot.adoption.figures.worker import stats_worker
from bot.core.logs import get_logger
from bot.dispatch.services import Services

log = get_logger(__name__)
MAX_ENTRIES = 64


@dataclass(frozen=True)
class Figures:
    stats: dict[str, Any]
    computed_at: datetime
    monotonic: float


class FiguresCache:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._entries: dict[StatsQuery, Figures] = {}
        self._locks: dict[StatsQuery, asyncio.Lock] = {}
        self._refreshing: dict[StatsQuery, asyncio.Task[None]] = {}

    async def _compute(self, query: StatsQuery) -> Figures:
        computed_at = self.services.clock.now()
        stats = await stats_worker.compute(self.services.db, self.services.config, query)
        figures = Figures(stats, computed_at, time.monotonic())
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
            self._locks = {q: lock for q, lock in self._locks.items() if lock.locked()}
        self._entries[query] = figures
        return figures

    async def get(self, query: StatsQuery) -> Figures:
        lifetime = self.services.config.web.figures_cache_seconds
        if lifetime <= 0:
            return await self._compute(query)
        found = self._entries.get(query)
        if found is not None:
            if time.monotonic() - found.monotonic >= lifetime:
                self._refresh_later(query)
            return found
        lock = self._locks.setdefault(query, asyncio.Lock())
        async with lock:  # one computation per query, however many managers ask at once
            found = self._entries.get(query)
            return found if found is not None else await self._compute(query)

    def _refresh_later(self, query: StatsQuery) -> None:
        running = self._refreshing.get(query)
        if running is not None and not running.done():
            return

        async def refresh() -> None:
            try:
                await self._compute(query)
            except Exception:  # the old figures stay; the next request tries again
                log.exception("figures not refreshed")

        self._refreshing[query] = asyncio.get_running_loop().create_task(refresh())

    def warm(self, query: StatsQuery) -> asyncio.Task[None]:
        """Compute ``query``'s figures in the background (at start: the overview's default)."""

        async def compute() -> None:
            try:
                await self.get(query)
            except Exception:  # the first visitor computes them instead
                log.exception("figures not computed at start")

        return asyncio.get_running_loop().create_task(compute())

    def forget(self) -> None:
        self._entries.clear()
