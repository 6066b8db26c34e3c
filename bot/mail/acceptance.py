"""An accepted answer back to the person who asked (issue 15): who may accept, to which
address the answer may go (only a verified or moderator-released sender; the original sender
named in a forward only when the forwarder is verified), the mail as the asker will read it,
shown to the acceptor first (unless the group opts out), sent on ``!versturen``, and the
thread's status line once it left.

Each message of the asker (the question, each reply by mail) gets its own answer; an answer
goes to the oldest message still without one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.i18n import t
from bot.core.inert import inert_markdown
from bot.core.logs import get_logger
from bot.dispatch.core_services import CoreServices
from bot.mail import conversation
from bot.mail.answer import OutgoingMail
from bot.mail.letters import Addressee, answer_body, answer_mail, replace_answer
from bot.mail.moderation import Moderation
from bot.mail.outbox import Outbox, enqueue
from bot.mail.policy import may_mail_sender
from bot.mail.sender_identity import identity_for, is_outsider
from bot.mail.status_line import StatusLines
from bot.storage.mail_models import AnswerStatus, InboundEmail, MailAnswer, MailLink
from bot.storage.models import (
    OutboxItem,
    Person,
    PersonSettings,
    Question,
    QuestionStatus,
    Reaction,
    Thread,
)

log = get_logger(__name__)
MAX_ANSWER_CHARS = 20_000


class AcceptRefusedError(Exception):
    """The person may not do this here; ``key`` is the text to show them (with ``values``)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


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


@dataclass(frozen=True)
class Accepted:
    answer: MailAnswer
    mail: OutgoingMail
    reference: str
    previewed: bool  # False: the group opts out of previews and the mail is on its way


class Acceptance:
    def __init__(
        self, services: CoreServices, outbox: Outbox, moderation: Moderation, status: StatusLines
    ) -> None:
        self.services = services
        self.outbox = outbox
        self.moderation = moderation
        self.status = status
        outbox.on_sent = self.after_sent

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    async def inbound_for_thread(
        self, session: AsyncSession, platform: str, conversation_id: str, root_id: str
    ) -> InboundEmail | None:
        return await conversation.first_mail(session, platform, conversation_id, root_id)

    def may_accept(self, row: InboundEmail, person: Person, *, moderates: bool = False) -> bool:
        """The poster or forwarder, or whoever moderates the mail's group (``moderates``,
        decided by :mod:`bot.people.authority`: roles are scoped to groups, issue 13)."""
        if moderates:
            return True
        email = (person.email or "").lower()
        poster = row.forwarded_by or row.original_email
        return bool(email) and email == (poster or "").lower()

    # --- accepting --------------------------------------------------------------------------
    async def accept(
        self,
        session: AsyncSession,
        first: InboundEmail,
        person: Person,
        answer: str,
        answer_message_id: int | None = None,
        *,
        moderates: bool = False,
    ) -> Accepted:
        """Accept ``answer`` for the oldest unanswered message of the asker in ``first``'s
        thread: a preview for the acceptor, or (group without previews) the mail queued.
        In the caller's transaction; the status line moves on."""
        if not self.may_accept(first, person, moderates=moderates):
            raise AcceptRefusedError("email_questions.not_allowed")
        if not first.original_email:
            raise AcceptRefusedError("email_questions.original_gone")
        to = answer_address(first)
        if to is None:
            raise AcceptRefusedError("email_questions.sender_unverified")
        text = answer_body(answer)
        if not text:
            raise AcceptRefusedError("email_questions.no_answer")
        if len(text) > MAX_ANSWER_CHARS:
            raise AcceptRefusedError("mail_answers.too_long", limit=MAX_ANSWER_CHARS)
        target = await conversation.next_unanswered(session, first)
        if target is None:
            raise AcceptRefusedError("email_questions.already_sent")
        assert target.id is not None and first.id is not None and person.id is not None
        pending = await conversation.pending_preview(session, target.id)
        if pending is not None:
            if pending.acceptor_id != person.id and not moderates:
                other = await session.get(Person, pending.acceptor_id)
                raise AcceptRefusedError(
                    "mail_answers.preview_pending", name=other.name if other else "?"
                )
            pending.status = AnswerStatus.CANCELLED
            pending.decided_at = self.services.clock.now()
            session.add(pending)
        mail = await self.compose(session, first, target, to, text)
        accepted = MailAnswer(
            inbound_id=target.id,
            thread_inbound_id=first.id,
            acceptor_id=person.id,
            answer_message_id=answer_message_id,
            text=text,
            mail=mail.as_payload(),
        )
        session.add(accepted)
        await session.flush()
        group = self.services.config.group(first.group_id) if first.group_id else None
        reference = conversation.thread_reference(first)
        if group is not None and not group.answer_preview:
            await self._send(session, first, target, accepted)
            await self.status.show(session, target)
            return Accepted(accepted, mail, reference, previewed=False)
        await self.status.show(session, target)
        return Accepted(accepted, mail, reference, previewed=True)

    async def compose(
        self,
        session: AsyncSession,
        first: InboundEmail,
        target: InboundEmail,
        to: AnswerAddress,
        text: str,
    ) -> OutgoingMail:
        """The answer mail exactly as the asker will get it."""
        config = self.services.config
        identity = identity_for(config, forwarded_by=first.forwarded_by, group_id=first.group_id)
        language: Literal["nl", "en"] = "en" if first.parsed.get("language") == "en" else "nl"
        tone: Literal["formal", "informal"] = (
            "formal" if is_outsider(config, to.email) else "informal"
        )
        return answer_mail(
            to=Addressee(to.email, to.name, language, tone),
            identity=identity,
            subject=str(first.parsed.get("subject") or ""),
            answer=text,
            reference=conversation.thread_reference(first),
            follow_up=target.id != first.id,
            in_reply_to=target.message_id,
            references=await conversation.references_for(session, first, target),
            cc=await self._copy_to(session, first, to),
        )

    async def _copy_to(
        self, session: AsyncSession, first: InboundEmail, to: AnswerAddress
    ) -> tuple[tuple[str, str], ...]:
        """The forwarder in Cc, unless they asked to be told in chat instead."""
        forwarder = (first.forwarded_by or "").lower()
        if not forwarder or forwarder == to.email.lower():
            return ()
        person = (await session.exec(select(Person).where(Person.email == forwarder))).first()
        if person is not None and person.id is not None:
            settings = await session.get(PersonSettings, person.id)
            if settings is not None and not settings.mail_copy:
                return ()
        return ((person.name if person else "", forwarder),)

    # --- the acceptor's choice --------------------------------------------------------------
    async def send(self, session: AsyncSession, answer: MailAnswer) -> OutboxItem:
        """``!versturen``: the previewed mail, exactly as shown, to the outbox."""
        target = await session.get(InboundEmail, answer.inbound_id)
        first = await session.get(InboundEmail, answer.thread_inbound_id)
        assert target is not None and first is not None
        item = await self._send(session, first, target, answer)
        await self.status.show(session, target)
        return item

    async def _send(
        self, session: AsyncSession, first: InboundEmail, target: InboundEmail, answer: MailAnswer
    ) -> OutboxItem:
        if target.answered_at is not None:
            raise AcceptRefusedError("email_questions.already_sent")
        mail = OutgoingMail.from_payload(answer.mail)
        item = await enqueue(
            session,
            mail,
            dedupe_key=f"answer:{target.id}",
            extra={"answer": answer.id},
        )
        if item is None:
            raise AcceptRefusedError("email_questions.already_sent")
        now = self.services.clock.now()
        answer.status = AnswerStatus.SENT
        answer.decided_at = now
        answer.outbox_id = item.id
        session.add(answer)
        target.answered_at = now
        session.add(target)
        if first.answered_at is None:
            first.answered_at = now
            session.add(first)
        await session.merge(MailLink(message_id=mail.message_id, inbound_id=first.id or 0))
        await self._count_accepted(session, first, answer)
        self.outbox.wake.set()
        return item

    async def _count_accepted(
        self, session: AsyncSession, first: InboundEmail, answer: MailAnswer
    ) -> None:
        """The question counts as accepted, as an asker's ✅ in chat does: the question row,
        and the ✅ on the answer in the name of the asker, whom the thread stands for."""
        if first.thread_id is None:
            return
        question = (
            await session.exec(select(Question).where(Question.thread_id == first.thread_id))
        ).first()
        if question is not None:
            question.status = QuestionStatus.ACCEPTED
            question.accepted_at = self.services.clock.now()
            question.accepted_message_id = answer.answer_message_id or question.accepted_message_id
            session.add(question)
        thread = await session.get(Thread, first.thread_id)
        if thread is None or thread.author_id is None or answer.answer_message_id is None:
            return
        known = (
            await session.exec(
                select(Reaction).where(
                    Reaction.message_id == answer.answer_message_id,
                    Reaction.person_id == thread.author_id,
                    Reaction.key == "✅",
                )
            )
        ).first()
        if known is None:
            session.add(
                Reaction(
                    message_id=answer.answer_message_id,
                    person_id=thread.author_id,
                    key="✅",
                    created_at=self.services.clock.now(),
                )
            )

    async def edit(self, session: AsyncSession, answer: MailAnswer, text: str) -> OutgoingMail:
        """``!aanpassen``: another answer in the same mail; everything else stays."""
        new = answer_body(text)
        if not new:
            raise AcceptRefusedError("mail_answers.usage_edit")
        if len(new) > MAX_ANSWER_CHARS:
            raise AcceptRefusedError("mail_answers.too_long", limit=MAX_ANSWER_CHARS)
        mail = replace_answer(OutgoingMail.from_payload(answer.mail), answer.text, new)
        answer.text = new
        answer.mail = mail.as_payload()
        session.add(answer)
        return mail

    async def cancel(self, session: AsyncSession, answer: MailAnswer) -> None:
        """``!annuleren``: nothing is sent; the message is open again."""
        answer.status = AnswerStatus.CANCELLED
        answer.decided_at = self.services.clock.now()
        session.add(answer)
        await session.flush()
        target = await session.get(InboundEmail, answer.inbound_id)
        if target is not None:
            await self.status.show(session, target)

    # --- after the mail left ----------------------------------------------------------------
    async def after_sent(self, item: OutboxItem) -> None:
        answer_id = item.payload.get("answer")
        if not isinstance(answer_id, int):
            return
        async with self.services.db.session() as session:
            answer = await session.get(MailAnswer, answer_id)
            if answer is None:
                return
            target = await session.get(InboundEmail, answer.inbound_id)
            first = await session.get(InboundEmail, answer.thread_inbound_id)
            if target is None or first is None:
                return
            await self.status.show(session, target)
            await session.commit()
            told = await self._forwarder_in_chat(session, first)
        if told:
            await self.moderation.send_to(told, self._told_text(first, answer))

    async def _forwarder_in_chat(self, session: AsyncSession, first: InboundEmail) -> set[str]:
        """The forwarder, when they chose to hear about answers in chat instead of in Cc."""
        forwarder = (first.forwarded_by or "").lower()
        if not forwarder:
            return set()
        person = (await session.exec(select(Person).where(Person.email == forwarder))).first()
        if person is None or person.id is None:
            return set()
        settings = await session.get(PersonSettings, person.id)
        return {forwarder} if settings is not None and not settings.mail_copy else set()

    def _told_text(self, first: InboundEmail, answer: MailAnswer) -> str:
        return t(
            self.language,
            "mail_answers.told_forwarder",
            reference=conversation.thread_reference(first),
            answer="\n".join("> " + line for line in inert_markdown(answer.text).split("\n")),
        )
