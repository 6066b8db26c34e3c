"""Posting an understood mail: the question thread in its group's channel, a follow-up in an
existing thread, a bounce notice. The chat platform is called with no database transaction
open, so a slow platform never holds the write lock that storing new mail needs; what was
posted is recorded afterwards in its own short transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter
from bot.events import ConversationRef, MessageRef
from bot.i18n import t
from bot.logs import get_logger
from bot.mail import thread_text
from bot.mail.answer import confirmation_mail
from bot.mail.outbox import enqueue
from bot.mail.policy import may_mail_sender
from bot.mail.understand import Understanding
from bot.recorder import find_message, find_thread, record_posted_question
from bot.services import Services
from bot.storage.mail_models import InboundEmail, InboundStatus, MailLink
from bot.storage.models import Channel, Question, Thread, ThreadSource

log = get_logger(__name__)


def confirmation_key(address: str, day: datetime) -> str:
    """At most one confirmation per sender per day (the outbox's unique dedupe key)."""
    return f"confirm:{address.lower()}:{day.date().isoformat()}"


async def _record_thread(
    session: AsyncSession, channel: Channel, root: MessageRef, u: Understanding, group_id: str
) -> Thread:
    """The thread of the posted question. A platform that echoes the bot's own messages
    (the console) may have recorded the root already, since no transaction is held while
    posting: that record is adopted as the e-mail thread."""
    assert channel.id is not None
    text = f"{u.subject}\n\n{u.question}"
    existing = await find_thread(session, channel.id, root.message_id)
    if existing is None:
        return await record_posted_question(
            session,
            channel,
            root,
            text=text,
            group_id=group_id,
            source=ThreadSource.EMAIL,
            has_files=bool(u.attachments.kept),
        )
    existing.source = ThreadSource.EMAIL
    existing.by_bot = True
    session.add(existing)
    message = await find_message(session, channel.id, root.message_id)
    if message is not None:
        message.text = text
        message.has_files = bool(u.attachments.kept)
        session.add(message)
    question = (
        await session.exec(select(Question).where(Question.thread_id == existing.id))
    ).first()
    if question is None and existing.id is not None:
        session.add(Question(thread_id=existing.id, group_id=group_id))
    return existing


class MailPoster:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    def conversation_for(
        self, channels: list[Channel], group_id: str
    ) -> tuple[Adapter, ConversationRef]:
        adapters = self.services.adapters
        for channel in channels:
            adapter = adapters.get(channel.platform)
            if adapter is not None and not channel.archived and not channel.is_direct:
                return adapter, ConversationRef(channel.platform, channel.external_id, channel.name)
        group = self.services.config.group(group_id)
        for platform, adapter in adapters.items():
            bound = {
                "console": group_id,
                "matrix": group.matrix_room if group else None,
                "slack": group.slack_channel if group else None,
            }.get(platform)
            if bound:
                return adapter, ConversationRef(
                    platform, bound.lstrip("#"), f"#{bound.lstrip('#')}"
                )
        raise LookupError(f"no chat channel for group {group_id}")

    def thread_text(self, u: Understanding, group_name: str, inbound_id: int | None = None) -> str:
        return thread_text.question_thread(u, group_name, self.language, inbound_id)

    async def post_question(self, inbound_id: int, u: Understanding, group_id: str) -> None:
        """Post the thread, then record it (raises when the chat side fails: retried)."""
        db = self.services.db
        async with db.session() as session:
            channels = await self.services.channels.channels_of_group(session, group_id)
        adapter, conversation = self.conversation_for(channels, group_id)
        group = self.services.config.group(group_id)
        group_name = group.name if group else group_id
        root = await adapter.post(conversation, self.thread_text(u, group_name, inbound_id))
        for attempt in range(3):
            try:
                await self._record_question(inbound_id, u, group_id, group_name, conversation, root)
                break
            except IntegrityError:
                # The platform's echo of the root was recorded at the same moment: adopt it.
                if attempt == 2:
                    raise

    async def _record_question(
        self,
        inbound_id: int,
        u: Understanding,
        group_id: str,
        group_name: str,
        conversation: ConversationRef,
        root: MessageRef,
    ) -> None:
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            assert row is not None
            channel = await self.services.channels.channel_for(session, conversation)
            thread = await _record_thread(session, channel, root, u, group_id)
            row.status = InboundStatus.POSTED
            row.group_id = group_id
            row.thread_id = thread.id
            row.root_external_id = root.message_id
            row.conversation_platform = conversation.platform
            row.conversation_id = conversation.external_id
            session.add(row)
            if u.message_id:
                await session.merge(MailLink(message_id=u.message_id, inbound_id=inbound_id))
            await self._confirm(session, row, u, group_name, root)
            await session.commit()

    async def _confirm(
        self,
        session: AsyncSession,
        row: InboundEmail,
        u: Understanding,
        group_name: str,
        root: MessageRef,
    ) -> None:
        confirm_to = u.forwarded_by or u.sender
        if confirm_to is None or not may_mail_sender(u.sender_verified, row.approved):
            return
        group = self.services.config.group(row.group_id) if row.group_id else None
        mail = confirmation_mail(
            language=self.language,
            to=confirm_to.email,
            from_address=(group.email if group and group.email else None)
            or self.services.config.mail.general_address
            or "vraagbaak@localhost",
            group_name=group_name,
            subject=u.subject,
            link=root.link,
            in_reply_to=u.message_id,
        )
        key = confirmation_key(confirm_to.email, self.services.clock.now())
        await enqueue(session, mail, dedupe_key=key, extra={})

    async def post_follow_up(self, inbound_id: int, earlier_id: int, u: Understanding) -> None:
        db = self.services.db
        async with db.session() as session:
            earlier = await session.get(InboundEmail, earlier_id)
        assert earlier is not None and earlier.conversation_platform and earlier.conversation_id
        adapter = self.services.adapters.get(earlier.conversation_platform)
        if adapter is None:
            raise LookupError(f"adapter {earlier.conversation_platform} is not running")
        conversation = ConversationRef(earlier.conversation_platform, earlier.conversation_id)
        text = thread_text.follow_up(u, self.language)
        await adapter.post(conversation, text, thread_id=earlier.root_external_id)
        async with db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            assert row is not None
            row.status = InboundStatus.POSTED
            row.thread_id = earlier.thread_id
            row.root_external_id = earlier.root_external_id
            row.conversation_platform = earlier.conversation_platform
            row.conversation_id = earlier.conversation_id
            row.group_id = earlier.group_id
            session.add(row)
            if u.message_id:
                await session.merge(MailLink(message_id=u.message_id, inbound_id=earlier_id))
            await session.commit()

    async def report_bounce(self, earlier_id: int) -> None:
        """An answer mail came back undelivered: say so in the thread."""
        async with self.services.db.session() as session:
            earlier = await session.get(InboundEmail, earlier_id)
        if earlier is None or earlier.answered_at is None or not earlier.conversation_platform:
            return
        adapter = self.services.adapters.get(earlier.conversation_platform)
        if adapter is None or earlier.conversation_id is None:
            return
        await adapter.post(
            ConversationRef(earlier.conversation_platform, earlier.conversation_id),
            t(self.language, "email_questions.bounced"),
            thread_id=earlier.root_external_id,
        )
