"""The SMTP listener (aiosmtpd) for the group addresses and the general address.

Unknown recipients are refused at RCPT time (``550``), oversized messages by aiosmtpd's size
limit (``552``), and ``250`` is answered only after the raw message is committed; a storage
failure answers ``451`` so the sending server tries again (RFC 5321 section 4.2.5)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from bot.core.config import MailSection
from bot.core.logs import get_logger
from bot.mail.senders import Source
from bot.mail.spf_check import spf_result, stamp, strip_own_results
from bot.mail.store import Stored, store_raw
from bot.storage.database import Database

log = get_logger(__name__)

OnStored = Callable[[Stored], Awaitable[None]]


class IntakeHandler:
    def __init__(
        self,
        db: Database,
        accepted: Iterable[str],
        on_stored: OnStored | None = None,
        mail: MailSection | None = None,
    ) -> None:
        self.db = db
        self.accepted = {address.lower() for address in accepted}
        self.on_stored = on_stored
        self.mail = mail or MailSection()
        self.main_loop: asyncio.AbstractEventLoop | None = None

    def source_for(self, peer: object) -> Source:
        """How far to trust this SMTP client: a trusted submission address, a trusted relay
        (whose Authentication-Results count), or anyone on the internet."""
        host = peer[0] if isinstance(peer, tuple) and peer else None
        address = host if isinstance(host, str) else None
        if self.mail.peer_in(self.mail.trusted_submission, address):
            return Source.SMTP_SUBMISSION
        if self.mail.peer_in(self.mail.trusted_relays, address):
            return Source.SMTP_RELAY
        return Source.SMTP

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.lower() not in self.accepted:
            return "550 5.1.1 Unknown recipient / onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        source = self.source_for(session.peer)
        raw = await self.judge_at_the_edge(raw, session, envelope, source)
        main = self.main_loop
        if main is not None and main is not asyncio.get_running_loop():
            # The protocol runs on the listener's own thread; the database belongs to the
            # bot's loop: store there and wait for the answer.
            future = asyncio.run_coroutine_threadsafe(
                self.store(raw, list(envelope.rcpt_tos), envelope.mail_from, source), main
            )
            return await asyncio.wrap_future(future)
        return await self.store(raw, list(envelope.rcpt_tos), envelope.mail_from, source)

    async def judge_at_the_edge(
        self, raw: bytes, session: Session, envelope: Envelope, source: Source
    ) -> bytes:
        """Forged copies of our own Authentication-Results out; for mail straight from the
        internet, our SPF verdict in (RFC 8601 §5; the DNS lookups off this loop)."""
        authserv_id = self.mail.edge_authserv_id
        raw = strip_own_results(raw, authserv_id)
        if source is not Source.SMTP or not self.mail.spf_verify:
            return raw
        host = session.peer[0] if isinstance(session.peer, tuple) and session.peer else ""
        mail_from = envelope.mail_from or ""
        result = await asyncio.to_thread(
            spf_result, str(host), mail_from, session.host_name or "", self.mail.dns_resolver
        )
        return stamp(raw, authserv_id, result, mail_from)

    async def store(
        self, raw: bytes, recipients: list[str], envelope_from: str | None, source: Source
    ) -> str:
        """Commit the message (on the bot's loop) and say what SMTP should answer."""
        try:
            stored = await store_raw(
                self.db,
                raw,
                recipients=recipients,
                envelope_from=envelope_from,
                source=source,
            )
        except Exception as exc:
            log.error("storing an incoming message failed", error=type(exc).__name__)
            return "451 4.3.0 Temporary storage failure, try again later"
        log.info("mail stored", inbound=stored.id, duplicate=stored.duplicate, size=len(raw))
        if self.on_stored is not None and not stored.duplicate:
            try:
                await self.on_stored(stored)
            except Exception as exc:  # processing is retried by the loop; the mail is safe
                log.warning("processing right after intake failed", error=type(exc).__name__)
        return "250 OK: message accepted"


class SMTPListener:
    """Runs the aiosmtpd protocol on its own thread and event loop: reading a message's DATA
    line by line is CPU work on the connection's loop (hundreds of milliseconds for a
    multi-megabyte mail), which must not stall the bot's loop. Storing happens on the bot's
    loop (:meth:`IntakeHandler.handle_DATA`)."""

    # aiosmtpd logs every SMTP command (with the addresses in it) at INFO: keep addresses out
    # of the logs unless someone asks for DEBUG.
    QUIET_LOGGER = "mail.log"

    def __init__(
        self,
        handler: IntakeHandler,
        host: str,
        port: int,
        *,
        max_bytes: int,
        hostname: str = "vraagbaak",
    ) -> None:
        self.handler = handler
        self.host = host
        self.port = port
        self.max_bytes = max_bytes
        self.hostname = hostname
        self._server: asyncio.base_events.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: OSError | None = None

    def _protocol(self) -> SMTP:
        return SMTP(
            self.handler,
            data_size_limit=self.max_bytes,
            hostname=self.hostname,
            decode_data=False,
            enable_SMTPUTF8=True,
            ident="Vraagbaak",
        )

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                loop.create_server(self._protocol, host=self.host, port=self.port)
            )
        except OSError as exc:
            self._error = exc
            self._ready.set()
            loop.close()
            return
        sockets: Any = self._server.sockets
        if self.port == 0 and sockets:
            self.port = int(sockets[0].getsockname()[1])
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            # Python 3.12+ waits here for open sessions; never let one hold up shutdown.
            with contextlib.suppress(TimeoutError):
                loop.run_until_complete(asyncio.wait_for(self._server.wait_closed(), timeout=5))
            for task in asyncio.all_tasks(loop):
                task.cancel()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.sleep(0))
            loop.close()

    async def start(self) -> None:
        if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
            logging.getLogger(self.QUIET_LOGGER).setLevel(logging.WARNING)
        self.handler.main_loop = asyncio.get_running_loop()
        self._ready.clear()
        self._error = None
        self._thread = threading.Thread(target=self._run, name="vraagbaak-smtp", daemon=True)
        self._thread.start()
        await asyncio.to_thread(self._ready.wait, 30)
        if self._error is not None:
            self._thread.join(timeout=5)
            self._thread = None
            raise self._error

    async def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            await asyncio.to_thread(thread.join, 15)
        self._server = None
        self._loop = None
        self._thread = None

    @property
    def running(self) -> bool:
        return (
            self._thread is not None
            and self._thread.is_alive()
            and self._server is not None
            and self._server.is_serving()
        )
