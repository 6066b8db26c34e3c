"""Durable adapter state in the database: the sync token and the DM rooms (handled event ids
are claimed by the dispatcher, ``bot/delivery/deliveries.py``)."""

from __future__ import annotations

import json

from bot.core.events import utcnow
from bot.storage.database import Database
from bot.storage.models import StateEntry


class MatrixState:
    def __init__(self, db: Database, user_id: str) -> None:
        self._db = db
        self._prefix = f"matrix:{user_id}:"

    async def _get(self, key: str) -> str | None:
        async with self._db.session() as session:
            row = await session.get(StateEntry, self._prefix + key)
            return row.value if row is not None else None

    async def _put(self, key: str, value: str) -> None:
        async with self._db.session() as session:
            row = await session.get(StateEntry, self._prefix + key)
            if row is None:
                row = StateEntry(key=self._prefix + key, value=value)
            row.value, row.updated_at = value, utcnow()
            session.add(row)
            await session.commit()

    async def sync_token(self) -> str | None:
        return await self._get("sync_token")

    async def save_sync_token(self, token: str) -> None:
        await self._put("sync_token", token)

    async def direct_rooms(self) -> dict[str, str]:
        """Room id → the other user, for DM rooms the bot created or was invited to."""
        raw = await self._get("direct_rooms")
        return dict(json.loads(raw)) if raw else {}

    async def save_direct_rooms(self, rooms: dict[str, str]) -> None:
        await self._put("direct_rooms", json.dumps(rooms, sort_keys=True))
