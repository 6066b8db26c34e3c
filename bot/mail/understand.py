"""From raw bytes to what Vraagbaak needs: kind, who forwarded it, the original sender, the
cleaned and redacted subject and question, the attachments, and the group it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.config import Config
from bot.mail.attachments import AttachmentResult, select_attachments
from bot.mail.classify import MailKind, classify
from bot.mail.forwards import clean_subject, find_forward
from bot.mail.language import detect_language
from bot.mail.parse import Address, ParsedMail, parse_bytes
from bot.mail.signature import cut_signature
from bot.mail.trim import trim_reply
from bot.redaction import redact
from knowledge.routing import Router, profiles_from


@dataclass
class Understanding:
    kind: MailKind
    message_id: str | None
    sender: Address | None
    forwarded_by: Address | None
    original_sender: Address | None
    subject: str
    question: str
    note: str
    language: Literal["nl", "en"]
    redactions: dict[str, int]
    group: str | None
    confidence: float
    candidates: list[str]
    attachments: AttachmentResult
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    routed_by: str = "address"  # "address", "routing" or "none"
    # routed to a group with external members: a person must choose it (never automatic)
    needs_choice: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "message_id": self.message_id,
            "forwarded_by": self.forwarded_by.email if self.forwarded_by else None,
            "original_sender": self.original_sender.as_dict() if self.original_sender else None,
            "subject": self.subject,
            "question": self.question,
            "note": self.note,
            "language": self.language,
            "redactions": [{"type": k, "count": v} for k, v in sorted(self.redactions.items())],
            "group": self.group,
            "confidence": self.confidence,
            "routed_by": self.routed_by,
            "needs_choice": self.needs_choice,
            "candidates": self.candidates,
            "attachments": [
                {"filename": f.filename, "content_type": f.content_type, "size": len(f.data)}
                for f in self.attachments.kept
            ],
            "dropped_attachments": [
                {"filename": name, "reason": reason} for name, reason in self.attachments.dropped
            ],
        }


def clean_text(text: str, names: list[str]) -> tuple[str, list[str]]:
    """Quotes, history, mobile signatures, closing, signature block and disclaimer off."""
    trimmed = trim_reply(text)
    body, cut = cut_signature(trimmed.text, names)
    return body.strip(), trimmed.cut + cut


class MailReader:
    """Understands mail for one configuration; build once, reuse for every message."""

    def __init__(self, config: Config, router: Router | None = None) -> None:
        self.config = config
        self.router = router or Router(profiles_from(config.groups))
        self._group_addresses = {
            g.email.lower(): g.id for g in config.groups if g.email is not None
        }

    def group_for_recipients(self, recipients: list[str]) -> str | None:
        for address in recipients:
            group = self._group_addresses.get(address.lower())
            if group is not None:
                return group
        return None

    def read(self, raw: bytes, recipients: list[str] | None = None) -> Understanding:
        return self.read_parsed(parse_bytes(raw), recipients)

    def read_parsed(self, mail: ParsedMail, recipients: list[str] | None = None) -> Understanding:
        kind = classify(mail)
        default_language = self.config.bot.language
        if kind is not MailKind.QUESTION:
            return Understanding(
                kind=kind,
                message_id=mail.message_id,
                sender=mail.sender,
                forwarded_by=None,
                original_sender=mail.sender,
                subject=mail.subject,
                question="",
                note="",
                language=default_language,
                redactions={},
                group=None,
                confidence=0.0,
                candidates=[],
                attachments=AttachmentResult(),
                in_reply_to=mail.in_reply_to,
                references=mail.references + _returned_ids(mail),
                routed_by="none",
            )
        forward = find_forward(mail)
        cut: list[str] = []
        parts = list(mail.parts)
        original: Address | None
        if forward is not None and forward.original_sender is not None:
            original = forward.original_sender
            forwarded_by = mail.sender
            subject = clean_subject(forward.subject or mail.subject)
            question, cut_q = clean_text(forward.text, [original.name])
            note, cut_n = clean_text(forward.note, [mail.sender.name] if mail.sender else [])
            cut = forward.cut + cut_n + cut_q
            for inner in mail.embedded[:1]:
                parts.extend(inner.parts)
        else:
            original = mail.sender
            forwarded_by = None
            subject = clean_subject(mail.subject)
            question, cut = clean_text(mail.text, [mail.sender.name] if mail.sender else [])
            note = ""
        language = detect_language(f"{subject}\n{question}", default_language)
        redacted_subject = redact(subject, language)
        redacted_question = redact(question, language)
        redacted_note = redact(note, language)
        counts = redacted_subject.counts + redacted_question.counts + redacted_note.counts
        addressed = list(recipients or []) + [a.email for a in mail.to + mail.cc]
        group = self.group_for_recipients(addressed)
        confidence = 1.0
        candidates: list[str] = []
        routed_by = "address"
        needs_choice = False
        if group is None:
            # Routed on the redacted text: phone numbers and street names are not topics.
            route = self.router.route(
                f"{redacted_subject.text}\n{redacted_note.text}\n{redacted_question.text}"
            )
            group, confidence, candidates = route.group_id, route.confidence, route.top(3)
            needs_choice = route.needs_choice
            routed_by = "routing"
        return Understanding(
            kind=kind,
            message_id=mail.message_id,
            sender=mail.sender,
            forwarded_by=forwarded_by,
            original_sender=original,
            subject=redacted_subject.text,
            question=redacted_question.text,
            note=redacted_note.text,
            language=language,
            redactions=dict(counts),
            group=group,
            confidence=confidence,
            candidates=candidates,
            attachments=select_attachments(parts),
            in_reply_to=mail.in_reply_to,
            references=mail.references,
            cut=[c for c in cut if c.strip()],
            routed_by=routed_by,
            needs_choice=needs_choice,
        )


def _returned_ids(mail: ParsedMail) -> list[str]:
    """Message-IDs of the mail a bounce or auto-reply is about (RFC 3464 returned content)."""
    found = [inner.message_id for inner in mail.embedded if inner.message_id]
    original = mail.header("x-original-message-id")
    if original:
        found.append(original.strip())
    return found
