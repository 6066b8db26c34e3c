"""A durable outbox for e-mail (table ``OutboxItem``): queued in the same transaction as the
decision to send, delivered by a loop that retries with exponential backoff, marked sent once.

A row is leased (``next_attempt_at`` pushed ahead) before it is sent, so two workers never
send the same row; a crash after the SMTP hand-off but before the commit can at worst send
that one mail again when the lease runs out (at-least-once delivery at that single point)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock, SystemClock
from bot.config import MailSection
from bot.logs import get_logger
from bot.mail.answer import OutgoingMail
from bot.storage.database import Database
from bot.storage.models import OutboxItem, OutboxStatus

log = get_logger(__name__)

CHANNEL = "email"
MAX_ATTEMPTS = 10
LEASE = timedelta(minutes=5)

Transport = Callable[[EmailMessage], Awaitable[None]]
OnSent = Callable[[OutboxItem], Awaitable[None]]


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 15 * 2 ** max(0, attempts - 1)))


def smtp_transport(mail: MailSection) -> Transport:
    """Send through the configured smarthost with aiosmtplib."""

    async def send(message: EmailMessage) -> None:
        import aiosmtplib

        if mail.outgoing_host is None:
            raise RuntimeError("[mail] outgoing_host is not configured")
        await aiosmtplib.send(
            message,
            hostname=mail.outgoing_host,
            port=mail.outgoing_port,
            username=mail.outgoing_username,
            password=mail.outgoing_password,
            start_tls=mail.outgoing_starttls,
            timeout=30,
        )

    return send


def folder_transport(folder: Path) -> Transport:
    """Write each mail as an ``.eml`` file (the demo's outbox folder)."""

    async def send(message: EmailMessage) -> None:
        name = str(message["Message-ID"] or "mail").strip("<>").replace("/", "_")
        data = bytes(message)

        def write() -> None:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.eml").write_bytes(data)

        await asyncio.to_thread(write)

    return send


async def enqueue(
    session: AsyncSession, mail: OutgoingMail, *, dedupe_key: str, extra: dict[str, Any]
) -> OutboxItem | None:
    """Queue a mail inside the caller's transaction; None when that key was queued before."""
    existing = (
        await session.exec(select(OutboxItem).where(OutboxItem.dedupe_key == dedupe_key))
    ).first()
    if existing is not None:
        return None
    item = OutboxItem(
        channel=CHANNEL, payload={"mail": mail.as_payload(), **extra}, dedupe_key=dedupe_key
    )
    session.add(item)
    try:
        await session.flush()
    except IntegrityError:
        return None
    return item


class Outbox:
    def __init__(
        self,
        db: Database,
        transport: Transport,
        *,
        clock: Clock | None = None,
        on_sent: OnSent | None = None,
    ) -> None:
        self.db = db
        self.transport = transport
        self.clock = clock or SystemClock()
        self.on_sent = on_sent
        self.wake = asyncio.Event()
        self.stopping = asyncio.Event()  # set by the component: finish the round, then end

    async def _lease_due(self, limit: int) -> list[int]:
        now = self.clock.now()
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(OutboxItem)
                    .where(
                        OutboxItem.channel == CHANNEL,
                        OutboxItem.status == OutboxStatus.PENDING,
                        col(OutboxItem.next_attempt_at) <= now,
                    )
                    .order_by(col(OutboxItem.id))
                    .limit(limit)
                    .with_for_update(skip_locked=True)  # replicas never lease the same row
                )
            ).all()
            for row in rows:
                row.next_attempt_at = now + LEASE
                session.add(row)
            await session.commit()
            return [row.id for row in rows if row.id is not None]

    async def run_once(self, limit: int = 20) -> int:
        """Send what is due; returns how many were sent."""
        sent = 0
        for item_id in await self._lease_due(limit):
            async with self.db.session() as session:
                item = await session.get(OutboxItem, item_id)
                if item is None or item.status != OutboxStatus.PENDING:
                    continue
                mail = OutgoingMail.from_payload(item.payload["mail"])
                try:
                    await self.transport(mail.to_message())
                except Exception as exc:
                    item.attempts += 1
                    item.last_error = f"{type(exc).__name__}: {exc}"[:500]
                    if item.attempts >= MAX_ATTEMPTS:
                        item.status = OutboxStatus.FAILED
                    item.next_attempt_at = self.clock.now() + backoff(item.attempts)
                    session.add(item)
                    await session.commit()
                    log.warning("mail not sent yet", outbox=item_id, attempts=item.attempts)
                    continue
                item.status = OutboxStatus.SENT
                item.attempts += 1
                item.sent_at = self.clock.now()
                item.last_error = None
                session.add(item)
                await session.commit()
                sent += 1
                log.info("mail sent", outbox=item_id)
            if self.on_sent is not None:
                try:
                    await self.on_sent(item)
                except Exception as exc:
                    log.warning("after-send step failed", outbox=item_id, error=type(exc).__name__)
        return sent

    async def run_forever(self, interval: float = 5.0) -> None:
        while not self.stopping.is_set():
            try:
                await self.run_once()
            except Exception as exc:  # the loop goes on; the rows stay queued
                log.error("outbox round failed", error=type(exc).__name__)
            self.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=interval)
