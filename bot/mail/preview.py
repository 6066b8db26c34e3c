"""The preview of an answer mail, shown privately to whoever accepted the answer (issue 15):
the exact mail — to, cc, from, reply-to, subject, body with signature — and the three
choices. Everything in it that came from outside (the asker's name and address, the
subject, the answer as typed) is shown inert."""

from __future__ import annotations

from email.utils import formataddr

from bot.core.i18n import t
from bot.core.inert import inert
from bot.mail.answer import OutgoingMail


def _address(name: str, address: str) -> str:
    return inert(formataddr((name, address)))


def preview_text(lang: str, mail: OutgoingMail, *, reference: str, edited: bool = False) -> str:
    lines = [
        t(lang, "mail_preview.edited" if edited else "mail_preview.title", reference=reference),
        "",
        t(lang, "mail_preview.to", value=_address(mail.to_name, mail.to)),
    ]
    if mail.cc:
        cc = ", ".join(_address(name, address) for name, address in mail.cc)
        lines.append(t(lang, "mail_preview.cc", value=cc))
    lines.append(t(lang, "mail_preview.from", value=_address(mail.from_name, mail.from_address)))
    if mail.reply_to:
        lines.append(t(lang, "mail_preview.reply_to", value=inert(mail.reply_to)))
    lines.append(t(lang, "mail_preview.subject", value=inert(mail.subject)))
    lines.append("")
    lines += ["> " + inert(line) if line else ">" for line in mail.body.rstrip("\n").split("\n")]
    lines += ["", t(lang, "mail_preview.choices", reference=reference)]
    return "\n".join(lines)
