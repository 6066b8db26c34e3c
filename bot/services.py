"""What handlers and jobs work with, built once in ``main`` and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from bot.channels import ChannelDirectory
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.identity import Identity
from bot.inbox import Inbox
from bot.liveness import Replica
from bot.outbox import Outbox
from bot.registry import Registry
from bot.storage.database import Database

if TYPE_CHECKING:
    from bot.adapters.base import Adapter

T = TypeVar("T")


@dataclass
class Services:
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
    clock: Clock = field(default_factory=SystemClock)
    adapters: dict[str, Adapter] = field(default_factory=dict)
    # Feature services (mail outbox, expertise index, ...) keyed by their type, so a feature
    # can hand its service to its handlers without the core knowing it.
    features: dict[type[Any], Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls, config: Config, db: Database, registry: Registry, clock: Clock | None = None
    ) -> Services:
        replica = Replica(db)
        services = cls(
            config=config,
            db=db,
            registry=registry,
            identity=Identity(config),
            channels=ChannelDirectory(config),
            replica=replica,
            inbox=Inbox(db, replica),
            outbox=Outbox(db, replica),
            clock=clock or SystemClock(),
        )
        # Retry times follow the services' clock, which a test (or the accelerated demo
        # clock) may replace later.
        services.outbox.now = lambda: services.clock.now()
        return services

    def feature(self, kind: type[T]) -> T:
        """The service provided for ``kind`` (a class or a Protocol)."""
        found = self.features.get(kind)
        if found is None:
            raise LookupError(f"feature {kind.__name__} is not configured")
        return found  # type: ignore[no-any-return]

    def has_feature(self, kind: type[Any]) -> bool:
        return kind in self.features

    def provide(self, service: object, as_type: type[Any] | None = None) -> None:
        """Offer ``service`` under its own type, or under ``as_type`` (e.g. a Protocol)."""
        self.features[as_type or type(service)] = service
