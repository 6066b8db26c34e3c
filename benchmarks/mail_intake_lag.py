"""Event-loop lag while the hostile corpus (tests/mail/hostile.py) comes in over SMTP.

Starts the mail component (SMTP listener on loopback, intake loop, worker process) with a
recording chat adapter on a temporary SQLite database, sends every hostile mail followed by
a normal one, and meanwhile samples the loop's lag: a task asks to sleep 10 ms and records
how late it wakes. Prints p50/p99/max lag, the slowest SMTP answer and how each mail ended.

``--mode thread`` understands mail in a thread of the bot's process instead (how intake
worked before issue 11), for comparison.

    python benchmarks/mail_intake_lag.py [--mode process|thread] [--seconds 10] [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import smtplib
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import select

from bot.core.config import parse_config
from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.mail.understand import MailReader, Understanding
from bot.startup.app import build_bot
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel
from tests.conftest import BASE_CONFIG
from tests.mail import hostile, mails
from tests.support.recording_adapter import RecordingAdapter

TICK = 0.010


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def sample_lag(samples: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        started = loop.time()
        await asyncio.sleep(TICK)
        samples.append(loop.time() - started - TICK)


def smtp_send(port: int, raw: bytes) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as client:
        client.sendmail("x@elders.example", ["sociaal-domein@vraagbaak.example"], raw)
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(mode: str, seconds: float, workdir: Path) -> dict[str, Any]:
    config = parse_config(
        {
            **BASE_CONFIG,
            "database": {"url": f"sqlite:///{workdir / 'lag.db'}"},
            "mail": {
                **BASE_CONFIG["mail"],  # type: ignore[dict-item]
                "smtp_port": free_port(),
                "understand_seconds": seconds,
                "understand_attempts": 1,
            },
        },
        "(benchmark)",
    )
    bot = build_bot(config)
    await bot.prepare()
    bot.services.adapters.add(RecordingAdapter())
    async with bot.services.db.session() as session:
        session.add(
            Channel(platform="test", external_id="C-SOC", name="#s", group_id="sociaal-domein")
        )
        await session.commit()
    outbox = workdir / "outbox"
    component = MailComponent(bot, outbox_folder=outbox, interval=0.2)
    if mode == "thread":
        reader = MailReader(config)

        async def in_thread(raw: bytes, recipients: list[str], source: str) -> Understanding:
            return await asyncio.to_thread(reader.read, raw, recipients, source)

        component.desk.worker.read = in_thread  # type: ignore[method-assign]
    await component.start()
    if mode == "process":
        await component.desk.worker.read(b"From: a@b.nl\r\n\r\nwarm-up\r\n", [], "imap")
    assert component.listener is not None
    port = component.listener.port
    samples: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_lag(samples, stop))
    corpus = [(name, make()) for name, make in hostile.CORPUS.items()]
    corpus.append(("normal", bytes(mails.plain("Hoe werkt de Wmo bij een traplift?"))))
    smtp_times: list[float] = []
    refused: list[str] = []
    started = time.perf_counter()
    for name, raw in corpus:
        try:
            smtp_times.append(await asyncio.to_thread(smtp_send, port, raw))
        except smtplib.SMTPException as exc:
            # Refused at the SMTP edge (a line over 1,000 bytes): it could still come in
            # over IMAP, so store it as the IMAP poller would.
            refused.append(f"{name}: {exc}")
            await store_raw(bot.services.db, raw, recipients=[], source="imap")
            component.desk.wake.set()
    deadline = time.monotonic() + seconds * len(corpus) + 60
    while time.monotonic() < deadline:
        async with bot.services.db.session() as session:
            rows = list((await session.exec(select(InboundEmail).order_by(InboundEmail.id))).all())
        if len(rows) == len(corpus) and all(r.status != InboundStatus.RECEIVED for r in rows):
            break
        await asyncio.sleep(0.2)
    elapsed = time.perf_counter() - started
    stop.set()
    await sampler
    await component.stop()
    await bot.close()
    outcome = {
        name: f"{row.status.value}/{row.parsed.get('action', '')}"
        for (name, _), row in zip(corpus, rows, strict=False)
    }
    return {
        "lag_p50_ms": statistics.median(samples) * 1000,
        "lag_p99_ms": percentile(samples, 0.99) * 1000,
        "lag_max_ms": max(samples) * 1000,
        "smtp_max_s": max(smtp_times),
        "elapsed_s": elapsed,
        "outcome": outcome,
        "refused": refused,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["process", "thread"], default="process")
    parser.add_argument("--seconds", type=float, default=10.0, help="per-mail time budget")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    results = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(asyncio.run(run(args.mode, args.seconds, Path(tmp))))
    for key in ("lag_p50_ms", "lag_p99_ms", "lag_max_ms", "smtp_max_s", "elapsed_s"):
        values = [r[key] for r in results]
        print(
            f"{key:12s} median {statistics.median(values):9.1f}  (rounds: "
            + ", ".join(f"{v:.1f}" for v in values)
            + ")"
        )
    for line in results[-1]["refused"]:
        print(f"refused by SMTP, stored as from IMAP: {line}")
    print("outcome (last round):")
    for name, how in results[-1]["outcome"].items():
        print(f"  {name:20s} {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
