"""One status line in the thread per message of the asker (issue 15), edited as it moves:
open → beantwoord (accepted, waiting for the acceptor's ``!versturen`` or being sent) →
gemaild (when, by whom). Where the platform cannot edit it (or it is gone), a new line is
posted and remembered."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import ConversationRef, MessageRef
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.core.working_time import AMSTERDAM
from bot.dispatch.core_services import CoreServices
from bot.mail import conversation
from bot.storage.mail_models import AnswerStatus, InboundEmail
from bot.storage.models import Person

log = get_logger(__name__)

State = Literal["open", "preview", "sending", "mailed", "failed"]


def status_text(
    lang: str,
    *,
    reference: str,
    number: int,
    state: State,
    by: str = "",
    at: datetime | None = None,
) -> str:
    """The line itself; ``number`` 0 is the question, 1 the asker's first reply by mail."""
    label = (
        t(lang, "mail_status.question")
        if number == 0
        else t(lang, "mail_status.reply", number=number)
    )
    when = at.astimezone(AMSTERDAM).strftime("%d-%m %H:%M") if at else ""
    detail = t(lang, f"mail_status.{state}", by=inert(by), at=when)
    return t(lang, "mail_status.line", reference=reference, label=label, detail=detail)


class StatusLines:
    def __init__(self, services: CoreServices) -> None:
        self.services = services

    @property
    def language(self) -> str:
        return self.services.config.bot.language

    async def text_for(self, session: AsyncSession, row: InboundEmail) -> str:
        first = await conversation.first_of(session, row)
        messages = await conversation.asker_messages(session, first)
        delivery = await conversation.delivery_of(session, row)
        state: State = "open"
        by = ""
        at: datetime | None = None
        answer = delivery.answer
        if answer is not None:
            acceptor = await session.get(Person, answer.acceptor_id)
            by = acceptor.name if acceptor else "?"
            if answer.status == AnswerStatus.PREVIEW:
                state = "preview"
            elif delivery.failed:
                state = "failed"
            elif delivery.sent_at is not None:
                state, at = "mailed", delivery.sent_at
            else:
                state = "sending"
        return status_text(
            self.language,
            reference=conversation.thread_reference(first),
            number=conversation.label_number(messages, row),
            state=state,
            by=by,
            at=at,
        )

    async def show(self, session: AsyncSession, row: InboundEmail) -> None:
        """Bring the row's status line up to date (in the caller's transaction, which
        commits the line's id when a new one had to be posted)."""
        platform, conversation_id = row.conversation_platform, row.conversation_id
        adapter = self.services.adapters.get(platform or "")
        if adapter is None or platform is None or conversation_id is None:
            return
        text = await self.text_for(session, row)
        where = ConversationRef(platform, conversation_id)
        if row.status_message_id:
            try:
                await adapter.edit(
                    MessageRef(where, row.status_message_id, row.root_external_id), text
                )
                return
            except Exception as exc:  # deleted, or a platform that cannot edit it
                log.warning("status line not edited", inbound=row.id, error=type(exc).__name__)
        posted = await adapter.post(where, text, thread_id=row.root_external_id)
        row.status_message_id = posted.message_id
        session.add(row)
