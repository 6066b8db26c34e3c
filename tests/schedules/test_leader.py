"""Leader election and the guarded job wrapper."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.dispatch.services import Services
from bot.startup.app import Bot, build_bot
from bot.storage.adoption_models import JobRun
from schedules.component import SchedulerComponent, run_guarded
from schedules.leader import AdvisoryLockLeader, LeaderLease, leadership_for
from tests.conftest import make_config


class FakeTime:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def plain_bot(database_url: str) -> AsyncIterator[Bot]:
    instance = build_bot(make_config(database_url))
    await instance.prepare()
    try:
        yield instance
    finally:
        await instance.close()


async def test_one_leader_and_takeover_when_the_lease_runs_out(plain_bot: Bot) -> None:
    time = FakeTime()
    db = plain_bot.services.db
    first = LeaderLease(db, "replica-a", timedelta(seconds=30), now=time)
    second = LeaderLease(db, "replica-b", timedelta(seconds=30), now=time)
    assert await first.acquire_or_renew()
    assert not await second.acquire_or_renew()
    time.now += timedelta(seconds=20)
    assert await first.acquire_or_renew()  # renewed
    time.now += timedelta(seconds=20)
    assert not await second.acquire_or_renew()  # renewal moved the expiry on
    time.now += timedelta(seconds=31)  # replica-a died: no renewal
    assert await second.acquire_or_renew()
    assert not await first.acquire_or_renew()
    await second.release()  # a clean stop hands over at once
    assert await first.acquire_or_renew()


async def test_a_failing_job_is_logged_and_the_schedule_goes_on(plain_bot: Bot) -> None:
    services = plain_bot.services
    lease = LeaderLease(services.db, "replica-a", timedelta(seconds=30))
    ran: list[str] = []

    async def broken(_services: Services) -> None:
        raise RuntimeError("boom")

    async def fine(_services: Services) -> None:
        ran.append("fine")

    assert await run_guarded(services, lease, "broken", broken)
    assert await run_guarded(services, lease, "fine", fine)
    assert ran == ["fine"]
    follower = LeaderLease(services.db, "replica-b", timedelta(seconds=30))
    assert not await run_guarded(services, follower, "fine", fine)  # not the leader
    async with services.db.session() as session:
        runs = [(r.job, r.ok, r.replica) for r in await session.exec(select(JobRun))]
    assert runs == [("broken", False, "replica-a"), ("fine", True, "replica-a")]


async def test_the_component_runs_jobs_on_its_schedule(tmp_path: object) -> None:
    config = make_config(
        f"sqlite:///{tmp_path}/c.db", nudges={"tick_seconds": 0.2, "lease_seconds": 3}
    )
    bot = build_bot(config)
    await bot.prepare()
    ran: list[int] = []

    async def job(_services: Services) -> None:
        ran.append(1)

    component = SchedulerComponent(bot.services, {"job": job})
    await component.start()
    try:
        assert component.healthy()
        import asyncio

        await asyncio.sleep(1.0)
    finally:
        await component.stop()
        await bot.close()
    assert len(ran) >= 3
    assert not component.healthy()


@pytest.fixture
async def pg_bot(postgres_server: str) -> AsyncIterator[Bot]:
    from tests.conftest import _fresh_postgres_database

    urls = _fresh_postgres_database(postgres_server)
    url = next(urls)
    instance = build_bot(make_config(url))
    await instance.prepare()
    try:
        yield instance
    finally:
        await instance.close()
        for _ in urls:
            pass


async def _terminate_sessions_of(db_url: str, holder: str) -> int:
    """What the server does to a paused leader's session: end it from outside."""
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(db_url).set(drivername="postgresql").render_as_string(False)
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        rows = await (
            await conn.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (f"vraagbaak-leader {holder}"[:63],),
            )
        ).fetchall()
    return len(rows)


pg_only = pytest.mark.postgres


@pg_only
async def test_postgres_leadership_is_an_advisory_lock_that_ends_with_its_session(
    pg_bot: Bot,
) -> None:
    db = pg_bot.services.db
    first = AdvisoryLockLeader(db, "replica-a", timedelta(seconds=30))
    second = AdvisoryLockLeader(db, "replica-b", timedelta(seconds=30))
    try:
        assert await first.acquire_or_renew()
        assert not await second.acquire_or_renew()
        assert await first.acquire_or_renew()  # a heartbeat keeps it, however slow the clock
        assert await _terminate_sessions_of(db.url, "replica-a") == 1
        assert await second.acquire_or_renew()  # the lock went with the session, at once
        assert not await first.acquire_or_renew()  # and the old leader knows it
        await second.release()  # a clean stop hands over at once
        assert await first.acquire_or_renew()
    finally:
        await first.release()
        await second.release()


@pg_only
async def test_a_silent_leader_loses_the_lock_after_lease_seconds(pg_bot: Bot) -> None:
    db = pg_bot.services.db
    paused = AdvisoryLockLeader(db, "replica-a", timedelta(seconds=1))
    other = AdvisoryLockLeader(db, "replica-b", timedelta(seconds=1))
    try:
        assert await paused.acquire_or_renew()
        assert not await other.acquire_or_renew()
        await asyncio.sleep(2.5)  # no heartbeat: as if the process were stopped
        assert await other.acquire_or_renew()
        assert not await paused.acquire_or_renew()
    finally:
        await paused.release()
        await other.release()


@pg_only
async def test_a_leader_overtaken_mid_job_is_fenced_out(pg_bot: Bot) -> None:
    services = pg_bot.services
    old = AdvisoryLockLeader(services.db, "replica-a", timedelta(seconds=30))
    new = AdvisoryLockLeader(services.db, "replica-b", timedelta(seconds=30))

    async def overtaken(_services: Services) -> None:
        # While the old leader works, its session ends and the other replica takes over.
        await _terminate_sessions_of(services.db.url, "replica-a")
        assert await new.acquire_or_renew()

    async def fine(_services: Services) -> None:
        pass

    try:
        assert await run_guarded(services, old, "unanswered", overtaken)
        assert not await run_guarded(services, old, "unanswered", fine)  # fenced out now
        assert await run_guarded(services, new, "unanswered", fine)
        async with services.db.session() as session:
            runs = [(r.job, r.replica) for r in await session.exec(select(JobRun))]
        # The overtaken run is not recorded as the old leader's; only the new leader's is.
        assert runs == [("unanswered", "replica-b")]
    finally:
        await old.release()
        await new.release()


async def test_the_kind_of_leadership_follows_the_database(database_url: str) -> None:
    bot = build_bot(make_config(database_url))
    await bot.prepare()
    try:
        lead = leadership_for(bot.services.db, "r", timedelta(seconds=5))
        expected = LeaderLease if bot.services.db.is_sqlite else AdvisoryLockLeader
        assert isinstance(lead, expected)
        assert await lead.acquire_or_renew()
        await lead.release()
    finally:
        await bot.close()
