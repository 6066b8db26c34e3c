"""Nothing acknowledged is lost: every chat event is stored here before the platform gets its
acknowledgement, and handled from here.

An adapter stores an event with :meth:`Inbox.store` (one ``INSERT``; a redelivery of the same
delivery id finds its row and is acknowledged without a second one), acknowledges it, and hands
the stored event to :meth:`Inbox.spawn`, which handles it at once in this process. The row is
leased to this process (bot/delivery/liveness.py) while it is handled and marked done afterwards; a
failure is tried again later (bot/delivery/retry.py).

When the process dies half-way, the row stays pending under a dead owner. The next process
takes such rows over as soon as its adapter runs (:meth:`Inbox.recover`, at start and every few
seconds), and handles them as retries: their posts may already be on the platform, which the
outbox checks before posting again (bot/delivery/idempotency.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.errors import RetryLater
from bot.core.events import utcnow
from bot.core.logs import get_logger
from bot.delivery.idempotency import post_scope
from bot.delivery.liveness import Replica
from bot.delivery.retry import RETRY, Backoff
from bot.storage.database import Database
from bot.storage.inbox_models import InboxEvent, InboxStatus
from bot.storage.inserts import insert_new_on

log = get_logger(__name__)

# A live process holds a row at most this long; after it, another may take the row over
# (a process that hangs without dying). A dead owner's rows are taken over at once.
LEASE = timedelta(minutes=5)
KEEP_DONE = timedelta(days=1)


def _table() -> Table:
    table: Table = InboxEvent.__table__  # type: ignore[attr-defined]
    return table


@dataclass(frozen=True)
class Ticket:
    """A stored event, handed to its adapter."""

    id: int
    platform: str
    delivery_id: str
    kind: str
    payload: dict[str, Any]
    attempt: int
    received_at: datetime

    @property
    def retried(self) -> bool:
        """Handled before, by a process that died or failed: its posts may be out already."""
        return self.attempt > 1


Handler = Callable[[Ticket], Awaitable[None]]


class Inbox:
    def __init__(
        self,
        db: Database,
        replica: Replica,
        *,
        backoff: Backoff = RETRY,
    ) -> None:
        self.db = db
        self.replica = replica
        self.backoff = backoff
        self._handlers: dict[str, Handler] = {}
        self._concurrency: dict[str, int] = {}
        self._running: set[asyncio.Task[bool]] = set()
        self._recovering = asyncio.Lock()

    # --- adapters ----------------------------------------------------------------------------
    def attach(self, platform: str, handler: Handler, *, concurrency: int = 1) -> None:
        """``handler`` handles ``platform``'s stored events in this process from now on;
        events taken over after a crash, ``concurrency`` at a time (1: in the order they
        came, for a platform whose conversations must be answered in order)."""
        self._handlers[platform] = handler
        self._concurrency[platform] = max(1, concurrency)

    def detach(self, platform: str) -> None:
        self._handlers.pop(platform, None)

    async def store(
        self, platform: str, delivery_id: str, kind: str, payload: dict[str, Any]
    ) -> Ticket | None:
        """Store one event, leased to this process; ``None`` when it was stored before."""
        [ticket] = await self.store_many(platform, [(delivery_id, kind, payload)])
        return ticket

    async def store_many(
        self, platform: str, events: list[tuple[str, str, dict[str, Any]]]
    ) -> list[Ticket | None]:
        """Store several events in one transaction (a Matrix sync batch), in order."""
        await self.replica.start()
        now = utcnow()
        until = now + LEASE
        tickets: list[Ticket | None] = []
        async with self.db.write_turn(), self.db.async_engine.begin() as conn:
            for delivery_id, kind, payload in events:
                values = {
                    "platform": platform,
                    "delivery_id": delivery_id,
                    "kind": kind,
                    "payload": payload,
                    "status": InboxStatus.PENDING,
                    "attempts": 1,
                    "received_at": now,
                    "next_attempt_at": now,
                    "lease_owner": self.replica.name,
                    "lease_until": until,
                }
                new_id = await insert_new_on(conn, InboxEvent, values)
                tickets.append(
                    None
                    if new_id is None
                    else Ticket(int(new_id), platform, delivery_id, kind, payload, 1, now)
                )
        return tickets

    def spawn(self, ticket: Ticket) -> asyncio.Task[bool]:
        """Handle a stored event in the background (the platform has its answer already)."""
        task = asyncio.create_task(self.handle(ticket), name=f"inbox-{ticket.id}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task

    async def wait_idle(self, within: float = 10.0) -> bool:
        """Until every event handed to :meth:`spawn` so far has been handled."""
        if not self._running:
            return True
        _, pending = await asyncio.wait(list(self._running), timeout=within)
        return not pending

    # --- handling ----------------------------------------------------------------------------
    async def handle(self, ticket: Ticket) -> bool:
        """Handle a stored event; ``True`` when it is done."""
        handler = self._handlers.get(ticket.platform)
        if handler is None:
            await self._release(ticket, "no adapter for this platform here")
            return False
        prefix = f"{ticket.platform}:{ticket.delivery_id}"
        try:
            with post_scope(
                prefix, retried=ticket.retried, inbox_id=ticket.id, since=ticket.received_at
            ) as scope:
                await handler(ticket)
        except RetryLater as exc:
            log.info("inbox event handled later", inbox=ticket.id, platform=ticket.platform)
            await self._failed(ticket, exc)
            return False
        except Exception as exc:
            log.exception("inbox event failed", inbox=ticket.id, platform=ticket.platform)
            await self._failed(ticket, exc)
            return False
        if not scope.finished:  # an event the adapter filtered out, before the dispatcher
            async with self.db.session() as session:
                await mark_done(session, ticket.id)
                await session.commit()
        return True

    async def _failed(self, ticket: Ticket, exc: Exception) -> None:
        table = _table()
        error = f"{type(exc).__name__}: {exc}"[:500]
        gave_up = self.backoff.exhausted(ticket.attempt)
        values: dict[str, Any] = {"lease_owner": None, "lease_until": None, "last_error": error}
        if gave_up:
            values["status"] = InboxStatus.FAILED
            log.error("inbox event given up", inbox=ticket.id, attempts=ticket.attempt)
        else:
            values["next_attempt_at"] = utcnow() + self.backoff.after(ticket.attempt)
        async with self.db.session() as session:
            await session.exec(update(table).where(table.c.id == ticket.id).values(**values))
            await session.commit()

    async def _release(self, ticket: Ticket, reason: str) -> None:
        """Leave the event for a process that runs its platform."""
        table = _table()
        async with self.db.session() as session:
            await session.exec(
                update(table)
                .where(table.c.id == ticket.id)
                .values(lease_owner=None, lease_until=None, last_error=reason)
            )
            await session.commit()

    # --- after a crash -----------------------------------------------------------------------
    async def recover(self, limit: int = 100) -> int:
        """Take over the due events of the platforms running here that nobody alive holds,
        and handle them (per platform in the order they came, or several at a time);
        returns how many were handled."""
        if not self._handlers:
            return 0
        async with self._recovering:
            tickets = await self._take_over(limit)
            lanes: dict[str, asyncio.Semaphore] = {
                platform: asyncio.Semaphore(self._concurrency.get(platform, 1))
                for platform in {t.platform for t in tickets}
            }

            async def one(ticket: Ticket) -> bool:
                async with lanes[ticket.platform]:
                    return await self.handle(ticket)

            done = await asyncio.gather(*(one(t) for t in tickets))
            return sum(done)

    async def _take_over(self, limit: int) -> list[Ticket]:
        await self.replica.start()
        now = wall = utcnow()
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(InboxEvent)
                    .where(
                        InboxEvent.status == InboxStatus.PENDING,
                        col(InboxEvent.next_attempt_at) <= now,
                        col(InboxEvent.platform).in_(sorted(self._handlers)),
                    )
                    .order_by(col(InboxEvent.id))
                    .limit(limit)
                )
            ).all()
        verdicts: dict[str, bool] = {}
        taken: list[Ticket] = []
        for row in rows:
            free = await self.replica.lease_free(row.lease_owner, row.lease_until, wall, verdicts)
            if free and row.id is not None and await self._lease(row, wall):
                taken.append(
                    Ticket(
                        row.id,
                        row.platform,
                        row.delivery_id,
                        row.kind,
                        dict(row.payload),
                        row.attempts + 1,
                        row.received_at,
                    )
                )
        if taken:
            log.info("inbox events taken over", count=len(taken))
        return taken

    async def _lease(self, row: InboxEvent, wall: datetime) -> bool:
        """One conditional ``UPDATE``: of two processes taking the same row, one wins."""
        table = _table()
        same_owner = (
            table.c.lease_owner.is_(None)
            if row.lease_owner is None
            else table.c.lease_owner == row.lease_owner
        )
        async with self.db.session() as session:
            result = await session.exec(
                update(table)
                .where(table.c.id == row.id, table.c.status == InboxStatus.PENDING, same_owner)
                .where(table.c.attempts == row.attempts)
                .values(
                    lease_owner=self.replica.name,
                    lease_until=wall + LEASE,
                    attempts=row.attempts + 1,
                )
            )
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    async def run_forever(self, interval: float = 5.0) -> None:
        while True:
            try:
                await self.recover()
            except Exception:
                log.exception("inbox recovery round failed")
            await asyncio.sleep(interval)

    async def prune(self, keep: timedelta = KEEP_DONE) -> int:
        """Forget handled events older than ``keep``; returns how many."""
        table = _table()
        async with self.db.session() as session:
            result = await session.exec(
                delete(table).where(
                    table.c.status == InboxStatus.DONE, table.c.done_at < utcnow() - keep
                )
            )
            await session.commit()
            return int(getattr(result, "rowcount", 0) or 0)

    async def close(self) -> None:
        """Let the events being handled finish (a clean stop leaves nothing half done)."""
        await self.wait_idle(15.0)


class InboxComponent:
    """Part of ``vraagbaak run``, after the adapters: takes over what a dead process left."""

    name = "inbox"

    def __init__(self, inbox: Inbox, interval: float = 5.0) -> None:
        self.inbox = inbox
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self.inbox.run_forever(self.interval), name="inbox")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.inbox.close()

    def healthy(self) -> bool:
        return self._task is not None and not self._task.done()


async def claim(session: AsyncSession, inbox_id: int) -> bool:
    """In the caller's transaction, the event's delivery claim (bot/delivery/deliveries.py, for
    events from the inbox): the row turns done, its text dropped. ``False`` when it was
    done already (by a process that handled it before, and committed)."""
    table = _table()
    conn = await session.connection()
    result = await conn.execute(
        update(table)
        .where(table.c.id == inbox_id, table.c.status == InboxStatus.PENDING)
        .values(
            status=InboxStatus.DONE,
            done_at=utcnow(),
            payload={},
            lease_owner=None,
            lease_until=None,
        )
    )
    return bool(result.rowcount)


async def mark_done(session: AsyncSession, inbox_id: int) -> None:
    """In the caller's transaction: the event needed no handling (an adapter filtered it)."""
    await claim(session, inbox_id)
