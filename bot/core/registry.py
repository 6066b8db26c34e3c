"""Commands and listeners. The decorators (bot/dispatch/handler_types.py) only tag a function;
:class:`Registry` collects tagged functions explicitly at start and refuses mistakes (a name
used twice, a non-coroutine). The registry does not know the handlers' context types, so the
services (which hold it) and the contexts (which hold the services) import it, not the other
way round."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from rapidfuzz import fuzz, process

from bot.core.i18n import register as register_texts
from bot.storage.models import Role

# Any handler, as the registry stores it; bot/dispatch/handler_types.py has each kind's signature.
Handler = Callable[..., Awaitable[None]]
TAG = "__vraagbaak_spec__"


@dataclass(frozen=True)
class CommandSpec:
    """``names`` maps each name to the language it belongs to (``!hulp`` nl, ``!help`` en)."""

    names: dict[str, Literal["nl", "en"]]
    handler: Handler
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
    handler: Handler


InteractionKind = Literal["shortcut", "form", "home"]


@dataclass(frozen=True)
class InteractionSpec:
    """A handler of a shortcut, a submitted form or a person's own page, by name."""

    kind: InteractionKind
    name: str
    handler: Handler


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
    listeners: dict[str, list[Handler]] = field(
        default_factory=lambda: {"message": [], "reaction": [], "join": []}
    )
    interactions: dict[tuple[InteractionKind, str], Handler] = field(default_factory=dict)

    def add(self, func: Callable[..., Any]) -> None:
        spec = getattr(func, TAG, None)
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
            if getattr(member, TAG, None) is not None and member.__module__ == module.__name__:
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
