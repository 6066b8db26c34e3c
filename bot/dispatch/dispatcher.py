"""Turns core events into handler calls: middleware with ``next()``, then routing.

Each event is handled in one database session, committed at the end; each handler runs in a
savepoint of it, undone alone when the handler fails (:meth:`Dispatcher._guarded`).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter
from bot.core.errors import RetryLater, UserError
from bot.core.events import (
    Event,
    FormSubmitted,
    Interaction,
    JoinEvent,
    MessageEvent,
    ReactionEvent,
    ShortcutEvent,
)
from bot.core.i18n import Lang, t
from bot.core.inert import MENTION_CLOSE, MENTION_OPEN
from bot.core.logs import get_logger
from bot.core.registry import InteractionKind, Match
from bot.delivery import deliveries, inbox
from bot.delivery.idempotency import PostScope, current_scope, in_transaction, post_scope
from bot.dispatch.context import CommandContext, EventContext, InteractionContext
from bot.dispatch.services import Services
from bot.people import authority
from bot.people.known_rows import load_known_rows
from bot.people.recorder import (
    find_recorded,
    note_edit,
    record_reaction,
    store_message,
    thread_root,
)
from bot.storage.models import Channel, Message, OutboxItem, OutboxStatus, Person
from bot.storage.savepoint import SavepointLostError, reload_expired, savepoint
from knowledge.language import detect

log = get_logger(__name__)
ASYNC_COMMIT = text("SET LOCAL synchronous_commit TO OFF")


@dataclass
class Turn:
    """One event on its way through the middleware."""

    services: Services
    adapter: Adapter
    event: Event
    session: AsyncSession
    person: Person | None = None
    channel: Channel | None = None
    # A new message is stored after its answer has left (the answer waits for nothing it
    # does not need); ``None`` once stored, or when there is nothing to store.
    store_message: Callable[[], Awaitable[Message | None]] | None = None
    message: Message | None = None


Next = Callable[[], Awaitable[None]]


Middleware = Callable[[Turn, Next], Awaitable[None]]


async def ignore_own_events(turn: Turn, call_next: Next) -> None:
    own = turn.adapter.bot_account
    sender = turn.event.account if isinstance(turn.event, JoinEvent) else turn.event.sender
    if own is not None and sender.external_id == own.external_id:
        return
    await call_next()


async def claim_delivery(turn: Turn, call_next: Next) -> None:
    """An event from the inbox is claimed by turning its row done, in this transaction (one
    statement); any other event with a delivery id in ``ProcessedEvent``."""
    delivery_id = turn.event.delivery_id
    platform = turn.event.conversation.platform
    scope = current_scope()
    if scope is not None and scope.inbox_id is not None and not scope.finished:
        claimed = await inbox.claim(turn.session, scope.inbox_id)
        scope.finished = True
    elif delivery_id is not None:
        claimed = await deliveries.claim(turn.session, platform, delivery_id)
    else:
        claimed = True
    if not claimed:
        log.info("redelivery ignored", platform=platform, delivery_id=delivery_id)
        return
    await call_next()


async def resolve_and_record(turn: Turn, call_next: Next) -> None:
    event, session, services = turn.event, turn.session, turn.services
    account = event.account if isinstance(event, JoinEvent) else event.sender
    message = event if isinstance(event, MessageEvent) else None
    known = await load_known_rows(
        session,
        account,
        event.conversation,
        message_id=message.message_id if message else None,
        thread_root_id=thread_root(message) if message else None,
    )
    if known is not None:
        services.identity.remember(session, account, known.account)
        if known.channel is not None:
            services.channels.remember(event.conversation, known.channel)
    # Found in the session's identity map when ``known`` has them: no further queries.
    turn.person = person = await services.identity.person_for(session, account)
    turn.channel = channel = await services.channels.channel_for(session, event.conversation)
    assert channel.id is not None and person.id is not None
    if not channel.is_direct:
        await services.channels.add_member(session, channel.id, person.id)
        if message is not None:
            if known is not None and known.channel is not None:
                recorded, thread = known.message, known.thread
            else:
                recorded, thread = await find_recorded(session, channel.id, message)
            if recorded is not None:
                note_edit(session, recorded, message)
                if not message.is_edit:
                    return  # a redelivery of a message already handled
                turn.message = recorded
            else:
                prefix = services.config.bot.command_prefix
                to_bot = message.mentions_bot or message.text.lstrip().startswith(prefix)
                turn.store_message = partial(
                    store_message, session, channel, person, message, thread=thread, to_bot=to_bot
                )
        elif isinstance(event, ReactionEvent):
            await record_reaction(session, channel, person, event)
    await call_next()


DEFAULT_MIDDLEWARE: tuple[Middleware, ...] = (
    ignore_own_events,
    claim_delivery,
    resolve_and_record,
)


class Dispatcher:
    def __init__(
        self, services: Services, middleware: Sequence[Middleware] = DEFAULT_MIDDLEWARE
    ) -> None:
        self.services = services
        self.middleware = tuple(middleware)

    def for_adapter(self, adapter: Adapter) -> Callable[[Event], Awaitable[None]]:
        async def dispatch(event: Event) -> None:
            await self.dispatch(adapter, event)

        return dispatch

    async def dispatch(self, adapter: Adapter, event: Event) -> None:
        scope = current_scope()
        if scope is not None:
            await self._dispatch(adapter, event, scope)
            return
        # Not from the inbox (the console, a test): the posts still need keys of their own.
        delivery = event.delivery_id or uuid.uuid4().hex
        with post_scope(f"{event.conversation.platform}:{delivery}") as own:
            await self._dispatch(adapter, event, own)

    async def _dispatch(self, adapter: Adapter, event: Event, scope: PostScope) -> None:
        event = without_mention_marks(event)
        try:
            await self._transaction(adapter, event, scope)
        except BaseException:
            self.services.forget_unsaved()  # the whole transaction was rolled back
            raise

    async def _transaction(self, adapter: Adapter, event: Event, scope: PostScope) -> None:
        db = self.services.db
        async with db.write_turn(), db.session() as session:
            turn = Turn(self.services, adapter, event, session)

            async def run(index: int) -> None:
                if index < len(self.middleware):
                    await self.middleware[index](turn, lambda: run(index + 1))
                else:
                    await self._route(turn)

            # Posts made meanwhile are recorded in this transaction (bot/delivery/outbox.py).
            with in_transaction(scope, session):
                await run(0)
            queued = any(
                isinstance(row, OutboxItem) and row.status is OutboxStatus.PENDING
                for row in session.sync_session.identity_map.values()
            )
            if scope.inbox_id is not None and not self.services.db.is_sqlite:
                # The event was stored durably before it was acknowledged: should the server
                # lose this commit in a crash of its own, the event is simply handled again
                # (its posts found by their keys), so this commit need not wait for the disk.
                await (await session.connection()).execute(ASYNC_COMMIT)
            await session.commit()
        if queued:  # a mail queued by a handler goes out now, not at the next round
            self.services.outbox.wake.set()

    async def _route(self, turn: Turn) -> None:
        event = turn.event
        ctx = EventContext(self.services, turn.adapter, turn.session)
        if isinstance(event, ReactionEvent):
            for listener in self.services.registry.listeners["reaction"]:
                await self._guarded(turn, partial(listener, ctx, event))
            return
        if isinstance(event, JoinEvent):
            for listener in self.services.registry.listeners["join"]:
                await self._guarded(turn, partial(listener, ctx, event))
            return
        if not isinstance(event, MessageEvent):
            await self._route_interaction(turn, event)
            return
        # The answer first, so the person waits for nothing else; then the message is stored
        # and the listeners (evidence, activity) run, in the same transaction.
        if not event.is_edit:
            await self._route_command(turn, event)
        if turn.store_message is not None:
            turn.message = await turn.store_message()
            turn.store_message = None
            if turn.message is None:
                return  # recorded meanwhile by a concurrent delivery, which has the listeners
        ctx.message = turn.message
        for listener in self.services.registry.listeners["message"]:
            await self._guarded(turn, partial(listener, ctx, event))

    async def _language(self, turn: Turn, hint: Lang | None) -> Lang:
        assert turn.person is not None and turn.person.id is not None
        identity = self.services.identity
        # The settings row is made at a person's first event, so the next one finds it among
        # the known rows (bot/people/known_rows.py) and asks the database nothing more.
        await identity.settings_for(turn.session, turn.person.id)
        return await identity.language_of(turn.session, turn.person.id, hint)

    async def _route_command(self, turn: Turn, event: MessageEvent) -> None:
        prefix = self.services.config.bot.command_prefix
        text = event.text.strip()
        registry = self.services.registry
        match: Match | None = None
        unknown: str | None = None
        if text.startswith(prefix) and len(text) > len(prefix):
            name, _, args = text[len(prefix) :].partition(" ")
            match = registry.find(name)
            if match is None:
                unknown = name
            else:
                match.args = args.strip()
        elif event.mentions_bot or event.is_direct:
            match = registry.match_intent(text)
            if match is None:
                await self._reply(
                    turn, event, await self._language(turn, None), "core.not_understood"
                )
                return
        else:
            return
        if unknown is not None:
            language = await self._language(turn, None)
            nearest = registry.nearest(unknown)
            key = "core.unknown_command_nearest" if nearest else "core.unknown_command"
            await self._reply(
                turn, event, language, key, name=unknown, nearest=nearest or "", prefix=prefix
            )
            return
        assert match is not None and turn.person is not None and turn.channel is not None
        hint: Lang | None = match.language if text.startswith(prefix) else _guess_language(text)
        language = await self._language(turn, hint)
        refusal = await authority.command_refusal(
            turn.session, self.services.config, turn.person, match.spec
        )
        if refusal is not None:
            await authority.audit(
                turn.session,
                "refused",
                actor_id=turn.person.id,
                detail=f"{prefix}{match.spec.primary} ({refusal.key})",
            )
            await self._reply(
                turn,
                event,
                language,
                refusal.key,
                role=t(language, f"role.{(refusal.role or match.spec.role).value}"),
                organisation=refusal.organisation or t(language, "people.unknown_organisation"),
                name=match.name,
                prefix=prefix,
            )
            return
        ctx = CommandContext(
            self.services, turn.adapter, turn.session, event, turn.person, turn.channel, language
        )
        log.info("command", command=match.spec.primary, platform=event.conversation.platform)
        await self._guarded(turn, partial(match.spec.handler, ctx, match.args), ctx)

    async def _route_interaction(self, turn: Turn, event: Interaction) -> None:
        """A shortcut, a submitted form or a person's own page: its handler answers that
        person only, with the middleware, the delivery claim and the error reference of a
        command."""
        kind: InteractionKind
        if isinstance(event, ShortcutEvent):
            kind, name = "shortcut", event.action
        elif isinstance(event, FormSubmitted):
            kind, name = "form", event.form
        else:
            kind, name = "home", ""
        handler = self.services.registry.interactions.get((kind, name))
        if handler is None:
            log.warning("no handler", kind=kind, name=name)
            return
        assert turn.person is not None and turn.channel is not None
        language = await self._language(turn, None)
        ctx = InteractionContext(
            self.services, turn.adapter, turn.session, event, turn.person, turn.channel, language
        )
        log.info("interaction", kind=kind, name=name, platform=event.conversation.platform)
        await self._guarded(turn, partial(handler, ctx, event), ctx)

    async def _reply(
        self, turn: Turn, event: MessageEvent, language: Lang, key: str, **values: object
    ) -> None:
        text = t(language, key, **values)
        if event.is_direct:
            await turn.adapter.post(event.conversation, text)
        else:
            await turn.adapter.reply(event.ref, text)

    async def _guarded(
        self,
        turn: Turn,
        work: Callable[[], Awaitable[None]],
        ctx: CommandContext | InteractionContext | None = None,
    ) -> None:
        """Runs one handler in a savepoint of the event's transaction. When it fails, what it
        wrote is undone — the posts it queued and the outbox rows of what it sent with it —
        and the person's answer to the failure is written after that, in the transaction
        that commits; what is not the handler's (the claim, the person, the channel, the
        stored message, the other listeners' work) stays."""
        try:
            async with savepoint(turn.session):
                await work()
        except (DBAPIError, SavepointLostError, RetryLater):
            # The database failed (a deadlock, a lost connection), not the handler, or the
            # handler needs something still on its way: the event is tried again as a whole
            # (bot/delivery/inbox.py), and its posts are not repeated (bot/delivery/outbox.py).
            raise
        except UserError as exc:
            await self._undone(turn)
            if ctx is not None:
                await ctx.respond(ctx.t(exc.key, **exc.values))
            else:
                log.warning("user error outside a command", key=exc.key)
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("handler failed", reference=reference)
            await self._undone(turn)
            if ctx is not None:
                await ctx.respond(ctx.t("core.internal_error", reference=reference))

    async def _undone(self, turn: Turn) -> None:
        """After a handler's savepoint was rolled back: the rows it changed are read again,
        and the caches forget what they learned in it."""
        self.services.forget_unsaved()
        await reload_expired(turn.session)


def _guess_language(text: str) -> Lang | None:
    """English when the text is English by its function words ("any colleague familiar with
    …"); otherwise the person's own language decides."""
    return "en" if detect(text, "nl") == "en" else None


def without_mention_marks(event: Event) -> Event:
    """Incoming text never carries the marks that make a mention live (bot.core.inert): a handler
    that echoes it without ``inert()`` still cannot forge one (issue 11)."""
    if isinstance(event, MessageEvent) and (
        MENTION_OPEN in event.text or MENTION_CLOSE in event.text
    ):
        text = event.text.replace(MENTION_OPEN, "").replace(MENTION_CLOSE, "")
        return replace(event, text=text)
    return event
