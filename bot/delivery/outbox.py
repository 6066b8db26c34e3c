"""Exactly once to the platforms: one outbox (table ``OutboxItem``) for chat and mail.

Every outgoing post is written here with an idempotency key *before* it is sent, and marked
sent with what the platform answered. The key comes from the scope being handled
(bot/delivery/idempotency.py): the same post asked for again — an event handled again after a crash,
a mail the desk posts again — has the same key, so it is one row and one post:

- a row already sent answers the caller with the platform's answer, without sending;
- a row whose earlier attempt may have reached the platform (a timeout, a process that died
  while sending, a retried scope) is sent as *uncertain*: its deliverer asks the platform
  first. Matrix needs no asking: the key is the transaction id, and the homeserver returns the
  first event for a ``PUT /send/{txnId}`` it has seen. Slack posts carry the key in their
  metadata, and the deliverer looks for it in the conversation before posting again.

While the dispatcher's transaction is open (the scope carries its session) the row is written
in that transaction; elsewhere it is committed on its own before the platform is called.

What cannot go out now (the platform unreachable, its adapter running in another process)
waits and is delivered by one loop for every channel, with one backoff policy
(bot/delivery/retry.py); an *ordered* channel (Slack) keeps new posts behind the ones waiting, so
people read them in the order they were written. A row leased to a process that died is taken over
at once (bot/delivery/liveness.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Table, or_, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import utcnow
from bot.core.logs import get_logger
from bot.delivery.idempotency import PostScope, current_scope, post_scope
from bot.delivery.liveness import Replica
from bot.delivery.retry import RETRY, Backoff
from bot.storage.database import Database
from bot.storage.inserts import insert_new, insert_new_on
from bot.storage.models import OutboxItem, OutboxStatus

log = get_logger(__name__)

# A live process holds a row this long at most while sending it; a dead one's is free at once.
LEASE = timedelta(minutes=5)
# How long a caller waits for another live process that is sending the same key.
WAIT_FOR_OTHER = 30.0


class UnavailableError(Exception):
    """The platform did not take it now; try again later. ``ambiguous``: it may have
    arrived all the same (a timeout after sending), so look before sending again."""

    def __init__(self, reason: str, *, ambiguous: bool = False) -> None:
        super().__init__(reason)
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class Attempt:
    """One try at delivering a row."""

    payload: dict[str, Any]
    key: str
    uncertain: bool
    patient: bool  # the loop may wait long for a rate limit; a handler may not
    created_at: datetime


class Deliverer(Protocol):
    """Sends the rows of one channel (``slack``, ``matrix``, ``email``, ``chat:<platform>``)."""

    channel: str
    ordered: bool
    # The payload keys kept once sent (the text has no reason to stay).
    keep: tuple[str, ...]

    async def deliver(self, attempt: Attempt) -> dict[str, Any]:
        """Send; return what the platform answered. Raise :class:`UnavailableError` to try
        again later, anything else when the platform refused for good."""
        ...

    async def settled(self, session: AsyncSession, item: OutboxItem) -> None:
        """In the transaction that marks a row sent by the loop (the caller got no answer
        then, only a provisional one)."""
        ...


AfterSent = Callable[[OutboxItem], Awaitable[None]]


@dataclass(frozen=True)
class Delivered:
    result: dict[str, Any]


@dataclass(frozen=True)
class Waiting:
    """Queued: the loop delivers it later."""

    key: str
    payload: dict[str, Any]


Outcome = Delivered | Waiting


def _table() -> Table:
    table: Table = OutboxItem.__table__  # type: ignore[attr-defined]
    return table


class Outbox:
    def __init__(
        self,
        db: Database,
        replica: Replica,
        *,
        now: Callable[[], datetime] = utcnow,
        backoff: Backoff = RETRY,
    ) -> None:
        self.db = db
        self.replica = replica
        self.now = now
        self.backoff = backoff
        self._deliverers: dict[str, Deliverer] = {}
        self._after_sent: dict[str, AfterSent] = {}
        self._resolvers: list[Callable[[str], Deliverer | None]] = []
        self._backlog: set[str] = set()
        self._round = asyncio.Lock()
        self.wake = asyncio.Event()
        self.interval = 5.0
        self._task: asyncio.Task[None] | None = None

    # --- channels ------------------------------------------------------------------------------
    def register(self, deliverer: Deliverer, after_sent: AfterSent | None = None) -> None:
        self._deliverers[deliverer.channel] = deliverer
        if after_sent is not None:
            self._after_sent[deliverer.channel] = after_sent
        self.wake.set()

    def unregister(self, channel: str) -> None:
        self._deliverers.pop(channel, None)
        self._after_sent.pop(channel, None)

    def resolve_with(self, resolver: Callable[[str], Deliverer | None]) -> None:
        """Deliverers made on demand (``chat:<platform>`` while that adapter runs here)."""
        self._resolvers.append(resolver)

    def deliverer(self, channel: str) -> Deliverer | None:
        found = self._deliverers.get(channel)
        if found is not None:
            return found
        for resolver in self._resolvers:
            if (made := resolver(channel)) is not None:
                return made
        return None

    def backlog(self, channel: str) -> bool:
        """Posts of this (ordered) channel wait behind earlier ones."""
        return channel in self._backlog

    # --- sending now ---------------------------------------------------------------------------
    async def send(
        self, channel: str, payload: dict[str, Any], *, key: str | None = None
    ) -> Outcome:
        """Record the post under its key, then send it (unless sent before, or it must wait
        behind others). Raises what the deliverer raised when the platform refused."""
        scope = current_scope()
        if key is None:
            key = scope.next_key() if scope is not None else f"once:{uuid.uuid4().hex}"
        uncertain = bool(scope is not None and scope.retried)
        if scope is not None and scope.session is not None:
            return await self._send_in(scope, scope.session, channel, payload, key, uncertain)
        return await self._send_alone(channel, payload, key, uncertain)

    def _values(
        self, channel: str, payload: dict[str, Any], key: str, uncertain: bool
    ) -> dict[str, Any]:
        now = self.now()
        return {
            "channel": channel,
            "payload": payload,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": utcnow(),  # wall time: how far back to look on the platform
            "dedupe_key": key,
            "lease_owner": self.replica.name,
            "lease_until": utcnow() + LEASE,
            "uncertain": uncertain,
            "result": {},
        }

    async def _send_in(
        self,
        scope: PostScope,
        session: AsyncSession,
        channel: str,
        payload: dict[str, Any],
        key: str,
        uncertain: bool,
    ) -> Outcome:
        """In the dispatcher's transaction: the row and its outcome commit with the event, on
        the transaction's connection directly (not waiting for the session to flush what the
        handler changed meanwhile).

        Nothing in a transaction is durable before its commit, so here the row is written
        right *after* a first attempt, with its outcome: a crash before the commit loses the
        row alike either way, and the event comes back from the inbox as a retry, whose posts
        are written first and looked up on the platform before they are sent again. The
        person waits one statement less for the answer."""
        conn = await session.connection()
        since = scope.since or utcnow()
        values = self._values(channel, payload, key, uncertain)
        if self._holds(channel):
            await self._insert_in(conn, {**values, "lease_owner": None, "lease_until": None})
            self.wake.set()
            return Waiting(key, payload)
        # A retry's row is written first (a second retry must find it).
        if uncertain and await insert_new_on(conn, OutboxItem, values) is None:
            return await self._known_in(session, key)
        changes, outcome, refused = await self._attempt(
            channel, payload, key, uncertain, key, since, patient=False
        )
        if uncertain:
            await conn.execute(
                update(_table()).where(_table().c.dedupe_key == key).values(**changes)
            )
        else:
            await self._insert_in(conn, {**values, **changes})
        if refused is not None:
            raise refused
        return outcome

    async def _insert_in(self, conn: AsyncConnection, values: dict[str, Any]) -> None:
        if await insert_new_on(conn, OutboxItem, values) is None:
            # A key is the event's own: recorded already means this event was handled and
            # committed before, which its delivery claim rules out.
            log.error("post recorded twice under one key", key=values["dedupe_key"])

    async def _known_in(self, session: AsyncSession, key: str) -> Outcome:
        """A row with this key was committed before: its answer, or the loop's to deliver."""
        existing = await _by_key(session, key)
        if existing.status is OutboxStatus.SENT:
            return Delivered(dict(existing.result))
        if existing.status is OutboxStatus.FAILED:
            raise RuntimeError(f"refused before: {existing.last_error}")
        self.wake.set()
        return Waiting(key, dict(existing.payload))

    async def _send_alone(
        self, channel: str, payload: dict[str, Any], key: str, uncertain: bool
    ) -> Outcome:
        """Outside a transaction: the row is committed before the platform is called."""
        await self.replica.start()
        async with self.db.session() as session:
            item_id = await insert_new(
                session, OutboxItem, self._values(channel, payload, key, uncertain)
            )
            await session.commit()
        scope = current_scope()
        created = scope.since if scope is not None and scope.since is not None else utcnow()
        if item_id is None:
            taken = await self._take(key)
            if isinstance(taken, Delivered | Waiting):
                return taken
            item_id, uncertain, created = taken
        if self._holds(channel):
            async with self.db.session() as session:
                await self._release(session, int(item_id))
                await session.commit()
            return Waiting(key, payload)
        changes, outcome, refused = await self._attempt(
            channel, payload, key, uncertain, str(item_id), created, patient=False
        )
        async with self.db.session() as session:
            await session.exec(update(_table()).where(_table().c.id == item_id).values(**changes))
            await session.commit()
        if refused is not None:
            raise refused
        if isinstance(outcome, Delivered):
            await self._after(channel, int(item_id))
        return outcome

    async def _take(self, key: str) -> Outcome | tuple[int, bool, datetime]:
        """A row with this key exists: its answer, or the row leased to this process (then
        sent as uncertain), or — when a live process is sending it — its answer soon."""
        deadline = asyncio.get_running_loop().time() + WAIT_FOR_OTHER
        while True:
            async with self.db.session() as session:
                existing = await _by_key(session, key)
            if existing.status is OutboxStatus.SENT:
                return Delivered(dict(existing.result))
            if existing.status is OutboxStatus.FAILED:
                raise RuntimeError(f"refused before: {existing.last_error}")
            assert existing.id is not None
            if await self._free(existing, {}) and await self._lease(existing):
                return existing.id, True, existing.created_at
            if asyncio.get_running_loop().time() > deadline:
                return Waiting(key, dict(existing.payload))
            await asyncio.sleep(0.2)

    def _holds(self, channel: str) -> bool:
        deliverer = self.deliverer(channel)
        return deliverer is None or (deliverer.ordered and channel in self._backlog)

    async def _release(self, session: AsyncSession, item_id: int) -> None:
        await session.exec(
            update(_table())
            .where(_table().c.id == item_id)
            .values(lease_owner=None, lease_until=None)
        )
        self.wake.set()

    async def _attempt(
        self,
        channel: str,
        payload: dict[str, Any],
        key: str,
        uncertain: bool,
        item: str,
        created_at: datetime,
        *,
        patient: bool,
        attempts: int = 0,
    ) -> tuple[dict[str, Any], Outcome, Exception | None]:
        """Try once: the row's new values, the outcome, and the refusal to raise (if any)."""
        deliverer = self.deliverer(channel)
        if deliverer is None:
            return {"lease_owner": None, "lease_until": None}, Waiting(key, payload), None
        try:
            result = await deliverer.deliver(Attempt(payload, key, uncertain, patient, created_at))
        except UnavailableError as exc:
            tries = attempts + 1
            changes: dict[str, Any] = {
                "attempts": tries,
                "last_error": str(exc)[:500],
                "uncertain": uncertain or exc.ambiguous,
                "lease_owner": None,
                "lease_until": None,
            }
            # An ordered channel waits for its platform as long as it takes (every round
            # tries the oldest); elsewhere one row gives up after the policy's attempts.
            if not deliverer.ordered and self.backoff.exhausted(tries):
                changes["status"] = OutboxStatus.FAILED
                log.error("post given up", channel=channel, item=item, attempts=tries)
            else:
                changes["next_attempt_at"] = self.now() + self.backoff.after(tries)
            if deliverer.ordered:
                self._backlog.add(channel)
            self.wake.set()
            log.warning("post waits in the outbox", channel=channel, item=item)
            return changes, Waiting(key, payload), None
        except Exception as exc:
            changes = {
                "status": OutboxStatus.FAILED,
                "attempts": attempts + 1,
                "last_error": f"{type(exc).__name__}: {exc}"[:500],
                "lease_owner": None,
                "lease_until": None,
            }
            return changes, Waiting(key, payload), exc
        kept = {k: payload[k] for k in deliverer.keep if k in payload}
        after = channel in self._after_sent
        changes = {
            "status": OutboxStatus.SENT,
            "attempts": attempts + 1,
            "sent_at": self.now(),
            "last_error": None,
            "payload": kept,
            "result": result,
            "uncertain": False,
            # Kept by a channel with a step after sending until that step is done.
            "lease_owner": self.replica.name if after else None,
            "lease_until": utcnow() + LEASE if after else None,
        }
        return changes, Delivered(result), None

    # --- queued in the caller's transaction ----------------------------------------------------
    async def enqueue(
        self, session: AsyncSession, channel: str, payload: dict[str, Any], key: str
    ) -> int | None:
        """Queue a post for the loop inside the caller's transaction; ``None`` when that key
        was queued before."""
        values = {**self._values(channel, payload, key, False), "lease_owner": None}
        values["lease_until"] = None
        item_id = await insert_new(session, OutboxItem, values)
        self.wake.set()
        return None if item_id is None else int(item_id)

    # --- the loop ------------------------------------------------------------------------------
    async def deliver_due(self, channels: list[str] | None = None, limit: int = 50) -> int:
        """Send what is due on the channels delivered here (or on ``channels``), in order;
        take over what a dead process left. Returns how many were delivered."""
        async with self._round:
            await self.replica.start()
            await self._finish_after_steps()
            now = self.now()
            async with self.db.session() as session:
                waiting_in = (
                    await session.exec(
                        select(OutboxItem.channel)
                        .where(OutboxItem.status == OutboxStatus.PENDING)
                        .distinct()
                    )
                ).all()
                here = [
                    c
                    for c in waiting_in
                    if self.deliverer(c) is not None and (channels is None or c in channels)
                ]
                # An ordered channel is tried from its oldest row each round, due or not.
                ordered = [c for c in here if self._is_ordered(c)]
                rows = list(
                    (
                        await session.exec(
                            select(OutboxItem)
                            .where(
                                OutboxItem.status == OutboxStatus.PENDING,
                                col(OutboxItem.channel).in_(here),
                                or_(
                                    col(OutboxItem.next_attempt_at) <= now,
                                    col(OutboxItem.channel).in_(ordered),
                                ),
                            )
                            .order_by(col(OutboxItem.id))
                            .limit(limit)
                        )
                    ).all()
                )
            verdicts: dict[str, bool] = {}
            stopped: set[str] = set()
            delivered = 0
            waiting: set[str] = set()
            for row in rows:
                channel = row.channel
                if channel in stopped:
                    continue
                if not await self._free(row, verdicts) or not await self._lease(row):
                    waiting.add(channel)
                    if self._is_ordered(channel):
                        stopped.add(channel)  # nothing overtakes the row being sent
                    continue
                assert row.id is not None
                async with self.db.session() as session:
                    # As it is now: an earlier row of this round may have changed it (a
                    # reply following its thread's real id).
                    current = await session.get(OutboxItem, row.id)
                payload = dict(current.payload if current is not None else row.payload)
                changes, outcome, refused = await self._attempt(
                    channel,
                    payload,
                    row.dedupe_key or f"row:{row.id}",
                    row.uncertain,
                    str(row.id),
                    row.created_at,
                    patient=True,
                    attempts=row.attempts,
                )
                async with self.db.session() as session:
                    await session.exec(
                        update(_table()).where(_table().c.id == row.id).values(**changes)
                    )
                    if isinstance(outcome, Delivered):
                        stored = await session.get(OutboxItem, row.id)
                        deliverer = self.deliverer(channel)
                        if stored is not None and deliverer is not None:
                            await deliverer.settled(session, stored)
                    await session.commit()
                if isinstance(outcome, Delivered):
                    delivered += 1
                    await self._after(channel, row.id)
                elif refused is not None:
                    log.warning("queued post refused", channel=channel, item=row.id)
                else:
                    waiting.add(channel)
                    if self._is_ordered(channel):
                        stopped.add(channel)
            for channel in list(self._backlog):
                mine = channels is None or channel in channels
                if mine and channel not in waiting and not await self._has_pending(channel):
                    self._backlog.discard(channel)
            if delivered:
                log.info("outbox delivered", count=delivered)
            return delivered

    def _is_ordered(self, channel: str) -> bool:
        deliverer = self.deliverer(channel)
        return deliverer is not None and deliverer.ordered

    async def _has_pending(self, channel: str) -> bool:
        async with self.db.session() as session:
            found = await session.exec(
                select(OutboxItem.id)
                .where(OutboxItem.channel == channel, OutboxItem.status == OutboxStatus.PENDING)
                .limit(1)
            )
            return found.first() is not None

    async def _free(self, row: OutboxItem, verdicts: dict[str, bool]) -> bool:
        return await self.replica.lease_free(row.lease_owner, row.lease_until, utcnow(), verdicts)

    async def _lease(self, row: OutboxItem) -> bool:
        table = _table()
        same_owner = (
            table.c.lease_owner.is_(None)
            if row.lease_owner is None
            else table.c.lease_owner == row.lease_owner
        )
        async with self.db.session() as session:
            result = await session.exec(
                update(table)
                .where(table.c.id == row.id, table.c.status == row.status, same_owner)
                .values(lease_owner=self.replica.name, lease_until=utcnow() + LEASE)
            )
            await session.commit()
            won = bool(getattr(result, "rowcount", 0))
        if won and row.lease_owner is not None and row.lease_owner != self.replica.name:
            # It was being sent when its process ended: it may be out already.
            row.uncertain = True
            log.info("post of a process that ended taken over", item=row.id)
        return won

    # --- after sending -------------------------------------------------------------------------
    async def _after(self, channel: str, item_id: int, *, retried: bool = False) -> None:
        step = self._after_sent.get(channel)
        if step is None:
            return
        async with self.db.session() as session:
            item = await session.get(OutboxItem, item_id)
        if item is None:
            return
        try:
            with post_scope(f"after:{item.dedupe_key or item_id}", retried=retried):
                await step(item)
        except Exception as exc:
            log.warning("after-send step failed", item=item_id, error=type(exc).__name__)
        async with self.db.session() as session:
            await session.exec(
                update(_table())
                .where(_table().c.id == item_id)
                .values(lease_owner=None, lease_until=None)
            )
            await session.commit()

    async def _finish_after_steps(self) -> None:
        """Steps after sending that a process that ended did not finish (or not at all)."""
        if not self._after_sent:
            return
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(OutboxItem).where(
                        OutboxItem.status == OutboxStatus.SENT,
                        col(OutboxItem.lease_owner).is_not(None),
                        col(OutboxItem.channel).in_(sorted(self._after_sent)),
                    )
                )
            ).all()
        verdicts: dict[str, bool] = {}
        for row in rows:
            if row.lease_owner == self.replica.name or row.id is None:
                continue
            if await self._free(row, verdicts) and await self._lease(row):
                await self._after(row.channel, row.id, retried=True)

    # --- running -------------------------------------------------------------------------------
    def start(self, interval: float = 5.0) -> None:
        """Run the loop (once per process; the shortest interval asked for wins)."""
        self.interval = min(self.interval, interval)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="outbox")

    async def _loop(self) -> None:
        while True:
            self.wake.clear()
            try:
                await self.deliver_due()
            except Exception:
                log.exception("outbox round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=self.interval)

    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


async def posted_as(session: AsyncSession, key_prefix: str, message_id: str) -> bool:
    """Whether a post with a key starting ``key_prefix`` became the message ``message_id``
    on its platform (a Slack ``ts``, a Matrix event id)."""
    result = col(OutboxItem.result)
    found = await session.exec(
        select(OutboxItem.id)
        .where(
            col(OutboxItem.dedupe_key).startswith(key_prefix),
            OutboxItem.status == OutboxStatus.SENT,
            or_(
                result["ts"].as_string() == message_id,
                result["event_id"].as_string() == message_id,
            ),
        )
        .limit(1)
    )
    return found.first() is not None


async def _by_key(session: AsyncSession, key: str) -> OutboxItem:
    found = (await session.exec(select(OutboxItem).where(OutboxItem.dedupe_key == key))).first()
    assert found is not None, f"outbox row {key} vanished"
    return found


class OutboxComponent:
    """Part of ``vraagbaak run``: the loop that delivers what waits, for every channel."""

    name = "outbox"

    def __init__(self, outbox: Outbox, interval: float = 5.0) -> None:
        self.outbox = outbox
        self.interval = interval

    async def start(self) -> None:
        self.outbox.start(self.interval)

    async def stop(self) -> None:
        await self.outbox.stop()

    def healthy(self) -> bool:
        return self.outbox.running()
