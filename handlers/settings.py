"""A person's own settings: language, and availability (away until a day, do not disturb)."""

from __future__ import annotations

from bot.core.errors import UserError
from bot.core.i18n import normalise_language, t
from bot.core.switches import OFF_WORDS, switch
from bot.core.time_input import day_label, parse_until
from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command

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
    "settings.away_help": {
        "nl": "Afwezig melden: `!afwezig tot 12-12`, `!afwezig 2w`; terug: `!afwezig uit`",
        "en": "Say you are away: `!away until 12-12`, `!away 2w`; back: `!away off`",
    },
    "settings.away_set": {
        "nl": "Je staat als afwezig tot {date}. Wie vraagt wie iets weet, ziet dat bij je naam, "
        "en ik stuur je tot dan geen herinneringen.",
        "en": "You are marked away until {date}. People asking who knows something see that "
        "next to your name, and I send you no reminders until then.",
    },
    "settings.away_cleared": {
        "nl": "Welkom terug: je staat weer als beschikbaar.",
        "en": "Welcome back: you are shown as available again.",
    },
    "settings.away_bad": {
        "nl": "Dat begrijp ik niet als datum of duur. Gebruik bijvoorbeeld `!afwezig tot 12-12`, "
        "`!afwezig tot 2026-12-12` of `!afwezig 2w` (tot een jaar vooruit); `!afwezig uit` "
        "als je terug bent.",
        "en": "I don't understand that as a date or a duration. Use for example "
        "`!away until 12-12`, `!away until 2026-12-12` or `!away 2w` (up to a year ahead); "
        "`!away off` when you are back.",
    },
    "settings.dnd_help": {
        "nl": "Niet storen aan of uit: `!nietstoren aan|uit`",
        "en": "Do not disturb on or off: `!dnd on|off`",
    },
    "settings.dnd_on": {
        "nl": "Niet storen staat aan: wie vraagt wie iets weet, ziet dat bij je naam, en ik stuur "
        "je geen herinneringen. `!nietstoren uit` zet het weer uit.",
        "en": "Do not disturb is on: people asking who knows something see that next to your "
        "name, and I send you no reminders. `!dnd off` turns it off.",
    },
    "settings.dnd_off": {
        "nl": "Niet storen staat uit.",
        "en": "Do not disturb is off.",
    },
    "settings.mail_copy_help": {
        "nl": "Een kopie van de antwoordmail op vragen die jij doorstuurde: `!mailkopie aan` "
        "(in cc, standaard) of `!mailkopie uit` (ik vertel het je in de chat)",
        "en": "A copy of the answer mail to questions you forwarded: `!mailcopy on` (in cc, "
        "the default) or `!mailcopy off` (I tell you in the chat)",
    },
    "settings.mail_copy_on": {
        "nl": "Wordt een vraag die jij doorstuurde beantwoord, dan krijg je de antwoordmail in cc.",
        "en": "When a question you forwarded is answered, you get the answer mail in cc.",
    },
    "settings.mail_copy_off": {
        "nl": "Wordt een vraag die jij doorstuurde beantwoord, dan krijg je geen cc meer; ik "
        "vertel het je hier in de chat, met het antwoord.",
        "en": "When a question you forwarded is answered, you get no cc any more; I tell you "
        "here in the chat, with the answer.",
    },
    "settings.on_off_bad": {
        "nl": "Gebruik `aan` of `uit`.",
        "en": "Use `on` or `off`.",
    },
}

_BACK = OFF_WORDS | {"terug", "back"}


@command("taal", "language", help_key="settings.language_help")
async def set_language(ctx: CommandContext, args: str) -> None:
    language = normalise_language(args)
    if language is None:
        raise UserError("settings.language_unknown")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.language = language
    ctx.session.add(settings)
    await ctx.respond(t(language, "settings.language_set"))


@command("afwezig", "away", help_key="settings.away_help")
async def set_away(ctx: CommandContext, args: str) -> None:
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    if args.strip().lower() in _BACK:
        settings.away_until = None
        ctx.session.add(settings)
        await ctx.respond_private(ctx.t("settings.away_cleared"))
        return
    until = parse_until(args, ctx.services.clock.now())
    if until is None:
        raise UserError("settings.away_bad")
    settings.away_until = until
    ctx.session.add(settings)
    await ctx.respond_private(
        ctx.t("settings.away_set", date=day_label(until, ctx.language, with_year=True))
    )


@command("nietstoren", "dnd", help_key="settings.dnd_help", aliases=[("niet-storen", "nl")])
async def set_do_not_disturb(ctx: CommandContext, args: str) -> None:
    wanted = switch(args, error_key="settings.on_off_bad")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.do_not_disturb = wanted
    ctx.session.add(settings)
    await ctx.respond_private(
        ctx.t("settings.dnd_on" if settings.do_not_disturb else "settings.dnd_off")
    )


@command("mailkopie", "mailcopy", help_key="settings.mail_copy_help")
async def set_mail_copy(ctx: CommandContext, args: str) -> None:
    wanted = switch(args, error_key="settings.on_off_bad")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.mail_copy = wanted
    ctx.session.add(settings)
    await ctx.respond_private(
        ctx.t("settings.mail_copy_on" if wanted else "settings.mail_copy_off")
    )
