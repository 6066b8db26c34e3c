"""Builds the bot from a configuration: database, services, handlers, dispatcher."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from bot.adoption import commands as adoption
from bot.core.clock import AcceleratedClock, Clock, SystemClock
from bot.core.config import Config
from bot.core.ports import ExpertFinder
from bot.core.registry import Registry
from bot.dispatch.dispatcher import Dispatcher
from bot.dispatch.services import Services
from bot.startup.chat_outbox import chat_requests
from bot.startup.seed import sync_config
from bot.storage.database import Database
from handlers import (
    core,
    dashboard,
    email_questions,
    entry_points,
    mail_answers,
    mail_quarantine,
    people,
    rooms,
    settings,
    whoknows,
)


@dataclass
class Bot:
    services: Services
    dispatcher: Dispatcher

    async def prepare(self) -> None:
        """Migrate the schema, bring the configured organisations and groups in, and read
        the word lists of "who knows" and, when its index holds questions' vectors, its
        sentence encoder (in a thread: they take a second or two; an index built later loads
        the encoder as it encodes)."""
        await self.services.db.upgrade_async()
        async with self.services.db.session() as session:
            await sync_config(session, self.services.config)
            meaning = await self.services.experts.meaning_in_use(session)
        await asyncio.to_thread(self.services.experts.load_word_lists)
        if meaning:
            await asyncio.to_thread(self.services.experts.load_encoder)

    async def close(self) -> None:
        await self.services.outbox.stop()
        await self.services.inbox.close()
        await self.services.replica.stop()
        await self.services.db.dispose()


# The handler modules the bot runs with, in help order.
DEFAULT_MODULES: tuple[ModuleType, ...] = (
    core,
    whoknows,
    email_questions,
    mail_answers,
    mail_quarantine,
    settings,
    people,
    rooms,
    adoption,
    dashboard,
    entry_points,
)


def build_registry(modules: Sequence[ModuleType] | None = None) -> Registry:
    registry = Registry()
    for module in modules if modules is not None else DEFAULT_MODULES:
        registry.add_module(module)
    return registry


def build_bot(
    config: Config,
    *,
    clock: Clock | None = None,
    modules: Sequence[ModuleType] | None = None,
    database: Database | None = None,
    expert_finder: ExpertFinder | None = None,
) -> Bot:
    db = database or Database(
        config.database.url,
        echo=config.database.echo,
        idle_in_transaction_seconds=config.database.idle_in_transaction_seconds,
    )
    services = Services.build(
        config, db, build_registry(modules), clock or clock_for(config), expert_finder=expert_finder
    )
    services.outbox.resolve_with(chat_requests(services))
    return Bot(services, Dispatcher(services))


def clock_for(config: Config) -> Clock:
    """The real clock, or the accelerated one a demonstration configures (``nudges.clock_start``),
    chosen before anything is built so every part runs on the same time."""
    nudges = config.nudges
    if nudges.clock_start is None:
        return SystemClock()
    return AcceleratedClock(nudges.clock_start, nudges.clock_speed, nudges.clock_anchor)
