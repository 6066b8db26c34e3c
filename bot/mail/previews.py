"""The acceptor's choice on a previewed answer mail — send it, edit it, cancel it — made the
same way from the chat (``!versturen``, ``!aanpassen``, ``!annuleren``) and from the
dashboard's mail desk (issue 15). Only the acceptor acts on a preview, and whoever names
someone else's is refused and written to the audit log; rights are checked again when the
mail leaves."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.dispatch.services import Services
from bot.mail.acceptance import AcceptRefusedError
from bot.mail.answer import OutgoingMail
from bot.mail.conversation import thread_reference
from bot.people.authority import audit, authority_of
from bot.storage.mail_models import AnswerStatus, InboundEmail, MailAnswer
from bot.storage.models import Message, Person


@dataclass(frozen=True)
class Pending:
    """A preview and the first mail of its thread."""

    answer: MailAnswer
    first: InboundEmail

    @property
    def reference(self) -> str:
        return thread_reference(self.first)

    @property
    def mail(self) -> OutgoingMail:
        return OutgoingMail.from_payload(self.answer.mail)


async def _pending(session: AsyncSession, answers: list[MailAnswer]) -> list[Pending]:
    found = []
    for answer in answers:
        first = await session.get(InboundEmail, answer.thread_inbound_id)
        if first is not None:
            found.append(Pending(answer, first))
    return found


async def waiting_for(session: AsyncSession, person_id: int) -> list[Pending]:
    """This person's previews, oldest first."""
    rows = await session.exec(
        select(MailAnswer)
        .where(MailAnswer.status == AnswerStatus.PREVIEW, MailAnswer.acceptor_id == person_id)
        .order_by(col(MailAnswer.id))
    )
    return await _pending(session, list(rows))


async def _refuse_other(
    session: AsyncSession, person: Person, other: MailAnswer, verb: str
) -> AcceptRefusedError:
    first = await session.get(InboundEmail, other.thread_inbound_id)
    acceptor = await session.get(Person, other.acceptor_id)
    await audit(
        session,
        "refused",
        actor_id=person.id,
        detail=f"{verb} answer {other.id} accepted by person {other.acceptor_id}",
    )
    return AcceptRefusedError(
        "mail_answers.not_your_preview",
        reference=thread_reference(first) if first else "?",
        name=acceptor.name if acceptor else "?",
    )


async def own_preview(
    session: AsyncSession, person: Person, named: int | None, verb: str
) -> Pending:
    """The preview the person means: the one of the named thread (its mail number), or
    their only one. Naming another's is refused (and audited); without a name, others'
    previews are not mentioned."""
    assert person.id is not None
    own = await waiting_for(session, person.id)
    if named is not None:
        own = [p for p in own if p.answer.thread_inbound_id == named]
        if not own:
            other = (
                await session.exec(
                    select(MailAnswer).where(
                        MailAnswer.status == AnswerStatus.PREVIEW,
                        MailAnswer.thread_inbound_id == named,
                    )
                )
            ).first()
            if other is not None:
                raise await _refuse_other(session, person, other, verb)
    if not own:
        raise AcceptRefusedError("mail_answers.no_preview")
    if len(own) > 1:
        references = [p.reference for p in own]
        raise AcceptRefusedError(
            "mail_answers.which_preview",
            count=len(own),
            references=", ".join(references),
            first=references[0],
        )
    return own[0]


async def preview_by_id(
    session: AsyncSession, person: Person, answer_id: int, verb: str
) -> Pending:
    """The dashboard names the preview itself: it must be the person's own, still waiting."""
    answer = await session.get(MailAnswer, answer_id)
    if answer is None or answer.status != AnswerStatus.PREVIEW:
        raise AcceptRefusedError("mail_answers.no_preview")
    if answer.acceptor_id != person.id:
        raise await _refuse_other(session, person, answer, verb)
    [pending] = await _pending(session, [answer])
    return pending


async def send(
    services: Services, session: AsyncSession, person: Person, pending: Pending
) -> OutgoingMail:
    """The mail, exactly as previewed, to the outbox (in the caller's transaction)."""
    desk = services.desk()
    rights = await authority_of(session, services.config, person)
    if not desk.may_accept(
        pending.first, person, moderates=rights.may_moderate(pending.first.group_id)
    ):
        await audit(session, "refused", actor_id=person.id, detail=f"send mail {pending.first.id}")
        raise AcceptRefusedError("email_questions.not_allowed")
    await desk.acceptance.send(session, pending.answer)
    if pending.answer.answer_message_id is not None:
        message = await session.get(Message, pending.answer.answer_message_id)
        if message is not None:
            await count_accepted_answer(services, session, message)
    return pending.mail


async def edit(
    services: Services, session: AsyncSession, pending: Pending, text: str
) -> OutgoingMail:
    return await services.desk().acceptance.edit(session, pending.answer, text)


async def cancel(services: Services, session: AsyncSession, pending: Pending) -> None:
    await services.desk().acceptance.cancel(session, pending.answer)


async def count_accepted_answer(
    services: Services, session: AsyncSession, message: Message
) -> None:
    """The accepted answer counts for who-knows at once, as an asker's ✅ in chat does."""
    live = await services.experts.live(session)
    await live.accepted_by_mail_flow(session, message)
