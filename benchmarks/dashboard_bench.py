"""The dashboard's overview page at scale: a signed-in administrator fetches ``/overzicht``
over HTTP from the real aiohttp application on 127.0.0.1.

    python benchmarks/dashboard_bench.py [--people 20000] [--messages 1000000] [--requests 50]
        [--cold 5] [--reuse] [--database-url postgresql+psycopg://…]

Generates the synthetic export (benchmarks/generate_slack_export.py) and imports it into
SQLite the first time (``--reuse`` keeps an earlier database). For the whole history, one
month, one week and one group's page it prints

- cold: the median (and slowest) of ``--cold`` requests that each compute the figures
  (``compute_stats``, the code of ``vraagbaak stats --json``) off the event loop, the kept
  figures forgotten before each;
- warm: p50/p95 of ``--requests`` requests served from the figures kept for
  ``[web] figures_cache_seconds`` (60 s by default), the page rendered anew each time;
- the event loop's lag while the cold requests ran: a task that asks to wake every 10 ms
  records how late it woke (p50, p99, worst).

``--reference`` also times, once per period, the plain-Python implementation that read every
message (tests/stats/reference.py, the code before the database aggregated), directly.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from generate_slack_export import ORGANISATIONS, TOPICS, generate  # noqa: E402

from bot.core.config import Config, parse_config  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.startup.app import build_bot  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import Person, Role  # noqa: E402
from bot.web.app import dashboard_app  # noqa: E402
from bot.web.common import FIGURES  # noqa: E402
from bot.web.signin import issue_link  # noqa: E402

ADMIN = "beheer@ermelo.nl"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_config(url: str) -> Config:
    organisations = [
        {"id": domain.split(".")[0], "name": domain, "domains": [domain], "external": external}
        for domain, external in ORGANISATIONS
    ]
    groups = [{"id": group, "name": group.replace("-", " ").title()} for group in TOPICS]
    return parse_config(
        {
            "bot": {"admins": [ADMIN]},
            "database": {"url": url},
            "organisations": organisations,
            "groups": groups,
        },
        "(benchmark)",
    )


def prepare(args: argparse.Namespace, config: Config) -> None:
    if not args.export.exists():
        started = time.perf_counter()
        figures = generate(args.export, args.people, args.messages)
        print(
            f"generated {figures['messages']:,} messages in {time.perf_counter() - started:.0f} s"
        )
    if not args.database_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    database = Database(config.database.url)
    database.upgrade()
    report = import_slack_export(database, config, args.export)
    print(
        f"import: {report.messages_seen:,} messages, {report.people:,} people "
        f"in {report.seconds:.0f} s"
    )
    database.sync_engine.dispose()


async def timed_get(client: TestClient, path: str) -> float:  # type: ignore[type-arg]
    started = time.perf_counter()
    response = await client.get(path)
    body = await response.read()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status == 200, (response.status, body[:300])
    return elapsed


class LoopLag:
    """How late a task that sleeps 10 ms at a time wakes up, while something else runs."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            asked = loop.time()
            await asyncio.sleep(0.01)
            self.samples.append((loop.time() - asked - 0.01) * 1000)

    def __enter__(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        return (
            f"p50 {statistics.median(self.samples):.1f} ms, "
            f"p99 {percentile(self.samples, 0.99):.1f} ms, worst {max(self.samples):.0f} ms"
        )


PAGES = [
    ("whole history", "/overzicht"),
    ("one month", "/overzicht?van=2026-03-01&tot=2026-03-31"),
    ("one week", "/overzicht?van=2026-03-09&tot=2026-03-15"),
    ("one group", f"/groep/{next(iter(TOPICS))}"),
]


async def measure(config: Config, requests: int, cold_runs: int) -> None:
    bot = build_bot(config)
    await bot.prepare()
    services = bot.services
    async with services.db.session() as session:
        admin = Person(name="Beheer", email=ADMIN, role=Role.ADMIN, organisation_id="ermelo")
        session.add(admin)
        await session.flush()
        assert admin.id is not None
        token = await issue_link(session, admin.id, services.clock.now(), 15)
        await session.commit()
    app = dashboard_app(services)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        response = await client.post("/login", data={"token": token}, allow_redirects=False)
        assert response.status == 303
        figures = app[FIGURES]
        for name, path in PAGES:
            cold = []
            with LoopLag() as lag:
                for _ in range(cold_runs):
                    figures.forget()
                    cold.append(await timed_get(client, path))
            warm = [await timed_get(client, path) for _ in range(requests)]
            print(
                f"{name} ({path}): cold median {statistics.median(cold):,.0f} ms, slowest "
                f"{max(cold):,.0f} ms ({cold_runs} runs); warm p50 "
                f"{statistics.median(warm):.1f} ms, p95 {percentile(warm, 0.95):.1f} ms "
                f"({requests} requests); event loop while cold: {lag.summary()}",
                flush=True,
            )
    finally:
        await client.close()
        await bot.close()


def time_reference(config: Config) -> None:
    from bot.adoption.figures.compute import StatsQuery, compute_stats
    from tests.stats.reference import reference_stats

    database = Database(config.database.url)
    for name, query in [
        ("whole history", StatsQuery()),
        ("one month", StatsQuery(date(2026, 3, 1), date(2026, 3, 31))),
    ]:
        started = time.perf_counter()
        expected = reference_stats(database.sync_engine, config, query)
        before = time.perf_counter() - started
        started = time.perf_counter()
        found = compute_stats(database.sync_engine, config, query)
        now = time.perf_counter() - started
        print(
            f"{name}: before (every message in Python) {before:,.1f} s, now {now:,.1f} s, "
            f"figures equal: {found == expected}",
            flush=True,
        )
    database.sync_engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=None)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--cold", type=int, default=5, help="cold requests per page")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    parser.add_argument("--reference", action="store_true", help="time the former implementation")
    parser.add_argument(
        "--database-url",
        default="",
        help="instead of SQLite, e.g. postgresql+psycopg://postgres@127.0.0.1/bench (an empty "
        "database; imported into unless --reuse)",
    )
    args = parser.parse_args()
    size = f"{args.people // 1000}k-{args.messages // 1000}k"
    args.export = args.export or ROOT / f"benchmarks/data/export-{size}"
    args.db = args.db or ROOT / f"benchmarks/data/dashboard-{size}.db"
    args.db.parent.mkdir(parents=True, exist_ok=True)
    config = bench_config(args.database_url or f"sqlite:///{args.db}")
    if not (args.reuse and (args.database_url or args.db.exists())):
        prepare(args, config)
    if args.reference:
        time_reference(config)
    asyncio.run(measure(config, args.requests, args.cold))


if __name__ == "__main__":
    main()
