"""Test people and the bot on a real Synapse: plain nio clients for the people, the real
component (``vraagbaak run`` path) for the bot."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    RoomCreateResponse,
    RoomSendResponse,
)
from nio.events import Event as NioEvent

from bot.adapters.matrix.component import MatrixComponent
from bot.adapters.matrix.config import parse_matrix_settings
from bot.startup.app import Bot, build_bot
from tests.adapters.matrix.synapse_server import RegisteredUser, SynapseServer
from tests.conftest import make_config

_names = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}{uuid.uuid4().hex[:6]}"


class MatrixUser:
    """A person in Matrix: a plain matrix-nio client that syncs in the background."""

    def __init__(self, server: SynapseServer, user: RegisteredUser, store: Path) -> None:
        self.server = server
        self.user = user
        store.mkdir(parents=True, exist_ok=True)
        self.client = AsyncClient(
            server.url,
            user.user_id,
            device_id=user.device_id,
            store_path=str(store),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
        )
        self.client.restore_login(user.user_id, user.device_id, user.access_token)
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.decrypted: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self.client.add_event_callback(self._on_event, NioEvent)
        self.client.add_event_callback(self._on_invite, InviteMemberEvent)

    @property
    def user_id(self) -> str:
        return self.user.user_id

    async def _on_event(self, room: Any, event: Any) -> None:
        self.events.append((room.room_id, dict(event.source)))
        if getattr(event, "decrypted", False):
            self.decrypted.add(str(event.event_id))

    async def _on_invite(self, room: Any, event: InviteMemberEvent) -> None:
        if event.state_key == self.user_id and event.membership == "invite":
            await self.client.join(room.room_id)

    async def start(self) -> None:
        await self.client.sync(timeout=0, full_state=True)
        self._task = asyncio.create_task(self._sync())

    async def _sync(self) -> None:
        while True:
            try:
                await self.client.sync_forever(timeout=1000)
            except asyncio.CancelledError:
                raise
            except Exception:  # the homeserver restarts in one test; keep trying
                await asyncio.sleep(0.3)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.client.close()

    async def create_room(self, name: str, invite: list[str], *, encrypted: bool = False) -> str:
        initial_state = (
            [
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            ]
            if encrypted
            else []
        )
        response = await self.client.room_create(
            name=name, invite=invite, initial_state=initial_state
        )
        assert isinstance(response, RoomCreateResponse), response
        await self.wait_for(lambda: response.room_id in self.client.rooms)
        return str(response.room_id)

    async def say(self, room_id: str, body: str, **extra: Any) -> str:
        content = {"msgtype": "m.text", "body": body, "m.mentions": {}, **extra}
        response = await self.client.room_send(
            room_id, "m.room.message", content, ignore_unverified_devices=True
        )
        assert isinstance(response, RoomSendResponse), response
        return str(response.event_id)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        response = await self.client.room_send(
            room_id,
            "m.reaction",
            {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}},
        )
        assert isinstance(response, RoomSendResponse), response
        return str(response.event_id)

    async def wait_for(self, condition: Callable[[], bool], within: float = 20.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not condition():
            if loop.time() > deadline:
                raise AssertionError("condition not met in time")
            await asyncio.sleep(0.05)

    def answers_to(self, event_id: str, sender: str) -> list[dict[str, Any]]:
        """The bot's messages that answer ``event_id`` (in its thread or as a reply)."""
        found = []
        for _, raw in self.events:
            if raw.get("sender") != sender or raw.get("type") != "m.room.message":
                continue
            relation = (raw.get("content") or {}).get("m.relates_to") or {}
            reply = (relation.get("m.in_reply_to") or {}).get("event_id")
            if event_id in (relation.get("event_id"), reply):
                found.append(raw)
        return found


class BotProcess:
    """The bot as ``vraagbaak run`` starts it on Matrix; can be stopped and started again on
    the same database and store folder."""

    def __init__(
        self,
        server: SynapseServer,
        account: RegisteredUser,
        folder: Path,
        *,
        admins: list[str] | None = None,
        database_url: str | None = None,
        organisations: list[dict[str, Any]] | None = None,
        **matrix: Any,
    ) -> None:
        self.folder = folder
        settings = {
            "homeserver": server.url,
            "user_id": account.user_id,
            "password": account.password,
            "store_path": str(folder / "store"),
            "sync_timeout_ms": 5_000,
            "max_backoff_seconds": 1.0,
            "admins": admins or [],
            **matrix,
        }
        extra: dict[str, Any] = {"organisations": organisations} if organisations else {}
        self.config = make_config(
            database_url or f"sqlite:///{folder / 'vraagbaak.db'}",
            matrix=settings,
            bot={"language": "nl", "data_dir": str(folder), "admins": []},
            **extra,
        )
        self.settings = parse_matrix_settings(settings)
        self.bot: Bot | None = None
        self.component: MatrixComponent | None = None

    async def start(self) -> None:
        self.bot = build_bot(self.config)
        await self.bot.prepare()
        self.component = MatrixComponent(self.bot, self.settings)
        await self.component.start()
        await asyncio.wait_for(self.component.adapter.ready.wait(), 30)

    async def stop(self) -> None:
        if self.component is not None:
            await self.component.stop()
            self.component = None
        if self.bot is not None:
            await self.bot.close()
            self.bot = None

    @property
    def adapter(self) -> Any:
        assert self.component is not None
        return self.component.adapter
