"""Posting an understood mail: the question thread in its group's channel (with its
reference and status line), a follow-up in an existing thread, a bounce notice, and the
receipt to the sender. The chat platform is called with no database transaction open, so a
slow platform never holds the write lock that storing new mail needs; what was posted is
recorded afterwards in its own short transaction.

A mailed question is a thread like any other in the figures (issue 15): its author is the
person who asked — the colleague who mailed it, or, for someone outside the organisations,
a stand-in person of the question's organisation that keeps no name or address."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter
from bot.core.events import AccountRef, ConversationRef, MessageRef
from bot.core.i18n import t
from bot.core.logs import get_logger
from bot.dispatch.core_services import CoreServices
from bot.mail import conversation as conversation_module
from bot.mail import thread_text
from bot.mail.conversation import thread_reference
from bot.mail.policy import asks_for_group
from bot.mail.receipts import queue_receipt
from bot.mail.sender_identity import question_organisation
from bot.mail.status_line import StatusLines, status_text
from bot.mail.understand import Understanding
from bot.people.recorder import find_message, find_thread, record_posted_question
from bot.storage.mail_models import InboundEmail, InboundStatus, MailLink
from bot.storage.models import Channel, Person, Question, Thread, ThreadSource

log = get_logger(__name__)


async def asker_person(
    services: CoreServices, session: AsyncSession, u: Understanding, group_id: str
) -> Person:
    """Who the thread counts as asked by: the verified colleague who mailed it, else a
    stand-in for someone outside the organisations (no name or address kept, never
    suggested or nudged: inactive), placed in the question's organisation."""
    config = services.config
    sender = u.original_sender
    if sender is not None and u.forwarded_by is None and u.sender_verified:
        organisation = config.organisation_for_email(sender.email)
        if organisation is not None and not organisation.external:
            account = AccountRef("email", sender.email.lower(), sender.name, sender.email)
            return await services.identity.person_for(session, account)
    organisation = question_organisation(
        config,
        forwarded_by=u.forwarded_by.email if u.forwarded_by else None,
        group_id=group_id,
    )
    stand_in = Person(
        name=t(config.bot.language, "email_questions.asker_stand_in"),
        organisation_id=organisation.id if organisation else None,
        active=False,
    )
    session.add(stand_in)
    await session.flush()
    return stand_in


async def _record_thread(
    session: AsyncSession,
    channel: Channel,
    root: MessageRef,
    u: Understanding,
    group_id: str,
    asker: Person,
) -> Thread:
    """The thread of the posted question, counted as the asker's. A platform that echoes
    the bot's own messages (the console) may have recorded the root already, since no
    transaction is held while posting: that record is adopted as the e-mail thread."""
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
            asker_id=asker.id,
            source=ThreadSource.EMAIL,
            has_files=bool(u.attachments.kept),
            by_bot=False,
        )
    existing.source = ThreadSource.EMAIL
    existing.by_bot = False
    existing.author_id = asker.id
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
        session.add(Question(thread_id=existing.id, group_id=group_id, asker_id=asker.id))
    return existing


class MailPoster:
    def __init__(self, services: CoreServices, status: StatusLines | None = None) -> None:
        self.services = services
        self.status = status or StatusLines(services)

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

    def thread_text(
        self, u: Understanding, group_name: str, inbound_id: int | None = None, reference: str = ""
    ) -> str:
        return thread_text.question_thread(u, group_name, self.language, inbound_id, reference)

    async def post_question(self, inbound_id: int, u: Understanding, group_id: str) -> None:
        """Post the thread and its status line, then record them (raises when the chat side
        fails: retried)."""
        db = self.services.db
        async with db.session() as session:
            channels = await self.services.channels.channels_of_group(session, group_id)
            row = await session.get(InboundEmail, inbound_id)
            assert row is not None
            reference = thread_reference(row)
        adapter, conversation = self.conversation_for(channels, group_id)
        group = self.services.config.group(group_id)
        group_name = group.name if group else group_id
        root = await adapter.post(
            conversation, self.thread_text(u, group_name, inbound_id, reference)
        )
        status = await self._post_status(adapter, root.conversation, root.message_id, reference, 0)
        for attempt in range(3):
            try:
                await self._record_question(
                    inbound_id, u, group_id, group_name, conversation, root, status
                )
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
        status: str | None,
    ) -> None:
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            assert row is not None
            channel = await self.services.channels.channel_for(session, conversation)
            asker = await asker_person(self.services, session, u, group_id)
            thread = await _record_thread(session, channel, root, u, group_id, asker)
            row.status_message_id = status
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
        await queue_receipt(
            session,
            self.services.config,
            row,
            u,
            now=self.services.clock.now(),
            group_id=row.group_id,
            group_name=group_name,
            link=root.link,
        )

    async def confirm_held(self, inbound_id: int, u: Understanding) -> None:
        """A held question from a verified sender gets its receipt now, not only when a
        moderator releases it (an unverified sender gets nothing: backscatter)."""
        if not u.sender_verified:
            return
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None:
                return
            # a group the desk is unsure of is a moderator's to choose, not the receipt's to name
            threshold = self.services.config.mail.routing_threshold
            sure = u.group is not None and not asks_for_group(u, threshold)
            group = self.services.config.group(u.group) if sure and u.group else None
            await queue_receipt(
                session,
                self.services.config,
                row,
                u,
                now=self.services.clock.now(),
                group_id=group.id if group else None,
                group_name=group.name if group else "",
                link=None,
            )
            await session.commit()

    async def _post_status(
        self,
        adapter: Adapter,
        conversation: ConversationRef,
        root_id: str,
        reference: str,
        number: int,
    ) -> str | None:
        """The first status line ("open") under a message of the asker; None when the
        platform refused it (the next change of state posts one)."""
        text = status_text(self.language, reference=reference, number=number, state="open")
        try:
            posted = await adapter.post(conversation, text, thread_id=root_id)
        except Exception as exc:
            log.warning("status line not posted", error=type(exc).__name__)
            return None
        return posted.message_id

    async def post_follow_up(self, inbound_id: int, earlier_id: int, u: Understanding) -> None:
        db = self.services.db
        async with db.session() as session:
            earlier = await session.get(InboundEmail, earlier_id)
        assert earlier is not None and earlier.conversation_platform and earlier.conversation_id
        adapter = self.services.adapters.get(earlier.conversation_platform)
        if adapter is None:
            raise LookupError(f"adapter {earlier.conversation_platform} is not running")
        conversation = ConversationRef(earlier.conversation_platform, earlier.conversation_id)
        async with db.session() as session:
            first = await session.get(InboundEmail, earlier_id)
            assert first is not None
            from_asker = conversation_module.from_asker(first, _as_row(u))
            number = len(await conversation_module.asker_messages(session, first))
            reference = thread_reference(first)
        text = thread_text.follow_up(u, self.language)
        assert earlier.root_external_id is not None
        await adapter.post(conversation, text, thread_id=earlier.root_external_id)
        status = None
        if from_asker:  # the asker's own reply can get its own answer
            status = await self._post_status(
                adapter, conversation, earlier.root_external_id, reference, number
            )
        async with db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            assert row is not None
            row.status_message_id = status
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


def _as_row(u: Understanding) -> InboundEmail:
    """What :func:`bot.mail.conversation.from_asker` looks at, for a mail not stored yet."""
    original = u.original_sender.email if u.original_sender else None
    return InboundEmail(
        dedupe_key="",
        sha256="",
        original_email=original,
        forwarded_by=u.forwarded_by.email if u.forwarded_by else None,
    )
