"""The Matrix adapter: a matrix-nio client that syncs, hands core events to the dispatcher and
sends the core's answers through the outgoing queue.

No event handled twice, none lost: the sync token is saved in the database only after the
events of a sync were handled, so a crash replays them (and handled event ids are recorded,
so a replay is skipped). A ``limited`` timeline means the server left events out; the gap is
fetched with ``/messages`` back to the previous token before the timeline is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    InviteMemberEvent,
    JoinError,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    MessageDirection,
    RoomCreateError,
    RoomMessagesResponse,
    RoomSendResponse,
    SyncResponse,
    UploadResponse,
)

from bot.adapters.base import Dispatch
from bot.adapters.matrix import credentials, render
from bot.adapters.matrix.config import MatrixSettings
from bot.adapters.matrix.delivery import CHANNEL, MatrixDeliverer
from bot.adapters.matrix.outbox import (
    Outbox,
    RateLimitedError,
    SendFailedError,
    UnreachableError,
)
from bot.adapters.matrix.state import MatrixState
from bot.adapters.matrix.threepids import VerifiedEmails
from bot.adapters.matrix.translate import (
    PLATFORM,
    Me,
    RoomView,
    account,
    invite_allowed,
    redacted_event_id,
    to_core_event,
)
from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    Event,
    JoinEvent,
    MessageRef,
    ReactionEvent,
)
from bot.core.logs import get_logger
from bot.delivery.inbox import Inbox, Ticket
from bot.delivery.outbox import Delivered
from bot.delivery.outbox import Outbox as PostOutbox
from bot.delivery.retry import Backoff
from bot.storage.database import Database

log = get_logger(__name__)

_CONNECTION_ERRORS = (aiohttp.ClientError, TimeoutError, ConnectionError, OSError)
_MAX_GAP_PAGES = 50


class _RetryLaterError(Exception):
    """The homeserver answered the sync with an error; try again after a pause."""


class MatrixLoginError(Exception):
    """The homeserver refused the credentials; the bot cannot start on Matrix."""


class MatrixAdapter:
    """Implements :class:`bot.adapters.base.Adapter` for Matrix."""

    platform = PLATFORM

    def __init__(
        self,
        settings: MatrixSettings,
        db: Database,
        store_folder: Path,
        inbox: Inbox,
        posts: PostOutbox,
    ) -> None:
        self.settings = settings
        self._inbox = inbox
        # The one outbox every message is recorded in (with its key) before it is sent;
        # ``self.outbox`` is the in-memory queue that sends in order and waits out limits.
        self._posts = posts
        self._dispatch_to: Dispatch | None = None
        self.bot_account: AccountRef | None = AccountRef(
            PLATFORM, settings.user_id, settings.display_name
        )
        self._store = store_folder
        self._state = MatrixState(db, settings.user_id)
        self._client: AsyncClient | None = None
        self._me = Me(settings.user_id, settings.display_name)
        self._stopping = asyncio.Event()
        self._connected = False
        self._ready = asyncio.Event()
        self._direct: dict[str, str] = {}
        self._room_arrived = asyncio.Event()
        self._sync_task: asyncio.Task[Any] | None = None
        self._not_before_ms = 0
        # Recent reactions by their own event id, so a redaction can be read as "removed".
        self._reactions: OrderedDict[str, ReactionEvent] = OrderedDict()
        self._in_sync = False
        self._emails: VerifiedEmails | None = (
            VerifiedEmails(settings.homeserver, self._access_token)
            if settings.verified_emails
            else None
        )
        # While the homeserver is away (sync, calls, the send queue): the one backoff policy.
        self._backoff = Backoff(first=0.5, cap=settings.max_backoff_seconds)
        self.outbox = Outbox(
            self._send_now,
            max_rate_limit_retries=settings.max_rate_limit_retries,
            backoff=self._backoff,
            on_unreachable=self._mark_unreachable,
        )

    # --- status ------------------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def ready(self) -> asyncio.Event:
        """Set once the first sync is done (tests and the runtime wait for it)."""
        return self._ready

    def _mark_unreachable(self, down: bool) -> None:
        if down and self._connected:
            log.warning("matrix homeserver unreachable; retrying", homeserver=self._hs)
            self._connected = False
        elif not down and not self._connected:
            log.info("matrix homeserver connected", homeserver=self._hs)
            self._connected = True

    @property
    def _hs(self) -> str:
        return self.settings.homeserver

    @property
    def client(self) -> AsyncClient:
        assert self._client is not None, "the adapter is not started"
        return self._client

    # --- connecting --------------------------------------------------------------------------
    async def connect(self) -> None:
        """Restore the stored device, or log in once and store it."""
        await asyncio.to_thread(self._store.mkdir, parents=True, exist_ok=True)
        config = AsyncClientConfig(
            encryption_enabled=True,
            store_sync_tokens=False,
            # Both are handled here: rate limits by the outbox (bounded), connection failures
            # by the sync loop's backoff with a health status.
            max_limit_exceeded=0,
            max_timeouts=0,
            request_timeout=30,
        )
        client = AsyncClient(
            self._hs, self.settings.user_id, store_path=str(self._store), config=config
        )
        saved = await credentials.load(self._store)
        if self.settings.access_token is not None and self.settings.device_id is not None:
            client.restore_login(
                self.settings.user_id, self.settings.device_id, self.settings.access_token
            )
        elif saved is not None and saved.user_id == self.settings.user_id:
            client.restore_login(saved.user_id, saved.device_id, saved.access_token)
        else:
            assert self.settings.password is not None
            response = await self._login(client, self.settings.password)
            if not isinstance(response, LoginResponse):
                await client.close()
                raise MatrixLoginError(f"login refused: {getattr(response, 'message', '')}")
            await credentials.save(
                self._store,
                credentials.Credentials(
                    self._hs, response.user_id, response.device_id, response.access_token
                ),
            )
            log.info("matrix logged in with a new device", device_id=response.device_id)
            with contextlib.suppress(*_CONNECTION_ERRORS):
                await client.set_displayname(self.settings.display_name)
        self._client = client
        self._direct = await self._state.direct_rooms()
        log.info("matrix device", user_id=client.user_id, device_id=client.device_id)

    async def _login(self, client: AsyncClient, password: str) -> Any:
        """Log in, waiting out the homeserver's login rate limit a bounded number of times."""
        for _ in range(self.settings.max_rate_limit_retries + 1):
            response = await self._with_retries(
                lambda: client.login(password, device_name=self.settings.device_name)
            )
            if getattr(response, "status_code", None) != "M_LIMIT_EXCEEDED":
                return response
            wait_ms = getattr(response, "retry_after_ms", None) or 2_000
            log.warning("matrix login rate limited, waiting", retry_after_ms=wait_ms)
            await asyncio.sleep(wait_ms / 1000)
        return response

    async def _with_retries(self, call: Any) -> Any:
        failures = 0
        while True:
            try:
                return await call()
            except _CONNECTION_ERRORS:
                if self._stopping.is_set():
                    raise
                self._mark_unreachable(True)
                failures += 1
                await asyncio.sleep(self._backoff.seconds(failures))

    # --- the sync loop -----------------------------------------------------------------------
    async def start(self, dispatch: Dispatch) -> None:
        if self._client is None:
            await self.connect()
        self.outbox.start()
        self._posts.register(MatrixDeliverer(self.outbox))
        self._posts.start()
        self._dispatch_to = dispatch
        self._inbox.attach(PLATFORM, self._handle_stored)
        self._sync_task = asyncio.current_task()
        token = await self._state.sync_token()
        first_ever = token is None
        if first_ever:
            # The very first start answers nothing older than itself, even when the
            # homeserver hands out a cached (older) initial sync.
            self._not_before_ms = int(time.time() * 1000)
        full_state = True
        failures = 0
        sync_filter = {"room": {"timeline": {"limit": self.settings.sync_timeline_limit}}}
        try:
            while not self._stopping.is_set():
                try:
                    self._in_sync = True
                    response = await self.client.sync(
                        timeout=0 if full_state else self.settings.sync_timeout_ms,
                        since=token,
                        full_state=full_state,
                        sync_filter=sync_filter,
                    )
                    self._in_sync = False
                    if not isinstance(response, SyncResponse):
                        if await self._on_sync_error(response):
                            full_state = True  # a new client needs the rooms' state again
                            continue
                        raise _RetryLaterError
                    self._mark_unreachable(False)
                    stored = await self._store_sync(response, token, history=not first_ever)
                    await self._maintain_keys()
                    # Saved only once the batch is in the inbox: a crash before this point
                    # replays the batch (the inbox keeps one row per event id), a crash after
                    # it leaves the stored events to the next process.
                    token = response.next_batch
                    await self._state.save_sync_token(token)
                    await self._handle_batch(stored)
                except (*_CONNECTION_ERRORS, _RetryLaterError) as exc:
                    self._in_sync = False
                    if self._stopping.is_set():
                        break
                    if not isinstance(exc, _RetryLaterError):
                        self._mark_unreachable(True)
                    failures += 1
                    await asyncio.sleep(self._backoff.seconds(failures))
                    continue
                except Exception:
                    self._in_sync = False
                    log.exception("matrix sync batch failed; retrying")
                    failures += 1
                    await asyncio.sleep(self._backoff.seconds(failures))
                    continue
                failures = 0
                first_ever = False
                full_state = False
                self._ready.set()
        finally:
            self._connected = False

    async def _on_sync_error(self, response: Any) -> bool:
        """Log a refused sync; after a revoked access token, log in again when a password
        is configured (a new device: the old one is gone with its token). True when the
        bot logged in again."""
        status = getattr(response, "status_code", None)
        if status != "M_UNKNOWN_TOKEN":
            log.warning("matrix sync failed", status=status)
            return False
        if self.settings.password is None:
            log.error("matrix access token refused; configure a new access_token and device_id")
            return False
        log.error("matrix access token refused; logging in again with a new device")
        await credentials.remove(self._store)
        await self.client.close()
        self._client = None
        await self.connect()
        return True

    async def _maintain_keys(self) -> None:
        """What ``sync_forever`` would do: keep the device's encryption keys current."""
        client = self.client
        try:
            if client.should_upload_keys:
                await client.keys_upload()
            if client.should_query_keys:
                await client.keys_query()
            if client.should_claim_keys:
                await client.keys_claim(client.get_users_for_key_claiming())
            await client.send_to_device_messages()
        except _CONNECTION_ERRORS:
            self._mark_unreachable(True)

    async def _store_sync(
        self, response: SyncResponse, since: str | None, *, history: bool
    ) -> list[tuple[str, list[Any], list[Ticket | None]]]:
        """Join invited rooms, and store the batch's events in the inbox; per room, the
        events and their stored tickets (``None`` for one stored before)."""
        for room_id, info in response.rooms.invite.items():
            await self._on_invite(room_id, [_invite_dict(e) for e in info.invite_state])
        if response.rooms.join:
            self._room_arrived.set()
        stored: list[tuple[str, list[Any], list[Ticket | None]]] = []
        for room_id, info in response.rooms.join.items():
            if not history:
                continue  # the very first start: earlier history is not answered
            events: list[Any] = list(info.timeline.events)
            joined_at = self._own_join_index(events)
            if joined_at is not None:
                # Just joined: what was said before the bot came in is history, not for it.
                events = events[joined_at + 1 :]
            elif info.timeline.limited and info.timeline.prev_batch and since:
                gap = await self._fetch_gap(room_id, info.timeline.prev_batch, since)
                known = {e.event_id for e in events}
                events = [e for e in gap if e.event_id not in known] + events
            wanted = [raw for e in events if (raw := self._storable(room_id, e)) is not None]
            tickets = await self._inbox.store_many(
                PLATFORM,
                [
                    (str(raw["event_id"]), "event", {"room": room_id, "event": raw})
                    for raw in wanted
                ],
            )
            stored.append((room_id, events, tickets))
        return stored

    async def _handle_batch(self, stored: list[tuple[str, list[Any], list[Ticket | None]]]) -> None:
        """In the order they came: a room's conversation is answered in order."""
        for room_id, events, tickets in stored:
            for ticket in tickets:
                if ticket is not None:
                    await self._inbox.handle(ticket)
            await self._leave_if_alone(room_id, events)

    def _storable(self, room_id: str, event: Any) -> dict[str, Any] | None:
        """The event's source (decrypted), unless the core has no use for it."""
        if isinstance(event, MegolmEvent):
            log.warning("matrix event could not be decrypted", room=room_id)
            return None
        raw: dict[str, Any] = getattr(event, "source", {}) or {}
        event_id = raw.get("event_id")
        if not isinstance(event_id, str) or raw.get("sender") == self.settings.user_id:
            return None
        if int(raw.get("origin_server_ts") or 0) < self._not_before_ms:
            return None
        return raw

    def _own_join_index(self, events: list[Any]) -> int | None:
        found: int | None = None
        for index, event in enumerate(events):
            raw = getattr(event, "source", {}) or {}
            if (
                raw.get("type") == "m.room.member"
                and raw.get("state_key") == self.settings.user_id
                and (raw.get("content") or {}).get("membership") == "join"
                and ((raw.get("unsigned") or {}).get("prev_content") or {}).get("membership")
                != "join"
            ):
                found = index
        return found

    async def _fetch_gap(self, room_id: str, prev_batch: str, since: str) -> list[Any]:
        """The events a limited sync left out: from ``prev_batch`` back to ``since``."""
        collected: list[Any] = []
        start = prev_batch
        for _ in range(_MAX_GAP_PAGES):
            response = await self.client.room_messages(
                room_id, start=start, end=since, direction=MessageDirection.back, limit=100
            )
            if not isinstance(response, RoomMessagesResponse) or not response.chunk:
                break
            collected.extend(response.chunk)
            if not response.end or response.end == start:
                break
            start = response.end
        collected.reverse()
        log.info("matrix gap fetched", room=room_id, events=len(collected))
        return collected

    def _room_view(self, room_id: str) -> RoomView:
        room: MatrixRoom | None = self.client.rooms.get(room_id)
        if room is None:
            return RoomView(room_id, is_direct=room_id in self._direct)
        name = room.canonical_alias or room.name or room.display_name or ""
        return RoomView(room_id, name, is_direct=room_id in self._direct)

    def _display_names(self, room_id: str, user_id: str) -> dict[str, str]:
        room: MatrixRoom | None = self.client.rooms.get(room_id)
        if room is None:
            return {}
        user = room.users.get(user_id)
        return {user_id: user.display_name} if user is not None and user.display_name else {}

    async def _handle_stored(self, ticket: Ticket) -> None:
        """A stored event, in the sync loop or (after a restart) from the inbox."""
        room_id = str(ticket.payload.get("room") or "")
        raw: dict[str, Any] = dict(ticket.payload.get("event") or {})
        event_id = ticket.delivery_id
        core: Event | None = to_core_event(
            raw,
            self._room_view(room_id),
            self._me,
            self._display_names(room_id, str(raw.get("sender"))),
        )
        taken_back = redacted_event_id(raw)
        if taken_back is not None and taken_back in self._reactions:
            original = self._reactions.pop(taken_back)
            if original.sender.external_id == raw.get("sender"):
                core = replace(original, removed=True)
        if core is None or self._dispatch_to is None:
            return
        core = await self._with_email(core)
        if isinstance(core, ReactionEvent) and not core.removed:
            self._reactions[event_id] = core
            while len(self._reactions) > 5_000:
                self._reactions.popitem(last=False)
        # The dispatcher claims the event id with the event's own transaction: an event seen
        # again (a back-filled gap, a sync replayed after a restart) is handled once. A
        # failure is the inbox's to try again later.
        await self._dispatch_to(replace(core, delivery_id=event_id))

    async def _with_email(self, core: Event) -> Event:
        """The sender's verified e-mail address, where ``verified_emails`` is on."""
        if self._emails is None:
            return core
        if isinstance(core, JoinEvent):
            email = await self._emails.email_of(core.account.external_id)
            return replace(core, account=replace(core.account, email=email)) if email else core
        email = await self._emails.email_of(core.sender.external_id)
        return replace(core, sender=replace(core.sender, email=email)) if email else core

    # --- rooms -------------------------------------------------------------------------------
    async def _on_invite(self, room_id: str, invite_state: list[dict[str, Any]]) -> None:
        invite = next(
            (
                e
                for e in invite_state
                if e.get("type") == "m.room.member"
                and e.get("state_key") == self.settings.user_id
                and (e.get("content") or {}).get("membership") == "invite"
            ),
            None,
        )
        inviter = str(invite.get("sender", "")) if invite else ""
        if not invite_allowed(inviter, self.settings.allowed_inviters, self.settings.server_name):
            log.info("matrix invite refused", room=room_id)
            with contextlib.suppress(*_CONNECTION_ERRORS):
                await self.client.room_leave(room_id)
            return
        response = await self.client.join(room_id)
        if isinstance(response, JoinError):
            log.warning("matrix join failed", room=room_id, status=response.status_code)
            return
        if invite is not None and (invite.get("content") or {}).get("is_direct"):
            self._direct[room_id] = inviter
            await self._state.save_direct_rooms(self._direct)
        log.info("matrix joined room", room=room_id)

    async def _leave_if_alone(self, room_id: str, events: list[Any]) -> None:
        if not self.settings.leave_when_alone:
            return
        left = any(
            (getattr(e, "source", {}) or {}).get("type") == "m.room.member"
            and ((getattr(e, "source", {}) or {}).get("content") or {}).get("membership")
            in ("leave", "ban")
            for e in events
        )
        room: MatrixRoom | None = self.client.rooms.get(room_id)
        if not left or room is None:
            return
        if room.joined_count <= 1 and room.invited_count == 0:
            log.info("matrix leaving a room where the bot is alone", room=room_id)
            await self.client.room_leave(room_id)
            await self.client.room_forget(room_id)
            if self._direct.pop(room_id, None) is not None:
                await self._state.save_direct_rooms(self._direct)

    # --- sending -----------------------------------------------------------------------------
    async def _send_now(
        self, room_id: str, event_type: str, content: dict[str, Any], txn_id: str
    ) -> str:
        client = self.client
        if client.olm is not None and room_id not in client.rooms:
            await self._wait_for_room(room_id)
        try:
            response = await client.room_send(
                room_id, event_type, content, tx_id=txn_id, ignore_unverified_devices=True
            )
        except _CONNECTION_ERRORS as exc:
            raise UnreachableError(str(exc)) from exc
        if isinstance(response, RoomSendResponse):
            return str(response.event_id)
        assert isinstance(response, ErrorResponse)
        if response.status_code == "M_LIMIT_EXCEEDED":
            raise RateLimitedError(response.retry_after_ms)
        raise SendFailedError(f"{response.status_code}: {response.message}")

    async def _wait_for_room(self, room_id: str, within: float = 15.0) -> None:
        """A room the bot just created is known to the encryption layer after a sync."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while room_id not in self.client.rooms and loop.time() < deadline:
            self._room_arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._room_arrived.wait(), deadline - loop.time())

    async def _send_content(
        self, conversation: ConversationRef, content: dict[str, Any], thread_id: str | None
    ) -> MessageRef:
        event_id = await self._send_event(conversation.external_id, "m.room.message", content)
        return MessageRef(conversation, event_id, thread_id)

    async def _send_event(self, room_id: str, event_type: str, content: dict[str, Any]) -> str:
        """Through the outbox: recorded under its key, sent with it as transaction id."""
        payload = {"room": room_id, "type": event_type, "content": content}
        outcome = await self._posts.send(CHANNEL, payload)
        if isinstance(outcome, Delivered):
            return str(outcome.result.get("event_id") or "")
        # Kept in the outbox, which sends it once the homeserver takes it.
        raise SendFailedError("the message waits in the outbox")

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        content = render.notice(text)
        if thread_id is not None:
            content = render.in_thread_root(content, thread_id)
        return await self._send_content(conversation, content, thread_id)

    async def reply(self, to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        content = render.notice(text)
        if in_thread:
            root = to.thread_id or to.message_id
            content = render.in_thread(content, root, to.message_id)
            return await self._send_content(to.conversation, content, root)
        content = render.as_reply(content, to.message_id, to.thread_id)
        return await self._send_content(to.conversation, content, to.thread_id)

    async def send_direct(self, account: AccountRef, text: str) -> MessageRef:
        room_id = await self._direct_room_for(account.external_id)
        conversation = ConversationRef(PLATFORM, room_id, account.display_name, is_direct=True)
        return await self._send_content(conversation, render.notice(text), None)

    async def send_private(self, near: MessageRef, account: AccountRef, text: str) -> MessageRef:
        # Matrix has no messages visible to one member of a room: use the DM room.
        return await self.send_direct(account, text)

    async def edit(self, message: MessageRef, text: str) -> None:
        await self.outbox.send(
            message.conversation.external_id,
            "m.room.message",
            render.replacement(text, message.message_id),
        )

    async def react(self, to: MessageRef, key: str) -> None:
        await self._send_event(
            to.conversation.external_id, "m.reaction", render.reaction(to.message_id, key)
        )

    async def upload(
        self, conversation: ConversationRef, attachment: Attachment, *, thread_id: str | None = None
    ) -> MessageRef:
        data = attachment.data

        def provider(_got_429: int, _got_timeouts: int) -> Any:
            return io.BytesIO(data)

        room: MatrixRoom | None = self.client.rooms.get(conversation.external_id)
        encrypt = bool(room is not None and room.encrypted)
        try:
            response, keys = await self.client.upload(
                provider,
                content_type=attachment.content_type,
                filename=attachment.filename,
                filesize=len(data),
                encrypt=encrypt,
            )
        except _CONNECTION_ERRORS as exc:
            raise SendFailedError(f"upload failed: {exc}") from exc
        if not isinstance(response, UploadResponse):
            raise SendFailedError(f"upload refused: {getattr(response, 'message', '')}")
        content = render.file_message(
            attachment.filename,
            attachment.content_type,
            len(data),
            response.content_uri,
            encrypted_file=keys if encrypt else None,
        )
        if thread_id is not None:
            content = render.in_thread_root(content, thread_id)
        return await self._send_content(conversation, content, thread_id)

    async def members(self, conversation: ConversationRef) -> list[AccountRef]:
        """The room's joined members, from the synced room state (no request)."""
        room = self.client.rooms.get(conversation.external_id)
        if room is None:
            return []
        own = self.settings.user_id
        names = {uid: user.display_name or "" for uid, user in room.users.items()}
        found = [account(uid, names) for uid in sorted(room.users) if uid != own]
        if self._emails is None:
            return found
        emails = self._emails
        return [replace(a, email=await emails.email_of(a.external_id)) for a in found]

    def mention(self, account: AccountRef) -> str:
        return render.pill(account.external_id, account.display_name)

    async def _direct_room_for(self, user_id: str) -> str:
        """Reuse the DM room with this user while both are in it, else create one."""
        for room_id, other in self._direct.items():
            room: MatrixRoom | None = self.client.rooms.get(room_id)
            if other == user_id and room is not None and user_id in room.users:
                return room_id
        response = await self.client.room_create(
            is_direct=True,
            invite=[user_id],
            preset=_trusted_private_chat(),
            initial_state=[
                {"type": "m.room.encryption", "state_key": "", "content": _megolm()},
            ],
        )
        if isinstance(response, RoomCreateError):
            raise SendFailedError(f"could not create a direct room: {response.status_code}")
        room_id = str(response.room_id)
        self._direct = {k: v for k, v in self._direct.items() if v != user_id}
        self._direct[room_id] = user_id
        await self._state.save_direct_rooms(self._direct)
        return room_id

    # --- stopping ----------------------------------------------------------------------------
    async def stop(self) -> None:
        """Finish the events being handled (never half-handle one), then close."""
        self._stopping.set()
        self._inbox.detach(PLATFORM)
        self._posts.unregister(CHANNEL)
        task = self._sync_task
        if task is not None and not task.done() and task is not asyncio.current_task():
            if self._in_sync:
                task.cancel()  # a long-poll with nothing in it yet: safe to drop
            await asyncio.wait({task}, timeout=15)
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.outbox.stop()
        if self._emails is not None:
            await self._emails.close()
        if self._client is not None:
            await self._client.close()

    def _access_token(self) -> str | None:
        return self._client.access_token if self._client is not None else None


def _invite_dict(event: Any) -> dict[str, Any]:
    """nio's stripped invite-state events keep no source; rebuild the part we read."""
    if not isinstance(event, InviteMemberEvent):
        return {}
    return {
        "type": "m.room.member",
        "sender": event.sender,
        "state_key": event.state_key,
        "content": dict(event.content or {}),
    }


def _trusted_private_chat() -> Any:
    from nio.api import RoomPreset

    return RoomPreset.trusted_private_chat


def _megolm() -> dict[str, str]:
    return {"algorithm": "m.megolm.v1.aes-sha2"}
