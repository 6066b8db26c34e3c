"""Who am I, and (for administrators) who has which role."""

from __future__ import annotations

from sqlmodel import select

from bot.context import CommandContext
from bot.errors import UserError
from bot.inert import inert
from bot.registry import command
from bot.storage.models import Organisation, Person, Role

TEXTS = {
    "people.whoami_help": {
        "nl": "Wie ben ik: je organisatie en je rol",
        "en": "Who am I: your organisation and your role",
    },
    "people.whoami": {
        "nl": "Je bent **{name}** van _{organisation}_, met de rol _{role}_.",
        "en": "You are **{name}** of _{organisation}_, with the role _{role}_.",
    },
    "people.unknown_organisation": {"nl": "onbekende organisatie", "en": "unknown organisation"},
    "people.role_help": {
        "nl": "Rol geven (beheerders): `!rol e-mailadres lid|communitymanager|beheerder`",
        "en": "Give a role (administrators): `!role e-mail member|communitymanager|admin`",
    },
    "people.role_usage": {
        "nl": "Gebruik: `!rol e-mailadres lid|communitymanager|beheerder`",
        "en": "Usage: `!role e-mail member|communitymanager|admin`",
    },
    "people.role_no_person": {
        "nl": "Ik ken niemand met het e-mailadres {email}.",
        "en": "I know nobody with the e-mail address {email}.",
    },
    "people.role_set": {
        "nl": "{name} heeft nu de rol _{role}_.",
        "en": "{name} now has the role _{role}_.",
    },
}

_ROLE_WORDS = {
    "lid": Role.MEMBER,
    "member": Role.MEMBER,
    "communitymanager": Role.COMMUNITY_MANAGER,
    "community-manager": Role.COMMUNITY_MANAGER,
    "beheerder": Role.ADMIN,
    "admin": Role.ADMIN,
    "administrator": Role.ADMIN,
}


@command("wiebenik", "whoami", help_key="people.whoami_help")
async def whoami(ctx: CommandContext, args: str) -> None:
    organisation = (
        await ctx.session.get(Organisation, ctx.person.organisation_id)
        if ctx.person.organisation_id
        else None
    )
    await ctx.respond_private(
        ctx.t(
            "people.whoami",
            name=inert(ctx.person.name),
            organisation=inert(organisation.name)
            if organisation
            else ctx.t("people.unknown_organisation"),
            role=ctx.t(f"role.{ctx.person.role.value}"),
        )
    )


@command("rol", "role", help_key="people.role_help", role=Role.ADMIN)
async def set_role(ctx: CommandContext, args: str) -> None:
    parts = args.split()
    if len(parts) != 2 or parts[1].lower() not in _ROLE_WORDS:
        raise UserError("people.role_usage")
    email, role = parts[0].lower().strip("<>"), _ROLE_WORDS[parts[1].lower()]
    person = (await ctx.session.exec(select(Person).where(Person.email == email))).first()
    if person is None:
        raise UserError("people.role_no_person", email=inert(email))
    person.role = role
    ctx.session.add(person)
    role_name = ctx.t(f"role.{role.value}")
    await ctx.respond(ctx.t("people.role_set", name=inert(person.name), role=role_name))
