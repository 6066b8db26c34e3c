"""Who am I; and (for administrators) roles: grants that can be revoked and listed, and the
audit log of every grant, revocation and refused privileged command (issue 13)."""

from __future__ import annotations

from sqlmodel import col, select

from bot.core.errors import UserError
from bot.core.inert import inert
from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.people import authority, visibility
from bot.people.authority import MODERATOR
from bot.storage.authority_models import AuditEntry, RoleGrant
from bot.storage.models import Person, Role

AUDIT_LINES = 25

TEXTS = {
    "people.whoami_help": {
        "nl": "Wie ben ik: je organisatie en je rol",
        "en": "Who am I: your organisation and your role",
    },
    "people.whoami": {
        "nl": "Je bent **{name}** van _{organisation}_, met de rol _{role}_.",
        "en": "You are **{name}** of _{organisation}_, with the role _{role}_.",
    },
    "people.whoami_partner": {
        "nl": "Je bent **{name}**, externe partner van _{organisation}_, met de rol _{role}_. "
        "Je ziet alleen wat in je eigen kanalen met je gedeeld is.",
        "en": "You are **{name}**, external partner of _{organisation}_, with the role "
        "_{role}_. You only see what is shared with you in your own channels.",
    },
    "people.whoami_unknown": {
        "nl": "Je bent **{name}**, met de rol _{role}_. Je account hoort bij geen bekende "
        "organisatie, dus ik behandel je als externe partner: je ziet alleen wat in je "
        "eigen kanalen met je gedeeld is. Klopt dat niet, vraag dan een beheerder je "
        "organisatie in te stellen.",
        "en": "You are **{name}**, with the role _{role}_. Your account belongs to no known "
        "organisation, so I treat you as an external partner: you only see what is shared "
        "with you in your own channels. If that is wrong, ask an administrator to set up "
        "your organisation.",
    },
    "people.whoami_scopes": {
        "nl": "Je bent communitymanager of moderator van: {groups}.",
        "en": "You are community manager or moderator of: {groups}.",
    },
    "people.unknown_organisation": {"nl": "onbekende organisatie", "en": "unknown organisation"},
    "people.role_help": {
        "nl": "Rol geven of afnemen (beheerders): "
        "`!rol e-mailadres lid|moderator|communitymanager|beheerder [groep]`",
        "en": "Give or take a role (administrators): "
        "`!role e-mail member|moderator|communitymanager|admin [group]`",
    },
    "people.role_usage": {
        "nl": "Gebruik: `!rol e-mailadres lid|moderator|communitymanager|beheerder [groep]` "
        "(moderator alleen met een groep; `lid` neemt alle gegeven rollen af)",
        "en": "Usage: `!role e-mail member|moderator|communitymanager|admin [group]` "
        "(moderator only with a group; `member` takes all given roles away)",
    },
    "people.role_unknown_group": {
        "nl": "De groep `{group}` ken ik niet. Groepen: {groups}",
        "en": "I don't know the group `{group}`. Groups: {groups}",
    },
    "people.role_no_person": {
        "nl": "Ik ken niemand met het e-mailadres {email}.",
        "en": "I know nobody with the e-mail address {email}.",
    },
    "people.role_not_self": {
        "nl": "Je eigen rol verander je niet zelf; vraag een andere beheerder.",
        "en": "You cannot change your own role; ask another administrator.",
    },
    "people.role_set": {
        "nl": "{name} heeft nu de rol _{role}_{scope}.",
        "en": "{name} now has the role _{role}_{scope}.",
    },
    "people.role_scope": {"nl": " in {group}", "en": " in {group}"},
    "people.role_revoked": {
        "nl": "{name} heeft geen gegeven rollen meer ({count} ingetrokken); nu: _{role}_.",
        "en": "{name} has no given roles any more ({count} revoked); now: _{role}_.",
    },
    "people.role_from_config": {
        "nl": "Let op: {name} heeft via de configuratie de rol _{role}_; dat verandert pas "
        "als een beheerder de configuratie aanpast.",
        "en": "Note: {name} has the role _{role}_ through the configuration; that only "
        "changes when an administrator edits the configuration.",
    },
    "people.roles_help": {
        "nl": "Wie welke rol heeft (beheerders): `!rollen`",
        "en": "Who has which role (administrators): `!roles`",
    },
    "people.roles_title": {"nl": "**Rollen**", "en": "**Roles**"},
    "people.roles_config": {
        "nl": "- {who}: _{role}_{scope} (configuratie)",
        "en": "- {who}: _{role}_{scope} (configuration)",
    },
    "people.roles_grant": {
        "nl": "- {who}: _{role}_{scope} (gegeven door {by} op {at})",
        "en": "- {who}: _{role}_{scope} (given by {by} on {at})",
    },
    "people.roles_none": {"nl": "Niemand heeft een bijzondere rol.", "en": "Nobody has a role."},
    "people.audit_help": {
        "nl": "Het logboek van rollen en geweigerde commando's (beheerders): `!logboek`",
        "en": "The log of roles and refused commands (administrators): `!auditlog`",
    },
    "people.audit_title": {
        "nl": "**Logboek** (laatste {count})",
        "en": "**Audit log** (last {count})",
    },
    "people.audit_empty": {"nl": "Het logboek is leeg.", "en": "The audit log is empty."},
    "role.moderator": {"nl": "moderator", "en": "moderator"},
}

_ROLE_WORDS = {
    "lid": Role.MEMBER.value,
    "member": Role.MEMBER.value,
    "moderator": MODERATOR,
    "communitymanager": Role.COMMUNITY_MANAGER.value,
    "community-manager": Role.COMMUNITY_MANAGER.value,
    "beheerder": Role.ADMIN.value,
    "admin": Role.ADMIN.value,
    "administrator": Role.ADMIN.value,
}


@command("wiebenik", "whoami", help_key="people.whoami_help")
async def whoami(ctx: CommandContext, args: str) -> None:
    organisation = await authority.organisation_name(ctx.session, ctx.person)
    role = ctx.t(f"role.{ctx.person.role.value}")
    if organisation is None:
        text = ctx.t("people.whoami_unknown", name=inert(ctx.person.name), role=role)
    elif await visibility.is_partner(ctx.session, ctx.person):
        text = ctx.t(
            "people.whoami_partner",
            name=inert(ctx.person.name),
            organisation=inert(organisation),
            role=role,
        )
    else:
        text = ctx.t(
            "people.whoami",
            name=inert(ctx.person.name),
            organisation=inert(organisation),
            role=role,
        )
    rights = await authority.authority_of(ctx.session, ctx.services.config, ctx.person)
    scoped = sorted(rights.managed | rights.moderated)
    if scoped and rights.role == Role.MEMBER:
        text += "\n" + ctx.t("people.whoami_scopes", groups=", ".join(scoped))
    await ctx.respond_private(text)


async def _person_by_email(ctx: CommandContext, email: str) -> Person:
    person = (await ctx.session.exec(select(Person).where(Person.email == email))).first()
    if person is None:
        raise UserError("people.role_no_person", email=inert(email))
    return person


@command("rol", "role", help_key="people.role_help", role=Role.ADMIN, partners=False)
async def set_role(ctx: CommandContext, args: str) -> None:
    parts = args.split()
    if len(parts) not in (2, 3) or parts[1].lower() not in _ROLE_WORDS:
        raise UserError("people.role_usage")
    email, role = parts[0].lower().strip("<>"), _ROLE_WORDS[parts[1].lower()]
    group = parts[2] if len(parts) == 3 else None
    groups = [g.id for g in ctx.services.config.groups]
    if group is not None and group not in groups:
        raise UserError("people.role_unknown_group", group=group, groups=", ".join(groups))
    if (role == MODERATOR and group is None) or (role == Role.ADMIN.value and group):
        raise UserError("people.role_usage")
    person = await _person_by_email(ctx, email)
    if person.id == ctx.person.id:
        raise UserError("people.role_not_self")
    assert person.id is not None
    now = ctx.services.clock.now()
    if role == Role.MEMBER.value:
        revoked = [
            g
            for g in await authority.active_grants(ctx.session, person.id)
            if group is None or g.group_id == group
        ]
        for grant in revoked:
            grant.revoked_at, grant.revoked_by = now, ctx.person_id
            ctx.session.add(grant)
            await authority.audit(
                ctx.session,
                "revoke",
                actor_id=ctx.person_id,
                target_id=person.id,
                detail=f"{grant.role}{' in ' + grant.group_id if grant.group_id else ''}",
            )
        await ctx.session.flush()
        rights = await _refresh_role(ctx, person)
        lines = [
            ctx.t(
                "people.role_revoked",
                name=inert(person.name),
                count=len(revoked),
                role=ctx.t(f"role.{rights.role.value}"),
            )
        ]
        configured = authority.configured_authority(ctx.services.config, person.email)
        if configured.role != Role.MEMBER:
            lines.append(
                ctx.t(
                    "people.role_from_config",
                    name=inert(person.name),
                    role=ctx.t(f"role.{configured.role.value}"),
                )
            )
        await ctx.respond("\n".join(lines))
        return
    ctx.session.add(
        RoleGrant(
            person_id=person.id, role=role, group_id=group, granted_by=ctx.person_id, granted_at=now
        )
    )
    await authority.audit(
        ctx.session,
        "grant",
        actor_id=ctx.person_id,
        target_id=person.id,
        detail=f"{role}{' in ' + group if group else ''}",
    )
    await ctx.session.flush()
    await _refresh_role(ctx, person)
    scope = ctx.t("people.role_scope", group=group) if group else ""
    await ctx.respond(
        ctx.t("people.role_set", name=inert(person.name), role=ctx.t(f"role.{role}"), scope=scope)
    )


async def _refresh_role(ctx: CommandContext, person: Person) -> authority.Authority:
    if person.id is not None:
        ctx.services.help_rights.forget(person.id)
    rights = await authority.authority_of(ctx.session, ctx.services.config, person)
    if person.role != rights.role:
        person.role = rights.role
        ctx.session.add(person)
    return rights


@command("rollen", "roles", help_key="people.roles_help", role=Role.ADMIN, partners=False)
async def list_roles(ctx: CommandContext, args: str) -> None:
    config = ctx.services.config
    lines = [ctx.t("people.roles_title")]
    for email in config.bot.admins:
        lines.append(ctx.t("people.roles_config", who=email, role=ctx.t("role.admin"), scope=""))
    for email in config.bot.community_managers:
        lines.append(
            ctx.t("people.roles_config", who=email, role=ctx.t("role.community_manager"), scope="")
        )
    for group in config.groups:
        scope = ctx.t("people.role_scope", group=group.id)
        for email in group.community_managers:
            lines.append(
                ctx.t(
                    "people.roles_config",
                    who=email,
                    role=ctx.t("role.community_manager"),
                    scope=scope,
                )
            )
        for email in group.moderators:
            lines.append(
                ctx.t("people.roles_config", who=email, role=ctx.t("role.moderator"), scope=scope)
            )
    grants = await authority.active_grants(ctx.session)
    names = await _names(ctx, {g.person_id for g in grants} | {g.granted_by or 0 for g in grants})
    for grant in grants:
        scope = ctx.t("people.role_scope", group=grant.group_id) if grant.group_id else ""
        lines.append(
            ctx.t(
                "people.roles_grant",
                who=names.get(grant.person_id, "?"),
                role=ctx.t(f"role.{grant.role}"),
                scope=scope,
                by=names.get(grant.granted_by or 0, "?"),
                at=grant.granted_at.strftime("%d-%m-%Y"),
            )
        )
    if len(lines) == 1:
        lines.append(ctx.t("people.roles_none"))
    await ctx.respond_private("\n".join(lines))


async def _names(ctx: CommandContext, ids: set[int]) -> dict[int, str]:
    rows = await ctx.session.exec(select(Person).where(col(Person.id).in_(list(ids))))
    # Display names are the platforms' (anyone's) text: shown inert.
    return {p.id: inert(p.email or p.name) for p in rows.all() if p.id is not None}


@command("logboek", "auditlog", help_key="people.audit_help", role=Role.ADMIN, partners=False)
async def audit_log(ctx: CommandContext, args: str) -> None:
    entries = list(
        (
            await ctx.session.exec(
                select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(AUDIT_LINES)
            )
        ).all()
    )
    if not entries:
        await ctx.respond_private(ctx.t("people.audit_empty"))
        return
    ids = {e.actor_id or 0 for e in entries} | {e.target_id or 0 for e in entries}
    names = await _names(ctx, ids)
    lines = [ctx.t("people.audit_title", count=len(entries))]
    for entry in reversed(entries):
        target = f" → {names.get(entry.target_id, '?')}" if entry.target_id else ""
        lines.append(
            f"- {entry.at.strftime('%d-%m-%Y %H:%M')} · {names.get(entry.actor_id or 0, '?')} · "
            f"{entry.action}{target} · {entry.detail}"
        )
    await ctx.respond_private("\n".join(lines))
