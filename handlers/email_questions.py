"""E-mailed questions in the chat: accepting an answer (✅ by the forwarder, the poster or a
moderator, or ``!antwoord`` in reply to it) sends it back by mail; moderators release held
mail and choose a group when routing was unsure. The posting itself is done by the e-mail
desk (``bot.mail.desk``), which uses these texts."""

from __future__ import annotations

from sqlmodel import select

from bot.context import CommandContext, EventContext
from bot.events import ACCEPT_REACTIONS, ReactionEvent
from bot.i18n import t
from bot.mail.desk import AcceptRefusedError, EmailDesk
from bot.recorder import find_message
from bot.registry import command, on_reaction
from bot.stats.working_time import AMSTERDAM
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Message, Role

TEXTS = {
    "email_questions.thread_title": {
        "nl": "📧 **Vraag per e-mail: {subject}**",
        "en": "📧 **Question by e-mail: {subject}**",
    },
    "email_questions.forwarded_by": {
        "nl": "_Doorgestuurd door {who}, met deze toelichting:_",
        "en": "_Forwarded by {who}, who added:_",
    },
    "email_questions.dropped": {
        "nl": "_Niet meegestuurd (onveilig of overbodig): {names}_",
        "en": "_Not passed on (unsafe or useless): {names}_",
    },
    "email_questions.how_to_answer": {
        "nl": "Weet jij het? Antwoord in deze thread. Zet ✅ op het goede antwoord (of antwoord "
        "met `!antwoord`), dan mailt Vraagbaak het namens {group} naar de vraagsteller.",
        "en": "Do you know? Answer in this thread. Put ✅ on the right answer (or reply with "
        "`!answer`) and Vraagbaak mails it to the person who asked, on behalf of {group}.",
    },
    "email_questions.follow_up": {
        "nl": "📧 **Reactie van de vraagsteller per e-mail:**",
        "en": "📧 **The person who asked replied by e-mail:**",
    },
    "email_questions.sent": {
        "nl": "✉️ Het antwoord is per e-mail naar de vraagsteller gestuurd.",
        "en": "✉️ The answer was e-mailed to the person who asked.",
    },
    "email_questions.bounced": {
        "nl": "⚠️ De antwoordmail kwam onbestelbaar terug: de vraagsteller heeft het antwoord "
        "niet ontvangen. Neem op een andere manier contact op.",
        "en": "⚠️ The answer mail bounced: the person who asked did not receive it. Please "
        "reach them another way.",
    },
    "email_questions.queued": {
        "nl": "✅ Antwoord geaccepteerd; het wordt per e-mail naar de vraagsteller gestuurd.",
        "en": "✅ Answer accepted; it is being e-mailed to the person who asked.",
    },
    "email_questions.not_allowed": {
        "nl": "Alleen wie de vraag doorstuurde of plaatste, of een moderator, kan een antwoord "
        "accepteren.",
        "en": "Only the person who forwarded or posted the question, or a moderator, can "
        "accept an answer.",
    },
    "email_questions.already_sent": {
        "nl": "Er is al een antwoord op deze vraag gemaild.",
        "en": "An answer to this question was already e-mailed.",
    },
    "email_questions.original_gone": {
        "nl": "Het adres van de vraagsteller is na de bewaartermijn verwijderd; mailen kan niet "
        "meer.",
        "en": "The address of the person who asked was deleted after the retention period; "
        "the answer cannot be mailed.",
    },
    "email_questions.not_email_thread": {
        "nl": "Dit werkt alleen in de thread van een vraag die per e-mail binnenkwam.",
        "en": "This only works in the thread of a question that came in by e-mail.",
    },
    "email_questions.no_answer": {
        "nl": "Welk antwoord? Gebruik `!antwoord` als reactie op het antwoord, of "
        "`!antwoord tekst`.",
        "en": "Which answer? Use `!answer` as a reply to the answer, or `!answer text`.",
    },
    "email_questions.held": {
        "nl": "📧 Mail {id} van {sender} (“{subject}”) wacht op een moderator: de afzender "
        "hoort bij geen bekende organisatie. Vrijgeven: `!mailvrijgeven {id}`.",
        "en": "📧 Mail {id} from {sender} (“{subject}”) waits for a moderator: the sender "
        "belongs to no known organisation. Release: `!releasemail {id}`.",
    },
    "email_questions.choose_group": {
        "nl": "📧 Bij welke groep hoort mail {id} (“{subject}”) van {sender}? Misschien: "
        "{options}. Kies met `!kiesgroep {id} GROEP`.",
        "en": "📧 Which group should get mail {id} (“{subject}”) from {sender}? Perhaps: "
        "{options}. Choose with `!choosegroup {id} GROUP`.",
    },
    "email_questions.released": {
        "nl": "Mail {id} is vrijgegeven.",
        "en": "Mail {id} was released.",
    },
    "email_questions.not_waiting": {
        "nl": "Er wacht geen mail met nummer {id}.",
        "en": "No mail with number {id} is waiting.",
    },
    "email_questions.usage_release": {
        "nl": "Gebruik: `!mailvrijgeven NUMMER`",
        "en": "Usage: `!releasemail NUMBER`",
    },
    "email_questions.usage_choose": {
        "nl": "Gebruik: `!kiesgroep NUMMER GROEP` (groepen: {groups})",
        "en": "Usage: `!choosegroup NUMBER GROUP` (groups: {groups})",
    },
    "email_questions.help_answer": {
        "nl": "accepteer een antwoord en mail het naar wie de vraag stelde",
        "en": "accept an answer and mail it to the person who asked",
    },
    "email_questions.help_release": {
        "nl": "geef een vastgehouden mail vrij (moderators)",
        "en": "release a held mail (moderators)",
    },
    "email_questions.help_waiting": {
        "nl": "welke mail op een moderator of een groepskeuze wacht (moderators)",
        "en": "which mail waits for a moderator or a choice of group (moderators)",
    },
    "email_questions.waiting_header": {
        "nl": "📧 Wachtende mail ({count}, oudste eerst):",
        "en": "📧 Mail waiting ({count}, oldest first):",
    },
    "email_questions.waiting_held": {
        "nl": "- {id} · {received} · {sender} · “{subject}” — afzender onbekend: "
        "`!mailvrijgeven {id}`",
        "en": "- {id} · {received} · {sender} · “{subject}” — unknown sender: `!releasemail {id}`",
    },
    "email_questions.waiting_group": {
        "nl": "- {id} · {received} · {sender} · “{subject}” — groep onduidelijk: "
        "`!kiesgroep {id} GROEP`",
        "en": "- {id} · {received} · {sender} · “{subject}” — group unclear: "
        "`!choosegroup {id} GROUP`",
    },
    "email_questions.nothing_waiting": {
        "nl": "Er wacht geen mail op een moderator of een groepskeuze.",
        "en": "No mail is waiting for a moderator or a choice of group.",
    },
    "email_questions.no_desk": {
        "nl": "Deze Vraagbaak neemt geen mail aan (geen `[mail]` in de configuratie).",
        "en": "This Vraagbaak takes no mail (no `[mail]` in the configuration).",
    },
    "email_questions.help_choose": {
        "nl": "kies de groep voor een mail waarover Vraagbaak twijfelde",
        "en": "choose the group for a mail Vraagbaak was unsure about",
    },
}


def _desk(ctx: EventContext) -> EmailDesk | None:
    try:
        return ctx.services.feature(EmailDesk)
    except LookupError:
        return None


@command("antwoord", "answer", help_key="email_questions.help_answer")
async def accept_answer(ctx: CommandContext, args: str) -> None:
    desk = _desk(ctx)
    event = ctx.event
    root = event.thread_id
    row = None
    if desk is not None and root is not None:
        row = await desk.inbound_for_thread(
            ctx.session, event.conversation.platform, event.conversation.external_id, root
        )
    if desk is None or row is None:
        await ctx.respond(ctx.t("email_questions.not_email_thread"))
        return
    answer = args.strip()
    replied: Message | None = None
    if not answer and event.reply_to and ctx.channel.id is not None:
        replied = await find_message(ctx.session, ctx.channel.id, event.reply_to)
        answer = (replied.text or "").strip() if replied is not None else ""
    if not answer:
        await ctx.respond(ctx.t("email_questions.no_answer"))
        return
    try:
        await desk.accept(
            ctx.session, row, ctx.person, answer, replied.id if replied is not None else None
        )
    except AcceptRefusedError as refused:
        await ctx.respond(ctx.t(refused.key))
        return
    if replied is not None:
        await _count_as_accepted(ctx, replied)
    await ctx.session.commit()
    await ctx.respond(ctx.t("email_questions.queued"))


@on_reaction
async def accept_by_reaction(ctx: EventContext, event: ReactionEvent) -> None:
    if event.removed or event.key not in ACCEPT_REACTIONS or event.thread_id is None:
        return
    desk = _desk(ctx)
    if desk is None:
        return
    row = await desk.inbound_for_thread(
        ctx.session, event.conversation.platform, event.conversation.external_id, event.thread_id
    )
    if row is None or row.answered_at is not None:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    person = await ctx.services.identity.person_for(ctx.session, event.sender)
    assert channel.id is not None
    message = ctx.message or await find_message(ctx.session, channel.id, event.message_id)
    if message is None or message.is_bot or message.is_root or not (message.text or "").strip():
        return
    language = desk.language
    thread_ref = event.thread_id
    try:
        await desk.accept(ctx.session, row, person, message.text or "", message.id)
    except AcceptRefusedError as refused:
        await ctx.adapter.post(event.conversation, t(language, refused.key), thread_id=thread_ref)
        return
    await _count_as_accepted(ctx, message)
    await ctx.session.commit()
    await ctx.adapter.post(
        event.conversation, t(language, "email_questions.queued"), thread_id=thread_ref
    )


def _number(text: str) -> int | None:
    first = text.split()[0] if text.split() else ""
    return int(first) if first.isdigit() else None


@command(
    "mailvrijgeven",
    "releasemail",
    help_key="email_questions.help_release",
    role=Role.COMMUNITY_MANAGER,
)
async def release_mail(ctx: CommandContext, args: str) -> None:
    desk = _desk(ctx)
    number = _number(args)
    if desk is None or number is None:
        await ctx.respond(ctx.t("email_questions.usage_release"))
        return
    ok = await desk.release(ctx.session, number)
    await ctx.session.commit()
    key = "email_questions.released" if ok else "email_questions.not_waiting"
    await ctx.respond(ctx.t(key, id=number))


@command(
    "wachtendemail",
    "waitingmail",
    help_key="email_questions.help_waiting",
    role=Role.COMMUNITY_MANAGER,
)
async def waiting_mail(ctx: CommandContext, args: str) -> None:
    desk = _desk(ctx)
    if desk is None:
        await ctx.respond_private(ctx.t("email_questions.no_desk"))
        return
    rows = await desk.waiting(ctx.session)
    if not rows:
        await ctx.respond_private(ctx.t("email_questions.nothing_waiting"))
        return
    lines = [ctx.t("email_questions.waiting_header", count=len(rows))]
    for row in rows:
        key = (
            "email_questions.waiting_held"
            if row.status == InboundStatus.HELD
            else "email_questions.waiting_group"
        )
        received = row.received_at.astimezone(AMSTERDAM)
        lines.append(
            ctx.t(
                key,
                id=row.id,
                received=received.strftime("%d-%m %H:%M"),
                sender=row.forwarded_by or row.original_email or "?",
                subject=row.parsed.get("subject", ""),
            )
        )
    # Only the moderator sees who wrote: the list is private.
    await ctx.respond_private("\n".join(lines))


@command("kiesgroep", "choosegroup", help_key="email_questions.help_choose")
async def choose_group(ctx: CommandContext, args: str) -> None:
    desk = _desk(ctx)
    groups = [g.id for g in ctx.services.config.groups]
    parts = args.split()
    number = _number(args)
    if desk is None or number is None or len(parts) < 2 or parts[1] not in groups:
        await ctx.respond(ctx.t("email_questions.usage_choose", groups=", ".join(groups)))
        return
    row = (await ctx.session.exec(select(InboundEmail).where(InboundEmail.id == number))).first()
    allowed = row is not None and (
        ctx.person.role in (Role.ADMIN, Role.COMMUNITY_MANAGER)
        or (ctx.person.email or "").lower() == (row.forwarded_by or "").lower()
    )
    if row is None or row.status != InboundStatus.NEEDS_GROUP or not allowed:
        await ctx.respond(ctx.t("email_questions.not_waiting", id=number))
        return
    ok = await desk.release(ctx.session, number, group_id=parts[1])
    await ctx.session.commit()
    key = "email_questions.released" if ok else "email_questions.not_waiting"
    await ctx.respond(ctx.t(key, id=number))


async def _count_as_accepted(ctx: EventContext, message: Message) -> None:
    """The accepted answer counts for who-knows at once, as an asker's ✅ in chat does."""
    from knowledge.finder import ExpertIndex

    if ctx.services.has_feature(ExpertIndex):
        live = await ctx.services.feature(ExpertIndex).live(ctx.session)
        await live.accepted_by_mail_flow(ctx.session, message)
