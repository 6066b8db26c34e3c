"""`vraagbaak demo` with e-mail: mail a question to the demo's SMTP listener, see the thread,
accept an answer, find the reply mail in the demo outbox folder. And: the demo still works
(exit 0) when the SMTP port is taken."""

from __future__ import annotations

import os
import queue
import re
import smtplib
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.mail import mails

VRAAGBAAK = str(Path(sys.executable).with_name("vraagbaak"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VRAAGBAAK_")}
    env["VRAAGBAAK_MAIL__SMTP_PORT"] = str(port)
    return env


class Demo:
    def __init__(self, cwd: Path, port: int) -> None:
        self.process = subprocess.Popen(
            [VRAAGBAAK, "demo"],
            cwd=cwd,
            env=_env(port),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"{pattern!r} not seen; output:\n" + "\n".join(self.seen[-40:]))

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(timeout=30)


def test_demo_mail_to_thread_and_answer_to_outbox(tmp_path: Path) -> None:
    port = _free_port()
    demo = Demo(tmp_path, port)
    try:
        demo.expect(r"e-mail: stuur een vraag")
        question = mails.plain(
            "Beste collega's,\n\nHoe gaan jullie om met een traplift in de Wmo?\n\nGroet,\nAnouk",
            subject="Traplift",
            sender="Anouk Jansen <anouk.jansen@ermelo.nl>",
        )
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("anouk.jansen@ermelo.nl", ["vraag@vraagbaak.example"], bytes(question))
        root = demo.expect(r"\[#sociaal-domein\] \[(\d+)\] Vraagbaak: 📧").group(1)
        # The thread is recorded just after it is shown (no transaction is held while
        # posting); a person reads before answering.
        time.sleep(1.0)
        demo.type("/in #sociaal-domein")
        demo.type("/as Bram")
        demo.type(f"/reply {root} Wij kennen hem meestal toe na een huisbezoek.")
        answer = demo.expect(r"↳ \[(\d+)\] Bram de Vries: Wij kennen").group(1)
        demo.type("/as Anouk")
        demo.type(f"/react {answer} ✅")
        # Anouk sees the mail privately first, and sends it.
        demo.expect(r"\[privé → Anouk Jansen\] \[\d+\] Vraagbaak: 📧 \*\*Voorbeeld")
        demo.type("/dm !versturen")
        demo.expect(r"status: \*\*gemaild\*\* — .* door Anouk Jansen")
    finally:
        code = demo.close()
    assert code == 0
    outbox = sorted((tmp_path / "vraagbaak-data" / "demo-outbox").glob("*.eml"))
    bodies = [p.read_text(encoding="utf-8", errors="replace") for p in outbox]
    assert len(outbox) == 2  # the receipt and the answer
    answer_mail = next(body for body in bodies if "huisbezoek" in body)
    assert "In-Reply-To:" in answer_mail
    assert "From: Gemeente Ermelo <vraag@ermelo.nl>" in answer_mail


def test_demo_carries_on_when_the_smtp_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = int(blocker.getsockname()[1])
        result = subprocess.run(
            [VRAAGBAAK, "demo"],
            cwd=tmp_path,
            env=_env(port),
            input="!hulp\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert f"poort {port} is bezet" in result.stdout
    assert "!antwoord" in result.stdout  # the help still came
