"""An accepted answer back to the person who asked: who may accept, to which address the
answer may go (only a verified or moderator-released sender; the original sender named in a
forward only when the forwarder is verified), and the notice in the thread once it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.events import ConversationRef
from bot.i18n import t
from bot.mail.answer import answer_mail
from bot.mail.outbox import Outbox, enqueue
from bot.mail.policy import may_mail_sender
from bot.services import Services
from bot.storage.mail_models import InboundEmail, MailLink
from bot.storage.models import OutboxItem, Person, Question, QuestionStatus


class AcceptRefusedError(Exception):
    """The person may not accept an answer here; ``key`` is the text to show them."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class AnswerAddress:
    email: str
    name: str


def answer_address(row: InboundEmail) -> AnswerAddress | None:
    """Where the answer to this mail may go, or None when nobody vouches for an address."""
    verified = bool(row.parsed.get("sender_verified"))
    if row.forwarded_by:
        if verified and row.original_email:
            return AnswerAddress(row.original_email, row.original_name or "")
        # The forwarder is not verified: the address it names is only its claim.
        if row.approved:
            return AnswerAddress(row.forwarded_by, "")
        return None
    if row.original_email and may_mail_sender(verified, row.approved):
        return AnswerAddress(row.original_email, row.original_name or "")
    return None


class Acceptance:
    def __init__(self, services: Services, outbox: Outbox) -> None:
        self.services = services
        self.outbox = outbox
        outbox.on_sent = self.after_sent

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    async def inbound_for_thread(
        self, session: AsyncSession, platform: str, conversation_id: str, root_id: str
    ) -> InboundEmail | None:
        from sqlmodel import col

        return (
            await session.exec(
                select(InboundEmail)
                .where(
                    InboundEmail.conversation_platform == platform,
                    InboundEmail.conversation_id == conversation_id,
                    InboundEmail.root_external_id == root_id,
                )
                .order_by(col(InboundEmail.id))
            )
        ).first()

    def may_accept(self, row: InboundEmail, person: Person, *, moderates: bool = False) -> bool:
        """The poster or forwarder, or whoever moderates the mail's group (``moderates``,
        decided by :mod:`bot.authority`: roles are scoped to groups, issue 13)."""
        if moderates:
            return True
        email = (person.email or "").lower()
        poster = row.forwarded_by or row.original_email
        return bool(email) and email == (poster or "").lower()

    async def accept(
        self,
        session: AsyncSession,
        row: InboundEmail,
        person: Person,
        answer: str,
        answer_message_id: int | None = None,
        *,
        moderates: bool = False,
    ) -> OutboxItem:
        """Queue the answer mail (once) in the caller's transaction. ``answer_message_id``:
        the chat message accepted, which then counts as an accepted answer for who-knows."""
        if not self.may_accept(row, person, moderates=moderates):
            raise AcceptRefusedError("email_questions.not_allowed")
        if row.answered_at is not None:
            raise AcceptRefusedError("email_questions.already_sent")
        if not row.original_email:
            raise AcceptRefusedError("email_questions.original_gone")
        to = answer_address(row)
        if to is None:
            raise AcceptRefusedError("email_questions.sender_unverified")
        group = self.services.config.group(row.group_id) if row.group_id else None
        language: Literal["nl", "en"] = "en" if row.parsed.get("language") == "en" else "nl"
        references = [r for r in [row.message_id] if r]
        mail = answer_mail(
            language=language,
            to=to.email,
            to_name=to.name,
            group_address=(group.email if group and group.email else None)
            or self.services.config.mail.general_address
            or "vraagbaak@localhost",
            group_name=group.name if group else "Vraagbaak",
            subject=str(row.parsed.get("subject") or ""),
            answer=answer,
            in_reply_to=row.message_id,
            references=references,
        )
        item = await enqueue(
            session,
            mail,
            dedupe_key=f"answer:{row.id}",
            extra={
                "thread": {
                    "platform": row.conversation_platform,
                    "conversation": row.conversation_id,
                    "root": row.root_external_id,
                }
            },
        )
        if item is None:
            raise AcceptRefusedError("email_questions.already_sent")
        row.answered_at = self.services.clock.now()
        session.add(row)
        await session.merge(MailLink(message_id=mail.message_id, inbound_id=row.id or 0))
        if row.thread_id is not None:
            question = (
                await session.exec(select(Question).where(Question.thread_id == row.thread_id))
            ).first()
            if question is not None:
                question.status = QuestionStatus.ACCEPTED
                question.accepted_at = self.services.clock.now()
                question.accepted_message_id = answer_message_id
                session.add(question)
        self.outbox.wake.set()
        return item

    async def after_sent(self, item: OutboxItem) -> None:
        thread = item.payload.get("thread")
        if not thread:
            return
        adapter = self.services.adapters.get(str(thread.get("platform")))
        if adapter is None:
            return
        conversation = ConversationRef(str(thread["platform"]), str(thread["conversation"]))
        await adapter.post(
            conversation, t(self.language, "email_questions.sent"), thread_id=str(thread["root"])
        )
