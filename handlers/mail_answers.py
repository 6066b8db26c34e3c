"""The answer mail before it leaves (issue 15): whoever accepted an answer to a mailed
question sees the exact mail privately and chooses — ``!versturen`` sends it,
``!aanpassen TEKST`` replaces the answer in it, ``!annuleren`` sends nothing. The commands
work on every platform (the demo too), in the direct conversation or anywhere else.

Also the texts of the thread's status line and of the preview (used by ``bot.mail``)."""

from __future__ import annotations

from email.utils import formataddr

from bot.core.inert import inert
from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.mail import previews
from bot.mail.acceptance import AcceptRefusedError
from bot.mail.preview import preview_text
from bot.mail.reference import PATTERN, number_in

TEXTS = {
    # --- the status line ---------------------------------------------------------------------
    "mail_status.line": {
        "nl": "📬 **{reference}** · {label} · {detail}",
        "en": "📬 **{reference}** · {label} · {detail}",
    },
    "mail_status.question": {"nl": "vraag", "en": "question"},
    "mail_status.reply": {"nl": "reactie {number}", "en": "reply {number}"},
    "mail_status.open": {
        "nl": "status: **open** — nog geen antwoord gemaild",
        "en": "status: **open** — no answer mailed yet",
    },
    "mail_status.preview": {
        "nl": "status: **beantwoord** — geaccepteerd door {by}; de mail wacht op versturen",
        "en": "status: **answered** — accepted by {by}; the mail waits to be sent",
    },
    "mail_status.sending": {
        "nl": "status: **beantwoord** — geaccepteerd door {by}; de mail wordt verstuurd",
        "en": "status: **answered** — accepted by {by}; the mail is being sent",
    },
    "mail_status.mailed": {
        "nl": "status: **gemaild** — {at} door {by}",
        "en": "status: **mailed** — {at} by {by}",
    },
    "mail_status.failed": {
        "nl": "status: **niet gemaild** — de mail van {by} kon niet worden verstuurd; "
        "een beheerder kan kijken waarom",
        "en": "status: **not mailed** — the mail {by} accepted could not be sent; an "
        "administrator can look into why",
    },
    # --- the preview -------------------------------------------------------------------------
    "mail_preview.title": {
        "nl": "📧 **Voorbeeld van de antwoordmail ({reference})** — nog niet verstuurd",
        "en": "📧 **Preview of the answer mail ({reference})** — not sent yet",
    },
    "mail_preview.edited": {
        "nl": "📧 **Aangepast voorbeeld van de antwoordmail ({reference})** — nog niet verstuurd",
        "en": "📧 **Edited preview of the answer mail ({reference})** — not sent yet",
    },
    "mail_preview.to": {"nl": "**Aan:** {value}", "en": "**To:** {value}"},
    "mail_preview.cc": {"nl": "**Cc:** {value}", "en": "**Cc:** {value}"},
    "mail_preview.from": {"nl": "**Van:** {value}", "en": "**From:** {value}"},
    "mail_preview.reply_to": {
        "nl": "**Antwoorden naar:** {value}",
        "en": "**Reply-To:** {value}",
    },
    "mail_preview.subject": {"nl": "**Onderwerp:** {value}", "en": "**Subject:** {value}"},
    "mail_preview.choices": {
        "nl": "`!versturen` verstuurt deze mail · `!aanpassen TEKST` vervangt het antwoord "
        "erin · `!annuleren` verstuurt niets (met meer voorbeelden open: noem {reference})",
        "en": "`!send` sends this mail · `!edit TEXT` replaces the answer in it · `!cancel` "
        "sends nothing (with more previews open: name {reference})",
    },
    # --- the commands ------------------------------------------------------------------------
    "mail_answers.help_send": {
        "nl": "verstuur de antwoordmail die je als voorbeeld kreeg",
        "en": "send the answer mail you were shown as a preview",
    },
    "mail_answers.help_edit": {
        "nl": "vervang het antwoord in de voorbeeldmail: `!aanpassen TEKST`",
        "en": "replace the answer in the previewed mail: `!edit TEXT`",
    },
    "mail_answers.help_cancel": {
        "nl": "verstuur de voorbeeldmail niet",
        "en": "do not send the previewed mail",
    },
    "mail_answers.sent": {
        "nl": "✉️ De antwoordmail ({reference}) gaat nu naar {to}. De thread toont wanneer hij "
        "verstuurd is.",
        "en": "✉️ The answer mail ({reference}) is going to {to} now. The thread shows when it "
        "has been sent.",
    },
    "mail_answers.cancelled": {
        "nl": "De antwoordmail ({reference}) is niet verstuurd; de vraag staat weer open.",
        "en": "The answer mail ({reference}) was not sent; the question is open again.",
    },
    "mail_answers.no_preview": {
        "nl": "Je hebt geen antwoordmail klaarstaan. Accepteer eerst een antwoord: ✅ erop, of "
        "`!antwoord` in de thread van de gemailde vraag.",
        "en": "You have no answer mail waiting. First accept an answer: ✅ on it, or "
        "`!answer` in the thread of the e-mailed question.",
    },
    "mail_answers.not_your_preview": {
        "nl": "De antwoordmail voor {reference} is geaccepteerd door {name}; alleen die kan hem "
        "versturen, aanpassen of annuleren.",
        "en": "The answer mail for {reference} was accepted by {name}; only they can send, "
        "edit or cancel it.",
    },
    "mail_answers.which_preview": {
        "nl": "Je hebt {count} antwoordmails klaarstaan ({references}); noem er één, bijvoorbeeld "
        "`!versturen {first}`.",
        "en": "You have {count} answer mails waiting ({references}); name one, for example "
        "`!send {first}`.",
    },
    "mail_answers.usage_edit": {
        "nl": "Gebruik: `!aanpassen TEKST` — de tekst vervangt het antwoord in de mail "
        "(aanhef en ondertekening blijven).",
        "en": "Usage: `!edit TEXT` — the text replaces the answer in the mail (greeting and "
        "signature stay).",
    },
    "mail_answers.too_long": {
        "nl": "Dat antwoord is te lang voor een mail (meer dan {limit} tekens).",
        "en": "That answer is too long for a mail (over {limit} characters).",
    },
    "mail_answers.preview_pending": {
        "nl": "{name} heeft al een antwoord op deze vraag geaccepteerd en bekijkt de mail nog; "
        "wacht daarop, of vraag een moderator.",
        "en": "{name} already accepted an answer to this question and is looking at the mail; "
        "wait for that, or ask a moderator.",
    },
    "mail_answers.react_on_answer": {
        "nl": "Zet ✅ op het antwoord van een collega in deze thread, niet op de vraag of op een "
        "bericht van Vraagbaak.",
        "en": "Put ✅ on a colleague's answer in this thread, not on the question or on a "
        "message of Vraagbaak.",
    },
    "mail_answers.told_forwarder": {
        "nl": "✉️ Het antwoord op {reference}, een vraag die jij doorstuurde, is gemaild naar de "
        "vraagsteller:\n{answer}",
        "en": "✉️ The answer to {reference}, a question you forwarded, was mailed to the person "
        "who asked:\n{answer}",
    },
}


def _named(args: str) -> int | None:
    return number_in(args) if args.strip() else None


@command("versturen", "send", help_key="mail_answers.help_send", partners=False)
async def send_answer(ctx: CommandContext, args: str) -> None:
    if ctx.services.mail_desk is None:
        await ctx.respond_private(ctx.t("email_questions.no_desk"))
        return
    try:
        pending = await previews.own_preview(ctx.session, ctx.person, _named(args), "!versturen")
        mail = await previews.send(ctx.services, ctx.session, ctx.person, pending)
    except AcceptRefusedError as refused:
        await ctx.respond_private(ctx.t(refused.key, **refused.values))
        return
    shown = inert(formataddr((mail.to_name, mail.to)))
    await ctx.respond_private(ctx.t("mail_answers.sent", reference=pending.reference, to=shown))


@command("aanpassen", "edit", help_key="mail_answers.help_edit", partners=False)
async def edit_answer(ctx: CommandContext, args: str) -> None:
    if ctx.services.mail_desk is None:
        await ctx.respond_private(ctx.t("email_questions.no_desk"))
        return
    # A reference first names the preview; anything else is the new answer.
    named: int | None = None
    text = args
    lead = args.split(maxsplit=1)
    if lead and PATTERN.fullmatch(lead[0]):
        named = number_in(lead[0])
        text = lead[1] if len(lead) > 1 else ""
    if not text.strip():
        await ctx.respond_private(ctx.t("mail_answers.usage_edit"))
        return
    try:
        pending = await previews.own_preview(ctx.session, ctx.person, named, "!aanpassen")
        mail = await previews.edit(ctx.services, ctx.session, pending, text)
    except AcceptRefusedError as refused:
        await ctx.respond_private(ctx.t(refused.key, **refused.values))
        return
    await ctx.respond_private(
        preview_text(ctx.language, mail, reference=pending.reference, edited=True)
    )


@command("annuleren", "cancel", help_key="mail_answers.help_cancel", partners=False)
async def cancel_answer(ctx: CommandContext, args: str) -> None:
    if ctx.services.mail_desk is None:
        await ctx.respond_private(ctx.t("email_questions.no_desk"))
        return
    try:
        pending = await previews.own_preview(ctx.session, ctx.person, _named(args), "!annuleren")
        await previews.cancel(ctx.services, ctx.session, pending)
    except AcceptRefusedError as refused:
        await ctx.respond_private(ctx.t(refused.key, **refused.values))
        return
    await ctx.respond_private(ctx.t("mail_answers.cancelled", reference=pending.reference))
