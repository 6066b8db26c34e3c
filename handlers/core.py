"""Help, and the texts every part of the core uses."""

from __future__ import annotations

from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.people import authority, visibility

TEXTS = {
    "core.help_intro": {
        "nl": "**Vraagbaak** helpt je vragen openbaar te stellen, de juiste collega te vinden "
        "en kennis te delen tussen organisaties.\n\nDit kun je vragen:",
        "en": "**Vraagbaak** helps you ask questions in the open, find the right colleague "
        "and share knowledge across organisations.\n\nThis is what you can ask:",
    },
    "core.help_outro": {
        "nl": "Je kunt me ook in gewone taal aanspreken, bijvoorbeeld: "
        "_@vraagbaak wie weet iets van Wmo?_",
        "en": "You can also talk to me in plain language, for example: "
        "_@vraagbaak who knows about WOZ appeals?_",
    },
    "core.help_command": {
        "nl": "Hulp: wat Vraagbaak kan en welke commando's er zijn",
        "en": "Help: what Vraagbaak can do and which commands exist",
    },
    "core.unknown_command": {
        "nl": "Het commando `{prefix}{name}` ken ik niet. Typ `{prefix}hulp` voor een overzicht.",
        "en": "I don't know the command `{prefix}{name}`. Type `{prefix}help` for an overview.",
    },
    "core.unknown_command_nearest": {
        "nl": "Het commando `{prefix}{name}` ken ik niet. Bedoelde je `{prefix}{nearest}`? "
        "Typ `{prefix}hulp` voor een overzicht.",
        "en": "I don't know the command `{prefix}{name}`. Did you mean `{prefix}{nearest}`? "
        "Type `{prefix}help` for an overview.",
    },
    "core.not_understood": {
        "nl": "Dat begreep ik niet. Typ `!hulp` om te zien wat ik kan.",
        "en": "I did not understand that. Type `!help` to see what I can do.",
    },
    "core.role_refused": {
        "nl": "Dit commando is alleen voor de rol _{role}_. "
        "Vraag een beheerder als je het nodig hebt.",
        "en": "This command is only for the _{role}_ role. Ask an administrator if you need it.",
    },
    "core.partner_refused": {
        "nl": "`{prefix}{name}` is er alleen voor medewerkers van de gemeenten. Jij bent hier "
        "externe partner ({organisation}), dus dit kan ik niet voor je doen.",
        "en": "`{prefix}{name}` is only for staff of the municipalities. You are an external "
        "partner here ({organisation}), so I cannot do this for you.",
    },
    "core.room_refused": {
        "nl": "#{room} is niet met je gedeeld: je bent hier externe partner ({organisation}) "
        "en neemt alleen deel in ruimtes die met je gedeeld zijn.",
        "en": "#{room} is not shared with you: you are an external partner here "
        "({organisation}) and only take part in rooms shared with you.",
    },
    "core.help_partner": {
        "nl": "_Je bent hier externe partner ({organisation}): je ziet alleen wat in je eigen "
        "kanalen met je gedeeld is._",
        "en": "_You are an external partner here ({organisation}): you only see what is "
        "shared with you in your own channels._",
    },
    "core.internal_error": {
        "nl": "Er ging iets mis aan mijn kant (referentie `{reference}`). Probeer het later "
        "nog eens; de beheerder kan het opzoeken met die referentie.",
        "en": "Something went wrong on my side (reference `{reference}`). Please try again "
        "later; an administrator can look it up with that reference.",
    },
    "role.member": {"nl": "lid", "en": "member"},
    "role.community_manager": {"nl": "communitymanager", "en": "community manager"},
    "role.admin": {"nl": "beheerder", "en": "administrator"},
}


@command(
    "hulp",
    "help",
    help_key="core.help_command",
    aliases=[("?", "nl")],
    intents=[r"^(hulp|help)\b", r"wat kun je", r"what can you do"],
)
async def show_help(ctx: CommandContext, args: str) -> None:
    prefix = ctx.services.config.bot.command_prefix
    lines = [ctx.t("core.help_intro"), ""]
    config = ctx.services.config
    if visibility.partner_by_config(config, ctx.person):
        organisation = authority.configured_name(config, ctx.person)
        name = organisation or ctx.t("people.unknown_organisation")
        lines[0:0] = [ctx.t("core.help_partner", organisation=name), ""]
    rights = await ctx.services.help_rights.of(ctx.session, config, ctx.person)
    for spec in ctx.services.registry.specs:
        if spec.hidden:
            continue
        refusal = await authority.command_refusal(
            ctx.session, config, ctx.person, spec, rights=rights
        )
        if refusal is not None:
            continue
        own = [n for n, lang in spec.names.items() if lang == ctx.language and n != "?"]
        name = own[0] if own else spec.primary
        lines.append(f"- `{prefix}{name}` — {ctx.t(spec.help_key)}")
    lines += ["", ctx.t("core.help_outro")]
    await ctx.respond("\n".join(lines))
