"""A mail reader for the worker process that never finishes a mail containing a marker: the
stand-in for any step that runs away on hostile input (a backtracking pattern, a parser)."""

from __future__ import annotations

import time

from bot.config import Config
from bot.mail.understand import MailReader, Understanding
from knowledge.routing import Router

MARKER = b"HANG-THIS-MAIL"


class HangingReader(MailReader):
    def read(
        self, raw: bytes, recipients: list[str] | None = None, source: str = "imap"
    ) -> Understanding:
        if MARKER in raw:
            while True:
                time.sleep(1)
        return super().read(raw, recipients, source)


def reader(config: Config, router: Router) -> MailReader:
    return HangingReader(config, router)
