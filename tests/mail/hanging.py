"""A mail reader for the worker process that never finishes a mail containing a marker, or
wants 4 GiB for one: the stand-ins for any step that runs away on hostile input."""

from __future__ import annotations

import time

from bot.core.config import Config
from bot.mail.understand import MailReader, Understanding
from knowledge.routing import Router

MARKER = b"HANG-THIS-MAIL"
GREEDY = b"EAT-MEMORY"


class HangingReader(MailReader):
    def read(
        self, raw: bytes, recipients: list[str] | None = None, source: str = "imap"
    ) -> Understanding:
        if MARKER in raw:
            while True:
                time.sleep(1)
        if GREEDY in raw:
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
            return super().read(raw + bytes(len(hoard)), recipients, source)
        return super().read(raw, recipients, source)


def reader(config: Config, router: Router) -> MailReader:
    return HangingReader(config, router)
