"""The outgoing queue's retry rules, with a scripted transport."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.adapters.matrix.outbox import (
    Outbox,
    RateLimitedError,
    SendFailedError,
    UnreachableError,
)
from bot.delivery.retry import Backoff


class ScriptedHomeserver:
    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.calls: list[tuple[str, str]] = []
        self.delivered: list[str] = []

    async def __call__(self, room: str, kind: str, content: dict[str, Any], txn: str) -> str:
        self.calls.append((content["body"], txn))
        if self.failures:
            raise self.failures.pop(0)
        self.delivered.append(content["body"])
        return f"${len(self.delivered)}"


async def test_rate_limit_is_waited_out_with_the_same_transaction() -> None:
    server = ScriptedHomeserver([RateLimitedError(30), RateLimitedError(None)])
    outbox = Outbox(server, default_retry_ms=10)
    outbox.start()
    try:
        assert await outbox.send("!r", "m.room.message", {"body": "a"}) == "$1"
    finally:
        await outbox.stop()
    assert len({txn for _, txn in server.calls}) == 1
    assert outbox.rate_limited_count == 2


async def test_rate_limit_retries_are_bounded() -> None:
    server = ScriptedHomeserver([RateLimitedError(1)] * 5)
    outbox = Outbox(server, max_rate_limit_retries=2)
    outbox.start()
    try:
        with pytest.raises(SendFailedError):
            await outbox.send("!r", "m.room.message", {"body": "a"})
        # the queue goes on with the next message
        server.failures.clear()
        assert await outbox.send("!r", "m.room.message", {"body": "b"}) == "$1"
    finally:
        await outbox.stop()


async def test_messages_wait_while_the_homeserver_is_away_and_keep_their_order() -> None:
    server = ScriptedHomeserver([UnreachableError("down")] * 3)
    states: list[bool] = []
    outbox = Outbox(server, on_unreachable=states.append, backoff=Backoff(first=0.5, cap=0.05))
    outbox.start()
    try:
        results = await asyncio.gather(
            *(outbox.send("!r", "m.room.message", {"body": str(i)}) for i in range(5))
        )
    finally:
        await outbox.stop()
    assert server.delivered == ["0", "1", "2", "3", "4"]
    assert results == ["$1", "$2", "$3", "$4", "$5"]
    assert states == [True, False]


async def test_an_unexpected_error_fails_one_message_not_the_queue() -> None:
    server = ScriptedHomeserver([KeyError("unknown room")])
    outbox = Outbox(server)
    outbox.start()
    try:
        with pytest.raises(SendFailedError, match="unknown room"):
            await outbox.send("!r", "m.room.message", {"body": "a"})
        assert await outbox.send("!r", "m.room.message", {"body": "b"}) == "$1"
    finally:
        await outbox.stop()
