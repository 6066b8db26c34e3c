"""The figures computed in a worker process, for the bot (the dashboard).

``compute_stats`` is Python work at scale — hundreds of thousands of rows into sets, sorts
and working-hours sums, seconds at a million messages. In a thread it would hold the GIL in
long stretches (a sort, a garbage collection) and stall the event loop: chat answers, SMTP,
``/health``. In a separate process it cannot. One process, started with ``spawn`` (no forked
copy of the bot's sockets, threads or event loop, as the mail worker), serves every request
of the bot's life; it opens its own connections to the same database. A database only one
process can see (SQLite in memory) is computed in a thread instead.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sqlalchemy.engine import make_url

from bot.adoption.figures.compute import StatsQuery, compute_stats
from bot.core.config import Config
from bot.core.logs import get_logger
from bot.storage.database import Database

log = get_logger(__name__)
KEEP_DATABASES = 4  # in the worker: connection pools kept for the last databases asked about

_databases: OrderedDict[str, Database] = OrderedDict()


def _compute(url: str, config_data: dict[str, Any], query: StatsQuery) -> dict[str, Any]:
    """Runs in the worker process."""
    database = _databases.pop(url, None) or Database(url)
    _databases[url] = database
    while len(_databases) > KEEP_DATABASES:
        _, oldest = _databases.popitem(last=False)
        oldest.sync_engine.dispose()
    return compute_stats(database.sync_engine, Config.model_validate(config_data), query)


def shared_between_processes(url: str) -> bool:
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return True
    return parsed.database not in (None, "", ":memory:") and "mode=memory" not in url


class StatsWorker:
    """Computes figures in the worker process (started at the first request)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._pool

    async def compute(
        self, database: Database, config: Config, query: StatsQuery
    ) -> dict[str, Any]:
        if not shared_between_processes(database.url):
            return await asyncio.to_thread(compute_stats, database.sync_engine, config, query)
        loop = asyncio.get_running_loop()
        config_data = config.model_dump(mode="json")
        try:
            return await loop.run_in_executor(
                self._executor(), _compute, database.url, config_data, query
            )
        except BrokenProcessPool:  # the process died (killed, out of memory): start anew once
            log.warning("figures worker process stopped; starting a new one")
            self.close()
            return await loop.run_in_executor(
                self._executor(), _compute, database.url, config_data, query
            )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# One worker process for the bot's whole life, shared by every dashboard application of
# the process (tests build many).
stats_worker = StatsWorker()
