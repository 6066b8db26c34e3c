from __future__ import annotations

import pytest

from bot.core.registry import Registry, RegistryError
from bot.dispatch.handler_types import command


def test_a_name_used_twice_is_refused() -> None:
    @command("een", help_key="x")
    async def first(ctx: object, args: str) -> None: ...

    @command("een", help_key="x")
    async def second(ctx: object, args: str) -> None: ...

    registry = Registry()
    registry.add(first)
    with pytest.raises(RegistryError, match="used twice"):
        registry.add(second)


def test_a_plain_function_is_refused() -> None:
    @command("sync", help_key="x")  # type: ignore[arg-type]
    def not_async(ctx: object, args: str) -> None: ...

    with pytest.raises(RegistryError, match="async"):
        Registry().add(not_async)


def test_intent_extracts_the_argument() -> None:
    @command("wieweet", help_key="x", intents=[r"wie weet (iets )?(van|over) (?P<arg>.+)"])
    async def who(ctx: object, args: str) -> None: ...

    registry = Registry()
    registry.add(who)
    match = registry.match_intent("Wie weet iets van Wmo?")
    assert match is not None and match.args == "Wmo"
