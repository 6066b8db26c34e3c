"""The core every feature works with: configuration, database, people, conversations, the
inbox and outbox, the clock, and the running platform adapters. Features built on it (the mail
desk, the expertise index, ...) take these; :class:`bot.dispatch.services.Services` adds them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bot.adapters.base import Adapter
from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.registry import Registry
from bot.delivery.inbox import Inbox
from bot.delivery.liveness import Replica
from bot.delivery.outbox import Outbox
from bot.people.channels import ChannelDirectory
from bot.people.identity import Identity
from bot.storage.database import Database


class Adapters(Mapping[str, Adapter]):
    """The platform adapters running in this process, by platform. A component adds its
    adapter when it starts and removes it when it stops; everything else only reads."""

    def __init__(self) -> None:
        self._by_platform: dict[str, Adapter] = {}

    def add(self, adapter: Adapter) -> None:
        self._by_platform[adapter.platform] = adapter

    def remove(self, platform: str) -> None:
        self._by_platform.pop(platform, None)

    def __getitem__(self, platform: str) -> Adapter:
        try:
            return self._by_platform[platform]
        except KeyError:
            raise KeyError(f"no {platform} adapter is running") from None

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._by_platform))

    def __len__(self) -> int:
        return len(self._by_platform)


@dataclass(frozen=True)
class CoreServices:
    config: Config
    db: Database
    registry: Registry
    identity: Identity
    channels: ChannelDirectory
    # This process (its liveness), the inbox every chat event is stored in first, and the
    # outbox every post and mail is written to before it is sent.
    replica: Replica
    inbox: Inbox
    outbox: Outbox
    # Chosen before anything is built (a test's manual clock, the demo's accelerated one).
    clock: Clock
    adapters: Adapters
