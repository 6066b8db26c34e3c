"""The project's own small test mails, written for these tests."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid, parseaddr

# The test deployment's own MTA (``[mail] trusted_authserv_ids`` in tests/conftest.py).
TRUSTED_MTA = "mx.vraagbaak.test"


def authentication_results(sender: str, *, authserv_id: str = TRUSTED_MTA) -> str:
    """What the organisation's MTA adds after a DMARC pass for the From domain (RFC 8601)."""
    domain = parseaddr(sender)[1].rsplit("@", 1)[-1].lower()
    return f"{authserv_id}; spf=pass smtp.mailfrom={domain}; dmarc=pass header.from={domain}"


def plain(
    body: str,
    *,
    subject: str = "Vraag over de Wmo",
    sender: str = "Mark Hendriks <m.hendriks@ermelo.nl>",
    to: str = "vraag@vraagbaak.example",
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
    verified: bool = True,
    subtype: str = "plain",
) -> EmailMessage:
    """A one-part mail (``subtype`` "html" for an HTML-only one); ``verified`` adds the
    trusted MTA's DMARC pass for the From domain."""
    message = EmailMessage()
    if verified:
        message["Authentication-Results"] = authentication_results(sender)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="ermelo.nl")
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body, subtype=subtype)
    return message


OUTLOOK_FORWARD = """Hoi collega's,

Kan iemand hiernaar kijken? Ik bel mevrouw morgen terug.

Met vriendelijke groet,

Petra Jansen
Klantcontact
Gemeente Ermelo

Van: Anna de Boer <anna.deboer@example.com>
Verzonden: maandag 2 maart 2026 19:47
Aan: Gemeente Ermelo <info@ermelo.nl>
Onderwerp: Schutting bij de buren

Geachte heer/mevrouw,

Mijn buurman bouwt een schutting van drie meter hoog op de erfgrens. Heeft hij daar een
omgevingsvergunning voor nodig?

Mijn adres is Lindelaan 4, 3851 AB Ermelo en mijn telefoon 06-12345678.

Met vriendelijke groet,
Anna de Boer

Verstuurd vanaf mijn iPhone
"""

GMAIL_FORWARD = """Wie weet dit?

---------- Forwarded message ---------
From: Tom Baker <tom.baker@example.org>
Date: Tue, Mar 3, 2026 at 9:18 PM
Subject: Wheelchair at home
To: info@ermelo.nl

Hello,

Can my mother get help from the Wmo for a stair lift in her house?

Best regards,
Tom
"""

REPLY_WITH_HISTORY = """Dank voor je snelle reactie. Geldt dat ook voor de bijstand?

Groet,
Mark

Op 4 mrt 2026 om 14:02 schreef Ilse Smit <i.smit@harderwijk.nl>:

> Dat kan via de Wmo-loket.
> Met vriendelijke groet, Ilse
"""

DISCLAIMER_MAIL = """Goedemorgen,

Hoe lang is de beslistermijn voor een maatwerkvoorziening in de Wmo?

Met vriendelijke groet,

Mark Hendriks
Consulent
T 0341 111 222

Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n). Gebruik door anderen is niet
toegestaan.
"""


def rfc822_forward() -> EmailMessage:
    inner = plain(
        "Beste,\n\nMag ik mijn uitkering houden als ik een erfenis krijg? Mijn rekening is "
        "NL91 ABNA 0417 1643 00.\n\nGroet,\nSanne\n",
        subject="erfenis",
        sender="Sanne Visser <sanne.v@example.net>",
        to="r.timmer@ermelo.nl",
    )
    outer = plain(
        "Zie bijgevoegde mail.\n\nGroet, Rob\n",
        subject="FW: erfenis",
        sender="Rob Timmer <r.timmer@ermelo.nl>",
    )
    outer.add_attachment(inner)
    outer.add_attachment(
        b"MZ\x90\x00fake", maintype="application", subtype="octet-stream", filename="setup.exe"
    )
    outer.add_attachment(
        b"sig", maintype="application", subtype="pkcs7-signature", filename="smime.p7s"
    )
    outer.add_attachment(b"%PDF-1.4 test", maintype="application", subtype="pdf", filename="a.pdf")
    return outer


def auto_reply() -> EmailMessage:
    return plain(
        "Ik ben afwezig tot maandag.",
        subject="Automatisch antwoord: Je vraag",
        headers={"Auto-Submitted": "auto-replied"},
    )


def subject_only_auto_reply() -> EmailMessage:
    return plain("Ik ben met vakantie.", subject="Out of office")


def _as_report(message: EmailMessage, report_type: str, report_text: str) -> EmailMessage:
    """``message`` made a ``multipart/report`` (RFC 6522) with a machine-readable part."""
    report = EmailMessage()
    report.set_content(report_text)
    message.make_mixed()
    message.attach(report)
    message.replace_header("Content-Type", f"multipart/report; report-type={report_type}")
    return message


def bounce() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "MAILER-DAEMON@mx.example.org"
    message["To"] = "vraag@vraagbaak.example"
    message["Subject"] = "Undelivered Mail Returned to Sender"
    message.set_content("Your message could not be delivered.")
    return _as_report(message, "delivery-status", "Reporting-MTA: dns; mx.example.org\n")


def read_receipt() -> EmailMessage:
    """A client's "read" receipt (RFC 8098) from a resident, under the gemeente's subject and
    with a question mark in its words, as Outlook writes them."""
    message = plain(
        "Uw bericht\n\n  Aan: Elif\n  Onderwerp: Kunt u mij bellen?\n\nis gelezen op dinsdag.",
        subject="Gelezen: Kunt u mij bellen?",
    )
    disposition = "Disposition: automatic-action/MDN-sent-automatically; displayed\n"
    return _as_report(message, "disposition-notification", disposition)


def html_only() -> EmailMessage:
    message = plain("x", subject="Vraag over bijstand")
    message.set_content(
        "<html><head><style>p{color:red}</style></head><body><p>Hallo,</p>"
        "<p>Hoe werkt de <b>bijstand</b> bij een erfenis?</p><ul><li>punt een</li></ul>"
        "<p>Groet,<br>Mark</p></body></html>",
        subtype="html",
    )
    return message


def bounce_of(original: EmailMessage) -> EmailMessage:
    """A delivery report (RFC 3464) returning ``original``."""
    report = EmailMessage()
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.org>"
    report["To"] = str(original["From"])
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Auto-Submitted"] = "auto-replied"
    report.set_content("The address was not found.")
    report.add_attachment(original)
    report.replace_header("Content-Type", "multipart/report; report-type=delivery-status")
    return report
