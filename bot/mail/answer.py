"""The answer back to the person who asked: from the group address, in their language, and
threaded in their mail client (``In-Reply-To``/``References``, RFC 5322 section 3.6.4)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any, Literal

from bot.events import utcnow

TEXTS: dict[str, dict[str, str]] = {
    "subject_prefix": {"nl": "Antwoord", "en": "Re"},
    "greeting": {"nl": "Beste {name},", "en": "Dear {name},"},
    "greeting_anonymous": {"nl": "Beste,", "en": "Hello,"},
    "intro": {
        "nl": "Hier is het antwoord op uw vraag “{subject}”:",
        "en": "Here is the answer to your question “{subject}”:",
    },
    "closing": {
        "nl": "Met vriendelijke groet,\n{group}\n\nU kunt op deze e-mail antwoorden als u nog "
        "een vraag hierover heeft.",
        "en": "Kind regards,\n{group}\n\nYou can reply to this e-mail if you have a further "
        "question about it.",
    },
    "confirm_subject": {
        "nl": "[Vraagbaak] Je vraag is geplaatst in {group}",
        "en": "[Vraagbaak] Your question was posted in {group}",
    },
    "confirm_body": {
        "nl": "Hallo,\n\nJe vraag “{subject}” is geplaatst in {group}{where}.\n\nJe krijgt "
        "bericht zodra er een antwoord is geaccepteerd.\n\nVraagbaak",
        "en": "Hello,\n\nYour question “{subject}” was posted in {group}{where}.\n\nYou will "
        "hear from us as soon as an answer is accepted.\n\nVraagbaak",
    },
}


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
    automatic: bool = False  # a confirmation, not a person's answer (RFC 3834 section 5)

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
        )

    def to_message(self) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.from_name, self.from_address))
        message["To"] = formataddr((self.to_name, self.to))
        message["Subject"] = self.subject
        message["Date"] = format_datetime(utcnow())
        message["Message-ID"] = self.message_id or make_msgid(domain=_domain(self.from_address))
        # RFC 3834: only a confirmation is automatic; a person's answer is not. Exchange and
        # helpdesks honour X-Auto-Response-Suppress and send no acknowledgement back.
        if self.automatic:
            message["Auto-Submitted"] = "auto-replied" if self.in_reply_to else "auto-generated"
        message["X-Auto-Response-Suppress"] = "All"
        if self.in_reply_to:
            message["In-Reply-To"] = self.in_reply_to
            message["References"] = " ".join(dict.fromkeys((*self.references, self.in_reply_to)))
        message.set_content(self.body)
        return message


AUTO_ID = "vraagbaak-auto"  # classify.AUTO_MESSAGE_ID_MARK: replies to these are loops


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1] if "@" in address else "vraagbaak.invalid"


def answer_mail(
    *,
    language: Literal["nl", "en"],
    to: str,
    to_name: str,
    group_address: str,
    group_name: str,
    subject: str,
    answer: str,
    in_reply_to: str | None,
    references: list[str],
) -> OutgoingMail:
    greeting = (
        TEXTS["greeting"][language].format(name=to_name)
        if to_name
        else TEXTS["greeting_anonymous"][language]
    )
    body = "\n\n".join(
        [
            greeting,
            TEXTS["intro"][language].format(subject=subject),
            answer.strip(),
            TEXTS["closing"][language].format(group=group_name),
        ]
    )
    prefix = TEXTS["subject_prefix"][language]
    return OutgoingMail(
        to=to,
        to_name=to_name,
        from_address=group_address,
        from_name=f"{group_name} (Vraagbaak)",
        subject=f"{prefix}: {subject}",
        body=body + "\n",
        in_reply_to=in_reply_to,
        references=tuple(references),
        message_id=make_msgid(domain=_domain(group_address)),
    )


def confirmation_mail(
    *,
    language: Literal["nl", "en"],
    to: str,
    from_address: str,
    group_name: str,
    subject: str,
    link: str | None,
    in_reply_to: str | None,
) -> OutgoingMail:
    where = f": {link}" if link else ""
    return OutgoingMail(
        to=to,
        to_name="",
        from_address=from_address,
        from_name="Vraagbaak",
        subject=TEXTS["confirm_subject"][language].format(group=group_name),
        body=TEXTS["confirm_body"][language].format(subject=subject, group=group_name, where=where)
        + "\n",
        in_reply_to=in_reply_to,
        message_id=make_msgid(idstring=AUTO_ID, domain=_domain(from_address)),
        automatic=True,
    )
