"""A hostile corpus of the project's own making: what an outsider sends to make the intake
stall, raise, loop or lie. Built in code, so sizes are exact and nothing large is stored."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

from tests.mail import mails


def _head(subject: str, sender: str = "Piet <piet@elders.example>") -> bytes:
    return (
        f"From: {sender}\r\nTo: vraag@vraagbaak.example\r\nSubject: {subject}\r\n"
        f"Message-ID: {make_msgid(domain='elders.example')}\r\nMIME-Version: 1.0\r\n"
    ).encode()


def nested_rfc822(depth: int = 2000) -> bytes:
    """message/rfc822 inside message/rfc822, ``depth`` times (RecursionError in the stdlib)."""
    inner = b"From: a@elders.example\r\nSubject: binnenste\r\n\r\nhallo\r\n"
    for _ in range(depth):
        inner = (
            b"From: a@elders.example\r\nSubject: laag\r\nContent-Type: message/rfc822\r\n\r\n"
            + inner
        )
    return _head("Nesting") + b"Content-Type: message/rfc822\r\n\r\n" + inner


def nested_multipart(depth: int = 500) -> bytes:
    """multipart/mixed inside multipart/mixed: quadratic boundary scanning in the stdlib."""
    body = b"Content-Type: text/plain\r\n\r\nhallo\r\n"
    for level in range(depth):
        boundary = f"b{level}".encode()
        body = (
            b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n--" + boundary
            + b"\r\n" + body + b"\r\n--" + boundary + b"--\r\n"
        )  # fmt: skip
    return _head("Geneste delen") + body


def part_bomb(parts: int = 20_000) -> bytes:
    """One multipart with tens of thousands of tiny parts."""
    chunk = b"--x\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    return (
        _head("Veel delen")
        + b"Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        + chunk * parts
        + b"--x--\r\n"
    )


def huge_header(size: int = 1_000_000) -> bytes:
    """A Subject of a million characters, and a thousand extra headers."""
    extra = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"y" * 50) for i in range(1000))
    return (
        b"From: Piet <piet@elders.example>\r\nTo: vraag@vraagbaak.example\r\n"
        + b"Subject: "
        + b"A. " * (size // 3)
        + b"\r\n"
        + extra
        + b"\r\nHoe werkt de Wmo?\r\n"
    )


def text_mail(
    body: str, subject: str = "Vraag", sender: str = "Piet <piet@elders.example>"
) -> bytes:
    """A plain mail whose long lines are quoted-printable, so it passes any SMTP server's
    1,000-byte line limit as an attacker's would."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "vraag@vraagbaak.example"
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="elders.example")
    message.set_content(body, cte="quoted-printable")
    return message.as_bytes(policy=SMTP)


def huge_body(chars: int = 3_000_000) -> bytes:
    return text_mail("Wmo " * (chars // 4))


def redos_initials(chars: int = 80_000) -> bytes:
    """``A. A. A. …``: initials followed by more initials (name patterns backtrack)."""
    return text_mail("A. " * (chars // 3))


def redos_apostrophes(pairs: int = 50_000) -> bytes:
    """``a'a'a'…``: apostrophe words (address and name patterns backtrack)."""
    return text_mail("a'" * pairs)


def redos_address_like(chars: int = 80_000) -> bytes:
    """A long run of address characters without an ``@`` in a forwarded header line."""
    body = "Zie hieronder.\n\n---------- Forwarded message ---------\nFrom: " + "a." * (chars // 2)
    return bytes(mails.plain(body + "\nSubject: x\n\ntekst", subject="Fwd: x"))


def redos_quotes(lines: int = 40_000) -> bytes:
    """Tens of thousands of quote markers and header-looking lines."""
    return text_mail("Vraag\n" + "> > > Van: x\n" * lines)


def html_bomb(depth: int = 50_000) -> bytes:
    message = EmailMessage()
    message["From"] = "Piet <piet@elders.example>"
    message["To"] = "vraag@vraagbaak.example"
    message["Subject"] = "HTML"
    message.set_content(
        "<div>" * depth + "Hallo" + "</div>" * depth, subtype="html", cte="quoted-printable"
    )
    return message.as_bytes(policy=SMTP)


def html_unclosed_tags(count: int = 5_900) -> bytes:
    """Start tags that never close (Outlook's VML prefix), just under the count where the
    text is taken by a plain tag strip: quadratic in the standard library's HTML parser
    (about 3 s for this mail before html5ever re-serialised it first)."""
    message = EmailMessage()
    message["From"] = "Piet <piet@elders.example>"
    message["To"] = "vraag@vraagbaak.example"
    message["Subject"] = "VML"
    message.set_content(
        "<p>Hallo</p>" + "<v:shape " * count, subtype="html", cte="quoted-printable"
    )
    return message.as_bytes(policy=SMTP)


CORPUS = {
    "nested_rfc822": nested_rfc822,
    "nested_multipart": nested_multipart,
    "part_bomb": part_bomb,
    "huge_header": huge_header,
    "huge_body": huge_body,
    "redos_initials": redos_initials,
    "redos_apostrophes": redos_apostrophes,
    "redos_address_like": redos_address_like,
    "redos_quotes": redos_quotes,
    "html_bomb": html_bomb,
    "html_unclosed_tags": html_unclosed_tags,
}
