"""A person's own settings: language."""

from __future__ import annotations

from bot.context import CommandContext
from bot.errors import UserError
from bot.i18n import normalise_language, t
from bot.registry import command

TEXTS = {
    "settings.language_help": {
        "nl": "Taal kiezen: `!taal en` of `!taal nl`",
        "en": "Choose your language: `!language en` or `!language nl`",
    },
    "settings.language_set": {
        "nl": "Ik spreek je voortaan in het Nederlands aan.",
        "en": "From now on I will answer you in English.",
    },
    "settings.language_unknown": {
        "nl": "Die taal ken ik niet. Kies `nl` (Nederlands) of `en` (Engels).",
        "en": "I don't know that language. Choose `nl` (Dutch) or `en` (English).",
    },
}


@command("taal", "language", help_key="settings.language_help")
async def set_language(ctx: CommandContext, args: str) -> None:
    language = normalise_language(args)
    if language is None:
        raise UserError("settings.language_unknown")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.language = language
    ctx.session.add(settings)
    await ctx.respond(t(language, "settings.language_set"))
