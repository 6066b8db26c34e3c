"""History import for the expertise index: a room's past messages and reactions, read with
paginated ``/messages`` from the start and recorded with the same functions the live bot
uses. Running it twice adds nothing (messages and reactions are keyed by their event ids)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    MegolmEvent,
    MessageDirection,
    RoomGetStateEventResponse,
    RoomMessagesResponse,
    RoomResolveAliasResponse,
)

from bot.adapters.matrix import credentials
from bot.adapters.matrix.config import MatrixSettings
from bot.adapters.matrix.translate import Me, RoomView, to_core_event
from bot.core.events import MessageEvent, ReactionEvent
from bot.dispatch.services import Services
from bot.people.recorder import record_message, record_reaction


class HistoryImportError(Exception):
    """The room cannot be imported; the text says why, for the administrator."""


@dataclass
class ImportResult:
    room_id: str
    pages: int = 0
    events: int = 0
    messages: int = 0
    reactions: int = 0
    undecryptable: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def _client(settings: MatrixSettings, store: Path) -> AsyncClient:
    """A client on the bot's own device (history needs no new device and no encryption)."""
    client = AsyncClient(
        settings.homeserver,
        settings.user_id,
        config=AsyncClientConfig(encryption_enabled=False, store_sync_tokens=False),
    )
    saved = await credentials.load(store)
    if settings.access_token is not None and settings.device_id is not None:
        client.access_token, client.device_id = settings.access_token, settings.device_id
    elif saved is not None and saved.user_id == settings.user_id:
        client.access_token, client.device_id = saved.access_token, saved.device_id
    else:
        await client.close()
        raise HistoryImportError(
            "the bot has not logged in yet: start `vraagbaak run` once (it stores its device)"
        )
    client.user_id = settings.user_id
    return client


async def _resolve(client: AsyncClient, room: str) -> str:
    if room.startswith("!"):
        return room
    if room.startswith("#"):
        response = await client.room_resolve_alias(room)
        if isinstance(response, RoomResolveAliasResponse):
            return str(response.room_id)
        raise HistoryImportError(f"unknown room alias {room}")
    raise HistoryImportError(f"{room} is neither a room id (!...) nor an alias (#...)")


async def _room_name(client: AsyncClient, room_id: str) -> str:
    for kind, key in (("m.room.canonical_alias", "alias"), ("m.room.name", "name")):
        response = await client.room_get_state_event(room_id, kind)
        if isinstance(response, RoomGetStateEventResponse):
            value = response.content.get(key)
            if isinstance(value, str) and value:
                return value
    return ""


async def import_room(
    services: Services,
    settings: MatrixSettings,
    store: Path,
    room: str,
    *,
    page_size: int = 200,
) -> ImportResult:
    client = await _client(settings, store)
    try:
        room_id = await _resolve(client, room)
        view = RoomView(room_id, await _room_name(client, room_id))
        me = Me(settings.user_id, settings.display_name)
        result = ImportResult(room_id)
        names: dict[str, str] = {}
        token: str | None = None
        while True:
            response = await client.room_messages(
                room_id, start=token, direction=MessageDirection.front, limit=page_size
            )
            if not isinstance(response, RoomMessagesResponse):
                raise HistoryImportError(
                    f"cannot read {room_id}: {getattr(response, 'message', response)} "
                    "(is the bot a member of the room?)"
                )
            result.pages += 1
            await _record_page(services, response.chunk, view, me, names, result)
            if not response.chunk or not response.end or response.end == token:
                break
            token = response.end
        return result
    finally:
        await client.close()


async def _record_page(
    services: Services,
    chunk: list[Any],
    view: RoomView,
    me: Me,
    names: dict[str, str],
    result: ImportResult,
) -> None:
    async with services.db.session() as session:
        channel = await services.channels.channel_for(session, view.conversation())
        assert channel.id is not None
        for event in chunk:
            result.events += 1
            if isinstance(event, MegolmEvent):
                result.undecryptable += 1
                continue
            raw: dict[str, Any] = getattr(event, "source", {}) or {}
            content = raw.get("content") if isinstance(raw.get("content"), dict) else {}
            if raw.get("type") == "m.room.member" and isinstance(content, dict):
                if isinstance(content.get("displayname"), str):
                    names[str(raw.get("state_key"))] = content["displayname"]
                continue
            if raw.get("sender") == me.user_id:
                continue
            core = to_core_event(raw, view, me, names)
            if not isinstance(core, MessageEvent | ReactionEvent):
                continue
            person = await services.identity.person_for(session, core.sender)
            assert person.id is not None
            await services.channels.add_member(session, channel.id, person.id)
            if isinstance(core, MessageEvent):
                if await record_message(session, channel, person, core):
                    result.messages += 1
            elif await record_reaction(session, channel, person, core) is not None:
                result.reactions += 1
        await session.commit()
