"""``vraagbaak run`` as a real process: the Slack component starts from ``[slack]``, serves
the Events API next to the health endpoint, and answers through the (mock) Web API."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.adapters.slack.conftest import ANOUK, SOCIAAL
from tests.adapters.slack.mock_slack import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    MockSlack,
    event_envelope,
    sign,
)

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_config(path: Path, slack: dict[str, object], database: Path) -> None:
    lines = ["[database]", f'url = "sqlite:///{database}"', "", "[slack]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in slack.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def start_run(config: Path, health_port: int) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("VRAAGBAAK_CONFIG", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--config",
        str(config),
        "--health-port",
        str(health_port),
        cwd=str(config.parent),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_healthy(url: str, process: asyncio.subprocess.Process) -> dict[str, object]:
    deadline = time.monotonic() + 30
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise AssertionError("vraagbaak run exited early")
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        body: dict[str, object] = await response.json()
                        return body
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} never became healthy")


@pytest.fixture
async def running(tmp_path: Path, mock_slack: MockSlack) -> AsyncIterator[int]:
    slack_port, health_port = free_port(), free_port()
    config = tmp_path / "vraagbaak.toml"
    write_config(
        config,
        {
            "bot_token": BOT_TOKEN,
            "signing_secret": SIGNING_SECRET,
            "host": "127.0.0.1",
            "port": slack_port,
            "api_url": mock_slack.api_url,
        },
        tmp_path / "data" / "vraagbaak.db",
    )
    process = await start_run(config, health_port)
    try:
        health = await wait_healthy(f"http://127.0.0.1:{health_port}/health", process)
        assert health == {"status": "ok", "components": {"slack": True}}
        yield slack_port
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 20) == 0


async def test_vraagbaak_run_answers_slack_events(running: int, mock_slack: MockSlack) -> None:
    event = {
        "type": "app_mention",
        "user": ANOUK.id,
        "text": f"<@{BOT_USER_ID}> wat kun je?",
        "ts": "1700000020.000100",
        "channel": SOCIAAL,
    }
    body = json.dumps(event_envelope(event))
    headers = {**sign(body), "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:
        url = f"http://127.0.0.1:{running}/slack/events"
        async with http.post(url, data=body.encode(), headers=headers) as response:
            assert response.status == 200
        async with http.get(f"http://127.0.0.1:{running}/health") as response:
            assert response.status == 200
    [call] = await mock_slack.wait_for("chat.postMessage", within=20)
    assert call.args["thread_ts"] == "1700000020.000100"
    assert "Dit kun je vragen" in call.args["text"]


async def test_bad_slack_configuration_stops_run_with_the_reason(tmp_path: Path) -> None:
    config = tmp_path / "vraagbaak.toml"
    write_config(
        config,
        {"bot_token": "xoxb-1", "app_token": "xapp-1", "signing_secret": "s"},
        tmp_path / "x.db",
    )
    process = await start_run(config, free_port())
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert "not both" in stderr.decode()


async def test_vraagbaak_run_in_socket_mode(tmp_path: Path, mock_slack: MockSlack) -> None:
    health_port = free_port()
    config = tmp_path / "vraagbaak.toml"
    write_config(
        config,
        {"bot_token": BOT_TOKEN, "app_token": APP_TOKEN, "api_url": mock_slack.api_url},
        tmp_path / "data" / "vraagbaak.db",
    )
    process = await start_run(config, health_port)
    try:
        health = await wait_healthy(f"http://127.0.0.1:{health_port}/health", process)
        assert health["components"] == {"slack": True}
        event = {
            "type": "app_mention",
            "user": ANOUK.id,
            "text": f"<@{BOT_USER_ID}> help",
            "ts": "1700000021.000100",
            "channel": SOCIAAL,
        }
        await mock_slack.push(
            {
                "envelope_id": "env-run-1",
                "type": "events_api",
                "payload": event_envelope(event),
                "accepts_response_payload": False,
            }
        )
        await mock_slack.wait_for_ack("env-run-1", within=20)
        [call] = await mock_slack.wait_for("chat.postMessage", within=20)
        assert call.args["thread_ts"] == "1700000021.000100"
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
