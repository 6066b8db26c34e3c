"""Builds the bot from a configuration: database, services, handlers, dispatcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from bot.chat_outbox import chat_requests
from bot.clock import Clock
from bot.config import Config
from bot.dispatcher import Dispatcher
from bot.expertise.service import provide_expert_finder
from bot.registry import Registry
from bot.seed import sync_config
from bot.services import Services
from bot.storage.database import Database


@dataclass
class Bot:
    services: Services
    dispatcher: Dispatcher

    async def prepare(self) -> None:
        """Migrate the schema and bring the configured organisations and groups in."""
        await self.services.db.upgrade_async()
        async with self.services.db.session() as session:
            await sync_config(session, self.services.config)

    async def close(self) -> None:
        await self.services.outbox.stop()
        await self.services.inbox.close()
        await self.services.replica.stop()
        await self.services.db.dispose()


def build_registry(modules: Sequence[ModuleType] | None = None) -> Registry:
    from handlers import default_modules

    registry = Registry()
    for module in modules if modules is not None else default_modules():
        registry.add_module(module)
    return registry


def build_bot(
    config: Config,
    *,
    clock: Clock | None = None,
    modules: Sequence[ModuleType] | None = None,
    database: Database | None = None,
) -> Bot:
    db = database or Database(
        config.database.url,
        echo=config.database.echo,
        idle_in_transaction_seconds=config.database.idle_in_transaction_seconds,
    )
    services = Services.build(config, db, build_registry(modules), clock)
    services.outbox.resolve_with(chat_requests(services))
    provide_expert_finder(services)
    return Bot(services, Dispatcher(services))
