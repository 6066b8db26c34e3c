"""Mail nobody should see as it is: moderators list the mail the worker quarantined
(``!quarantaine``) and set held, group-less or quarantined mail aside (``!mailafwijzen``).
Nothing of a quarantined mail is shown but its sender, subject and why it was stopped."""

from __future__ import annotations

from bot.core.i18n import register
from bot.core.inert import inert
from bot.core.working_time import AMSTERDAM
from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.mail.desk import mail_number
from bot.mail.moderation import group_of
from bot.people.authority import audit, authority_of
from bot.storage.mail_models import InboundEmail
from bot.storage.models import Role

TEXTS = {
    "mail_quarantine.help_list": {
        "nl": "`!quarantaine` — mail die te zwaar was om te lezen (alleen voor beheer)",
        "en": "`!quarantine` — mail too heavy to read (administrators only)",
    },
    "mail_quarantine.help_reject": {
        "nl": "`!mailafwijzen NUMMER` — wachtende of geblokkeerde mail terzijde leggen: "
        "nooit geplaatst, nooit beantwoord",
        "en": "`!rejectmail NUMBER` — set waiting or quarantined mail aside: never posted, "
        "never answered",
    },
    "mail_quarantine.none": {
        "nl": "Er staat geen mail in quarantaine.",
        "en": "No mail is in quarantine.",
    },
    "mail_quarantine.header": {
        "nl": "🧯 {count} mail(s) in quarantaine (nooit geplaatst; `!mailafwijzen NUMMER` "
        "legt er een terzijde):",
        "en": "🧯 {count} mail(s) in quarantine (never posted; `!rejectmail NUMBER` sets "
        "one aside):",
    },
    "mail_quarantine.line": {
        "nl": "• **{id}** · {received} · {sender} · {subject} — {reason}",
        "en": "• **{id}** · {received} · {sender} · {subject} — {reason}",
    },
    "mail_quarantine.usage_reject": {
        "nl": "Gebruik: `!mailafwijzen NUMMER`, bijvoorbeeld `!mailafwijzen 12`.",
        "en": "Usage: `!rejectmail NUMBER`, for example `!rejectmail 12`.",
    },
    "mail_quarantine.rejected": {
        "nl": "Mail {id} is terzijde gelegd: hij wordt niet geplaatst en niet beantwoord.",
        "en": "Mail {id} is set aside: it will not be posted or answered.",
    },
    "mail_quarantine.not_rejectable": {
        "nl": "Mail {id} wacht niet op een beslissing (al geplaatst, afgewezen of onbekend).",
        "en": "Mail {id} is not waiting for a decision (already posted, rejected or unknown).",
    },
    "mail_quarantine.not_yours": {
        "nl": "Mail {id} hoort bij {group}; dat laat ik aan de moderatoren daarvan over.",
        "en": "Mail {id} belongs to {group}; I leave that to its moderators.",
    },
    "mail_quarantine.no_group": {"nl": "nog geen groep", "en": "no group yet"},
}
register(TEXTS)


@command(
    "quarantaine",
    "quarantine",
    help_key="mail_quarantine.help_list",
    role=Role.COMMUNITY_MANAGER,
)
async def list_quarantine(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    # Quarantined mail was never read, so it has no group: only global managers see it.
    if desk is None or not rights.may_moderate(None):
        await ctx.respond_private(ctx.t("mail_quarantine.none"))
        return
    rows = await desk.moderation.quarantine(ctx.session)
    if not rows:
        await ctx.respond_private(ctx.t("mail_quarantine.none"))
        return
    lines = [ctx.t("mail_quarantine.header", count=len(rows))]
    for row in rows:
        lines.append(
            ctx.t(
                "mail_quarantine.line",
                id=row.id,
                received=row.received_at.astimezone(AMSTERDAM).strftime("%d-%m %H:%M"),
                sender=inert(row.envelope_from or row.original_email or "?"),
                subject=inert(" ".join(str(row.parsed.get("subject", "")).split())[:120]),
                reason=desk.moderation.quarantine_text(str(row.parsed.get("reason", ""))),
            )
        )
    await ctx.respond_private("\n".join(lines))


@command(
    "mailafwijzen",
    "rejectmail",
    help_key="mail_quarantine.help_reject",
    role=Role.COMMUNITY_MANAGER,
)
async def reject_mail(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    number = mail_number(args)
    if desk is None or number is None:
        await ctx.respond_private(ctx.t("mail_quarantine.usage_reject"))
        return
    row = await ctx.session.get(InboundEmail, number)
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    if row is not None and not rights.may_moderate(group_of(row)):
        group = group_of(row) or ctx.t("mail_quarantine.no_group")
        await audit(ctx.session, "refused", actor_id=ctx.person_id, detail=f"reject mail {number}")
        await ctx.respond_private(ctx.t("mail_quarantine.not_yours", id=number, group=group))
        return
    rejected = await desk.moderation.reject(ctx.session, number, f"person {ctx.person_id} in chat")
    if rejected:
        await audit(ctx.session, "mail_rejected", actor_id=ctx.person_id, detail=f"mail {number}")
    key = "mail_quarantine.rejected" if rejected else "mail_quarantine.not_rejectable"
    await ctx.respond_private(ctx.t(key, id=number))
