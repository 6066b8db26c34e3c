"""The handler types: what each kind of handler is called with, and the decorators that tag
a handler of that kind (checked by the type checker where the handler is written). Above both
the contexts and the registry: it imports them, neither imports it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Literal

from bot.core.events import (
    FormSubmitted,
    HomeOpened,
    JoinEvent,
    MessageEvent,
    ReactionEvent,
    ShortcutEvent,
)
from bot.core.registry import TAG, CommandSpec, InteractionSpec, ListenerSpec
from bot.dispatch.context import CommandContext, EventContext, InteractionContext
from bot.storage.models import Role

CommandHandler = Callable[[CommandContext, str], Awaitable[None]]
MessageListener = Callable[[EventContext, MessageEvent], Awaitable[None]]
ReactionListener = Callable[[EventContext, ReactionEvent], Awaitable[None]]
JoinListener = Callable[[EventContext, JoinEvent], Awaitable[None]]
ShortcutHandler = Callable[[InteractionContext, ShortcutEvent], Awaitable[None]]
FormHandler = Callable[[InteractionContext, FormSubmitted], Awaitable[None]]
HomeHandler = Callable[[InteractionContext, HomeOpened], Awaitable[None]]


def command(
    nl: str,
    en: str | None = None,
    *,
    help_key: str,
    aliases: Iterable[tuple[str, Literal["nl", "en"]]] = (),
    role: Role = Role.MEMBER,
    intents: Iterable[str] = (),
    hidden: bool = False,
    partners: bool = True,
) -> Callable[[CommandHandler], CommandHandler]:
    """Tag a handler as a ``!command``. ``intents`` are regular expressions for natural
    language after an @mention; the named group ``arg`` (if any) becomes the argument."""

    def tag(func: CommandHandler) -> CommandHandler:
        names: dict[str, Literal["nl", "en"]] = {nl: "nl"}
        if en:
            names[en] = "en"
        names.update(dict(aliases))
        compiled = tuple(re.compile(p, re.IGNORECASE) for p in intents)
        spec = CommandSpec(names, func, help_key, role, compiled, hidden, partners)
        setattr(func, TAG, spec)
        return func

    return tag


def on_message(func: MessageListener) -> Any:
    setattr(func, TAG, ListenerSpec("message", func))
    return func


def on_reaction(func: ReactionListener) -> Any:
    setattr(func, TAG, ListenerSpec("reaction", func))
    return func


def on_join(func: JoinListener) -> Any:
    setattr(func, TAG, ListenerSpec("join", func))
    return func


def on_shortcut(
    action: str,
) -> Callable[[ShortcutHandler], Any]:
    """Tag the handler of a message action (``ShortcutEvent.action``)."""

    def tag(func: ShortcutHandler) -> Any:
        setattr(func, TAG, InteractionSpec("shortcut", action, func))
        return func

    return tag


def on_form(
    name: str,
) -> Callable[[FormHandler], Any]:
    """Tag the handler of a submitted form (``FormSubmitted.form``)."""

    def tag(func: FormHandler) -> Any:
        setattr(func, TAG, InteractionSpec("form", name, func))
        return func

    return tag


def on_home(func: HomeHandler) -> Any:
    """Tag the handler that shows a person their own page."""
    setattr(func, TAG, InteractionSpec("home", "", func))
    return func
