"""The three journeys of a mailed question (issue 15), typed into ``vraagbaak demo``: a citizen
who writes in directly, an employee who forwards a citizen's mail, and the citizen's reply to
the answer. Runs the demo in a fresh folder, mails into its SMTP listener, and prints the
terminal as it went and the mails as they landed in ``demo-outbox/``.

    .venv/bin/python scripts/demo_journeys.py [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import email
import os
import queue
import re
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

VRAAGBAAK = str(Path(sys.executable).with_name("vraagbaak"))
CITIZEN = "Anna de Boer <anna.deboer@example.com>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Demo:
    def __init__(self, folder: Path) -> None:
        self.smtp_port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("VRAAGBAAK_")}
        env["VRAAGBAAK_MAIL__SMTP_PORT"] = str(self.smtp_port)
        env["VRAAGBAAK_WEB__PORT"] = str(free_port())
        self.process = subprocess.Popen(
            [VRAAGBAAK, "demo"],
            cwd=folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.outbox = folder / "vraagbaak-data" / "demo-outbox"
        self.lines: queue.Queue[str] = queue.Queue()
        self.transcript: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str, timeout: float = 60.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if not line.startswith("20"):  # log lines are not what a person sees
                self.transcript.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"{pattern!r} not seen:\n" + "\n".join(self.transcript[-30:]))

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.transcript.append(f"> {line}")
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def mail(self, message: EmailMessage, to: str) -> None:
        self.transcript.append(f"(mail from {message['From']} to {to}: “{message['Subject']}”)")
        with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=30) as client:
            client.sendmail(str(message["From"]).split("<")[-1].rstrip(">"), [to], bytes(message))

    def sent_mails(self, count: int, timeout: float = 60.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            files = sorted(self.outbox.glob("*.eml"), key=lambda f: f.stat().st_mtime_ns)
            if len(files) >= count:
                return [read_mail(f.read_bytes()) for f in files]
            time.sleep(0.2)
        raise AssertionError(f"{count} mails not in {self.outbox}")

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(timeout=60)


def read_mail(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, _class=EmailMessage, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def plain(body: str, *, subject: str, sender: str, to: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.split("@")[-1].rstrip(">"))
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


FORWARD = """Hoi collega's,

Kan iemand hiernaar kijken? Ik bel mevrouw morgen terug.

Groet,
Anouk

Van: Anna de Boer <anna.deboer@example.com>
Verzonden: maandag 2 maart 2026 19:47
Aan: Gemeente Ermelo <info@ermelo.nl>
Onderwerp: Schutting bij de buren

Geachte heer/mevrouw,

Mijn buurman bouwt een schutting van drie meter hoog op de erfgrens. Heeft hij daar een
omgevingsvergunning voor nodig? Mijn telefoon is 06-12345678.

Met vriendelijke groet,
Anna de Boer
"""


def journeys(demo: Demo) -> list[EmailMessage]:
    demo.expect(r"e-mail: stuur een vraag")
    demo.expect(r"dashboard:")
    # 1. A citizen writes to the group's address herself.
    demo.transcript.append("\n=== 1. Een inwoner mailt zelf ===")
    demo.mail(
        plain(
            "Geachte heer, mevrouw,\n\nMijn buurman wil een dakkapel aan de voorkant bouwen. "
            "Heeft hij daarvoor een omgevingsvergunning nodig?\n\nMet vriendelijke groet,\n"
            "Anna de Boer",
            subject="Dakkapel bij de buren",
            sender=CITIZEN,
            to="omgevingswet@vraagbaak.example",
        ),
        "omgevingswet@vraagbaak.example",
    )
    held = demo.expect(r"Mail (\d+) van anna\.deboer@example\.com .* wacht op een moderator")
    number = held.group(1)
    demo.sent_mails(1)  # her receipt
    demo.type("/as Beheer")
    demo.type(f"/dm !mailvrijgeven {number}")
    demo.expect(r"is vrijgegeven en komt in")
    root = demo.expect(r"\[#omgevingswet\] \[(\d+)\] Vraagbaak: 📧").group(1)
    demo.expect(r"status: \*\*open\*\*")
    time.sleep(1.0)  # the thread is recorded just after it is shown
    demo.type("/in #omgevingswet")
    demo.type("/as Bram")
    demo.type(f"/reply {root} Ja. Een dakkapel aan de voorkant is vergunningplichtig.")
    answer = demo.expect(r"↳ \[(\d+)\] Bram de Vries: Ja\. Een dakkapel").group(1)
    demo.type("/as Beheer")
    demo.type(f"/react {answer} ✅")
    demo.expect(r"Voorbeeld van de antwoordmail")
    demo.expect(r"verstuurt niets")
    demo.type("/dm !versturen")
    demo.expect(r"status: \*\*gemaild\*\* — .* door Beheer Harderwijk", timeout=90)
    demo.sent_mails(2)

    # 2. An employee forwards a citizen's mail to the general address.
    demo.transcript.append("\n=== 2. Een medewerker stuurt een vraag door ===")
    demo.mail(
        plain(
            FORWARD,
            subject="FW: Schutting bij de buren",
            sender="Anouk Jansen <anouk.jansen@ermelo.nl>",
            to="vraag@vraagbaak.example",
        ),
        "vraag@vraagbaak.example",
    )
    root = demo.expect(r"\[#(\S+)\] \[(\d+)\] Vraagbaak: 📧 \*\*Vraag per e-mail: Schutting")
    room, root_number = root.group(1), root.group(2)
    demo.expect(r"status: \*\*open\*\*")
    demo.sent_mails(3)  # Anouk's receipt
    time.sleep(1.0)
    demo.type(f"/in #{room}")
    demo.type("/as Bram")
    demo.type(
        f"/reply {root_number} Ja, boven 2 meter op de erfgrens is een omgevingsvergunning "
        "nodig. (intern: even checken bij Joost)"
    )
    answer = demo.expect(r"↳ \[(\d+)\] Bram de Vries: Ja, boven 2 meter").group(1)
    demo.type("/as Anouk")
    demo.type(f"/react {answer} ✅")
    demo.expect(r"verstuurt niets")
    demo.type("/dm !aanpassen Ja, boven 2 meter op de erfgrens is een omgevingsvergunning nodig.")
    demo.expect(r"Aangepast voorbeeld")
    demo.expect(r"verstuurt niets")
    demo.type("/dm !versturen")
    demo.expect(r"status: \*\*gemaild\*\* — .* door Anouk Jansen", timeout=90)
    mails = demo.sent_mails(4)
    answer_mail = mails[-1]

    # 3. The citizen replies to the answer; her reply gets its own answer.
    demo.transcript.append("\n=== 3. De inwoner reageert op het antwoord ===")
    demo.mail(
        plain(
            "Dank u wel. En hoe lang duurt het voordat de gemeente beslist?\n\nAnna de Boer",
            subject=f"Re: {answer_mail['Subject']}",
            sender=CITIZEN,
            to=str(answer_mail["Reply-To"]),
            In_Reply_To=str(answer_mail["Message-ID"]),
            References=str(answer_mail["Message-ID"]),
        ),
        str(answer_mail["Reply-To"]),
    )
    demo.expect(r"Reactie van de vraagsteller per e-mail")
    demo.expect(r"reactie 1 · status: \*\*open\*\*")
    time.sleep(1.0)
    demo.type("/as Bram")
    demo.type(f"/reply {root_number} Binnen 8 weken; de gemeente mag dat één keer verlengen.")
    answer = demo.expect(r"↳ \[(\d+)\] Bram de Vries: Binnen 8 weken").group(1)
    demo.type("/as Anouk")
    demo.type(f"/react {answer} ✅")
    demo.expect(r"verstuurt niets")
    demo.type("/dm !versturen")
    demo.expect(r"reactie 1 · status: \*\*gemaild\*\*", timeout=90)
    return demo.sent_mails(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        demo = Demo(folder)
        try:
            mails = journeys(demo)
        finally:
            code = demo.close()
        print("\n".join(demo.transcript))
        print("\n=== De mails zoals ze aankwamen (demo-outbox/) ===")
        for message in mails:
            print("\n" + "-" * 72)
            for name in ("From", "To", "Cc", "Reply-To", "Subject", "Message-ID",
                         "In-Reply-To", "References", "Auto-Submitted"):  # fmt: skip
                if message[name] is not None:
                    print(f"{name}: {' '.join(str(message[name]).split())}")
            print()
            print(str(message.get_content()).replace("\r\n", "\n").rstrip())
        return code


if __name__ == "__main__":
    sys.exit(main())
