"""Fixtures: the mock Slack, a bot configured for Slack, and the adapter over HTTP."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.slack.config import load_slack_config
from bot.startup.app import Bot, build_bot
from handlers import core, entry_points, settings
from tests.adapters.slack import echo_commands
from tests.adapters.slack.mock_slack import (
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    MockSlack,
    SlackUserRecord,
    event_envelope,
    sign,
)
from tests.conftest import BASE_CONFIG, make_config

ANOUK = SlackUserRecord("UANOUK", "Anouk", "anouk@ermelo.nl")
BRAM = SlackUserRecord("UBRAM", "Bram", "Bram@Harderwijk.nl")
SOCIAAL = "CSOCIAAL"
OMGEVING = "COMGEVING"
ALGEMEEN = "CALGEMEEN"


@pytest.fixture
async def mock_slack() -> AsyncIterator[MockSlack]:
    mock = MockSlack(
        users={u.id: u for u in (ANOUK, BRAM)},
        channels={SOCIAAL: "sociaal-domein", OMGEVING: "omgevingswet", ALGEMEEN: "algemeen"},
    )
    await mock.start()
    try:
        yield mock
    finally:
        await mock.stop()


def slack_table(mock: MockSlack, *, socket: bool = False, **extra: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "bot_token": BOT_TOKEN,
        "api_url": mock.api_url,
        "host": "127.0.0.1",
        "port": 0,
        "backoff_base": 0.01,
        "outbox_interval": 0.2,
        **extra,
    }
    if socket:
        table["app_token"] = APP_TOKEN
    else:
        table["signing_secret"] = SIGNING_SECRET
    return table


def slack_groups() -> list[dict[str, Any]]:
    groups = [dict(g) for g in BASE_CONFIG["groups"]]  # type: ignore[union-attr]
    groups[0]["slack_channel"] = SOCIAAL  # by channel id
    groups[1]["slack_channel"] = "#omgevingswet"  # by name
    return groups


async def make_slack_bot(database_url: str, table: dict[str, Any]) -> Bot:
    config = make_config(database_url, slack=table, groups=slack_groups())  # type: ignore[arg-type]
    bot = build_bot(config, modules=[core, settings, entry_points, echo_commands])
    await bot.prepare()
    return bot


@dataclass
class SlackHarness:
    bot: Bot
    adapter: SlackAdapter
    mock: MockSlack
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}{self.adapter.config.path}"

    async def post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        signed = {**sign(body), "Content-Type": content_type, **(headers or {})}
        async with self.http.post(self.url, data=body.encode(), headers=signed) as response:
            return response.status, await response.text()

    async def settle(self) -> None:
        """Wait until every event received so far has been handled (and committed)."""
        assert await self.adapter.wait_idle(10.0)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, **headers: str
    ) -> tuple[int, str]:
        body = json.dumps(event_envelope(event, event_id=event_id))
        return await self.post(body, "application/json", headers)

    async def form(self, fields: dict[str, str]) -> tuple[int, str]:
        return await self.post(urlencode(fields), "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        return await self.form({"payload": json.dumps(payload)})


async def start_adapter(bot: Bot) -> SlackAdapter:
    assert bot.services.config.slack is not None
    adapter = SlackAdapter(load_slack_config(bot.services.config.slack), bot.services)
    bot.services.adapters.add(adapter)
    await adapter.start(bot.dispatcher.for_adapter(adapter))
    return adapter


@asynccontextmanager
async def open_harness(
    database_url: str, mock: MockSlack, **extra: Any
) -> AsyncIterator[SlackHarness]:
    bot = await make_slack_bot(database_url, slack_table(mock, **extra))
    adapter = await start_adapter(bot)
    async with aiohttp.ClientSession() as http:
        try:
            yield SlackHarness(bot, adapter, mock, http)
        finally:
            await adapter.stop()
            await bot.close()


@pytest.fixture
async def slack(database_url: str, mock_slack: MockSlack) -> AsyncIterator[SlackHarness]:
    async with open_harness(database_url, mock_slack) as harness:
        yield harness
