"""Render each letter as the mail clients people use would send it: plain text, HTML only,
``format=flowed`` with soft line breaks, a reply above a quoted chain, and forwarded by a
colleague the Outlook or the Gmail way. Each letter gets two forms, so the corpus has twice as
many mails as letters; the half a letter falls in (``tune`` or ``held_out``) is fixed by its
position, so the split never changes between runs.

``python -m tests.mail.pii_corpus.build DIR`` writes the mails as ``.eml`` files plus
``expected.json`` (for ``vraagbaak email parse --json`` runs and the benchmark)."""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from tests.mail.pii_corpus.letters import FRESH, LETTERS, Letter

COLLEAGUE = ("Mark Hendriks", "m.hendriks@ermelo.nl")
# People the chat knows: their names must stay in the thread.
CHAT_PEOPLE = ["Anouk Jansen", "Bram van der Meer", "Mark Hendriks"]
GROUP_ADDRESS = "sociaal-domein@vraagbaak.example"
SENT = datetime(2026, 3, 2, 9, 41, tzinfo=UTC)


@dataclass(frozen=True)
class CorpusMail:
    name: str
    letter: Letter
    form: str
    half: str  # "tune", "held_out" or "fresh" (written after tuning, never tuned on)
    raw: bytes

    @property
    def pii(self) -> list[tuple[str, str]]:
        return self.letter.pii + [item for _, items in self.letter.files for item in items]


def _message(letter: Letter, sender: tuple[str, str], subject: str) -> EmailMessage:
    message = EmailMessage()
    name, address = sender
    message["From"] = f'"{name}" <{address}>' if name else address
    message["To"] = GROUP_ADDRESS
    message["Subject"] = subject
    message["Date"] = format_datetime(SENT)
    message["Message-ID"] = make_msgid(domain=address.rsplit("@", 1)[-1])
    return message


def _attach(message: EmailMessage, letter: Letter) -> EmailMessage:
    for filename, _ in letter.files:
        if filename.endswith(".jpg"):
            message.add_attachment(b"\xff\xd8\xff" + b"0" * 30_000, maintype="image",
                                   subtype="jpeg", filename=filename)  # fmt: skip
        else:
            message.add_attachment(b"%PDF-1.4 scan", maintype="application",
                                   subtype="octet-stream", filename=filename)  # fmt: skip
    return message


def _citizen(letter: Letter) -> tuple[str, str]:
    return letter.name, letter.email


def plain(letter: Letter) -> EmailMessage:
    message = _message(letter, _citizen(letter), letter.subject)
    message.set_content(letter.body)
    return _attach(message, letter)


def _html_body(text: str) -> str:
    parts: list[str] = []
    rows: list[str] = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        for line in lines:
            if line.startswith("|") and line.endswith("|"):
                cells = [c.strip() for c in line.strip("|").split("|")]
                rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
        if rows and all(line.startswith("|") for line in lines if line):
            parts.append("<table border=1>" + "".join(rows) + "</table>")
            rows = []
            continue
        rows = []
        body = "<br>\n".join(html.escape(line) for line in lines)
        # Bold written as **x** becomes <b>x</b>, the way a client would send it.
        body = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", body)
        parts.append(f'<p class="MsoNormal">{body}</p>')
    return (
        "<html><head><style>p {margin:0}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )


def html_only(letter: Letter) -> EmailMessage:
    message = _message(letter, _citizen(letter), letter.subject)
    message.set_content(_html_body(letter.body), subtype="html")
    return _attach(message, letter)


def _flow(text: str, width: int = 38) -> str:
    """RFC 3676 soft breaks: long lines end in a space and go on on the next line."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[: cut + 1])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def flowed(letter: Letter) -> EmailMessage:
    message = _message(letter, _citizen(letter), letter.subject)
    message.set_content(_flow(letter.body), cte="quoted-printable")
    message.set_param("format", "flowed")
    return _attach(message, letter)


def reply_chain(letter: Letter) -> EmailMessage:
    quoted = (
        "Geachte heer/mevrouw,\n\nHartelijk dank voor uw bericht. Wij nemen binnen vijf "
        "werkdagen contact met u op.\n\nMet vriendelijke groet,\nKlantcontactcentrum"
    )
    body = (
        f"{letter.body}\n\nOp ma 2 mrt 2026 om 09:12 schreef Gemeente Ermelo "
        f"<info@ermelo.nl>:\n" + "\n".join("> " + line for line in quoted.split("\n"))
    )
    message = _message(letter, _citizen(letter), "Re: " + letter.subject)
    message.set_content(body)
    return _attach(message, letter)


def _note(letter: Letter) -> str:
    return (
        "Hoi collega's,\n\nKan iemand hiernaar kijken? Ik weet het antwoord niet zeker.\n\n"
        f"Met vriendelijke groet,\n\n{COLLEAGUE[0]}\nKlantcontactcentrum | Gemeente Ermelo\n"
        "T 14 0341"
    )


def outlook_forward(letter: Letter) -> EmailMessage:
    sender = f"{letter.name} <{letter.email}>" if letter.name else letter.email
    body = (
        f"{_note(letter)}\n\n________________________________\nVan: {sender}\n"
        f"Verzonden: maandag 2 maart 2026 09:41\nAan: Gemeente Ermelo <info@ermelo.nl>\n"
        f"Onderwerp: {letter.subject}\n\n{letter.body}"
    )
    message = _message(letter, COLLEAGUE, "FW: " + letter.subject)
    message.set_content(body)
    return _attach(message, letter)


def gmail_forward(letter: Letter) -> EmailMessage:
    sender = f"{letter.name} <{letter.email}>" if letter.name else letter.email
    body = (
        f"{_note(letter)}\n\n---------- Forwarded message ---------\nFrom: {sender}\n"
        f"Date: Mon, 2 Mar 2026 at 09:41\nSubject: {letter.subject}\nTo: <info@ermelo.nl>\n\n"
        f"{letter.body}"
    )
    message = _message(letter, COLLEAGUE, "Fwd: " + letter.subject)
    message.set_content(body)
    return _attach(message, letter)


FORMS: list[tuple[str, Callable[[Letter], EmailMessage]]] = [
    ("plain", plain),
    ("outlook-forward", outlook_forward),
    ("html-only", html_only),
    ("gmail-forward", gmail_forward),
    ("flowed", flowed),
    ("reply-chain", reply_chain),
]


def corpus() -> list[CorpusMail]:
    mails: list[CorpusMail] = []
    for index, letter in enumerate(LETTERS + FRESH):
        half = "fresh" if index >= len(LETTERS) else "tune" if index % 2 == 0 else "held_out"
        for step in (0, 1):
            form, render = FORMS[(index + step * 3) % len(FORMS)]
            raw = bytes(render(letter))
            mails.append(CorpusMail(f"{letter.id}.{form}.eml", letter, form, half, raw))
    return mails


def write(directory: Path) -> None:
    (directory / "emails").mkdir(parents=True, exist_ok=True)
    expected = {}
    for mail in corpus():
        (directory / "emails" / mail.name).write_bytes(mail.raw)
        expected[mail.name] = {
            "half": mail.half,
            "pii": [{"type": kind, "value": value} for kind, value in mail.pii],
            "must_contain": mail.letter.keep,
        }
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "pii-corpus"))
