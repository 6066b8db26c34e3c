"""Leader election and the guarded job wrapper."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.app import Bot, build_bot
from bot.services import Services
from bot.storage.adoption_models import JobRun
from schedules.component import SchedulerComponent, run_guarded
from schedules.leader import LeaderLease
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
