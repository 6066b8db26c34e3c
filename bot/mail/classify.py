"""Is this mail a question, an automatic reply or a bounce? Automatic mail is never posted and
never answered, so no mail loops arise (RFC 3834 section 2, RFC 3464 delivery reports)."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.mail.parse import ParsedMail


class MailKind(StrEnum):
    QUESTION = "question"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"


_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliver(able|ed)|delivery (status notification|failure|has failed)|"
    r"mail delivery (failed|failure|subsystem)|returned mail|failure notice|"
    r"onbestelbaar|niet (te )?bezorg(d|en)|bezorging mislukt|unzustellbar|non remis|"
    r"message not delivered)",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatisch(e)? (antwoord|reactie|ontvangstbevestiging)|automatic reply|"
    r"auto(matic)?[- ]?(reply|response)|autoreply|afwezig(heid)?|out of (the )?office|"
    r"ooo\b|abwesenheit|automatische antwort|réponse automatique|respuesta automática|"
    r"ontvangstbevestiging|vakantiemelding|away from (the )?office)(?:\s*[:\-–(]|\s*$)",
    re.I,
)
_AUTO_PRECEDENCE = frozenset({"bulk", "junk", "auto_reply"})


def is_bounce(mail: ParsedMail) -> bool:
    if mail.content_type == "multipart/report" and "delivery-status" in mail.header(
        "content-type"
    ).lower().replace(" ", ""):
        return True
    if "message/delivery-status" in mail.content_types:
        return True
    if mail.header("x-failed-recipients") or "x-ms-exchange-message-is-ndr" in mail.headers:
        return True
    sender = mail.sender.email if mail.sender else ""
    return bool(_BOUNCE_SENDERS.match(sender)) and bool(_BOUNCE_SUBJECT.match(mail.subject))


def is_auto_reply(mail: ParsedMail) -> bool:
    auto_submitted = mail.header("auto-submitted").lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return True
    if mail.header("x-autoreply") or mail.header("x-autorespond"):
        return True
    if mail.header("precedence").lower() in _AUTO_PRECEDENCE:
        return True
    if "x-ms-exchange-inbox-rules-loop" in mail.headers:
        return True
    return bool(_AUTO_SUBJECT.match(mail.subject))


def classify(mail: ParsedMail) -> MailKind:
    if is_bounce(mail):
        return MailKind.BOUNCE
    if is_auto_reply(mail):
        return MailKind.AUTO_REPLY
    return MailKind.QUESTION
