"""The dashboard's overview page at scale: a signed-in administrator fetches ``/overzicht``
over HTTP from the real aiohttp application on 127.0.0.1.

    python benchmarks/dashboard_bench.py [--people 20000] [--messages 1000000] [--requests 50]

Generates the synthetic export (benchmarks/generate_slack_export.py) and imports it into
SQLite the first time (``--reuse`` keeps an earlier database). Prints

- cold: the first request, which computes the figures (``compute_stats``, the code of
  ``vraagbaak stats --json``) off the event loop, for the whole history;
- warm: p50/p95 of the following requests, served from the figures kept for
  ``[web] figures_cache_seconds`` (60 s by default) and rendered anew each time;
- one group's page (cold and warm), which adds the unanswered-threads query.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from generate_slack_export import ORGANISATIONS, TOPICS, generate  # noqa: E402

from bot.app import build_bot  # noqa: E402
from bot.config import Config, parse_config  # noqa: E402
from bot.importers.slack_import import import_slack_export  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import Person, Role  # noqa: E402
from bot.web.app import dashboard_app  # noqa: E402
from bot.web.signin import issue_link  # noqa: E402

ADMIN = "beheer@ermelo.nl"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_config(db: Path) -> Config:
    organisations = [
        {"id": domain.split(".")[0], "name": domain, "domains": [domain], "external": external}
        for domain, external in ORGANISATIONS
    ]
    groups = [{"id": group, "name": group.replace("-", " ").title()} for group in TOPICS]
    return parse_config(
        {
            "bot": {"admins": [ADMIN]},
            "database": {"url": f"sqlite:///{db}"},
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


async def measure(config: Config, requests: int) -> None:
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
    client = TestClient(TestServer(dashboard_app(services)))
    await client.start_server()
    try:
        response = await client.post("/login", data={"token": token}, allow_redirects=False)
        assert response.status == 303
        for path in ("/overzicht", f"/groep/{next(iter(TOPICS))}"):
            cold = await timed_get(client, path)
            warm = [await timed_get(client, path) for _ in range(requests)]
            print(
                f"{path}: cold (computes the figures) {cold:,.0f} ms; warm ({requests} requests) "
                f"p50 {statistics.median(warm):.1f} ms, p95 {percentile(warm, 0.95):.1f} ms"
            )
    finally:
        await client.close()
        await bot.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=None)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    args = parser.parse_args()
    size = f"{args.people // 1000}k-{args.messages // 1000}k"
    args.export = args.export or ROOT / f"benchmarks/data/export-{size}"
    args.db = args.db or ROOT / f"benchmarks/data/dashboard-{size}.db"
    args.db.parent.mkdir(parents=True, exist_ok=True)
    config = bench_config(args.db)
    if not (args.reuse and args.db.exists()):
        prepare(args, config)
    asyncio.run(measure(config, args.requests))


if __name__ == "__main__":
    main()
