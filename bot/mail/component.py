"""The mail component of ``vraagbaak run`` (and of the demo): SMTP listener, IMAP poller,
the desk's processing loop; the outbox (bot/delivery/outbox.py) sends the mail."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from bot.core.logs import get_logger
from bot.mail.intake_imap import IMAPPoller
from bot.mail.intake_smtp import IntakeHandler, SMTPListener
from bot.mail.outbox import Transport, folder_transport, smtp_transport
from bot.mail.store import Stored
from bot.startup.app import Bot

log = get_logger(__name__)


def accepted_addresses(bot: Bot) -> list[str]:
    config = bot.services.config
    addresses = [g.email for g in config.groups if g.email]
    if config.mail.general_address:
        addresses.append(config.mail.general_address)
    return [a.lower() for a in addresses]


class MailComponent:
    name = "mail"

    def __init__(
        self,
        bot: Bot,
        *,
        transport: Transport | None = None,
        outbox_folder: Path | None = None,
        smtp: bool = True,
        interval: float = 10.0,
    ) -> None:
        self.bot = bot
        services = bot.services
        mail = services.config.mail
        if transport is None:
            if mail.outgoing_host:
                transport = smtp_transport(mail)
            else:
                folder = outbox_folder or services.config.bot.data_dir / "outbox"
                transport = folder_transport(folder)
        self.desk = services.desk()
        self.outbox = self.desk.outbox
        self.outbox.connect(transport)
        self.interval = interval
        self.listener: SMTPListener | None = None
        if smtp and mail.smtp_port >= 0:
            handler = IntakeHandler(services.db, accepted_addresses(bot), self._stored, mail)
            self.listener = SMTPListener(
                handler, mail.smtp_host, mail.smtp_port, max_bytes=mail.max_message_bytes
            )
        self.poller: IMAPPoller | None = None
        if mail.imap_host:
            self.poller = IMAPPoller(services.db, mail, on_stored=self._stored)
        self._tasks: list[asyncio.Task[None]] = []
        self._poll_task: asyncio.Task[None] | None = None
        self.smtp_error: str | None = None

    async def _stored(self, _stored: Stored) -> None:
        self.desk.wake.set()

    async def start(self) -> None:
        await self.desk.refresh_router()
        if self.listener is not None:
            try:
                await self.listener.start()
            except OSError as exc:
                self.smtp_error = exc.strerror or str(exc)
                self.listener = None
                log.warning("SMTP listener not started", error=self.smtp_error)
        self._tasks.append(asyncio.create_task(self.desk.run_forever(self.interval)))
        self.bot.services.outbox.start(min(5.0, self.interval))
        if self.poller is not None:
            self._poll_task = asyncio.create_task(self.poller.run_forever())

    async def stop(self) -> None:
        """Stop taking mail, let the loops finish their round, then send what is due."""
        had_loops = bool(self._tasks)
        if self.listener is not None:
            await self.listener.stop()
        self.desk.stopping.set()
        self.desk.wake.set()
        if self._poll_task is not None:
            self._poll_task.cancel()  # blocked in IDLE in a thread: close() wakes that
        if self.poller is not None:
            await self.poller.close()
        tasks = [*self._tasks, *([self._poll_task] if self._poll_task else [])]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=15)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=5)
        self._tasks.clear()
        self._poll_task = None
        if had_loops:  # a graceful stop hands over what is due now
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.outbox.run_once(), timeout=10)
        await self.desk.close()

    def healthy(self) -> bool:
        smtp_ok = self.listener is None or self.listener.running
        imap_ok = self.poller is None or self.poller.healthy
        loops = [*self._tasks, *([self._poll_task] if self._poll_task else [])]
        return smtp_ok and imap_ok and all(not t.done() for t in loops)


def mail_component(bot: Bot) -> MailComponent | None:
    """The factory for ``vraagbaak run``: only when some mail address is configured."""
    if bot.services.mail_desk is None:
        return None
    return MailComponent(bot)
