"""Slack latency: signed ``app_mention`` events to ``vraagbaak run`` (a real process, HTTP
Events API, SQLite) against the mock Web API, timed from the POST until the answer's
``chat.postMessage`` reaches the mock. In the same run, the same for a bare slack-bolt app that
answers ``app_mention`` in the thread — the floor. Events alternate between the two so both
see the same machine load.

    python benchmarks/slack_latency.py [--events 200] [--warmup 20] [--database-url URL]
                                      [--gap-ms 0]

By default each event is posted as soon as the previous one was answered (a burst: the bot's
work after an answer — storing the message, live evidence, the commit — overlaps the next
event). ``--gap-ms 30`` leaves that much quiet time before each event instead, as in a
channel where questions come one at a time.

The bare app is this script started with ``--bare-app`` (it imports slack-bolt itself: it is a
yardstick outside the product, not part of it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adapters.slack.mock_slack import (  # noqa: E402
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    MockSlack,
    SlackUserRecord,
    event_envelope,
    sign,
)

CHANNEL = "CBENCH"
USER = SlackUserRecord("UBENCH", "Bench", "bench@ermelo.nl")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- the floor: a bare slack-bolt app ------------------------------------------------------
def run_bare_app(port: int, api_url: str) -> None:
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.app.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    app = AsyncApp(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url), signing_secret=SIGNING_SECRET
    )

    @app.event("app_mention")
    async def answer(event: dict[str, str], say: object) -> None:
        await say(text="Hallo!", thread_ts=event["ts"])  # type: ignore[operator]

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application()
    web_app.router.add_post("/slack/events", events)
    web.run_app(web_app, host="127.0.0.1", port=port, print=None, access_log=None)


# --- the measurement -------------------------------------------------------------------------
async def wait_for_port(port: int, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise SystemExit(f"a server exited early (code {process.returncode})")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


async def time_one(http: aiohttp.ClientSession, mock: MockSlack, port: int, ts: str) -> float:
    event = {
        "type": "app_mention",
        "user": USER.id,
        "text": f"<@{BOT_USER_ID}> wat kun je?",
        "ts": ts,
        "channel": CHANNEL,
        "event_ts": ts,
    }
    body = json.dumps(event_envelope(event))
    headers = {**sign(body), "Content-Type": "application/json"}
    started = time.monotonic()
    async with http.post(
        f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=headers
    ) as response:
        if response.status != 200:
            raise SystemExit(f"event refused with HTTP {response.status}")
    call = await mock.wait_until(
        lambda c: c.method == "chat.postMessage" and c.args.get("thread_ts") == ts, within=30
    )
    return call.at - started


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(name: str, values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    result = {
        "p50_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "mean_ms": statistics.fmean(ms),
    }
    print(
        f"{name:<22} n={len(ms):<4} p50 {result['p50_ms']:7.2f} ms   "
        f"p95 {result['p95_ms']:7.2f} ms   mean {result['mean_ms']:7.2f} ms"
    )
    return result


async def measure(events: int, warmup: int, database_url: str | None, gap: float) -> int:
    mock = MockSlack(users={USER.id: USER}, channels={CHANNEL: "bench"})
    await mock.start()
    bot_port, bare_port, health_port = free_port(), free_port(), free_port()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = database_url or f"sqlite:///{folder / 'vraagbaak.db'}"
        slack = {
            "bot_token": BOT_TOKEN,
            "signing_secret": SIGNING_SECRET,
            "host": "127.0.0.1",
            "port": bot_port,
            "api_url": mock.api_url,
        }
        config = folder / "vraagbaak.toml"
        lines = ["[bot]", 'log_level = "WARNING"', "[database]", f"url = {json.dumps(url)}"]
        lines += ["[slack]", *(f"{k} = {json.dumps(v)}" for k, v in slack.items())]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("VRAAGBAAK_CONFIG", None)
        quiet = asyncio.subprocess.DEVNULL
        bot_log = (folder / "bot.log").open("wb")
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            "--health-port", str(health_port), cwd=tmp, env=env, stdout=bot_log, stderr=bot_log,
        )  # fmt: skip
        bare = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--bare-app", "--port", str(bare_port),
            "--api-url", mock.api_url, env=env, stdout=quiet, stderr=quiet,
        )  # fmt: skip
        try:
            await wait_for_port(bot_port, bot)
            await wait_for_port(bare_port, bare)
            timings: dict[str, list[float]] = {"vraagbaak run": [], "bare slack-bolt": []}
            async with aiohttp.ClientSession() as http:
                for i in range(warmup + events):
                    for name, port in (("vraagbaak run", bot_port), ("bare slack-bolt", bare_port)):
                        ts = f"1700{i:06d}.{port:06d}"
                        if gap:
                            await asyncio.sleep(gap)
                        elapsed = await time_one(http, mock, port, ts)
                        if i >= warmup:
                            timings[name].append(elapsed)
            spacing = f"{gap * 1000:.0f} ms apart" if gap else "back to back"
            print(f"{events} app_mention events each, {spacing}, after {warmup} warm-up events")
            print(f"database: {url.split('://')[0]}")
            bot_stats = summary("vraagbaak run", timings["vraagbaak run"])
            bare_stats = summary("bare slack-bolt", timings["bare slack-bolt"])
            ratio = bot_stats["p50_ms"] / bare_stats["p50_ms"]
            print(f"p50 ratio {ratio:.2f}x (target: within 4x)")
            await stop(bot)
            # A fast answer from a bot whose handlers fail is no result: the log must be clean.
            problems = [
                line
                for line in (folder / "bot.log").read_text(encoding="utf-8").splitlines()
                if "error" in line.lower() or "failed" in line.lower()
            ]
            for line in problems[:5]:
                print(f"bot log: {line}")
            if problems:
                print(f"{len(problems)} error lines in the bot's log: the figure is not valid")
                return 2
            return 0 if ratio <= 4 else 1
        finally:
            for process in (bot, bare):
                await stop(process)
            bot_log.close()
            await mock.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--gap-ms", type=float, default=0.0, help="quiet time before each event")
    parser.add_argument("--bare-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_app:
        run_bare_app(args.port, args.api_url)
        return 0
    return asyncio.run(measure(args.events, args.warmup, args.database_url, args.gap_ms / 1000))


if __name__ == "__main__":
    sys.exit(main())
