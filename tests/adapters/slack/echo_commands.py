"""A stand-in for the ``wieweet`` command (built elsewhere), to test routing by name."""

from __future__ import annotations

from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command

TEXTS = {
    "test.wieweet_help": {"nl": "Zoek wie iets weet", "en": "Find who knows something"},
}


@command("wieweet", "whoknows", help_key="test.wieweet_help")
async def who_knows(ctx: CommandContext, args: str) -> None:
    await ctx.respond(f"gezocht ({ctx.language}): {args}")
