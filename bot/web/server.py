"""The dashboard on its own listener, for ``vraagbaak demo`` (``run`` puts it beside
``/health`` in the health server)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.dispatch.services import Services
from bot.web.app import dashboard_app


@dataclass
class DashboardServer:
    runner: web.AppRunner | None
    url: str
    error: str | None = None

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


async def start_dashboard(services: Services, host: str, port: int) -> DashboardServer:
    """Listen on ``host:port``; a busy port is reported, not fatal (the demo goes on)."""
    runner = web.AppRunner(dashboard_app(services), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        return DashboardServer(None, "", exc.strerror or str(exc))
    return DashboardServer(runner, services.config.web.public_url())
