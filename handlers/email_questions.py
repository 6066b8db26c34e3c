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
from bot.mail.policy import HoldReason
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
        "nl": "📧 Mail {id} van {sender} (“{subject}”) wacht op een moderator: {reason}. "
        "Vrijgeven: `!mailvrijgeven {id}`.",
        "en": "📧 Mail {id} from {sender} (“{subject}”) waits for a moderator: {reason}. "
        "Release: `!releasemail {id}`.",
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
        "nl": "- {id} · {received} · {sender} · “{subject}” — {reason}: `!mailvrijgeven {id}`",
        "en": "- {id} · {received} · {sender} · “{subject}” — {reason}: `!releasemail {id}`",
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
    "email_questions.reason.unknown_sender": {
        "nl": "de afzender hoort bij geen bekende organisatie",
        "en": "the sender belongs to no known organisation",
    },
    "email_questions.reason.unverified": {
        "nl": "afzender niet geverifieerd (het adres hoort bij een organisatie, maar de mail "
        "is niet aantoonbaar van daar verstuurd)",
        "en": "sender not verified (the address belongs to an organisation, but the mail was "
        "not shown to come from there)",
    },
    "email_questions.reason.stranger_in_thread": {
        "nl": "een reactie in een bestaande thread van iemand die daar niet bij hoort",
        "en": "a reply into an existing thread from someone who is not part of it",
    },
    "email_questions.reason.rate_limited": {
        "nl": "te veel mail van deze afzender of dit domein in het afgelopen uur",
        "en": "too much mail from this sender or domain in the past hour",
    },
    "email_questions.quarantined": {
        "nl": "⚠️ Mail {id} van {sender} is in quarantaine gezet en niet geplaatst: {reason}. "
        "Hij blijft bewaard voor een beheerder.",
        "en": "⚠️ Mail {id} from {sender} was quarantined and not posted: {reason}. It is "
        "kept for an administrator.",
    },
    "email_questions.quarantine.structure": {
        "nl": "de opbouw is te diep genest of heeft te veel delen om te lezen",
        "en": "its structure is nested too deep or has too many parts to read",
    },
    "email_questions.quarantine.time": {
        "nl": "het lezen duurde {attempts} keer langer dan {seconds} seconden",
        "en": "reading it took longer than {seconds} seconds {attempts} times",
    },
    "email_questions.quarantine.memory": {
        "nl": "het lezen vroeg meer geheugen dan toegestaan",
        "en": "reading it needed more memory than allowed",
    },
    "email_questions.quarantine.error": {
        "nl": "het lezen mislukte {attempts} keer",
        "en": "reading it failed {attempts} times",
    },
    "email_questions.trusted_submission": {
        "nl": "_Ingeleverd vanaf een vertrouwd adres (`[mail] trusted_submission`); de afzender "
        "is daarom niet verder gecontroleerd._",
        "en": "_Submitted from a trusted address (`[mail] trusted_submission`); the sender was "
        "therefore not checked further._",
    },
    "email_questions.sender_unverified": {
        "nl": "De afzender van deze mail is niet geverifieerd en niet door een moderator "
        "vrijgegeven; het antwoord wordt niet gemaild.",
        "en": "The sender of this mail is not verified and was not released by a moderator; "
        "the answer is not mailed.",
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
    if not answer and event.reply_to and ctx.channel.id is not None:
        replied: Message | None = await find_message(ctx.session, ctx.channel.id, event.reply_to)
        answer = (replied.text or "").strip() if replied is not None else ""
    if not answer:
        await ctx.respond(ctx.t("email_questions.no_answer"))
        return
    try:
        await desk.accept(ctx.session, row, ctx.person, answer)
    except AcceptRefusedError as refused:
        await ctx.respond(ctx.t(refused.key))
        return
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
        await desk.accept(ctx.session, row, person, message.text or "")
    except AcceptRefusedError as refused:
        await ctx.adapter.post(event.conversation, t(language, refused.key), thread_id=thread_ref)
        return
    await ctx.session.commit()
    await ctx.adapter.post(
        event.conversation, t(language, "email_questions.queued"), thread_id=thread_ref
    )


def _hold_reason(row: InboundEmail) -> str:
    reason = str(row.parsed.get("reason") or "")
    known = {r.value for r in HoldReason}
    return reason if reason in known else HoldReason.UNKNOWN_SENDER.value


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
                reason=ctx.t(f"email_questions.reason.{_hold_reason(row)}"),
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
