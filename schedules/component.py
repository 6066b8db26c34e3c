"""The scheduler component of ``vraagbaak run``, the generic timed-job runner: APScheduler
runs the core's jobs and the ones the features register (the adoption package's
``bot.adoption.jobs.JOBS``, passed in by ``bot/startup/runtime.py``); only the replica holding the
lease runs them, and every run is wrapped so one failure is logged and the schedule goes
on."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.startup.app import Bot
from bot.storage.adoption_models import JobRun
from schedules.expertise_refresh import refresh_expertise
from schedules.leader import Leadership, holds_fence, leadership_for
from schedules.retention import purge_handled_events

log = get_logger(__name__)
Job = Callable[[Services], Awaitable[None]]

# The core's own jobs; features add theirs through scheduler_factory.
JOBS: dict[str, Job] = {
    "retention": purge_handled_events,
    "expertise_refresh": refresh_expertise,
}


async def run_guarded(services: Services, lease: Leadership, name: str, job: Job) -> bool:
    """Run ``job`` if this replica leads and is not fenced out; log (never raise) a failure.
    ``True`` if it ran."""
    try:
        if not await lease.acquire_or_renew():
            return False
        async with services.db.session() as session:
            if not await holds_fence(session, lease.name, lease.holder, lock=False):
                log.warning("fenced out: another replica leads", job=name, replica=lease.holder)
                return False
    except Exception:
        log.exception("lease check failed", job=name)
        return False
    ok = True
    try:
        await job(services)
    except Exception:
        ok = False
        log.exception("scheduled job failed", job=name)
    try:
        async with services.db.session() as session:
            if await holds_fence(session, lease.name, lease.holder, lock=lease.fence_locks):
                session.add(
                    JobRun(job=name, replica=lease.holder, started_at=services.clock.now(), ok=ok)
                )
            else:
                log.warning("fenced out while running", job=name, replica=lease.holder)
            await session.commit()
    except Exception:
        log.exception("could not record the job run", job=name)
    return True


class SchedulerComponent:
    name = "schedules"

    def __init__(self, services: Services, jobs: Mapping[str, Job] | None = None) -> None:
        self.services = services
        self.jobs = dict(jobs) if jobs is not None else dict(JOBS)
        settings = services.config.nudges
        self.tick = settings.tick_seconds
        self.renew_every = settings.lease_seconds / 3
        self.lease = leadership_for(
            # The process's own name (bot/delivery/liveness.py): the same in every log line.
            services.db,
            services.replica.name,
            timedelta(seconds=settings.lease_seconds),
        )
        self.scheduler: AsyncIOScheduler | None = None

    async def start(self) -> None:
        # APScheduler logs every run at INFO; our own wrapper logs what matters.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        scheduler = AsyncIOScheduler(timezone="Europe/Amsterdam")
        scheduler.add_job(
            self.lease.acquire_or_renew,
            "interval",
            seconds=self.renew_every,
            id="lease",
            max_instances=1,
            coalesce=True,
        )
        for name, job in self.jobs.items():
            scheduler.add_job(
                run_guarded,
                "interval",
                seconds=self.tick,
                id=name,
                args=[self.services, self.lease, name, job],
                max_instances=1,
                coalesce=True,
            )
        scheduler.start()
        self.scheduler = scheduler
        log.info("scheduler started", replica=self.lease.holder, tick=self.tick)

    async def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        await self.lease.release()

    def healthy(self) -> bool:
        return self.scheduler is not None and bool(self.scheduler.running)


def scheduler_factory(
    feature_jobs: Mapping[str, Job],
) -> Callable[[Bot], SchedulerComponent | None]:
    """For ``component_factories()``: the core's jobs and ``feature_jobs`` run in every
    ``vraagbaak run`` (on the clock the bot was built with: the accelerated one when
    ``nudges.clock_start`` is set). A job name used twice is refused."""
    clash = set(JOBS) & set(feature_jobs)
    if clash:
        raise ValueError(f"job names used twice: {', '.join(sorted(clash))}")

    def factory(bot: Bot) -> SchedulerComponent | None:
        return SchedulerComponent(bot.services, {**JOBS, **feature_jobs})

    return factory
