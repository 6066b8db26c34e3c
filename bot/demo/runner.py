"""``vraagbaak demo``: the whole bot in a terminal, on the embedded defaults."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any, TextIO

from bot.adapters.console import ConsoleAdapter, ConsolePerson
from bot.app import Bot, build_bot
from bot.config import Config, _env_overrides, _merge, parse_config


def demo_settings(environ: dict[str, str] | None = None) -> tuple[Config, list[ConsolePerson]]:
    """The embedded demo configuration (with ``VRAAGBAAK_...`` overrides) and its people."""
    import os

    raw: dict[str, Any] = tomllib.loads(
        resources.files("bot.demo").joinpath("demo.toml").read_text(encoding="utf-8")
    )
    demo = raw.pop("demo", {})
    raw = _merge(raw, _env_overrides(dict(os.environ if environ is None else environ)))
    config = parse_config(raw, "(embedded demo configuration)")
    people = [ConsolePerson(p["name"], p["email"]) for p in demo.get("people", [])]
    return config, people


async def run_demo(config: Config, people: list[ConsolePerson], output: TextIO) -> int:
    bot: Bot = build_bot(config)
    await bot.prepare()
    rooms = [group.id for group in config.groups]
    adapter = ConsoleAdapter(people=people, rooms=rooms, output=output)
    bot.services.adapters[adapter.platform] = adapter
    try:
        await adapter.start(bot.dispatcher.for_adapter(adapter))
    finally:
        await bot.close()
    return 0
