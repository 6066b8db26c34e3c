"""Mail in the one outbox (bot/delivery/outbox.py, channel ``email``): queued in the same
transaction as the decision to send, delivered by the outbox's loop with its backoff, marked sent
once, then the step after sending (the notice in the thread).

SMTP has no idempotency key: a process killed after the smarthost took a mail and before the
outbox recorded it sends that mail again when its row is taken over — with the same
``Message-ID``, by which a receiving system can recognise it (at-least-once at that one
point)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import MailSection
from bot.core.logs import get_logger
from bot.delivery import outbox
from bot.mail.answer import OutgoingMail
from bot.storage.models import OutboxItem

log = get_logger(__name__)

CHANNEL = "email"

Transport = Callable[[EmailMessage], Awaitable[None]]
OnSent = Callable[[OutboxItem], Awaitable[None]]


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
    await session.flush()
    return item


class MailDeliverer:
    channel = CHANNEL
    ordered = False
    keep: tuple[str, ...] = ("thread", "answer")  # what the step after sending needs

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def deliver(self, attempt: outbox.Attempt) -> dict[str, Any]:
        mail = OutgoingMail.from_payload(attempt.payload["mail"])
        try:
            await self.transport(mail.to_message())
        except Exception as exc:  # the smarthost away or refusing for now: tried again
            log.warning("mail not sent yet", error=type(exc).__name__)
            raise outbox.UnavailableError(f"{type(exc).__name__}: {exc}") from exc
        log.info("mail sent")
        return {"message_id": mail.message_id}

    async def settled(self, session: AsyncSession, item: OutboxItem) -> None:
        return None


class Outbox:
    """The mail side of the outbox: ``on_sent`` after each mail, and its deliverer once the
    mail component connects a transport (until then mail waits in the outbox)."""

    def __init__(self, engine: outbox.Outbox) -> None:
        self.engine = engine
        self.on_sent: OnSent | None = None

    def connect(self, transport: Transport) -> None:
        """Send mail through ``transport`` from now on."""
        self.engine.register(MailDeliverer(transport), after_sent=self._after_sent)

    async def _after_sent(self, item: OutboxItem) -> None:
        if self.on_sent is not None:
            await self.on_sent(item)

    @property
    def wake(self) -> asyncio.Event:
        return self.engine.wake

    async def run_once(self, limit: int = 20) -> int:
        """Send the mail that is due; returns how many were sent."""
        return await self.engine.deliver_due([CHANNEL], limit)
