"""The dashboard's figures come from the worker process: the same figures as computed in
this process, and an unknown group is still a clear error after crossing over."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.adoption.figures.compute import StatsQuery, UnknownGroupError, compute_stats
from bot.adoption.figures.worker import StatsWorker, shared_between_processes
from bot.core.config import parse_config
from bot.storage.database import Database
from tests.stats.test_against_reference import build_history


async def test_worker_process_computes_the_same_figures(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'figures.db'}"
    database = Database(url)
    await database.upgrade_async()
    build_history(database, seed=3)
    config = parse_config({"database": {"url": url}}, "(test)")
    worker = StatsWorker()
    try:
        query = StatsQuery()
        from_worker = await worker.compute(database, config, query)
        assert from_worker == await asyncio.to_thread(
            compute_stats, database.sync_engine, config, query
        )
        assert from_worker["overall"]["threads"] > 0
        with pytest.raises(UnknownGroupError) as refused:
            await worker.compute(database, config, StatsQuery(group="bestaat-niet"))
        assert refused.value.group_id == "bestaat-niet"
        assert "omgevingswet" in refused.value.known
    finally:
        worker.close()
        await database.async_engine.dispose()
        database.sync_engine.dispose()


def test_only_a_database_in_memory_stays_in_this_process() -> None:
    assert shared_between_processes("sqlite:////var/lib/vraagbaak/vraagbaak.db")
    assert shared_between_processes("postgresql+psycopg://bot@db/vraagbaak")
    assert not shared_between_processes("sqlite://")
    assert not shared_between_processes("sqlite:///:memory:")
