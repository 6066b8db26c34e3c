"""A mail Vraagbaak sends (an answer, a receipt), as queued in the outbox and as it goes out:
threaded in the asker's mail client (``In-Reply-To``/``References``, RFC 5322 section
3.6.4). What it says is composed in :mod:`bot.mail.letters`.

Every header value is one line: a line break in a name or subject (typed by a person,
taken from a mail) is folded to a space, so no text can add a header."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any

from bot.core.events import utcnow


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    to_name: str
    from_address: str
    from_name: str
    subject: str
    body: str
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    message_id: str = ""
    automatic: bool = False  # a receipt, not a person's answer (RFC 3834 section 5)
    reply_to: str | None = None
    cc: tuple[tuple[str, str], ...] = ()  # (name, address)

    def as_payload(self) -> dict[str, Any]:
        return {
            "to": self.to,
            "to_name": self.to_name,
            "from_address": self.from_address,
            "from_name": self.from_name,
            "subject": self.subject,
            "body": self.body,
            "in_reply_to": self.in_reply_to,
            "references": list(self.references),
            "message_id": self.message_id,
            "automatic": self.automatic,
            "reply_to": self.reply_to,
            "cc": [list(pair) for pair in self.cc],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> OutgoingMail:
        return cls(
            to=str(payload["to"]),
            to_name=str(payload.get("to_name") or ""),
            from_address=str(payload["from_address"]),
            from_name=str(payload.get("from_name") or ""),
            subject=str(payload["subject"]),
            body=str(payload["body"]),
            in_reply_to=payload.get("in_reply_to"),
            references=tuple(payload.get("references") or ()),
            message_id=str(payload.get("message_id") or ""),
            automatic=bool(payload.get("automatic", False)),
            reply_to=payload.get("reply_to") or None,
            cc=tuple((str(name), str(address)) for name, address in payload.get("cc") or ()),
        )

    def to_message(self) -> EmailMessage:
        message = EmailMessage()
        message["From"] = _address(self.from_name, self.from_address)
        message["To"] = _address(self.to_name, self.to)
        if self.cc:
            message["Cc"] = ", ".join(_address(name, address) for name, address in self.cc)
        if self.reply_to:
            message["Reply-To"] = _address("", self.reply_to)
        message["Subject"] = one_line(self.subject)
        message["Date"] = format_datetime(utcnow())
        message["Message-ID"] = one_line(
            self.message_id or make_msgid(domain=domain_of(self.from_address))
        )
        # RFC 3834: only a confirmation is automatic; a person's answer is not. Exchange and
        # helpdesks honour X-Auto-Response-Suppress and send no acknowledgement back.
        if self.automatic:
            message["Auto-Submitted"] = "auto-replied" if self.in_reply_to else "auto-generated"
        message["X-Auto-Response-Suppress"] = "All"
        if self.in_reply_to:
            message["In-Reply-To"] = one_line(self.in_reply_to)
            chain = dict.fromkeys((*self.references, self.in_reply_to))
            message["References"] = one_line(" ".join(chain))
        message.set_content(self.body.replace("\r\n", "\n").replace("\r", "\n"))
        return message


def one_line(value: str) -> str:
    """A header value: line breaks and other controls become spaces."""
    return " ".join(_LINE_BREAKS.sub(" ", value).split())


def _address(name: str, address: str) -> str:
    return formataddr((one_line(name)[:120], one_line(address)))


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


AUTO_ID = "vraagbaak-auto"  # classify.AUTO_MESSAGE_ID_MARK: replies to these are loops


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1] if "@" in address else "vraagbaak.invalid"
