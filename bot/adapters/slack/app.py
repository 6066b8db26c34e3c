"""The slack-bolt app: Slack-native entry points routed to the core, and its transports.

Every listener acknowledges first (Slack wants an answer within 3 seconds) and does the
slower work afterwards; bolt runs listeners after the ack (``process_before_response`` off).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.adapters.base import Dispatch
from bot.adapters.slack import translate
from bot.adapters.slack.blocks import (
    GROUP_ACTION,
    GROUP_BLOCK,
    OPEN_THREAD_ACTION,
    PUBLISH_VIEW,
    QUESTION_ACTION,
    QUESTION_BLOCK,
    button_row,
    home_view,
    publish_modal,
    thread_url,
)
from bot.adapters.slack.provisional import is_provisional
from bot.adapters.slack.request_body import MalformedBodyError, check_body
from bot.errors import UserError
from bot.events import AccountRef, ConversationRef, Event, JoinEvent, MessageEvent
from bot.i18n import Lang, normalise_language, t
from bot.inbox import Ticket
from bot.inert import bot_mention
from bot.logs import get_logger

if TYPE_CHECKING:
    from bot.adapters.slack.adapter import SlackAdapter

log = get_logger(__name__)

UMBRELLA = "vraagbaak"
SLASH_COMMANDS = ("/vraagbaak", "/wieweet", "/whoknows")

Ack = Callable[..., Awaitable[None]]


def build_app(adapter: SlackAdapter, dispatch: Dispatch) -> AsyncApp:
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
    # handled from the inbox; a modal submission is checked first (its answer may keep the
    # modal open with the reason), then stored.
    app.middleware(entry.store_first)
    app.view(PUBLISH_VIEW)(entry.on_publish)
    app.action(OPEN_THREAD_ACTION)(entry.on_link_button)
    adapter.services.inbox.attach(translate.PLATFORM, entry.handle_stored)
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
    def __init__(self, adapter: SlackAdapter, dispatch: Dispatch) -> None:
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

    def _spawn(self, ticket: Ticket) -> None:
        # Counted as work in progress from now, so stop (and tests) wait for it.
        self.adapter.hold()
        self.services.inbox.spawn(ticket).add_done_callback(lambda _: self.adapter.release())

    async def handle_stored(self, ticket: Ticket) -> None:
        """A stored request, at once or after a restart."""
        body = ticket.payload
        with self.adapter.busy():
            if ticket.kind == "event":
                await self._event(body)
            elif ticket.kind == "slash":
                await self._slash(body, ticket.delivery_id)
            elif ticket.kind == "shortcut":
                await self._shortcut(body)
            elif ticket.kind == "submission":
                await self._submitted(body)
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
            await self._home(event)

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

    async def _home(self, event: dict[str, Any]) -> None:
        if event.get("tab") != "home":
            return
        from handlers.slack_entry import home_summary

        user = await self.adapter.directory.user(str(event.get("user") or ""))
        await self._language(user.account())  # creates the person on first sight
        async with self.services.db.session() as session:
            summary = await home_summary(self.services, session, user.account())
            await session.commit()
        await self.adapter.sender.call(
            "views.publish", {"user_id": user.id, "view": home_view(summary)}
        )

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

    # --- "Stel openbaar in groep" ------------------------------------------------------------
    async def _language(self, account: AccountRef) -> Lang:
        from handlers.slack_entry import language_of

        async with self._first_sight, self.services.db.session() as session:
            person = await self.services.identity.person_for(session, account)
            language = await language_of(self.services, session, person)
            await session.commit()
        return language

    async def _shortcut(self, body: dict[str, Any]) -> None:
        from handlers.slack_entry import groups_for, suggest_group

        request = translate.shortcut_request(body)
        user = await self.adapter.directory.user(request.user_id)
        language = await self._language(user.account())
        config = self.services.config
        groups = await groups_for(self.services, user.account(), translate.PLATFORM)
        if not groups:
            await self.adapter.ephemeral(
                translate.conversation(request.channel_id),
                user.id,
                t(language, "publish.no_groups"),
            )
            return
        view = publish_modal(
            language,
            groups,
            suggested=suggest_group(config, translate.PLATFORM, request.text),
            text=request.text,
            metadata={
                "channel": request.channel_id,
                "ts": request.message_ts,
                "author": request.author_id or "",
            },
        )
        await self.adapter.sender.call(
            "views.open", {"trigger_id": request.trigger_id, "view": view}
        )

    async def on_publish(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        with self.adapter.busy():
            await self._publish(ack, body, view)

    async def _publish(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        values = translate.view_values(view)
        user_id = str((body.get("user") or {}).get("id") or "")
        # The answer to a submission must come within 3 seconds, so no Web API call before
        # it: the user is cached (they just used the shortcut), else the default language.
        cached = self.adapter.directory.cached_user(user_id)
        language: Lang = (
            await self._language(cached.account())
            if cached
            else normalise_language(self.services.config.bot.language) or "nl"
        )
        group_id = values.get(GROUP_ACTION, "")
        text = values.get(QUESTION_ACTION, "").strip()
        # Bad input keeps the modal open with the reason next to the field; nothing is lost.
        if self.services.config.group(group_id) is None:
            await ack(
                response_action="errors",
                errors={GROUP_BLOCK: t(language, "publish.unknown_group")},
            )
            return
        if not text:
            await ack(
                response_action="errors", errors={QUESTION_BLOCK: t(language, "publish.empty")}
            )
            return
        # Stored before Slack hears it went through; Slack never sends a submission again.
        delivery_id = f"submission:{body.get('trigger_id') or uuid.uuid4().hex}"
        ticket = await self.services.inbox.store(
            translate.PLATFORM, delivery_id, "submission", body
        )
        await ack()
        if ticket is not None:
            self._spawn(ticket)

    async def _submitted(self, body: dict[str, Any]) -> None:
        from handlers.slack_entry import publish_question

        view = body.get("view") or {}
        values = translate.view_values(view)
        user_id = str((body.get("user") or {}).get("id") or "")
        group_id = values.get(GROUP_ACTION, "")
        text = values.get(QUESTION_ACTION, "").strip()
        user = await self.adapter.directory.user(user_id)
        language = await self._language(user.account())
        metadata = _metadata(view)
        author_id = metadata.get("author") or None
        asker = None
        if author_id and author_id != user.id:
            asker = (await self.adapter.directory.user(author_id)).account()
        async with self.services.db.session() as session:
            try:
                published = await publish_question(
                    self.services,
                    self.adapter,
                    session,
                    publisher=user.account(),
                    asker=asker,
                    group_id=group_id,
                    text=text,
                )
            except UserError as exc:
                await self.adapter.send_direct(user.account(), t(language, exc.key, **exc.values))
                return
            await session.commit()
        ref = published.ref
        buttons = (
            None
            if is_provisional(ref.message_id)
            else button_row(
                t(language, "publish.open_thread"),
                thread_url(ref.conversation.external_id, ref.message_id),
            )
        )
        direct = await self.adapter.direct_conversation(user.account())
        await self.adapter.post_with_blocks(
            direct,
            t(language, "publish.done", channel=_channel_label(published.conversation)),
            extra_blocks=buttons,
        )

    async def on_link_button(self, ack: Ack) -> None:
        # A link button opens its URL in the browser; Slack still reports the click and
        # shows a warning unless it is acknowledged.
        await ack()


def _metadata(view: dict[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _channel_label(conversation: ConversationRef) -> str:
    channel = conversation.external_id
    if channel[:1] in ("C", "G") and channel[1:].isalnum() and channel.isupper():
        return bot_mention(f"<#{channel}>")
    return f"#{channel}"


# --- transports ----------------------------------------------------------------------------
class Transport(Protocol):
    async def stop(self) -> None: ...

    def connected(self) -> bool: ...


class HttpTransport:
    """The Events API on ``[slack] host:port``: ``POST {path}`` for Slack, ``GET /health``.

    A listener of its own rather than a route on ``vraagbaak run``'s health server, so the
    Slack endpoint can be exposed to the internet while the health port stays internal."""

    def __init__(self, app: AsyncApp, adapter: SlackAdapter) -> None:
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

    def __init__(self, app: AsyncApp, adapter: SlackAdapter) -> None:
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


async def start_transport(adapter: SlackAdapter, app: AsyncApp) -> Transport:
    if adapter.config.transport == "socket":
        socket = SocketTransport(app, adapter)
        await socket.start()
        return socket
    http = HttpTransport(app, adapter)
    adapter.port = await http.start()
    return http
