"""The chat texts built from a mail (pure). Everything taken from the mail — subject, body,
the forwarder's note and name, attachment names, the sender's address — is untrusted and
goes in through :mod:`bot.core.inert` (issue 11): no mention, link label, HTML or terminal
escape of a stranger's making reaches a channel."""

from __future__ import annotations

from typing import Any

from bot.core.i18n import t
from bot.core.inert import inert, inert_markdown
from bot.mail.understand import Understanding
from bot.redaction.audit import summary


def question_thread(
    u: Understanding,
    group_name: str,
    lang: str,
    inbound_id: int | None = None,
    reference: str = "",
) -> str:
    """The root of the thread an e-mailed question becomes, with the reference the asker's
    receipt and answers carry."""
    subject = inert(" ".join(u.subject.split())) if u.subject.strip() else "—"
    title = t(lang, "email_questions.thread_title", subject=subject)
    if reference:
        title += " · " + t(lang, "email_questions.reference", reference=reference)
    lines = [
        title,
        "",
        inert_markdown(u.question),
    ]
    if u.forwarded_by is not None:
        who = inert(u.forwarder_label or u.forwarded_by.name or u.forwarded_by.email)
        lines += ["", t(lang, "email_questions.forwarded_by", who=who)]
        if u.note:
            lines += ["> " + inert_markdown(line) for line in u.note.splitlines()]
    if u.attachments.kept:  # issue 12: attachments stay with the mail until released
        count = len(u.attachments.kept)
        lines += ["", t(lang, "email_questions.attachments_held", count=count, id=inbound_id)]
    if u.redactions:  # the audit trail: counts per kind, never the values
        lines += ["", t(lang, "email_questions.redacted", summary=summary(u.redactions, lang))]
    if u.attachments.dropped:
        names = ", ".join(inert(name) for name in u.dropped_names)
        lines += ["", t(lang, "email_questions.dropped", names=names)]
    if u.sender_check.method == "submission":
        lines += ["", t(lang, "email_questions.trusted_submission")]
    lines += ["", t(lang, "email_questions.how_to_answer", group=group_name)]
    return "\n".join(lines)


def follow_up(u: Understanding, lang: str) -> str:
    """A reply by mail from the person who asked, posted in their thread."""
    return t(lang, "email_questions.follow_up") + "\n\n" + inert_markdown(u.question)


def moderator_notice(
    lang: str, key: str, *, id: int | None, sender: str, subject: str, **values: Any
) -> str:
    """A notice to moderators about one stored mail: its sender and subject shown inert."""
    return t(
        lang,
        key,
        id=id,
        sender=inert(sender),
        subject=inert(" ".join(subject.split())),
        **values,
    )
