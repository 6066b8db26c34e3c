"""What the mails to the person who asked say (issue 15), in their language: formal ("u")
to people outside the organisations, plain "je" to colleagues; signed with the answering
organisation's signature; the reference the thread shows in every subject and body.

Pure: the caller decides who writes (:mod:`bot.mail.sender_identity`) and to whom."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from email.utils import make_msgid
from typing import Literal

from bot.core.inert import strip_controls
from bot.mail.answer import AUTO_ID, OutgoingMail, domain_of, one_line
from bot.mail.sender_identity import MailIdentity

Language = Literal["nl", "en"]
Tone = Literal["formal", "informal"]

TEXTS: dict[str, dict[str, str]] = {
    "greeting.formal": {"nl": "Geachte {name},", "en": "Dear {name},"},
    "greeting.formal_anonymous": {"nl": "Geachte heer, mevrouw,", "en": "Dear Sir or Madam,"},
    "greeting.informal": {"nl": "Beste {name},", "en": "Hello {name},"},
    "greeting.informal_anonymous": {"nl": "Hallo,", "en": "Hello,"},
    "answer.subject": {
        "nl": "Antwoord: {subject} [{reference}]",
        "en": "Re: {subject} [{reference}]",
    },
    "answer.intro.formal": {
        "nl": "Dank u voor uw vraag over “{subject}”. Hieronder leest u ons antwoord.",
        "en": "Thank you for your question about “{subject}”. Please find our answer below.",
    },
    "answer.intro.formal_follow_up": {
        "nl": "Dank u voor uw reactie over “{subject}”. Hieronder leest u ons antwoord.",
        "en": "Thank you for your reply about “{subject}”. Please find our answer below.",
    },
    "answer.intro.informal": {
        "nl": "Hier is het antwoord op je vraag “{subject}”:",
        "en": "Here is the answer to your question “{subject}”:",
    },
    "answer.intro.informal_follow_up": {
        "nl": "Hier is het antwoord op je reactie over “{subject}”:",
        "en": "Here is the answer to your reply about “{subject}”:",
    },
    "closing": {"nl": "Met vriendelijke groet,", "en": "Kind regards,"},
    "answer.footer.formal": {
        "nl": "Heeft u hierover nog een vraag? Beantwoord dan deze e-mail; uw reactie komt bij "
        "dezelfde vraag terecht.\nKenmerk: {reference}",
        "en": "Do you have a further question about this? Simply reply to this e-mail; your "
        "reply reaches the same question.\nReference: {reference}",
    },
    "answer.footer.informal": {
        "nl": "Nog een vraag hierover? Beantwoord deze e-mail.\nKenmerk: {reference}",
        "en": "A further question about this? Reply to this e-mail.\nReference: {reference}",
    },
    "receipt.subject": {
        "nl": "Ontvangen: {subject} [{reference}]",
        "en": "Received: {subject} [{reference}]",
    },
    "receipt.received.formal": {
        "nl": "Wij hebben uw vraag “{subject}” ontvangen.",
        "en": "We have received your question “{subject}”.",
    },
    "receipt.handled_by": {
        "nl": "{organisation} behandelt uw vraag.",
        "en": "It is being handled by {organisation}.",
    },
    "receipt.handled": {
        "nl": "Uw vraag wordt behandeld.",
        "en": "Your question is being handled.",
    },
    "receipt.reference.formal": {
        "nl": "Uw kenmerk is {reference}.",
        "en": "Your reference is {reference}.",
    },
    "receipt.next.formal": {
        "nl": "Wat gebeurt er nu? Een medewerker zoekt het antwoord voor u uit. U ontvangt het "
        "antwoord per e-mail op dit adres. Wilt u iets aanvullen? Beantwoord dan deze "
        "e-mail; uw reactie komt bij dezelfde vraag terecht.",
        "en": "What happens next? One of our staff will look into your question. You will "
        "receive the answer by e-mail at this address. Would you like to add something? "
        "Simply reply to this e-mail; your reply reaches the same question.",
    },
    "receipt.automatic": {
        "nl": "Dit is een automatische ontvangstbevestiging.",
        "en": "This is an automatic acknowledgement of receipt.",
    },
    "receipt.received.informal": {
        "nl": "Je vraag “{subject}” is ontvangen en staat in Vraagbaak bij {group}{where}. "
        "Kenmerk: {reference}.",
        "en": "Your question “{subject}” was received and is in Vraagbaak with {group}{where}. "
        "Reference: {reference}.",
    },
    "receipt.next.forwarded": {
        "nl": "Collega's antwoorden in de thread. Zodra iemand een antwoord accepteert, mailt "
        "Vraagbaak het {on_behalf}naar de vraagsteller, met jou in cc (of je hoort het in de "
        "chat, als je dat liever hebt: !mailkopie uit).",
        "en": "Colleagues answer in the thread. As soon as someone accepts an answer, "
        "Vraagbaak mails it {on_behalf}to the person who asked, with you in cc (or you hear "
        "it in the chat, if you prefer: !mailcopy off).",
    },
    "receipt.next.direct": {
        "nl": "Collega's antwoorden in de thread. Zodra iemand een antwoord accepteert, krijg je "
        "het per e-mail.",
        "en": "Colleagues answer in the thread. As soon as someone accepts an answer, you "
        "receive it by e-mail.",
    },
    "on_behalf": {"nl": "namens {organisation} ", "en": "on behalf of {organisation} "},
}

NAME_LIMIT = 60


def _t(language: Language, key: str, **values: object) -> str:
    template = TEXTS[key][language]
    return template.format(**values) if values else template


def clean_name(name: str) -> str:
    """A display name from a mail, fit for a greeting: one line, no address, not too long."""
    cleaned = one_line(strip_controls(name)).strip(" \"'")
    if not cleaned or "@" in cleaned or len(cleaned) > NAME_LIMIT:
        return ""
    return cleaned


def greeting(language: Language, tone: Tone, name: str) -> str:
    shown = clean_name(name)
    key = f"greeting.{tone}" + ("" if shown else "_anonymous")
    return _t(language, key, name=shown)


def _subject_text(subject: str) -> str:
    return one_line(subject)[:200] or "—"


@dataclass(frozen=True)
class Addressee:
    email: str
    name: str
    language: Language
    tone: Tone


def answer_mail(
    *,
    to: Addressee,
    identity: MailIdentity,
    subject: str,
    answer: str,
    reference: str,
    follow_up: bool,
    in_reply_to: str | None,
    references: list[str],
    cc: tuple[tuple[str, str], ...] = (),
) -> OutgoingMail:
    """A person's answer (never marked automatic), signed by the answering organisation."""
    language, tone = to.language, to.tone
    topic = _subject_text(subject)
    intro = f"answer.intro.{tone}" + ("_follow_up" if follow_up else "")
    body = "\n\n".join(
        [
            greeting(language, tone, to.name),
            _t(language, intro, subject=topic),
            answer_body(answer),
            _t(language, "closing") + "\n" + identity.signed_by,
            _t(language, f"answer.footer.{tone}", reference=reference),
        ]
    )
    return OutgoingMail(
        to=to.email,
        to_name=clean_name(to.name),
        from_address=identity.address,
        from_name=identity.name,
        subject=_t(language, "answer.subject", subject=topic, reference=reference),
        body=body + "\n",
        in_reply_to=in_reply_to,
        references=tuple(references),
        message_id=make_msgid(domain=domain_of(identity.address)),
        reply_to=identity.reply_to,
        cc=cc,
    )


def answer_body(answer: str) -> str:
    """The answer as people typed it: newlines normalised, controls gone, trimmed."""
    return strip_controls(answer).strip()


def replace_answer(mail: OutgoingMail, old: str, new: str) -> OutgoingMail:
    """The same mail with another answer in it (``!aanpassen``): everything else as shown.
    The answer is the third paragraph: greeting and intro are one line each."""
    greeting_line, intro, rest = mail.body.split("\n\n", 2)
    current = answer_body(old)
    if not rest.startswith(current + "\n\n"):
        raise ValueError("the answer is not where answer_mail put it")
    tail = rest[len(current) :]
    return dataclass_replace(mail, body=f"{greeting_line}\n\n{intro}\n\n{answer_body(new)}{tail}")


def receipt_mail(
    *,
    to: Addressee,
    identity: MailIdentity,
    subject: str,
    reference: str,
    group_name: str,
    link: str | None,
    forwarded: bool,
    in_reply_to: str | None,
) -> OutgoingMail:
    """The automatic receipt: received, who handles it, the reference, what happens next."""
    language = to.language
    topic = _subject_text(subject)
    if to.tone == "formal":
        handled = (
            _t(language, "receipt.handled_by", organisation=identity.organisation)
            if identity.organisation
            else _t(language, "receipt.handled")
        )
        paragraphs = [
            greeting(language, "formal", to.name),
            _t(language, "receipt.received.formal", subject=topic) + " " + handled,
            _t(language, "receipt.reference.formal", reference=reference),
            _t(language, "receipt.next.formal"),
            _t(language, "closing") + "\n" + identity.signed_by,
            _t(language, "receipt.automatic"),
        ]
    else:
        on_behalf = (
            _t(language, "on_behalf", organisation=identity.organisation)
            if identity.organisation
            else ""
        )
        where = f" ({link})" if link else ""
        paragraphs = [
            greeting(language, "informal", to.name),
            _t(
                language,
                "receipt.received.informal",
                subject=topic,
                group=one_line(group_name),
                where=where,
                reference=reference,
            ),
            _t(language, "receipt.next.forwarded", on_behalf=on_behalf)
            if forwarded
            else _t(language, "receipt.next.direct"),
            _t(language, "closing") + "\n" + identity.signed_by,
            _t(language, "receipt.automatic"),
        ]
    return OutgoingMail(
        to=to.email,
        to_name=clean_name(to.name),
        from_address=identity.address,
        from_name=identity.name,
        subject=_t(language, "receipt.subject", subject=topic, reference=reference),
        body="\n\n".join(paragraphs) + "\n",
        in_reply_to=in_reply_to,
        message_id=make_msgid(idstring=AUTO_ID, domain=domain_of(identity.address)),
        automatic=True,
        reply_to=identity.reply_to,
    )
