"""The slack-bolt app: Slack's requests stored in the inbox and turned into core events for
the dispatcher, and the transports (the HTTP Events API, Socket Mode).

Slack wants an answer within 3 seconds: a request is stored (bot/delivery/inbox.py), answered, and
handled afterwards; only a submitted form waits for its handler's verdict (briefly).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Protocol

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.base import Dispatch
from bot.adapters.slack import translate
from bot.adapters.slack.blocks import OPEN_THREAD_ACTION
from bot.adapters.slack.config import SlackConfig
from bot.adapters.slack.directory import SlackDirectory
from bot.adapters.slack.request_body import MalformedBodyError, check_body
from bot.adapters.slack.translate import SlashInvocation
from bot.core.events import AccountRef, ConversationRef, Event, JoinEvent, MessageEvent
from bot.core.logs import get_logger
from bot.delivery.inbox import Ticket
from bot.dispatch.services import Services

log = get_logger(__name__)

UMBRELLA = "vraagbaak"
SLASH_COMMANDS = ("/vraagbaak", "/wieweet", "/whoknows")
PUBLISH = "publish_question"  # the core's name for the "Stel openbaar in groep" shortcut
# How long a form submission waits for its handler's verdict (Slack allows 3 seconds).
FORM_ANSWER_SECONDS = 2.0

Ack = Callable[..., Awaitable[None]]


class SlackSide(Protocol):
    """What the app and its transports need of the adapter (``adapter.py``)."""

    config: SlackConfig
    client: AsyncWebClient
    services: Services
    directory: SlackDirectory
    bot_user_id: str | None
    port: int | None

    def busy(self) -> contextlib.AbstractContextManager[None]: ...

    def hold(self) -> None: ...

    def release(self) -> None: ...

    def healthy(self) -> bool: ...

    def slash_conversation(self, invocation: SlashInvocation, command: str) -> ConversationRef: ...

    async def direct_conversation(self, account: AccountRef) -> ConversationRef: ...

    def await_form_answer(self, delivery_id: str) -> asyncio.Future[dict[str, str] | None]: ...

    def form_answer_given(
        self, delivery_id: str, answer: asyncio.Future[dict[str, str] | None]
    ) -> dict[str, str] | None: ...


def build_app(adapter: SlackSide, dispatch: Dispatch) -> AsyncApp:
    config = adapter.config
    app = AsyncApp(
        client=adapter.client,
        signing_secret=config.signing_secret or "",
        # Socket Mode messages come over an authenticated websocket and carry no signature.
        request_verification_enabled=config.transport == "http",
        process_before_response=False,
        name="vraagbaak",
    )
    entry = _EntryPoints(adapter, dispatch)
    # Events, slash commands and shortcuts are stored before Slack gets its answer, and
    # handled from the inbox; a form is stored, then answered once its handler has looked at
    # it (the answer may keep the modal open with the reason).
    app.middleware(entry.store_first)
    app.view(re.compile(f"^{re.escape(translate.FORM_PREFIX)}"))(entry.on_form)
    app.action(OPEN_THREAD_ACTION)(entry.on_link_button)
    # Slack's events are handled concurrently anyway (as bolt would).
    adapter.services.inbox.attach(translate.PLATFORM, entry.handle_stored, concurrency=8)
    return app


def stored_kind(body: dict[str, Any]) -> tuple[str, str] | None:
    """``(kind, delivery id)`` of a request handled from the inbox, else ``None``."""
    kind = body.get("type")
    if kind == "event_callback":
        event_id = body.get("event_id")
        return ("event", str(event_id)) if isinstance(event_id, str) and event_id else None
    if "command" in body and body.get("trigger_id"):
        return "slash", f"slash:{body['trigger_id']}"
    if kind in ("message_action", "shortcut") and body.get("trigger_id"):
        return "shortcut", f"shortcut:{body['trigger_id']}"
    return None


class _EntryPoints:
    def __init__(self, adapter: SlackSide, dispatch: Dispatch) -> None:
        self.adapter = adapter
        self._dispatch = dispatch
        self.services = adapter.services
        self._first_sight = asyncio.Lock()
        self._known: set[tuple[str, str]] = set()

    async def dispatch(self, event: Event, body: dict[str, Any]) -> None:
        """Bolt runs listeners concurrently; two events of a user (or channel) not seen before
        would both try to create the person (or channel, or settings). Creating them happens
        here, one at a time and quickly; the handling itself (with its network calls) runs
        concurrently.

        Slack redelivers an event with the same ``event_id`` (``x-slack-retry-num``, or
        ``retry_attempt`` in Socket Mode); the dispatcher handles each id once."""
        account = event.account if isinstance(event, JoinEvent) else event.sender
        await self._ensure_known(account, event.conversation)
        event_id = body.get("event_id")
        if isinstance(event_id, str) and event_id:
            event = replace(event, delivery_id=event_id)
        await self._dispatch(event)

    # --- the inbox -----------------------------------------------------------------------------
    async def store_first(self, body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> Any:
        """Bolt middleware: what is handled from the inbox is stored before the answer to
        Slack, then handled in the background; a redelivery is only acknowledged."""
        found = stored_kind(body)
        if found is None:
            return await next()
        kind, delivery_id = found
        try:
            ticket = await self.services.inbox.store(translate.PLATFORM, delivery_id, kind, body)
        except Exception:
            # Not stored, so not acknowledged: Slack delivers it again.
            log.exception("slack event not stored", kind=kind)
            return BoltResponse(status=503, body="")
        if ticket is not None:
            self._spawn(ticket)
        return BoltResponse(status=200, body="")

    def _spawn(self, ticket: Ticket) -> asyncio.Task[bool]:
        # Counted as work in progress from now, so stop (and tests) wait for it.
        self.adapter.hold()
        task = self.services.inbox.spawn(ticket)
        task.add_done_callback(lambda _: self.adapter.release())
        return task

    async def handle_stored(self, ticket: Ticket) -> None:
        """A stored request, at once or after a restart."""
        body = ticket.payload
        with self.adapter.busy():
            if ticket.kind == "event":
                await self._event(body)
            elif ticket.kind == "slash":
                await self._slash(body, ticket.delivery_id)
            elif ticket.kind == "shortcut":
                await self._shortcut(body, ticket.delivery_id)
            elif ticket.kind == "submission":
                await self._submitted(body, ticket.delivery_id)
            else:
                log.warning("unknown stored slack request", kind=ticket.kind)

    async def _event(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        kind = event.get("type")
        if kind == "app_mention":
            await self._mention(event, body)
        elif kind == "message":
            await self._message(event, body)
        elif kind in ("reaction_added", "reaction_removed"):
            await self._reaction(event, body)
        elif kind == "member_joined_channel":
            await self._join(event, body)
        elif kind == "app_home_opened":
            await self._home(event, body)

    async def _ensure_known(self, account: AccountRef, conversation: ConversationRef) -> None:
        key = (account.external_id, conversation.external_id)
        if key in self._known:
            return
        async with self._first_sight, self.services.db.session() as session:
            person = await self.services.identity.person_for(session, account)
            assert person.id is not None
            await self.services.identity.settings_for(session, person.id)
            channel = await self.services.channels.channel_for(session, conversation)
            if not channel.is_direct and channel.id is not None and person.id is not None:
                await self.services.channels.add_member(session, channel.id, person.id)
            await session.commit()
        self._known.add(key)

    # --- events ------------------------------------------------------------------------------
    async def _channel_name(self, event: dict[str, Any]) -> str:
        if event.get("channel_type") == "im":
            return ""
        return await self.adapter.directory.channel_name(str(event.get("channel") or ""))

    async def _mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        sender = await self.adapter.directory.user(str(event.get("user") or ""))
        await self.dispatch(
            translate.mention_event(
                event,
                bot_user_id=self.adapter.bot_user_id,
                sender=sender,
                channel_name=await self._channel_name(event),
            ),
            body,
        )

    async def _message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        author = translate.message_author(event)
        if author is None or not translate.is_person_message(event):
            return
        if (
            event.get("channel_type") != "im"
            and event.get("subtype") != "message_changed"
            and translate.mentions_user(event, self.adapter.bot_user_id)
        ):
            return  # the same message arrives as app_mention, which handles it
        core = translate.message_event(
            event,
            bot_user_id=self.adapter.bot_user_id,
            sender=await self.adapter.directory.user(author),
            channel_name=await self._channel_name(event),
        )
        if core is not None:
            await self.dispatch(core, body)

    async def _reaction(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        item = event.get("item") or {}
        name = await self.adapter.directory.channel_name(str(item.get("channel") or ""))
        core = translate.reaction_event(
            event,
            sender=await self.adapter.directory.user(str(event.get("user") or "")),
            channel_name=name,
        )
        if core is not None:
            await self.dispatch(core, body)

    async def _join(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        member = await self.adapter.directory.user(str(event.get("user") or ""))
        await self.dispatch(
            translate.join_event(
                event, member=member, channel_name=await self._channel_name(event)
            ),
            body,
        )

    async def _home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab") != "home":
            return
        user = await self.adapter.directory.user(str(event.get("user") or ""))
        event_id = str(body.get("event_id") or "")
        await self.dispatch(translate.home_event(event, sender=user, delivery_id=event_id), body)

    # --- slash commands ----------------------------------------------------------------------
    async def _slash(self, body: dict[str, Any], delivery_id: str) -> None:
        command = str(body.get("command") or "")
        name = command.lstrip("/").lower()
        # /vraagbaak is the umbrella (its first word names the command) unless a handler
        # registers a command of that name; every other slash command is the bot command of
        # the same name, found by the registry like a typed one.
        umbrella = name == UMBRELLA and self.services.registry.find(name) is None
        invocation = translate.slash_invocation(
            body, self.services.config.bot.command_prefix, umbrella=umbrella
        )
        sender = await self.adapter.directory.user(invocation.user_id)
        conversation = self.adapter.slash_conversation(invocation, command)
        await self.dispatch(
            MessageEvent(
                conversation,
                f"slash-{invocation.trigger_id}",
                sender.account(),
                invocation.command_text,
                delivery_id=delivery_id,
            ),
            body,
        )

    # --- message shortcuts and forms ---------------------------------------------------------
    async def _shortcut(self, body: dict[str, Any], delivery_id: str) -> None:
        if body.get("callback_id") != self.adapter.config.shortcut_callback_id:
            log.info("unknown shortcut", callback_id=str(body.get("callback_id") or ""))
            return
        request = translate.shortcut_request(body)
        user = await self.adapter.directory.user(request.user_id)
        author = await self.adapter.directory.user(request.author_id) if request.author_id else None
        event = translate.shortcut_event(
            body, action=PUBLISH, sender=user, author=author, delivery_id=delivery_id
        )
        await self.dispatch(event, body)

    async def on_form(self, ack: Ack, body: dict[str, Any]) -> None:
        """A submitted form is stored, then handled while Slack waits (at most
        :data:`FORM_ANSWER_SECONDS`): bad input keeps the modal open with the reason next to
        the field; the handler says so through ``keep_form_open``."""
        delivery_id = f"submission:{body.get('trigger_id') or uuid.uuid4().hex}"
        with self.adapter.busy():
            ticket = await self.services.inbox.store(
                translate.PLATFORM, delivery_id, "submission", body
            )
            if ticket is None:
                await ack()
                return
            answer = self.adapter.await_form_answer(delivery_id)
            handling = self._spawn(ticket)
            waiting: set[asyncio.Future[Any]] = {answer, handling}
            await asyncio.wait(waiting, timeout=FORM_ANSWER_SECONDS, return_when="FIRST_COMPLETED")
            errors = self.adapter.form_answer_given(delivery_id, answer)
            if errors:
                await ack(response_action="errors", errors=errors)
            else:
                await ack()

    async def _submitted(self, body: dict[str, Any], delivery_id: str) -> None:
        user_id = str((body.get("user") or {}).get("id") or "")
        user = await self.adapter.directory.user(user_id)
        direct = await self.adapter.direct_conversation(user.account())
        event = translate.form_event(body, sender=user, direct=direct, delivery_id=delivery_id)
        if event is not None:
            await self.dispatch(event, body)

    async def on_link_button(self, ack: Ack) -> None:
        # A link button opens its URL in the browser; Slack still reports the click and
        # shows a warning unless it is acknowledged.
        await ack()


# --- transports ----------------------------------------------------------------------------
class Transport(Protocol):
    async def stop(self) -> None: ...

    def connected(self) -> bool: ...


class HttpTransport:
    """The Events API on ``[slack] host:port``: ``POST {path}`` for Slack, ``GET /health``.

    A listener of its own rather than a route on ``vraagbaak run``'s health server, so the
    Slack endpoint can be exposed to the internet while the health port stays internal."""

    def __init__(self, app: AsyncApp, adapter: SlackSide) -> None:
        self._app = app
        self._adapter = adapter
        self._runner: web.AppRunner | None = None
        secret = adapter.config.signing_secret
        self._verifier = SignatureVerifier(secret) if secret else None

    async def start(self) -> int:
        web_app = web.Application()
        web_app.router.add_post(self._adapter.config.path, self._events)
        web_app.router.add_get("/health", self._health)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._adapter.config.host, self._adapter.config.port)
        await site.start()
        address = self._runner.addresses[0]
        return int(address[1])

    async def _events(self, request: web.Request) -> web.Response:
        # The signature first (as bolt would), so an unsigned request learns nothing more;
        # then a body bolt could not parse is refused with 400 rather than a 500 (issue 11).
        raw = await request.read()
        if not self._signed(raw, request):
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            check_body(raw, request.headers.get("Content-Type", ""))
        except MalformedBodyError as refused:
            log.warning("slack request refused", reason=str(refused))
            return web.json_response({"error": "malformed body"}, status=400)
        bolt_response = await self._app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    def _signed(self, raw: bytes, request: web.Request) -> bool:
        if self._verifier is None:
            return True
        try:
            return self._verifier.is_valid_request(raw, request.headers)
        except ValueError:  # a timestamp that is not a number
            return False

    async def _health(self, _request: web.Request) -> web.Response:
        # Messages waiting for Slack are reported, but do not make the bot unhealthy: a
        # restart would not bring Slack back, and the outbox survives one anyway.
        ok = self._adapter.healthy()
        queued = self._adapter.services.outbox.backlog("slack")
        body = {"status": "ok" if ok else "degraded", "queued": queued}
        return web.json_response(body, status=200 if ok else 503)

    def connected(self) -> bool:
        return self._runner is not None

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class SocketTransport:
    """Socket Mode: a websocket Slack opens for us (``apps.connections.open`` on api_url)."""

    def __init__(self, app: AsyncApp, adapter: SlackSide) -> None:
        assert adapter.config.app_token is not None
        self._handler = AsyncSocketModeHandler(
            app, adapter.config.app_token, web_client=adapter.client
        )

    async def start(self) -> None:
        await self._handler.connect_async()  # type: ignore[no-untyped-call]

    def connected(self) -> bool:
        client = self._handler.client
        return bool(client.current_session is not None and not client.closed)

    async def stop(self) -> None:
        await self._handler.close_async()  # type: ignore[no-untyped-call]


async def start_transport(adapter: SlackSide, app: AsyncApp) -> Transport:
    if adapter.config.transport == "socket":
        socket = SocketTransport(app, adapter)
        await socket.start()
        return socket
    http = HttpTransport(app, adapter)
    adapter.port = await http.start()
    return http
