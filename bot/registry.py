"""Commands and listeners. Decorators only tag a function; :class:`Registry` collects tagged
functions explicitly at start and refuses mistakes (a name used twice, a non-coroutine)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz, process

from bot.i18n import register as register_texts
from bot.storage.models import Role

if TYPE_CHECKING:
    from bot.context import CommandContext, EventContext, InteractionContext
    from bot.events import (
        FormSubmitted,
        HomeOpened,
        JoinEvent,
        MessageEvent,
        ReactionEvent,
        ShortcutEvent,
    )

CommandHandler = Callable[["CommandContext", str], Awaitable[None]]
_TAG = "__vraagbaak_spec__"


@dataclass(frozen=True)
class CommandSpec:
    """``names`` maps each name to the language it belongs to (``!hulp`` nl, ``!help`` en)."""

    names: dict[str, Literal["nl", "en"]]
    handler: CommandHandler
    help_key: str
    role: Role = Role.MEMBER
    intents: tuple[re.Pattern[str], ...] = ()
    hidden: bool = False
    # False: external partners (and accounts of unknown organisation) may not run it.
    partners: bool = True

    @property
    def primary(self) -> str:
        return next(iter(self.names))


@dataclass(frozen=True)
class ListenerSpec:
    kind: Literal["message", "reaction", "join"]
    handler: Callable[..., Awaitable[None]]


InteractionKind = Literal["shortcut", "form", "home"]


@dataclass(frozen=True)
class InteractionSpec:
    """A handler of a shortcut, a submitted form or a person's own page, by name."""

    kind: InteractionKind
    name: str
    handler: Callable[..., Awaitable[None]]


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
        setattr(func, _TAG, spec)
        return func

    return tag


def on_message(func: Callable[[EventContext, MessageEvent], Awaitable[None]]) -> Any:
    setattr(func, _TAG, ListenerSpec("message", func))
    return func


def on_reaction(func: Callable[[EventContext, ReactionEvent], Awaitable[None]]) -> Any:
    setattr(func, _TAG, ListenerSpec("reaction", func))
    return func


def on_join(func: Callable[[EventContext, JoinEvent], Awaitable[None]]) -> Any:
    setattr(func, _TAG, ListenerSpec("join", func))
    return func


def on_shortcut(
    action: str,
) -> Callable[[Callable[[InteractionContext, ShortcutEvent], Awaitable[None]]], Any]:
    """Tag the handler of a message action (``ShortcutEvent.action``)."""

    def tag(func: Callable[[InteractionContext, ShortcutEvent], Awaitable[None]]) -> Any:
        setattr(func, _TAG, InteractionSpec("shortcut", action, func))
        return func

    return tag


def on_form(
    name: str,
) -> Callable[[Callable[[InteractionContext, FormSubmitted], Awaitable[None]]], Any]:
    """Tag the handler of a submitted form (``FormSubmitted.form``)."""

    def tag(func: Callable[[InteractionContext, FormSubmitted], Awaitable[None]]) -> Any:
        setattr(func, _TAG, InteractionSpec("form", name, func))
        return func

    return tag


def on_home(func: Callable[[InteractionContext, HomeOpened], Awaitable[None]]) -> Any:
    """Tag the handler that shows a person their own page."""
    setattr(func, _TAG, InteractionSpec("home", "", func))
    return func


class RegistryError(Exception):
    pass


@dataclass
class Match:
    spec: CommandSpec
    name: str
    args: str
    language: Literal["nl", "en"]


@dataclass
class Registry:
    commands: dict[str, CommandSpec] = field(default_factory=dict)
    specs: list[CommandSpec] = field(default_factory=list)
    listeners: dict[str, list[Callable[..., Awaitable[None]]]] = field(
        default_factory=lambda: {"message": [], "reaction": [], "join": []}
    )
    interactions: dict[tuple[InteractionKind, str], Callable[..., Awaitable[None]]] = field(
        default_factory=dict
    )

    def add(self, func: Callable[..., Any]) -> None:
        spec = getattr(func, _TAG, None)
        if spec is None:
            raise RegistryError(f"{func.__qualname__} is not tagged as a command or listener")
        if not inspect.iscoroutinefunction(func):
            raise RegistryError(f"{func.__qualname__} must be an async function")
        if isinstance(spec, ListenerSpec):
            self.listeners[spec.kind].append(spec.handler)
            return
        if isinstance(spec, InteractionSpec):
            if (spec.kind, spec.name) in self.interactions:
                raise RegistryError(f"{spec.kind} {spec.name!r} has two handlers")
            self.interactions[(spec.kind, spec.name)] = spec.handler
            return
        for name in spec.names:
            key = name.lower()
            if key in self.commands:
                raise RegistryError(f"command name {name!r} is used twice")
            self.commands[key] = spec
        self.specs.append(spec)

    def add_module(self, module: ModuleType) -> None:
        """Add every tagged function of ``module`` and register its ``TEXTS``, if any."""
        texts = getattr(module, "TEXTS", None)
        if texts:
            register_texts(texts)
        for _, member in inspect.getmembers(module, inspect.isfunction):
            if getattr(member, _TAG, None) is not None and member.__module__ == module.__name__:
                self.add(member)

    def find(self, name: str) -> Match | None:
        spec = self.commands.get(name.lower())
        if spec is None:
            return None
        language: Literal["nl", "en"] = "nl"
        for known, lang in spec.names.items():
            if known.lower() == name.lower():
                language = lang
        return Match(spec, name.lower(), "", language)

    def nearest(self, name: str, *, cutoff: float = 60.0) -> str | None:
        names = [n for n, spec in self.commands.items() if not spec.hidden]
        best = process.extractOne(name.lower(), names, scorer=fuzz.WRatio, score_cutoff=cutoff)
        return best[0] if best else None

    def match_intent(self, text: str) -> Match | None:
        cleaned = text.strip()
        for spec in self.specs:
            for pattern in spec.intents:
                found = pattern.search(cleaned)
                if found:
                    args = (found.groupdict().get("arg") or "").strip(" ?!.")
                    return Match(spec, spec.primary, args, "nl")
        return None
