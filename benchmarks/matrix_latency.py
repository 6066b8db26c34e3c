"""Reaction time on a local Synapse: a person sends ``!hulp`` and waits for the answer.

Measured for Vraagbaak (the real component, SQLite database) and, in the same run on the
same Synapse, for a bare matrix-nio echo bot that answers ``!hulp`` in the thread without
any work (the floor). Prints p50/p95 of both and the ratio of the medians.

    .venv/bin/python benchmarks/matrix_latency.py [--rounds 60] [--warmup 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nio import (  # noqa: E402
    AsyncClient,
    AsyncClientConfig,
    RoomCreateResponse,
    RoomMessageText,
    RoomSendResponse,
)
from nio.events import Event as NioEvent  # noqa: E402

from bot.adapters.matrix.component import MatrixComponent  # noqa: E402
from bot.adapters.matrix.config import parse_matrix_settings  # noqa: E402
from bot.core.config import parse_config  # noqa: E402
from bot.core.logs import configure_logging  # noqa: E402
from bot.startup.app import build_bot  # noqa: E402
from tests.adapters.matrix.synapse_server import RegisteredUser, SynapseServer  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class EchoBot:
    """The floor: answers ``!hulp`` in the thread as a notice, nothing else."""

    def __init__(self, url: str, account: RegisteredUser) -> None:
        self.client = AsyncClient(url, account.user_id, config=AsyncClientConfig())
        self.client.restore_login(account.user_id, account.device_id, account.access_token)
        self.client.add_event_callback(self._on_message, RoomMessageText)
        self.task: asyncio.Task[Any] | None = None

    async def _on_message(self, room: Any, event: RoomMessageText) -> None:
        if event.sender == self.client.user_id or event.body != "!hulp":
            return
        await self.client.room_send(
            room.room_id,
            "m.room.message",
            {
                "msgtype": "m.notice",
                "body": "hulp",
                "m.relates_to": {
                    "rel_type": "m.thread",
                    "event_id": event.event_id,
                    "is_falling_back": True,
                    "m.in_reply_to": {"event_id": event.event_id},
                },
            },
        )

    async def start(self) -> None:
        await self.client.sync(timeout=0, full_state=True)
        self.task = asyncio.create_task(self.client.sync_forever(timeout=30_000))

    async def join(self, room_id: str) -> None:
        await self.client.join(room_id)

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        await self.client.close()


class Person:
    def __init__(self, url: str, account: RegisteredUser) -> None:
        self.client = AsyncClient(url, account.user_id, config=AsyncClientConfig())
        self.client.restore_login(account.user_id, account.device_id, account.access_token)
        self.client.add_event_callback(self._on_event, NioEvent)
        self.waiting: dict[str, asyncio.Future[float]] = {}
        self.task: asyncio.Task[Any] | None = None

    async def _on_event(self, room: Any, event: Any) -> None:
        relation = (event.source.get("content") or {}).get("m.relates_to") or {}
        future = self.waiting.pop(relation.get("event_id", ""), None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    async def start(self) -> None:
        await self.client.sync(timeout=0, full_state=True)
        self.task = asyncio.create_task(self.client.sync_forever(timeout=30_000))

    async def room_with(self, bot_id: str) -> str:
        response = await self.client.room_create(name="bench", invite=[bot_id])
        assert isinstance(response, RoomCreateResponse)
        return str(response.room_id)

    async def ask(self, room_id: str) -> float:
        """Seconds from sending ``!hulp`` until the answer reaches this person's client."""
        started = time.perf_counter()
        response = await self.client.room_send(
            room_id, "m.room.message", {"msgtype": "m.text", "body": "!hulp"}
        )
        assert isinstance(response, RoomSendResponse), response
        future = asyncio.get_running_loop().create_future()
        self.waiting[response.event_id] = future
        done = await asyncio.wait_for(future, 30)
        return done - started

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        await self.client.close()


async def wait_joined(person: Person, room_id: str, user_id: str) -> None:
    for _ in range(400):
        room = person.client.rooms.get(room_id)
        if room is not None and user_id in room.users:
            return
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{user_id} did not join {room_id}")


async def run(rounds: int, warmup: int) -> None:
    configure_logging("WARNING")
    folder = Path(tempfile.mkdtemp(prefix="vraagbaak-bench-"))
    server = SynapseServer(folder / "synapse")
    await asyncio.to_thread(server.start)
    try:
        admin = server.register("benchadmin", admin=True)
        accounts = {name: server.register(name) for name in ("anouk", "vraagbaak", "echo")}
        for account in accounts.values():
            server.exempt_from_rate_limit(admin, account.user_id)
        person = Person(server.url, accounts["anouk"])
        await person.start()
        echo = EchoBot(server.url, accounts["echo"])
        await echo.start()
        matrix = {
            "homeserver": server.url,
            "user_id": accounts["vraagbaak"].user_id,
            "password": accounts["vraagbaak"].password,
            "store_path": str(folder / "store"),
        }
        config = parse_config(
            {
                "bot": {"data_dir": str(folder)},
                "database": {"url": f"sqlite:///{folder / 'vraagbaak.db'}"},
                "matrix": matrix,
            },
            "(benchmark)",
        )
        bot = build_bot(config)
        await bot.prepare()
        component = MatrixComponent(bot, parse_matrix_settings(matrix))
        await component.start()
        await component.adapter.ready.wait()

        vraagbaak_room = await person.room_with(accounts["vraagbaak"].user_id)
        echo_room = await person.room_with(accounts["echo"].user_id)
        await echo.join(echo_room)
        await wait_joined(person, vraagbaak_room, accounts["vraagbaak"].user_id)
        await wait_joined(person, echo_room, accounts["echo"].user_id)

        results: dict[str, list[float]] = {"vraagbaak": [], "echo": []}
        for index in range(warmup + rounds):
            # alternate, so both see the same conditions on a shared machine
            for name, room_id in (("vraagbaak", vraagbaak_room), ("echo", echo_room)):
                seconds = await person.ask(room_id)
                if index >= warmup:
                    results[name].append(seconds * 1000)
        await component.stop()
        await bot.close()
        await echo.close()
        await person.close()
    finally:
        await asyncio.to_thread(server.stop)

    print(f"Matrix reaction time, {rounds} rounds after {warmup} warm-up (ms)")
    for name, values in results.items():
        print(
            f"  {name:<9} p50 {statistics.median(values):7.1f}  "
            f"p95 {percentile(values, 0.95):7.1f}  min {min(values):6.1f}"
        )
    ratio = statistics.median(results["vraagbaak"]) / statistics.median(results["echo"])
    print(f"  ratio of medians vraagbaak/echo: {ratio:.2f} (target <= 1.30)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.rounds, args.warmup))


if __name__ == "__main__":
    main()
