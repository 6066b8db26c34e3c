"""Chaos: ``vraagbaak run`` on PostgreSQL with mail intake over SMTP and Slack on loopback,
killed with SIGKILL at random moments and started again, round after round, while mail and
chat commands stream in. Afterwards every mail must have been posted exactly once, every
command answered exactly once, every accepted answer mailed exactly once.

Everything around the bot runs here, on 127.0.0.1: the mock Slack Web API (which keeps every
message the bot posted, with its metadata), signed Events API requests (sent again, with the
same ``event_id``, until the bot acknowledges them, as Slack does), an SMTP client handing mail
to the bot's listener (again until it says 250), and an SMTP sink as the smarthost. Used by
``benchmarks/chaos.py`` and, briefly, by ``tests/test_chaos.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import json
import os
import random
import re
import signal
import socket
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiohttp
import aiosmtplib
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from sqlalchemy import create_engine, text

from tests.adapters.slack.mock_slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    MockSlack,
    SlackUserRecord,
    event_envelope,
    sign,
)
from tests.mail import mails

ROOT = Path(__file__).resolve().parents[2]
GROUP_CHANNEL = "CSOCIAAL"  # where mailed questions become threads
COMMAND_CHANNEL = "CALGEMEEN"  # where people type commands
ANSWERER = SlackUserRecord("UBRAM", "Bram", "bram@harderwijk.nl")
TYPIST = SlackUserRecord("UANOUK", "Anouk", "anouk@ermelo.nl")
# The bot's words in the thread (handlers/email_questions.py): the ✅ taken, the mail sent.
# Issue 15: one status line per mailed question, edited in place as the answer moves on.
STATUS_MARK = "📬"
MAILED_MARK = "gemaild"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Options:
    rounds: int = 20
    min_up: float = 3.0  # seconds the bot runs before a kill, at least (once it listens)
    max_up: float = 9.0
    mail_every: float = 1.5  # seconds between new mails
    command_every: float = 0.5  # seconds between new commands
    accept_share: float = 0.6  # of the posted mails, the share whose answer is accepted
    settle: float = 240.0  # seconds to wait, at the end, for everything to be done
    seed: int = 1
    admin_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    log: Path | None = None  # the bot's output, all rounds
    keep: bool = False  # keep the database afterwards (to look into it)
    # Right before each kill, this many commands at once, and the kill 0–0.3 s later: the
    # kill lands while they are being handled.
    burst: int = 0


@dataclass
class Tally:
    """One kind of work: how many there were, and how many were done twice or never."""

    name: str
    expected: int = 0
    duplicates: int = 0
    losses: int = 0


@dataclass
class Report:
    rounds: int = 0
    kills: int = 0
    seconds: float = 0.0
    tallies: list[Tally] = field(default_factory=list)
    # The same mail (same Message-ID) handed to the smarthost twice: SMTP has no
    # idempotency key (see bot/mail/outbox.py); counted here, not as a duplicate answer.
    same_message_id_twice: int = 0
    slowest_answer_after_kill: float = 0.0
    # Commands acknowledged before a kill and answered after it: seconds from the restart
    # (the bot listening again) to the answer.
    resumed: list[float] = field(default_factory=list)
    # What the kills left half done and the next process finished, from the bot's log.
    recovered: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return all(t.duplicates == 0 and t.losses == 0 for t in self.tallies)

    def lines(self) -> list[str]:
        out = [
            f"rounds {self.rounds}, kills {self.kills} (SIGKILL), {self.seconds:.0f} s",
        ]
        for tally in self.tallies:
            out.append(
                f"{tally.name:<28} {tally.expected:>5}   duplicates {tally.duplicates}"
                f"   losses {tally.losses}"
            )
        out.append(
            f"mails handed to the smarthost twice (same Message-ID): {self.same_message_id_twice}"
        )
        out.append(
            f"slowest answer to a command acknowledged before a kill: "
            f"{self.slowest_answer_after_kill:.1f} s after it was acknowledged"
        )
        if self.resumed:
            ordered = sorted(self.resumed)
            out.append(
                f"commands pending at a kill: {len(ordered)}, answered after the restart in "
                f"p50 {ordered[len(ordered) // 2]:.1f} s, max {ordered[-1]:.1f} s"
            )
        out.append(
            "left half done by a kill and finished by the next process: "
            + ", ".join(f"{what} {count}" for what, count in self.recovered.items())
        )
        out.extend(self.notes)
        return out


class Sink:
    """The smarthost: keeps every mail the bot hands over."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(  # noqa: N802 (aiosmtpd's name)
        self, server: object, session: object, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        self.messages.append(
            email.message_from_bytes(bytes(raw), _class=EmailMessage, policy=policy.default)
        )
        return "250 OK"


@dataclass
class MailItem:
    number: int
    subject: str
    sender: SlackUserRecord
    message_id: str
    raw: bytes
    accepted_at: float | None = None  # the bot's listener said 250
    accept_answer: bool = False
    answer_ts: str | None = None
    acceptance_acked_at: float | None = None


@dataclass
class CommandItem:
    ts: str
    event_id: str
    created_at: float
    acked_at: float | None = None
    kills_before_answer: int = 0


class Chaos:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.random = random.Random(options.seed)
        self.mock = MockSlack(
            users={u.id: u for u in (ANSWERER, TYPIST)},
            channels={GROUP_CHANNEL: "sociaal-domein", COMMAND_CHANNEL: "algemeen"},
        )
        self.sink = Sink()
        self.ports = {name: free_port() for name in ("slack", "smtp", "sink", "health", "web")}
        self.database = f"vraagbaak_chaos_{uuid.uuid4().hex[:10]}"
        self.folder = Path(tempfile.mkdtemp(prefix="vraagbaak-chaos-"))
        self.process: asyncio.subprocess.Process | None = None
        self.mails: list[MailItem] = []
        self.commands: list[CommandItem] = []
        self.report = Report()
        self.streaming = True
        self.kill_times: list[float] = []
        self.start_times: list[float] = []
        self._http: aiohttp.ClientSession | None = None
        self._log = None

    # --- the world -----------------------------------------------------------------------------
    @property
    def database_url(self) -> str:
        base = self.options.admin_url.rsplit("/", 1)[0]
        return f"{base}/{self.database}"

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.options.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(statement))
        engine.dispose()

    def _config(self) -> Path:
        config = {
            "bot": {"language": "nl", "log_level": "INFO", "data_dir": str(self.folder)},
            "database": {"url": self.database_url},
            "organisations": [
                {"id": "ermelo", "name": "Gemeente Ermelo", "domains": ["ermelo.nl"]},
                {"id": "harderwijk", "name": "Gemeente Harderwijk", "domains": ["harderwijk.nl"]},
            ],
            "groups": [
                {
                    "id": "sociaal-domein",
                    "name": "Sociaal domein",
                    "description": "Wmo, Jeugdwet, Participatiewet, bijstand",
                    "keywords": ["wmo", "bijstand"],
                    "email": "sociaal-domein@vraagbaak.example",
                    "slack_channel": GROUP_CHANNEL,
                    # A ✅ mails the answer at once: the stream has nobody to say !versturen.
                    "answer_preview": False,
                }
            ],
            "mail": {
                "general_address": "vraag@vraagbaak.example",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.ports["smtp"],
                "outgoing_host": "127.0.0.1",
                "outgoing_port": self.ports["sink"],
                "trusted_authserv_ids": ["mx.vraagbaak.test"],
                "trusted_relays": ["127.0.0.1/32"],
                "dkim_verify": False,
                "spf_verify": False,
                "max_per_sender_hour": 1000,
                "max_per_domain_hour": 100000,
            },
            "slack": {
                "bot_token": BOT_TOKEN,
                "signing_secret": SIGNING_SECRET,
                "host": "127.0.0.1",
                "port": self.ports["slack"],
                "api_url": self.mock.api_url,
                "outbox_interval": 1.0,
            },
            "web": {"host": "127.0.0.1", "port": self.ports["web"]},
        }
        path = self.folder / "vraagbaak.toml"
        path.write_text(_toml(config), encoding="utf-8")
        return path

    async def __aenter__(self) -> Chaos:
        await self.mock.start()
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.ports["sink"])
        self._controller.start()
        await asyncio.to_thread(self._admin, f'CREATE DATABASE "{self.database}"')
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3))
        log = self.options.log or self.folder / "bot.log"
        self._log = log.open("ab")
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop_bot()
        if self._http is not None:
            await self._http.close()
        self._controller.stop()
        await self.mock.stop()
        if self._log is not None:
            self._log.close()
        if self.options.keep:
            print(f"database kept: {self.database_url}")
            return
        await asyncio.to_thread(
            self._admin, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'
        )

    # --- the bot process -----------------------------------------------------------------------
    async def start_bot(self) -> None:
        config = self._config()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        env.pop("VRAAGBAAK_CONFIG", None)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            "--health-port", str(self.ports["health"]),
            cwd=self.folder, env=env, stdout=self._log, stderr=self._log,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.returncode is not None:
                raise RuntimeError(f"vraagbaak run exited (code {self.process.returncode})")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.ports["slack"])
                writer.close()
                await writer.wait_closed()
                self.start_times.append(time.monotonic())
                return
            except OSError:
                await asyncio.sleep(0.1)
        raise RuntimeError("vraagbaak run did not listen within 90 s")

    async def kill_bot(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()
            self.report.kills += 1
            self.kill_times.append(time.monotonic())

    async def stop_bot(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()

    # --- the stream ----------------------------------------------------------------------------
    async def _event(self, event: dict[str, Any], event_id: str) -> float:
        """Deliver an Events API request until the bot acknowledges it (Slack retries a
        request that got no 200 within 3 seconds, with the same event_id)."""
        assert self._http is not None
        body = json.dumps(event_envelope(event, event_id=event_id))
        url = f"http://127.0.0.1:{self.ports['slack']}/slack/events"
        retry = 0
        while True:
            headers = {**sign(body), "Content-Type": "application/json"}
            if retry:
                headers["X-Slack-Retry-Num"] = str(retry)
                headers["X-Slack-Retry-Reason"] = "http_timeout"
            try:
                async with self._http.post(url, data=body.encode(), headers=headers) as answer:
                    if answer.status == 200:
                        return time.monotonic()
            except (aiohttp.ClientError, TimeoutError):
                pass
            retry += 1
            await asyncio.sleep(0.5)

    async def _send_commands(self) -> None:
        while self.streaming:
            self._new_command()
            await asyncio.sleep(self.random.uniform(0.5, 1.5) * self.options.command_every)

    def _new_command(self) -> None:
        number = len(self.commands) + 1
        ts = f"1700{number:06d}.000100"
        item = CommandItem(ts, f"EvCMD{number:06d}", time.monotonic())
        self.commands.append(item)
        asyncio.get_running_loop().create_task(self._deliver_command(item))

    async def _deliver_command(self, item: CommandItem) -> None:
        event = {
            "type": "message",
            "channel_type": "channel",
            "user": TYPIST.id,
            "text": "!hulp",
            "ts": item.ts,
            "channel": COMMAND_CHANNEL,
            "event_ts": item.ts,
        }
        item.acked_at = await self._event(event, item.event_id)

    async def _send_mails(self) -> None:
        number = 0
        while self.streaming:
            number += 1
            sender = SlackUserRecord(f"UASK{number:05d}", f"Vrager {number}", None)
            address = f"vrager{number}@ermelo.nl"
            sender.email = address
            self.mock.users[sender.id] = sender
            subject = f"Vraag {number} over de bijstand"
            message = mails.plain(
                f"Beste collega's,\n\nHoe werkt de bijstand bij een erfenis? (vraag {number})\n",
                subject=subject,
                sender=f"Vrager {number} <{address}>",
                to="sociaal-domein@vraagbaak.example",
            )
            item = MailItem(number, subject, sender, str(message["Message-ID"]), bytes(message))
            item.accept_answer = self.random.random() < self.options.accept_share
            self.mails.append(item)
            asyncio.get_running_loop().create_task(self._deliver_mail(item))
            await asyncio.sleep(self.random.uniform(0.5, 1.5) * self.options.mail_every)

    async def _deliver_mail(self, item: MailItem) -> None:
        """Hand the mail to the bot's SMTP listener until it answers 250."""
        while True:
            try:
                await aiosmtplib.send(
                    item.raw,
                    sender=f"vrager{item.number}@ermelo.nl",
                    recipients=["sociaal-domein@vraagbaak.example"],
                    hostname="127.0.0.1",
                    port=self.ports["smtp"],
                    timeout=10,
                )
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                await asyncio.sleep(0.5)
                continue
            item.accepted_at = time.monotonic()
            break
        if item.accept_answer:
            await self._answer_and_accept(item)

    async def _answer_and_accept(self, item: MailItem) -> None:
        """A colleague answers in the thread; the asker accepts that answer with ✅."""
        root = await self._thread_of(item)
        answer_ts = f"1750{item.number:06d}.000200"
        item.answer_ts = answer_ts
        await self._event(
            {
                "type": "message",
                "channel_type": "channel",
                "user": ANSWERER.id,
                "text": f"Bij een erfenis telt die als vermogen (antwoord {item.number}).",
                "ts": answer_ts,
                "thread_ts": root,
                "channel": GROUP_CHANNEL,
                "event_ts": answer_ts,
            },
            f"EvANS{item.number:06d}",
        )
        await self._recorded(answer_ts)
        item.acceptance_acked_at = await self._event(
            {
                "type": "reaction_added",
                "user": item.sender.id,
                "reaction": "white_check_mark",
                "item": {"type": "message", "channel": GROUP_CHANNEL, "ts": answer_ts},
                "event_ts": f"1760{item.number:06d}.000300",
            },
            f"EvACC{item.number:06d}",
        )

    async def _thread_of(self, item: MailItem) -> str:
        while True:
            roots = self._roots(item)
            if roots:
                return str(roots[0]["ts"])
            await asyncio.sleep(0.3)

    async def _recorded(self, external_id: str) -> None:
        """Until the bot has stored the answer (the ✅ refers to it)."""

        def stored() -> bool:
            engine = create_engine(self.database_url)
            try:
                with engine.connect() as conn:
                    found = conn.execute(
                        text("SELECT 1 FROM message WHERE external_id = :id"), {"id": external_id}
                    ).first()
            finally:
                engine.dispose()
            return found is not None

        while True:  # polling another process's database
            if await asyncio.to_thread(stored):
                return
            await asyncio.sleep(0.5)

    # --- what happened -------------------------------------------------------------------------
    def _roots(self, item: MailItem) -> list[dict[str, Any]]:
        return [
            m
            for m in self.mock.posted(GROUP_CHANNEL)
            if not m.get("thread_ts") and f"Vraag {item.number} over de bijstand" in str(m["text"])
        ]

    def _answers_to(self, ts: str) -> list[dict[str, Any]]:
        return [m for m in self.mock.posted(COMMAND_CHANNEL) if m.get("thread_ts") == ts]

    def _answer_mails(self, item: MailItem) -> list[EmailMessage]:
        return [
            m
            for m in self.sink.messages
            if str(m["In-Reply-To"] or "") == item.message_id
            and str(m["Subject"] or "").startswith("Antwoord:")
        ]

    def _done(self) -> bool:
        accepted = [m for m in self.mails if m.accepted_at is not None]
        acked = [c for c in self.commands if c.acked_at is not None]
        return (
            all(self._roots(m) for m in accepted)
            and all(self._answers_to(c.ts) for c in acked)
            and all(self._answer_mails(m) for m in accepted if m.acceptance_acked_at is not None)
            and all(self._shown_mailed(m) for m in accepted if m.acceptance_acked_at)
            and all(m.accepted_at is not None for m in self.mails)
            and all(c.acked_at is not None for c in self.commands)
            and all(m.acceptance_acked_at is not None for m in self.mails if m.accept_answer)
        )

    def _said(self, item: MailItem, mark: str) -> int:
        """How often the bot said ``mark`` in the mail's thread."""
        roots = self._roots(item)
        if not roots:
            return 0
        return sum(
            mark in str(m["text"])
            for m in self.mock.posted(GROUP_CHANNEL)
            if m.get("thread_ts") == roots[0]["ts"]
        )

    def _shown_mailed(self, item: MailItem) -> bool:
        """The thread's status line reached "gemaild": edited in place (``chat.update``), or
        posted anew where it could not be edited."""
        roots = self._roots(item)
        if not roots:
            return False
        lines = [
            m
            for m in self.mock.posted(GROUP_CHANNEL)
            if m.get("thread_ts") == roots[0]["ts"] and STATUS_MARK in str(m["text"])
        ]
        stamps = {str(m.get("ts")) for m in lines}
        edited = any(
            MAILED_MARK in str(c.args.get("text", ""))
            for c in self.mock.of("chat.update")
            if str(c.args.get("ts")) in stamps and c.response.get("ok")
        )
        return edited or any(MAILED_MARK in str(m["text"]) for m in lines)

    def _recovered(self, log: Path) -> None:
        """Counted from the bot's log: work a killed process left, taken over."""
        marks = {
            "inbox events": "inbox events taken over",
            "posts": "post of a process that ended taken over",
            "mails": "mail of a process that ended taken over",
            "Slack posts found, not posted again": "slack post found, not posted again",
        }
        counts = dict.fromkeys(marks, 0)
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            for what, mark in marks.items():
                if mark in line:
                    found = re.search(r"count=(\d+)", line)
                    counts[what] += int(found.group(1)) if found else 1
        self.report.recovered = counts

    def _tally(self) -> None:
        accepted = [m for m in self.mails if m.accepted_at is not None]
        posted = Tally("mails posted as a thread", len(accepted))
        for item in accepted:
            count = len(self._roots(item))
            posted.duplicates += max(0, count - 1)
            posted.losses += count == 0
        acked = [c for c in self.commands if c.acked_at is not None]
        answered = Tally("commands answered", len(acked))
        for command in acked:
            answers = self._answers_to(command.ts)
            answered.duplicates += max(0, len(answers) - 1)
            answered.losses += not answers
        accepting = [m for m in accepted if m.acceptance_acked_at is not None]
        mailed = Tally("accepted answers mailed", len(accepting))
        seen: dict[str, int] = {}
        for message in self.sink.messages:
            key = str(message["Message-ID"])
            seen[key] = seen.get(key, 0) + 1
        for item in accepting:
            ids = {str(m["Message-ID"]) for m in self._answer_mails(item)}
            mailed.duplicates += max(0, len(ids) - 1)
            mailed.losses += not ids
        status = Tally("status lines posted", len(accepted))
        for item in accepted:
            count = self._said(item, STATUS_MARK)
            status.duplicates += max(0, count - 1)
            status.losses += count == 0
        notices = Tally("status line says 'gemaild'", len(accepting))
        for item in accepting:
            notices.losses += not self._shown_mailed(item)
        self.report.tallies = [posted, answered, mailed, status, notices]
        self.report.same_message_id_twice = sum(count - 1 for count in seen.values() if count > 1)
        slowest = 0.0
        for command in acked:
            answers = self._answers_to(command.ts)
            if not answers or command.acked_at is None:
                continue
            killed_after = [k for k in self.kill_times if k > command.acked_at]
            calls = [
                c.at
                for c in self.mock.of("chat.postMessage")
                if c.args.get("thread_ts") == command.ts and c.response.get("ok")
            ]
            if killed_after and calls and min(calls) > killed_after[0]:
                slowest = max(slowest, min(calls) - command.acked_at)
                restart = min(t for t in self.start_times if t > killed_after[0])
                self.report.resumed.append(min(calls) - restart)
        self.report.slowest_answer_after_kill = slowest

    # --- the run -------------------------------------------------------------------------------
    async def run(self) -> Report:
        started = time.monotonic()
        streams = [
            asyncio.create_task(self._send_commands()),
            asyncio.create_task(self._send_mails()),
        ]
        try:
            for _ in range(self.options.rounds):
                await self.start_bot()
                self.report.rounds += 1
                await asyncio.sleep(self.random.uniform(self.options.min_up, self.options.max_up))
                for _ in range(self.options.burst):
                    self._new_command()
                if self.options.burst:
                    await asyncio.sleep(self.random.uniform(0.0, 0.3))
                await self.kill_bot()
                await asyncio.sleep(self.random.uniform(0.0, 0.5))
            self.streaming = False
            await self.start_bot()  # the last round runs to the end, unkilled
            self.report.rounds += 1
            deadline = time.monotonic() + self.options.settle
            while time.monotonic() < deadline:  # polling what the bot did
                if self._done():
                    break
                await asyncio.sleep(1.0)
            if not self._done():
                self.report.notes.append("not everything was done when the wait ran out")
            await asyncio.sleep(5.0)  # a late duplicate would show now
        finally:
            self.streaming = False
            for task in streams:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*streams)
        await self.stop_bot()
        self.report.seconds = time.monotonic() - started
        self._tally()
        if self._log is not None:
            self._log.flush()
            self._recovered(Path(self._log.name))
        return self.report


def _toml(data: dict[str, Any]) -> str:
    """Just enough TOML for the configuration above (tables, arrays of tables, scalars,
    lists of strings)."""
    lines: list[str] = []

    def scalar(value: Any) -> str:
        return json.dumps(value) if not isinstance(value, bool) else str(value).lower()

    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for entry in value:
                lines.append(f"[[{key}]]")
                lines.extend(f"{k} = {scalar(v)}" for k, v in entry.items())
        elif isinstance(value, dict):
            lines.append(f"[{key}]")
            lines.extend(f"{k} = {scalar(v)}" for k, v in value.items())
    return "\n".join(lines) + "\n"


async def run_chaos(options: Options) -> Report:
    async with Chaos(options) as chaos:
        return await chaos.run()
