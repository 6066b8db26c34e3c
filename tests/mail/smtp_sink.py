"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives: the mailbox of
whoever Vraagbaak writes to, as their mail client would read it."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Sink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []  # (MAIL FROM, RCPT TO)

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or b""
        self.envelopes.append((str(envelope.mail_from), [str(r) for r in envelope.rcpt_tos]))
        self.messages.append(
            email.message_from_bytes(bytes(raw), _class=EmailMessage, policy=policy.default)
        )
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """What ``address`` received: as To or as Cc."""
        address = address.lower()
        return [
            m
            for m in self.messages
            if address in str(m.get("To", "")).lower() or address in str(m.get("Cc", "")).lower()
        ]


@contextmanager
def running_sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
