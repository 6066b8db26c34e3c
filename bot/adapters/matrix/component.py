"""``vraagbaak run`` runs the Matrix adapter as a component when ``[matrix]`` is configured."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.adapters.matrix.client import MatrixAdapter
from bot.adapters.matrix.config import MatrixSettings, matrix_settings
from bot.adapters.matrix.translate import PLATFORM, account
from bot.core.logs import get_logger
from bot.startup.app import Bot
from bot.storage.models import Role

log = get_logger(__name__)


class MatrixComponent:
    name = "matrix"

    def __init__(self, bot: Bot, settings: MatrixSettings) -> None:
        self.bot = bot
        self.settings = settings
        folder = settings.store_folder(bot.services.config.bot.data_dir)
        self.adapter = MatrixAdapter(
            settings, bot.services.db, folder, bot.services.inbox, bot.services.outbox
        )
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        services = self.bot.services
        if services.config.bot.log_level != "DEBUG":
            # matrix-nio logs room and user details at INFO; keep our own privacy rule.
            logging.getLogger("nio").setLevel(logging.WARNING)
        services.adapters.add(self.adapter)
        await self._grant_admins()
        await self.adapter.connect()
        dispatch = self.bot.dispatcher.for_adapter(self.adapter)
        self._task = asyncio.create_task(self.adapter.start(dispatch), name="matrix-sync")
        self._task.add_done_callback(self._on_done)

    def _on_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("matrix sync loop ended", error=repr(task.exception()))

    async def _grant_admins(self) -> None:
        """Matrix accounts carry no e-mail address, so admins are named by user id."""
        services = self.bot.services
        async with services.db.session() as session:
            for user_id in self.settings.admins:
                person = await services.identity.person_for(session, account(user_id))
                if person.role != Role.ADMIN:
                    person.role = Role.ADMIN
                    session.add(person)
            await session.commit()

    async def stop(self) -> None:
        await self.adapter.stop()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.bot.services.adapters.remove(PLATFORM)

    def healthy(self) -> bool:
        return self.adapter.connected


def matrix_component(bot: Bot) -> MatrixComponent | None:
    settings = matrix_settings(bot.services.config)
    return MatrixComponent(bot, settings) if settings is not None else None
