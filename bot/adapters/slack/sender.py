"""Outgoing Web API calls: bounded retries, ``Retry-After`` honoured, and a durable queue.

Every chat message goes through :meth:`SlackSender.deliver`. A transient failure (429, 5xx,
connection refused, timeout) is retried up to ``max_attempts`` times, waiting ``Retry-After``
(capped at ``max_retry_after``) or an exponential backoff. When Slack stays unreachable the
message is written to the ``OutboxItem`` table and re-sent in order by :meth:`drain`, which the
adapter runs every ``outbox_interval`` seconds and at start, so a restart loses nothing either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.slack.provisional import is_provisional, new_provisional_id
from bot.events import utcnow
from bot.logs import get_logger
from bot.recorder import rename_message
from bot.storage.database import Database
from bot.storage.models import OutboxItem, OutboxStatus

log = get_logger(__name__)

OUTBOX_CHANNEL = "slack"
Sleep = Callable[[float], Awaitable[None]]


class SlackCallError(Exception):
    """Slack refused the call for good (e.g. ``channel_not_found``); retrying will not help."""

    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"{method}: {error}")
        self.method = method
        self.error = error


class SlackUnavailableError(Exception):
    """Slack did not answer (or kept rate-limiting) through every attempt."""


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    max_retry_after: float = 60.0
    # Longest wait inside a handler; a longer Retry-After sends the message to the outbox, so
    # the handler (and its database transaction) does not sit idle for a minute.
    inline_wait: float = 2.0
    backoff_base: float = 0.5

    def backoff(self, attempt: int) -> float:
        return float(min(self.backoff_base * (2 ** (attempt - 1)), self.max_retry_after))


@dataclass(frozen=True)
class Queued:
    """A delivery that went to the outbox instead of Slack (for now). Until Slack takes it,
    the message is known by ``provisional_id``; then its records (a thread it started, an
    e-mailed question) and the queued replies in its thread take over the real ``ts``."""

    provisional_id: str = field(default_factory=new_provisional_id)


def _retry_after(error: SlackApiError) -> float | None:
    headers = getattr(error.response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(float(value if isinstance(value, str) else value[0]), 0.0)
            except (TypeError, ValueError, IndexError):
                return None
    return None


class _NotSlackJsonError(Exception):
    """The Web API answered with something other than a JSON object."""


def _error_of(error: SlackApiError) -> str | None:
    """Slack's ``error`` code, when the answer was Slack's JSON at all."""
    data = getattr(error.response, "data", None)
    if isinstance(data, dict):
        value = data.get("error")
        return str(value) if value else None
    return None


class SlackSender:
    def __init__(
        self,
        client: AsyncWebClient,
        db: Database,
        policy: RetryPolicy,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._client = client
        self._db = db
        self.policy = policy
        self._sleep = sleep
        self._drain_lock = asyncio.Lock()
        self._store_lock = asyncio.Lock()
        self._storing: set[asyncio.Task[None]] = set()
        # Set while the outbox holds undelivered messages: new ones queue behind them so
        # the order people see stays the order the bot wrote in.
        self.backlog = False
        self.last_failure: str | None = None

    async def call(
        self,
        method: str,
        args: dict[str, Any],
        *,
        verb: Literal["GET", "POST"] = "POST",
        patient: bool = False,
    ) -> dict[str, Any]:
        """One Web API call with bounded retries. Raises :class:`SlackCallError` for a
        refusal and :class:`SlackUnavailableError` when every attempt failed transiently.

        Impatient calls (from handlers) give up rather than wait longer than
        ``inline_wait``; the outbox drain is patient, up to ``max_retry_after`` per wait."""
        for attempt in range(1, self.policy.max_attempts + 1):
            wait: float
            try:
                if verb == "GET":
                    response = await self._client.api_call(method, http_verb="GET", params=args)
                else:
                    response = await self._client.api_call(method, json=args)
                data = response.data
                if not isinstance(data, dict):
                    raise _NotSlackJsonError(type(data).__name__)
                self.last_failure = None
                return data
            except _NotSlackJsonError as exc:
                wait, reason = self.policy.backoff(attempt), f"answer not JSON ({exc})"
            except (AttributeError, TypeError, ValueError) as exc:
                # slack_sdk validates an answer by calling .get on its body, which is a str
                # when a proxy or an outage answers 200 with an HTML page (issue 11): that is
                # Slack not answering, so it is retried like a 5xx.
                wait, reason = self.policy.backoff(attempt), f"answer not JSON ({exc})"
            except SlackApiError as exc:
                status = getattr(exc.response, "status_code", 0)
                if status == 429:
                    after = _retry_after(exc)
                    wait = self.policy.backoff(attempt) if after is None else after
                    wait = min(wait, self.policy.max_retry_after)
                    reason = "rate limited"
                elif status >= 500:
                    wait, reason = self.policy.backoff(attempt), f"http {status}"
                elif (error := _error_of(exc)) is None and status < 400:
                    # 200 with no Slack JSON (an HTML page, an empty body): not an answer.
                    wait, reason = self.policy.backoff(attempt), f"http {status}, not JSON"
                else:
                    raise SlackCallError(method, error or f"http {status}") from None
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                wait, reason = self.policy.backoff(attempt), type(exc).__name__
            self.last_failure = reason
            log.warning(
                "slack call failed", method=method, attempt=attempt, reason=reason, wait=wait
            )
            if not patient and wait > self.policy.inline_wait:
                break
            if attempt < self.policy.max_attempts:
                await self._sleep(wait)
        raise SlackUnavailableError(f"{method}: {self.last_failure}")

    async def deliver(self, method: str, args: dict[str, Any]) -> dict[str, Any] | Queued:
        """Send a message now, or queue it durably when Slack is unreachable."""
        if not self.backlog:
            try:
                return await self.call(method, args)
            except SlackUnavailableError:
                pass
        return self._enqueue(method, args)

    def _enqueue(self, method: str, args: dict[str, Any]) -> Queued:
        """Queue behind what is already waiting. The row is written by a task of its own: the
        caller is usually a handler inside the dispatcher's transaction, and on SQLite a
        second writer would wait for that transaction to end, which waits for this call."""
        self.backlog = True
        queued = Queued()
        task = asyncio.create_task(self._store(method, args, queued))
        self._storing.add(task)
        task.add_done_callback(self._storing.discard)
        log.warning("slack message queued", method=method)
        return queued

    async def _store(self, method: str, args: dict[str, Any], queued: Queued) -> None:
        # asyncio.Lock wakes waiters in order, so rows get ids in the order messages came.
        payload = {"method": method, "args": args, "provisional_id": queued.provisional_id}
        async with self._store_lock, self._db.session() as session:
            session.add(OutboxItem(channel=OUTBOX_CHANNEL, payload=payload))
            await session.commit()

    async def flush(self) -> None:
        """Wait until every queued message is written to the outbox."""
        if self._storing:
            await asyncio.gather(*list(self._storing))

    async def pending(self) -> list[OutboxItem]:
        async with self._db.session() as session:
            rows = await session.exec(
                select(OutboxItem)
                .where(
                    OutboxItem.channel == OUTBOX_CHANNEL,
                    OutboxItem.status == OutboxStatus.PENDING,
                )
                .order_by(col(OutboxItem.id))
            )
            return list(rows)

    async def drain(self) -> int:
        """Send queued messages in order; stop at the first one Slack cannot take yet.

        Returns how many were delivered."""
        await self.flush()
        async with self._drain_lock:
            delivered = 0
            real_ids: dict[str, str] = {}
            while items := await self.pending():
                for item in items:
                    method = str(item.payload.get("method"))
                    args = self._with_real_thread(dict(item.payload.get("args") or {}), real_ids)
                    result: dict[str, Any] = {}
                    try:
                        result = await self.call(method, args, patient=True)
                        status, error = OutboxStatus.SENT, None
                    except SlackUnavailableError:
                        await self._mark(item, OutboxStatus.PENDING, self.last_failure)
                        return delivered
                    except SlackCallError as exc:
                        status, error = OutboxStatus.FAILED, exc.error
                        log.warning("queued slack message refused", outbox_id=item.id, error=error)
                    real = await self._mark(item, status, error, result.get("ts"))
                    if real is not None:
                        real_ids[real[0]] = real[1]
                    delivered += status is OutboxStatus.SENT
            if not self._storing:
                self.backlog = False
            return delivered

    @staticmethod
    def _with_real_thread(args: dict[str, Any], real_ids: dict[str, str]) -> dict[str, Any]:
        """A reply queued in a thread whose first message was queued too, and delivered
        earlier in this drain, goes to that message's real ``ts``."""
        thread = args.get("thread_ts")
        if isinstance(thread, str) and thread in real_ids:
            return {**args, "thread_ts": real_ids[thread]}
        return args

    async def _mark(
        self, item: OutboxItem, status: OutboxStatus, error: str | None, ts: Any = None
    ) -> tuple[str, str] | None:
        """Record how delivering ``item`` went; for a message that was known by a provisional
        id and now has its real ``ts``, returns ``(provisional id, ts)``."""
        real: tuple[str, str] | None = None
        async with self._db.session() as session:
            row = await session.get(OutboxItem, item.id)
            if row is None:
                return None
            row.status = status
            row.attempts += 1
            row.last_error = error
            now = utcnow()
            if status is OutboxStatus.SENT:
                row.sent_at = now
                provisional = row.payload.get("provisional_id")
                if is_provisional(provisional) and isinstance(ts, str) and ts:
                    real = (str(provisional), ts)
                    await self._take_real_id(session, *real)
                # Delivered: the message text has no reason to stay in the database.
                row.payload = {"method": row.payload.get("method")}
            else:
                row.next_attempt_at = now + timedelta(seconds=self.policy.backoff(row.attempts))
            session.add(row)
            await session.commit()
        return real

    @staticmethod
    async def _take_real_id(session: AsyncSession, provisional: str, ts: str) -> None:
        await rename_message(session, OUTBOX_CHANNEL, provisional, ts)
        # Replies still waiting in the outbox (also those of an earlier run) follow the thread.
        waiting = await session.exec(
            select(OutboxItem).where(
                OutboxItem.channel == OUTBOX_CHANNEL, OutboxItem.status == OutboxStatus.PENDING
            )
        )
        for other in waiting:
            args = other.payload.get("args") or {}
            if args.get("thread_ts") == provisional:
                other.payload = {**other.payload, "args": {**args, "thread_ts": ts}}
                session.add(other)
