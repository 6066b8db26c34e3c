"""E-mailed questions in the chat: accepting an answer (✅ by the forwarder, the poster or a
moderator, or ``!antwoord`` in reply to it) sends it back by mail; moderators release held
mail and choose a group when routing was unsure. The posting itself is done by the e-mail
desk (``bot.mail.desk``), which uses these texts."""

from __future__ import annotations

import asyncio
from typing import Literal

from sqlmodel import col, select

from bot.core.errors import RetryLater
from bot.core.events import ACCEPT_REACTIONS, ConversationRef, MessageRef, ReactionEvent
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.working_time import AMSTERDAM
from bot.delivery.outbox import posted_as
from bot.dispatch.context import CommandContext, EventContext
from bot.dispatch.handler_types import command, on_reaction
from bot.mail.desk import AcceptRefusedError, EmailDesk, mail_number
from bot.mail.moderation import group_of
from bot.mail.policy import HoldReason
from bot.mail.preview import preview_text
from bot.mail.previews import count_accepted_answer
from bot.mail.release import release
from bot.mail.understand import Understanding
from bot.mail.worker import UnderstandingFailedError
from bot.people.authority import Authority, audit, authority_of
from bot.people.recorder import find_message
from bot.redaction.audit import counts_of, summary
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Message, Role, Thread

TEXTS = {
    "email_questions.not_your_group": {
        "nl": "Mail {id} hoort bij {group}; jij bent moderator of communitymanager van "
        "{groups}, dus dit laat ik aan hen over.",
        "en": "Mail {id} belongs to {group}; you are moderator or community manager of "
        "{groups}, so I leave this to them.",
    },
    "email_questions.not_your_thread": {
        "nl": "Dit antwoord mag alleen wie de vraag doorstuurde, of de moderator of "
        "communitymanager van {group}; jij bent dat van {groups}.",
        "en": "Only the person who forwarded the question, or the moderator or community "
        "manager of {group}, can send this answer; you are that of {groups}.",
    },
    "email_questions.no_group_yet": {"nl": "nog geen groep", "en": "no group yet"},
    "email_questions.thread_title": {
        "nl": "📧 **Vraag per e-mail: {subject}**",
        "en": "📧 **Question by e-mail: {subject}**",
    },
    "email_questions.reference": {"nl": "kenmerk {reference}", "en": "reference {reference}"},
    "email_questions.asker_stand_in": {
        "nl": "Vraagsteller per e-mail",
        "en": "Asker by e-mail",
    },
    "email_questions.forwarded_by": {
        "nl": "_Doorgestuurd door {who}, met deze toelichting:_",
        "en": "_Forwarded by {who}, who added:_",
    },
    "email_questions.dropped": {
        "nl": "_Niet meegestuurd (onveilig of overbodig): {names}_",
        "en": "_Not passed on (unsafe or useless): {names}_",
    },
    "email_questions.attachments_held": {
        "nl": "📎 {count} bijlage(n) blijven bij de mail en worden niet gepubliceerd. Wie de mail "
        "doorstuurde of een moderator kan er een vrijgeven: `!bijlagen {id}` toont ze, "
        "`!bijlagevrijgeven {id} NUMMER` plaatst er een hier.",
        "en": "📎 {count} attachment(s) stay with the mail and are not published. Whoever "
        "forwarded it, or a moderator, can release one: `!attachments {id}` lists them, "
        "`!releaseattachment {id} NUMBER` posts one here.",
    },
    "email_questions.redacted": {
        "nl": "🔒 _Voor de privacy verwijderd: {summary}_",
        "en": "🔒 _Removed for privacy: {summary}_",
    },
    "email_questions.attachment_list": {
        "nl": "📎 Bijlagen van mail {id}:",
        "en": "📎 Attachments of mail {id}:",
    },
    "email_questions.attachment_line": {
        "nl": "{number}. {name} ({size} kB)",
        "en": "{number}. {name} ({size} kB)",
    },
    "email_questions.no_attachments": {
        "nl": "Mail {id} heeft geen bijlagen die vrijgegeven kunnen worden.",
        "en": "Mail {id} has no attachments that can be released.",
    },
    "email_questions.attachment_released": {
        "nl": "📎 Bijlage {number} van mail {id} is in de thread geplaatst.",
        "en": "📎 Attachment {number} of mail {id} was posted in the thread.",
    },
    "email_questions.attachment_released_redacted": {
        "nl": "📎 Bijlage {number} van mail {id} is in de thread geplaatst; verwijderd: {summary}.",
        "en": "📎 Attachment {number} of mail {id} was posted in the thread; removed: {summary}.",
    },
    "email_questions.attachment_not_allowed": {
        "nl": "Alleen wie de mail doorstuurde of een moderator kan bijlagen van mail {id} zien "
        "of vrijgeven, en alleen zolang de mail bewaard wordt.",
        "en": "Only whoever forwarded the mail, or a moderator, can see or release attachments "
        "of mail {id}, and only while the mail is kept.",
    },
    "email_questions.usage_attachments": {
        "nl": "Gebruik: `!bijlagen MAILNUMMER` of `!bijlagevrijgeven MAILNUMMER NUMMER`.",
        "en": "Usage: `!attachments MAIL` or `!releaseattachment MAIL NUMBER`.",
    },
    "email_questions.help_attachments": {
        "nl": "de bijlagen van een gemailde vraag bekijken (doorstuurder of moderator)",
        "en": "list the attachments of an e-mailed question (forwarder or moderator)",
    },
    "email_questions.help_release_attachment": {
        "nl": "een bijlage van een gemailde vraag in de thread plaatsen (doorstuurder of "
        "moderator)",
        "en": "post an attachment of an e-mailed question in its thread (forwarder or moderator)",
    },
    "email_questions.how_to_answer": {
        "nl": "Weet jij het? Antwoord in deze thread. Wie de vraag doorstuurde of een moderator "
        "van {group} zet ✅ op het goede antwoord (of antwoordt met `!antwoord`); die ziet de "
        "mail eerst zelf en verstuurt hem met `!versturen`.",
        "en": "Do you know? Answer in this thread. Whoever forwarded the question, or a "
        "moderator of {group}, puts ✅ on the right answer (or replies with `!answer`); they "
        "see the mail first and send it with `!send`.",
    },
    "email_questions.follow_up": {
        "nl": "📧 **Reactie van de vraagsteller per e-mail:**",
        "en": "📧 **The person who asked replied by e-mail:**",
    },
    "email_questions.bounced": {
        "nl": "⚠️ De antwoordmail kwam onbestelbaar terug: de vraagsteller heeft het antwoord "
        "niet ontvangen. Neem op een andere manier contact op.",
        "en": "⚠️ The answer mail bounced: the person who asked did not receive it. Please "
        "reach them another way.",
    },
    "email_questions.not_allowed": {
        "nl": "Alleen wie de vraag doorstuurde of plaatste, of een moderator, kan een antwoord "
        "accepteren.",
        "en": "Only the person who forwarded or posted the question, or a moderator, can "
        "accept an answer.",
    },
    "email_questions.already_sent": {
        "nl": "Op elk bericht van de vraagsteller in deze thread is al een antwoord gemaild. "
        "Reageert de vraagsteller per e-mail, dan kan die reactie weer een antwoord krijgen.",
        "en": "Every message of the person who asked in this thread already got an answer by "
        "mail. When they reply by mail, that reply can get an answer again.",
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
        "nl": "Welk antwoord? Er is nog geen antwoord van een collega in deze thread. Gebruik "
        "`!antwoord` als reactie op het antwoord, of `!antwoord tekst`.",
        "en": "Which answer? No colleague has answered in this thread yet. Use `!answer` as a "
        "reply to the answer, or `!answer text`.",
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
        "nl": "Mail {id} is vrijgegeven en komt in {where}.",
        "en": "Mail {id} was released and goes to {where}.",
    },
    "email_questions.released_to_thread": {
        "nl": "de bestaande thread van {reference} in {channel}",
        "en": "the existing thread of {reference} in {channel}",
    },
    "email_questions.released_to_group": {
        "nl": "{group} ({channel})",
        "en": "{group} ({channel})",
    },
    "email_questions.released_no_group": {
        "nl": "geen groep nog: Vraagbaak vraagt eerst bij welke groep hij hoort",
        "en": "no group yet: Vraagbaak first asks which group it belongs to",
    },
    "email_questions.already_chosen": {
        "nl": "Mail {id} wacht niet meer op een groep: hij is al toegewezen aan {group}.",
        "en": "Mail {id} no longer waits for a group: it was already given to {group}.",
    },
    "email_questions.choose_not_allowed": {
        "nl": "Alleen wie mail {id} stuurde of doorstuurde, of een moderator van {group}, kan "
        "de groep kiezen.",
        "en": "Only whoever sent or forwarded mail {id}, or a moderator of {group}, can choose "
        "its group.",
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
    "email_questions.reason.partner_sender": {
        "nl": "de afzender is een externe partner; de groepskanalen zijn intern",
        "en": "the sender is an external partner; the group channels are internal",
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
    "email_questions.reason.web_form": {
        "nl": "via een webformulier verstuurd namens het Reply-To-adres; dat adres is niet "
        "geverifieerd (iedereen kan het in het formulier invullen)",
        "en": "sent through a web form on behalf of the Reply-To address; that address is not "
        "verified (anyone can type it into the form)",
    },
    "email_questions.reason.rate_limited": {
        "nl": "te veel mail van deze afzender of dit domein in het afgelopen uur",
        "en": "too much mail from this sender or domain in the past hour",
    },
    "email_questions.quarantined": {
        "nl": "⚠️ Mail {id} van {sender} is in quarantaine gezet en niet geplaatst: {reason}. "
        "Hij blijft bewaard voor een beheerder: `!quarantaine` toont hem, `!mailafwijzen {id}` "
        "legt hem terzijde.",
        "en": "⚠️ Mail {id} from {sender} was quarantined and not posted: {reason}. It is "
        "kept for an administrator: `!quarantine` lists it, `!rejectmail {id}` sets it aside.",
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


@command("antwoord", "answer", help_key="email_questions.help_answer", partners=False)
async def accept_answer(ctx: CommandContext, args: str) -> None:
    """``!antwoord`` in reply to an answer (or, without a reply, the latest answer in the
    thread; or ``!antwoord TEKST``): exactly one response, the preview or the reason."""
    desk = ctx.services.mail_desk
    event = ctx.event
    root = event.thread_id
    row = None
    if desk is not None and root is not None:
        row = await _mail_of_thread(ctx, desk, event.conversation, root)
    if desk is None or row is None:
        await ctx.respond(ctx.t("email_questions.not_email_thread"))
        return
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    moderates = rights.may_moderate(group_of(row))
    if not desk.may_accept(row, ctx.person, moderates=moderates):
        await _refused_accept(ctx, row, rights, "email_questions.not_allowed")
        return
    answer = args.strip()
    replied: Message | None = None
    if not answer and ctx.channel.id is not None:
        replied = await _answer_meant(ctx, row, desk)
        answer = (replied.text or "").strip() if replied is not None else ""
    if not answer:
        await ctx.respond(ctx.t("email_questions.no_answer"))
        return
    try:
        accepted = await desk.accept(
            ctx.session,
            row,
            ctx.person,
            answer,
            replied.id if replied is not None else None,
            moderates=moderates,
        )
    except AcceptRefusedError as refused:
        await _refused_accept(ctx, row, rights, refused.key, **refused.values)
        return
    if not accepted.previewed and replied is not None:
        await count_as_accepted(ctx, replied)
    if accepted.previewed:
        await ctx.adapter.send_direct(
            event.sender, preview_text(ctx.language, accepted.mail, reference=accepted.reference)
        )


async def _answer_meant(ctx: CommandContext, row: InboundEmail, desk: EmailDesk) -> Message | None:
    """The message replied to; without one (a Slack thread has no replies to one message),
    the latest reply by a person in the thread, when the mail is previewed before it leaves
    (the acceptor sees which answer it took)."""
    event = ctx.event
    assert ctx.channel.id is not None
    if event.reply_to:
        return await find_message(ctx.session, ctx.channel.id, event.reply_to)
    group = ctx.services.config.group(row.group_id) if row.group_id else None
    if row.thread_id is None or (group is not None and not group.answer_preview):
        return None
    return (
        await ctx.session.exec(
            select(Message)
            .where(
                Message.thread_id == row.thread_id,
                col(Message.is_root).is_(False),
                col(Message.is_bot).is_(False),
                col(Message.text).is_not(None),
            )
            .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        )
    ).first()


async def _refused_accept(
    ctx: CommandContext, row: InboundEmail, rights: Authority, key: str, **values: object
) -> None:
    if key == "email_questions.not_allowed" and rights.is_manager_anywhere:
        await _refused_scope(ctx, row, rights, "email_questions.not_your_thread")
        return
    await ctx.respond(ctx.t(key, **values))


async def _refused_scope(
    ctx: CommandContext, row: InboundEmail, rights: Authority, key: str
) -> None:
    group = group_of(row) or ctx.t("email_questions.no_group_yet")
    await audit(
        ctx.session,
        "refused",
        actor_id=ctx.person_id,
        detail=f"{ctx.event.text.split()[0][:40]} mail {row.id} of {group}",
    )
    groups = ", ".join(sorted(rights.managed | rights.moderated)) or "-"
    await ctx.respond(ctx.t(key, id=row.id, group=group, groups=groups))


@on_reaction
async def accept_by_reaction(ctx: EventContext, event: ReactionEvent) -> None:
    """✅ on an answer in a mailed question's thread: exactly one response — the preview in a
    direct message (or, without previews, the status line moving on), or the reason, shown
    only to whoever reacted."""
    if event.removed or event.key not in ACCEPT_REACTIONS:
        return
    desk = ctx.services.mail_desk
    if desk is None:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    assert channel.id is not None
    message = ctx.message or await find_message(ctx.session, channel.id, event.message_id)
    # Slack says nothing of the thread in a reaction event: the stored message knows it.
    thread_ref = event.thread_id or (await _root_of(ctx, message) if message else None)
    if thread_ref is None:
        return
    row = await _mail_of_thread(ctx, desk, event.conversation, thread_ref)
    if row is None:
        return
    person = await ctx.services.identity.person_for(ctx.session, event.sender)
    assert person.id is not None
    language = await ctx.services.identity.language_of(ctx.session, person.id)
    near = MessageRef(event.conversation, event.message_id, thread_ref)

    async def refuse(key: str, **values: object) -> None:
        await ctx.adapter.send_private(near, event.sender, t(language, key, **values))

    if message is None or message.is_bot or message.is_root or not (message.text or "").strip():
        await refuse("mail_answers.react_on_answer")
        return
    rights = await authority_of(ctx.session, ctx.services.config, person)
    try:
        accepted = await desk.accept(
            ctx.session,
            row,
            person,
            message.text or "",
            message.id,
            moderates=rights.may_moderate(group_of(row)),
        )
    except AcceptRefusedError as refused:
        if refused.key == "email_questions.not_allowed" and rights.is_manager_anywhere:
            # A moderator elsewhere: which group this is, and which are theirs.
            group = group_of(row) or t(language, "email_questions.no_group_yet")
            groups = ", ".join(sorted(rights.managed | rights.moderated)) or "-"
            await refuse("email_questions.not_your_thread", group=group, groups=groups)
            return
        await refuse(refused.key, **refused.values)
        return
    if accepted.previewed:
        await ctx.adapter.send_direct(
            event.sender, preview_text(language, accepted.mail, reference=accepted.reference)
        )
    else:
        await count_as_accepted(ctx, message)


async def _mail_of_thread(
    ctx: EventContext, desk: EmailDesk, conversation: ConversationRef, root: str
) -> InboundEmail | None:
    """The mail a thread was started for. A thread the desk posted but has not recorded yet
    (its process was killed in between; the next one records it within seconds) is not
    "no mail": the event is handled again a little later."""
    row = await desk.inbound_for_thread(
        ctx.session, conversation.platform, conversation.external_id, root
    )
    if row is None and await posted_as(ctx.session, "mail:", root):
        raise RetryLater
    return row


async def _root_of(ctx: EventContext, message: Message) -> str | None:
    if message.thread_id is None:
        return None
    thread = await ctx.session.get(Thread, message.thread_id)
    return thread.root_external_id if thread is not None else None


def _hold_reason(row: InboundEmail) -> str:
    reason = str(row.parsed.get("reason") or "")
    known = {r.value for r in HoldReason}
    return reason if reason in known else HoldReason.UNKNOWN_SENDER.value


@command(
    "mailvrijgeven",
    "releasemail",
    help_key="email_questions.help_release",
    role=Role.COMMUNITY_MANAGER,
)
async def release_mail(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    number = mail_number(args)
    if desk is None or number is None:
        await ctx.respond(ctx.t("email_questions.usage_release"))
        return
    row = await ctx.session.get(InboundEmail, number)
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    if row is not None and not rights.may_moderate(group_of(row)):
        await _refused_scope(ctx, row, rights, "email_questions.not_your_group")
        return
    # Released and answered in one transaction (the dispatcher's): a crash between the two
    # cannot leave a released mail whose release was never confirmed.
    ok = await desk.release(ctx.session, number)
    if not ok or row is None:
        await ctx.respond(ctx.t("email_questions.not_waiting", id=number))
        return
    where = await _destination(ctx, row, group_of(row))
    await ctx.respond(ctx.t("email_questions.released", id=number, where=where))


async def _destination(ctx: CommandContext, row: InboundEmail, group_id: str | None) -> str:
    """Where a released mail goes: a follow-up to its thread, a question to its group's
    channel, or (no group yet) to the choice of a group."""
    thread = row.parsed.get("thread")
    if isinstance(thread, dict):
        return ctx.t(
            "email_questions.released_to_thread",
            reference=str(thread.get("reference", "?")),
            channel=inert(str(thread.get("channel", "?"))),
        )
    group = ctx.services.config.group(group_id) if group_id else None
    if group is None:
        return ctx.t("email_questions.released_no_group")
    channels = await ctx.services.channels.channels_of_group(ctx.session, group.id)
    named = [c.name for c in channels if c.name and not c.archived and not c.is_direct]
    bound = group.slack_channel or group.matrix_room or f"#{group.id}"
    channel = named[0] if named else (bound if bound.startswith("#") else f"#{bound}")
    return ctx.t(
        "email_questions.released_to_group", group=inert(group.name), channel=inert(channel)
    )


@command(
    "wachtendemail",
    "waitingmail",
    help_key="email_questions.help_waiting",
    role=Role.COMMUNITY_MANAGER,
)
async def waiting_mail(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    if desk is None:
        await ctx.respond_private(ctx.t("email_questions.no_desk"))
        return
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    # A group's moderators see their group's mail only (who wrote is personal data).
    rows = [
        r for r in await desk.waiting(ctx.session, limit=200) if rights.may_moderate(group_of(r))
    ]
    rows = rows[:20]
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
                sender=inert(row.forwarded_by or row.original_email or "?"),
                subject=inert(" ".join(str(row.parsed.get("subject", "")).split())),
                reason=ctx.t(f"email_questions.reason.{_hold_reason(row)}"),
            )
        )
        removed = summary(counts_of(row.parsed.get("redactions")), ctx.language)
        if removed:
            lines[-1] += " · 🔒 " + removed
    # Only the moderator sees who wrote: the list is private.
    await ctx.respond_private("\n".join(lines))


@command("kiesgroep", "choosegroup", help_key="email_questions.help_choose", partners=False)
async def choose_group(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    groups = [g.id for g in ctx.services.config.groups]
    # Only groups this person may hand mail to (a scoped manager: theirs; colleagues: all).
    scope = rights.groups()
    offered = scope or groups
    parts = args.split()
    number = mail_number(args)
    if desk is None or number is None or len(parts) < 2 or parts[1] not in groups:
        await ctx.respond(ctx.t("email_questions.usage_choose", groups=", ".join(offered)))
        return
    row = await ctx.session.get(InboundEmail, number)
    if row is None:
        await ctx.respond(ctx.t("email_questions.not_waiting", id=number))
        return
    if row.status != InboundStatus.NEEDS_GROUP:
        chosen = ctx.services.config.group(row.group_id) if row.group_id else None
        key = "email_questions.already_chosen" if chosen else "email_questions.not_waiting"
        await ctx.respond(ctx.t(key, id=number, group=chosen.name if chosen else ""))
        return
    # Whoever sent or forwarded it (the one Vraagbaak asked), or a moderator of the group.
    sender = (row.forwarded_by or row.original_email or "").lower()
    own = bool(ctx.person.email) and (ctx.person.email or "").lower() == sender
    if not own and not rights.may_moderate(parts[1]):
        if rights.is_manager_anywhere:
            await _refused_scope(ctx, row, rights, "email_questions.not_your_group")
            return
        group = ctx.services.config.group(parts[1])
        await ctx.respond(
            ctx.t(
                "email_questions.choose_not_allowed",
                id=number,
                group=group.name if group else parts[1],
            )
        )
        return
    ok = await desk.release(ctx.session, number, group_id=parts[1])
    if not ok:
        await ctx.respond(ctx.t("email_questions.not_waiting", id=number))
        return
    where = await _destination(ctx, row, parts[1])
    await ctx.respond(ctx.t("email_questions.released", id=number, where=where))


async def _attachment_row(ctx: CommandContext, desk: EmailDesk, number: int) -> InboundEmail | None:
    """The stored mail whose attachments this person may see: whoever forwarded or posted it,
    or a moderator (the same people who may accept its answer); None once it was purged."""
    row = await ctx.session.get(InboundEmail, number)
    if row is None or row.raw is None:
        return None
    rights = await authority_of(ctx.session, ctx.services.config, ctx.person)
    if not desk.may_accept(row, ctx.person, moderates=rights.may_moderate(group_of(row))):
        return None
    return row


async def _understood(desk: EmailDesk, row: InboundEmail) -> Understanding | None:
    """The stored mail read again in the bounded worker process (it is untrusted input)."""
    if row.raw is None:
        return None
    try:
        return await desk.worker.read(row.raw, list(row.recipients), row.source)
    except UnderstandingFailedError:
        return None


@command("bijlagen", "attachments", help_key="email_questions.help_attachments")
async def list_attachments(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    number = mail_number(args)
    if desk is None or number is None:
        await ctx.respond_private(ctx.t("email_questions.usage_attachments"))
        return
    row = await _attachment_row(ctx, desk, number)
    if row is None or row.raw is None:
        await ctx.respond_private(ctx.t("email_questions.attachment_not_allowed", id=number))
        return
    understood = await _understood(desk, row)
    if understood is None or not understood.attachments.kept:
        await ctx.respond_private(ctx.t("email_questions.no_attachments", id=number))
        return
    lines = [ctx.t("email_questions.attachment_list", id=number)]
    for index, (file, name) in enumerate(
        zip(understood.attachments.kept, understood.attachment_names, strict=True), start=1
    ):
        size = max(1, round(len(file.data) / 1024))
        lines.append(
            ctx.t("email_questions.attachment_line", number=index, name=inert(name), size=size)
        )
    await ctx.respond_private("\n".join(lines))


@command(
    "bijlagevrijgeven", "releaseattachment", help_key="email_questions.help_release_attachment"
)
async def release_attachment(ctx: CommandContext, args: str) -> None:
    desk = ctx.services.mail_desk
    parts = args.split()
    number = mail_number(args)
    if desk is None or number is None or len(parts) < 2 or not parts[1].isdigit():
        await ctx.respond_private(ctx.t("email_questions.usage_attachments"))
        return
    row = await _attachment_row(ctx, desk, number)
    if row is None or row.raw is None:
        await ctx.respond_private(ctx.t("email_questions.attachment_not_allowed", id=number))
        return
    platform, conversation_id = row.conversation_platform, row.conversation_id
    adapter = ctx.services.adapters.get(platform or "")
    language: Literal["nl", "en"] = "en" if row.parsed.get("language") == "en" else "nl"
    understood = await _understood(desk, row)
    released = None
    if understood is not None:
        released = await asyncio.to_thread(release, understood, int(parts[1]), language)
    if released is None or adapter is None or conversation_id is None or platform is None:
        await ctx.respond_private(ctx.t("email_questions.no_attachments", id=number))
        return
    await adapter.upload(
        ConversationRef(platform, conversation_id),
        released.attachment,
        thread_id=row.root_external_id,
    )
    removed = summary(released.redactions, ctx.language)
    if removed:
        text = ctx.t(
            "email_questions.attachment_released_redacted",
            number=parts[1],
            id=number,
            summary=removed,
        )
    else:
        text = ctx.t("email_questions.attachment_released", number=parts[1], id=number)
    await ctx.respond_private(text)


async def count_as_accepted(ctx: EventContext, message: Message) -> None:
    """The accepted answer counts for who-knows at once, as an asker's ✅ in chat does."""
    await count_accepted_answer(ctx.services, ctx.session, message)
