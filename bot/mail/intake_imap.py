"""IMAP polling of an existing mailbox (imap-tools), with IDLE where the server offers it.

imap-tools is blocking, so every IMAP call runs in ``asyncio.to_thread``. A message is flagged
``\\Seen`` only after it is committed to the database: a crash in between means it is fetched
again and recognised as a duplicate, never lost."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from dataclasses import dataclass
from typing import Any

from bot.core.config import MailSection
from bot.core.logs import get_logger
from bot.mail.intake_smtp import OnStored
from bot.mail.store import store_raw
from bot.storage.database import Database

log = get_logger(__name__)


@dataclass(frozen=True)
class Fetched:
    uid: str
    raw: bytes


class IMAPPoller:
    def __init__(
        self,
        db: Database,
        settings: MailSection,
        *,
        on_stored: OnStored | None = None,
        recipients: list[str] | None = None,
        idle_seconds: int = 60,
        poll_seconds: float = 30.0,
    ) -> None:
        self.db = db
        self.settings = settings
        self.on_stored = on_stored
        self.recipients = recipients or []
        self.idle_seconds = idle_seconds
        self.poll_seconds = poll_seconds
        self._box: Any = None
        self._exists: int | None = None  # the mailbox's message count last announced
        self.healthy = True

    # --- blocking parts, run in a worker thread ---------------------------------------------
    def _connect(self) -> Any:
        from imap_tools import MailBox, MailBoxUnencrypted

        host = self.settings.imap_host
        if host is None:
            raise RuntimeError("[mail] imap_host is not configured")
        cls = MailBox if self.settings.imap_ssl else MailBoxUnencrypted
        box = cls(host, port=self.settings.imap_port)
        box.login(
            self.settings.imap_username or "",
            self.settings.imap_password or "",
            initial_folder=self.settings.imap_folder,
        )
        return box

    def _fetch_unseen(self) -> list[Fetched]:
        from imap_tools import AND

        if self._box is None:
            self._box = self._connect()
        found = []
        for message in self._box.fetch(AND(seen=False), mark_seen=False, bulk=50, limit=200):
            if message.uid:
                found.append(Fetched(message.uid, bytes(message.obj.as_bytes())))
        return found

    def _mark_seen(self, uids: list[str]) -> None:
        from imap_tools import MailMessageFlags

        if uids and self._box is not None:
            self._box.flag(uids, MailMessageFlags.SEEN, True)

    def _idle(self) -> None:
        box = self._box
        if box is None:
            return
        if self._mailbox_grew(box.client.untagged_responses):
            return
        capabilities = {str(c).upper() for c in getattr(box.client, "capabilities", ())}
        if "IDLE" in capabilities:
            box.idle.wait(timeout=self.idle_seconds)
        else:
            import time

            time.sleep(self.poll_seconds)

    def _mailbox_grew(self, pending: dict[str, list[Any]]) -> bool:
        """A mail that arrived while the last command ran was announced in that command's
        response (imaplib keeps it) and IDLE only reports what comes later: fetch again at
        once. Only a higher count counts, so a server that repeats the count cannot keep the
        poller from IDLE."""
        pending.pop("RECENT", None)
        counts = [int(c) for c in pending.pop("EXISTS", None) or () if c.isdigit()]
        if not counts:
            return False
        known, self._exists = self._exists, max(counts)
        return self._exists > (known if known is not None else min(counts))

    def _logout(self) -> None:
        box, self._box = self._box, None
        self._exists = None
        if box is not None:
            with contextlib.suppress(Exception):  # the connection may already be gone
                box.logout()

    # --- async surface -----------------------------------------------------------------------
    async def poll_once(self) -> int:
        """Fetch unseen mail, store it, then mark it seen. Returns how many were new."""
        fetched = await asyncio.to_thread(self._fetch_unseen)
        new = 0
        stored_uids: list[str] = []
        for item in fetched:
            stored = await store_raw(self.db, item.raw, recipients=self.recipients, source="imap")
            stored_uids.append(item.uid)
            if not stored.duplicate:
                new += 1
                if self.on_stored is not None:
                    try:
                        await self.on_stored(stored)
                    except Exception as exc:
                        log.warning("processing after IMAP intake failed", error=type(exc).__name__)
        await asyncio.to_thread(self._mark_seen, stored_uids)
        return new

    async def run_forever(self) -> None:
        while True:
            try:
                await self.poll_once()
                self.healthy = True
                await asyncio.to_thread(self._idle)
            except asyncio.CancelledError:
                raise  # close() ends the connection
            except Exception as exc:
                self.healthy = False
                log.warning("IMAP round failed", error=type(exc).__name__)
                await asyncio.to_thread(self._logout)
                await asyncio.sleep(self.poll_seconds)

    async def close(self) -> None:
        box = self._box
        if box is not None:
            # Wake a worker thread blocked in IDLE: it cannot be cancelled, its socket can.
            with contextlib.suppress(Exception):
                box.client.sock.shutdown(socket.SHUT_RDWR)
        await asyncio.to_thread(self._logout)
