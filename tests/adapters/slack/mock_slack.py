"""A mock of the Slack Web API and Socket Mode, served by aiohttp on 127.0.0.1.

It records every call (method, arguments, time), answers like Slack for the methods the bot
uses, can be told to fail a method (429 with ``Retry-After``, 5xx, or a Slack error), serves the
websocket that ``apps.connections.open`` points to, and records ``response_url`` posts.
(The approach of slack-bolt's own ``tests/mock_web_api_server``; written for this project.)
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
SIGNING_SECRET = "test-signing-secret"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    at: float
    response: dict[str, Any] = field(default_factory=dict)
    token: str | None = None


@dataclass
class Failure:
    status: int
    times: int
    retry_after: float | None = None
    error: str | None = None
    # A body that is not Slack's JSON (a proxy's HTML error page), sent as ``content_type``.
    body: str | None = None
    content_type: str = "text/html"
    # Slack did the work (the message is posted) but its answer never arrives.
    after_doing: bool = False


@dataclass
class SlackUserRecord:
    id: str
    name: str
    email: str | None
    is_bot: bool = False


def _user_json(user: SlackUserRecord) -> dict[str, Any]:
    profile: dict[str, Any] = {"real_name": user.name, "display_name": user.name}
    if user.email:
        profile["email"] = user.email
    return {"id": user.id, "name": user.name.lower(), "is_bot": user.is_bot, "profile": profile}


@dataclass
class MockSlack:
    users: dict[str, SlackUserRecord] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    # conversations.members per channel id (paged by the request's ``limit``)
    members: dict[str, list[str]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    refusing_channels: set[str] = field(default_factory=set)
    acks: list[dict[str, Any]] = field(default_factory=list)
    # Posted messages per channel id, as conversations.history/replies return them.
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    port: int = 0
    _runner: web.AppRunner | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Condition | None = None

    # --- control ---------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fail(
        self,
        method: str,
        *,
        times: int = 1,
        status: int = 429,
        retry_after: float | None = None,
        error: str | None = None,
        body: str | None = None,
        content_type: str = "text/html",
        after_doing: bool = False,
    ) -> None:
        failure = Failure(status, times, retry_after, error, body, content_type, after_doing)
        self.failures.setdefault(method, []).append(failure)

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 10.0) -> list[Call]:
        assert self._changed is not None
        deadline = time.monotonic() + within
        async with self._changed:
            while len(self.of(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"{count}x {method} not seen within {within}s: {seen}")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    continue
        return self.of(method)

    async def wait_until(self, check: Callable[[Call], bool], within: float = 10.0) -> Call:
        """The first recorded call for which ``check`` holds, waiting for it if need be."""
        assert self._changed is not None
        deadline = time.monotonic() + within
        async with self._changed:
            while True:
                found = next((c for c in reversed(self.calls) if check(c)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching call within {within}s")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except TimeoutError:
                    continue

    async def wait_for_ack(self, envelope_id: str, within: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            for ack in self.acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            await asyncio.sleep(0.01)
        raise AssertionError(f"no ack for {envelope_id}")

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for _ in range(500):
            if self._sockets:
                break
            await asyncio.sleep(0.01)
        for socket in list(self._sockets):
            await socket.send_str(json.dumps(envelope))

    # --- server ----------------------------------------------------------------------------
    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{token}", self._response_url)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _record(self, method: str, args: dict[str, Any], token: str | None = None) -> Call:
        assert self._changed is not None
        call = Call(method, args, time.monotonic(), token=token)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return call

    @staticmethod
    async def _args(request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            raw = await request.read()
            ctype = request.content_type
            if ctype == "application/json" and raw:
                args.update(json.loads(raw))
            elif ctype == "application/x-www-form-urlencoded":
                args.update(dict(parse_qsl(raw.decode())))
            elif ctype.startswith("multipart/"):
                args["_multipart_bytes"] = len(raw)
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        call = await self._record(method, args, token)
        queued = self.failures.get(method)
        if queued:
            failure = queued[0]
            failure.times -= 1
            if failure.times <= 0:
                queued.pop(0)
            if failure.after_doing:
                call.response = self._answer(method, args)
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(int(failure.retry_after))
            if failure.body is not None:
                return web.Response(
                    text=failure.body,
                    status=failure.status,
                    headers=headers,
                    content_type=failure.content_type,
                )
            body = {"ok": False, "error": failure.error or "ratelimited"}
            return web.json_response(body, status=failure.status, headers=headers)
        if args.get("channel") in self.refusing_channels:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        call.response = self._answer(method, args)
        return web.json_response(call.response)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ok: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            return {**ok, "user_id": BOT_USER_ID, "bot_id": "BBOT", "team_id": "T1", "user": "vb"}
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            channel = str(args.get("channel"))
            by_name = {name: cid for cid, name in self.channels.items()}
            channel_id = by_name.get(channel.lstrip("#"), channel)
            message: dict[str, Any] = {"type": "message", "ts": ts, "text": args.get("text")}
            if args.get("thread_ts"):
                message["thread_ts"] = args["thread_ts"]
            if args.get("metadata"):
                message["metadata"] = args["metadata"]
            self.messages.setdefault(channel_id, []).append(message)
            return {**ok, "channel": channel_id, "ts": ts}
        if method in ("conversations.history", "conversations.replies"):
            return {**ok, **self._read(method, args)}
        if method == "conversations.list":
            listed = [{"id": cid, "name": name} for cid, name in self.channels.items()]
            return {**ok, "channels": listed, "response_metadata": {"next_cursor": ""}}
        if method == "chat.postEphemeral":
            return {**ok, "message_ts": f"1800000001.{next(self._ts):06d}"}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            return {**ok, "user": _user_json(user)}
        if method == "conversations.info":
            channel = str(args.get("channel"))
            return {**ok, "channel": {"id": channel, "name": self.channels.get(channel, "")}}
        if method == "conversations.members":
            everyone = self.members.get(str(args.get("channel")), [])
            start = int(args.get("cursor") or 0)
            end = start + int(args.get("limit") or 100)
            more = {"next_cursor": str(end) if end < len(everyone) else ""}
            return {**ok, "members": everyone[start:end], "response_metadata": more}
        if method == "conversations.open":
            return {**ok, "channel": {"id": "D" + str(args.get("users", "X"))[1:]}}
        if method in ("views.open", "views.publish"):
            return {**ok, "view": {"id": "V" + uuid.uuid4().hex[:8].upper()}}
        if method == "files.getUploadURLExternal":
            file_id = "F" + uuid.uuid4().hex[:8].upper()
            return {**ok, "upload_url": self.url(f"/upload/{file_id}"), "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = (
                json.loads(args.get("files", "[]"))
                if isinstance(args.get("files"), str)
                else args.get("files", [])
            )
            return {**ok, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {**ok, "url": f"ws://127.0.0.1:{self.port}/socket"}
        return ok

    def _read(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """The channel's messages (top level, or one thread), newest first; metadata only
        with ``include_all_metadata``."""
        oldest = float(args.get("oldest") or 0)
        found = []
        for message in self.messages.get(str(args.get("channel")), []):
            if float(message["ts"]) < oldest:
                continue
            thread = message.get("thread_ts")
            if method == "conversations.replies":
                if message["ts"] != args.get("ts") and thread != args.get("ts"):
                    continue
            elif thread and thread != message["ts"]:
                continue
            shown = dict(message)
            if str(args.get("include_all_metadata")).lower() != "true":
                shown.pop("metadata", None)
            found.append(shown)
        found.reverse()
        return {"messages": found, "response_metadata": {"next_cursor": ""}}

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """Every message posted in ``channel`` (an id), oldest first."""
        return list(self.messages.get(channel, []))

    async def _response_url(self, request: web.Request) -> web.Response:
        await self._record("response_url", await self._args(request))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._record("upload", {"file_id": request.match_info["file_id"], "bytes": len(data)})
        return web.Response(text="OK - " + str(len(data)))

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    self.acks.append(json.loads(message.data))
        finally:
            self._sockets.remove(socket)
        return socket


def sign(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """The headers Slack sends with an Events API request (v0 signature, HMAC-SHA256)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_envelope(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": event_id or "Ev" + uuid.uuid4().hex[:10].upper(),
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": "T1", "user_id": BOT_USER_ID, "is_bot": True}],
    }
