"""``vraagbaak run``: the long-running bot with whatever platforms are configured."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Protocol

from aiohttp import web

from bot.adapters.matrix.component import matrix_component
from bot.adapters.slack.component import slack_component
from bot.adoption.jobs import JOBS as ADOPTION_JOBS
from bot.core.config import Config
from bot.core.logs import get_logger
from bot.delivery.inbox import InboxComponent
from bot.delivery.outbox import OutboxComponent
from bot.mail.component import mail_component
from bot.startup.app import Bot, build_bot
from bot.web.app import add_dashboard
from schedules.component import scheduler_factory

log = get_logger(__name__)


class Component(Protocol):
    """Something ``run`` starts and stops: an adapter's connection, the mail listener, jobs."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def healthy(self) -> bool: ...


ComponentFactory = Callable[[Bot], Component | None]


def _outbox(bot: Bot) -> Component:
    """The loop that delivers what waits in the outbox, for chat and mail alike."""
    return OutboxComponent(bot.services.outbox)


def _inbox(bot: Bot) -> Component:
    """After the adapters: what a process that ended left in the inbox is handled now."""
    return InboxComponent(bot.services.inbox)


def component_factories() -> list[ComponentFactory]:
    """Each feature offers a factory that returns its component when it is configured. The
    place that loads the features: the scheduler gets the adoption package's jobs here."""
    return [
        matrix_component,
        slack_component,
        scheduler_factory(ADOPTION_JOBS),
        mail_component,
        _outbox,
        _inbox,
    ]


async def _health_app(components: list[Component]) -> web.Application:
    async def health(_request: web.Request) -> web.Response:
        status = {component.name: component.healthy() for component in components}
        ok = all(status.values())
        return web.json_response(
            {"status": "ok" if ok else "degraded", "components": status}, status=200 if ok else 503
        )

    app = web.Application()
    app.router.add_get("/health", health)
    return app


async def run_bot(config: Config, *, health_host: str, health_port: int) -> int:
    bot = build_bot(config)
    await bot.prepare()
    components = [c for factory in component_factories() if (c := factory(bot)) is not None]
    if not components:
        log.warning("no platform configured; only the health endpoint runs")
    app = await _health_app(components)
    add_dashboard(app, bot.services, warm=True)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, health_host, health_port)
    await site.start()
    log.info(
        "health endpoint and dashboard listening",
        host=health_host,
        port=health_port,
        dashboard=bot.services.config.web.public_url(),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    started: list[Component] = []
    try:
        for component in components:
            await component.start()
            started.append(component)
            log.info("component started", component=component.name)
        await stop.wait()
    finally:
        for component in reversed(started):
            await component.stop()
        await runner.cleanup()
        await bot.close()
    return 0
