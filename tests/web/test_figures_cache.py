"""Figures are computed once and shown at once afterwards; newer ones follow in the
background, and the page says when the shown ones were computed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.adoption.figures.compute import StatsQuery
from bot.web.common import FIGURES
from tests.web.conftest import ASKERS, MANAGER, build_site


async def test_stale_figures_are_served_while_new_ones_are_computed(tmp_path: Path) -> None:
    async for site in build_site(tmp_path, figures_cache_seconds=0.2):
        cache = site.client.server.app[FIGURES]
        first = await cache.get(StatsQuery())
        await site.world.say(ASKERS[0], "Een nieuwe vraag")
        assert (await cache.get(StatsQuery())) is first  # still fresh: no recomputation
        await asyncio.sleep(0.3)
        stale = await cache.get(StatsQuery())
        assert stale is first  # shown at once, a refresh started
        for _ in range(100):
            await asyncio.sleep(0.05)
            newer = await cache.get(StatsQuery())
            if newer is not first:
                break
        assert newer.stats["overall"]["threads"] == first.stats["overall"]["threads"] + 1
        await site.sign_in(MANAGER)
        html = await (await site.client.get("/overzicht")).text()
        assert "Berekend op 09-03-2026 11:00." in html
