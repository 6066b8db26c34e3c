"""The e-mail desk: turns stored mail into question threads in the group's channel, and an
accepted answer into a reply mail. Processing is a retry loop over the stored rows, so mail
that arrives while the chat side is down is posted when it comes back, and a restart picks
up where the last run stopped."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter
from bot.authority import may_follow_up_by_mail, staff_sender
from bot.events import AccountRef, Attachment, ConversationRef
from bot.i18n import t
from bot.logs import get_logger
from bot.mail.answer import answer_mail, confirmation_mail
from bot.mail.outbox import Outbox, backoff, enqueue
from bot.mail.understand import MailReader, Understanding
from bot.recorder import record_posted_question
from bot.services import Services
from bot.storage.mail_models import InboundEmail, InboundStatus, MailLink
from bot.storage.models import (
    Channel,
    Message,
    OutboxItem,
    Person,
    Question,
    QuestionStatus,
    ThreadSource,
)
from knowledge.routing import Router, profiles_from

log = get_logger(__name__)
MAX_POST_ATTEMPTS = 50
LEASE = timedelta(minutes=5)


class AcceptRefusedError(Exception):
    """The person may not accept an answer here; ``key`` is the text to show them."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Accepted:
    inbound_id: int
    to_language: str


class EmailDesk:
    def __init__(self, services: Services, outbox: Outbox) -> None:
        self.services = services
        self.outbox = outbox
        self.reader = MailReader(services.config)
        self.wake = asyncio.Event()
        self.stopping = asyncio.Event()  # set by the component: finish the round, then end
        self._lock = asyncio.Lock()
        outbox.on_sent = self._after_sent

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    # --- routing with past threads ---------------------------------------------------------
    async def refresh_router(self) -> None:
        past: dict[str, list[str]] = {}
        async with self.services.db.session() as session:
            rows = await session.exec(
                select(Channel.group_id, Message.text)
                .join(Message, col(Message.channel_id) == col(Channel.id))
                .where(col(Channel.group_id).is_not(None), col(Message.text).is_not(None))
                .order_by(col(Message.id).desc())
                .limit(5000)
            )
            for group_id, text in rows:
                if group_id and text and len(past.setdefault(group_id, [])) < 300:
                    past[group_id].append(text)
        self.reader.router = Router(profiles_from(self.services.config.groups, past))

    # --- processing ------------------------------------------------------------------------
    async def process_pending(self, limit: int = 50) -> int:
        """Handle stored mail that is due; returns how many rows were handled.

        Due rows are leased first (``next_attempt_at`` pushed ahead, ``SKIP LOCKED`` on
        PostgreSQL), so several replicas never handle the same mail, and a process killed
        half-way leaves its rows to be picked up again when the lease runs out."""
        async with self._lock:
            now = self.services.clock.now()
            async with self.services.db.session() as session:
                rows = (
                    await session.exec(
                        select(InboundEmail)
                        .where(
                            InboundEmail.status == InboundStatus.RECEIVED,
                            col(InboundEmail.next_attempt_at) <= now,
                        )
                        .order_by(col(InboundEmail.id))
                        .limit(limit)
                        .with_for_update(skip_locked=True)
                    )
                ).all()
                for row in rows:
                    row.next_attempt_at = now + LEASE
                    session.add(row)
                ids = [row.id for row in rows]
                await session.commit()
            done = 0
            for inbound_id in ids:
                if inbound_id is not None and await self._process(inbound_id):
                    done += 1
            return done

    async def _process(self, inbound_id: int) -> bool:
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None or row.status != InboundStatus.RECEIVED:
                return False
            if row.raw is None:
                row.status = InboundStatus.FAILED
                row.last_error = "raw message missing"
                session.add(row)
                await session.commit()
                return False
            understood = await asyncio.to_thread(self.reader.read, row.raw, list(row.recipients))
            self._remember(row, understood)
            try:
                await self._act(session, row, understood)
            except Exception as exc:  # chat side down, or a bug: retry later, nothing lost
                await session.rollback()
                row = await session.get(InboundEmail, inbound_id)
                assert row is not None
                row.attempts += 1
                row.last_error = f"{type(exc).__name__}: {exc}"[:500]
                row.next_attempt_at = self.services.clock.now() + backoff(row.attempts)
                if row.attempts >= MAX_POST_ATTEMPTS:
                    row.status = InboundStatus.FAILED
                session.add(row)
                await session.commit()
                log.warning("mail not posted yet", inbound=inbound_id, attempts=row.attempts)
                return False
            await session.commit()
        self.outbox.wake.set()
        return True

    @staticmethod
    def _remember(row: InboundEmail, understood: Understanding) -> None:
        row.kind = understood.kind.value
        row.parsed = understood.as_json()
        row.cut_parts = understood.cut[:20]
        if understood.original_sender is not None:
            row.original_email = understood.original_sender.email
            row.original_name = understood.original_sender.name
        row.forwarded_by = understood.forwarded_by.email if understood.forwarded_by else None

    async def _act(self, session: AsyncSession, row: InboundEmail, u: Understanding) -> None:
        config = self.services.config
        if u.kind.value != "question":
            row.status = InboundStatus.IGNORED  # never posted, never answered: no mail loops
            session.add(row)
            if u.kind.value == "bounce":
                await self._report_bounce(session, u)
            return
        earlier = await self._linked_inbound(session, u)
        sender = u.sender.email if u.sender else ""
        if earlier is not None:
            if not row.approved and not may_follow_up_by_mail(
                config, sender, earlier.original_email, earlier.forwarded_by
            ):
                row.status, row.group_id = InboundStatus.HELD, earlier.group_id
                session.add(row)
                await self._notify_moderators(
                    session, row, "email_questions.held", earlier.group_id
                )
                return
            await self._post_follow_up(session, row, earlier, u)
            return
        if not row.approved and not staff_sender(config, sender):
            row.status = InboundStatus.HELD
            session.add(row)
            await self._notify_moderators(session, row, "email_questions.held", u.group)
            return
        group_id = row.group_id
        if group_id is None:
            threshold = config.mail.routing_threshold
            if u.group is None or (u.routed_by == "routing" and u.confidence < threshold):
                row.status = InboundStatus.NEEDS_GROUP
                session.add(row)
                await self._ask_for_group(session, row, u)
                return
            group_id = u.group
        row.group_id = group_id
        await self._post_question(session, row, u, group_id)

    # --- posting -----------------------------------------------------------------------------
    def _conversation_for(
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

    def _thread_text(self, u: Understanding, group_name: str) -> str:
        lang = self.language
        lines = [t(lang, "email_questions.thread_title", subject=u.subject or "—"), "", u.question]
        if u.forwarded_by is not None:
            who = u.forwarded_by.name or u.forwarded_by.email
            lines += ["", t(lang, "email_questions.forwarded_by", who=who)]
            if u.note:
                lines += ["> " + line for line in u.note.splitlines()]
        if u.attachments.dropped:
            names = ", ".join(name for name, _ in u.attachments.dropped)
            lines += ["", t(lang, "email_questions.dropped", names=names)]
        lines += ["", t(lang, "email_questions.how_to_answer", group=group_name)]
        return "\n".join(lines)

    async def _post_question(
        self, session: AsyncSession, row: InboundEmail, u: Understanding, group_id: str
    ) -> None:
        channels = await self.services.channels.channels_of_group(session, group_id)
        adapter, conversation = self._conversation_for(channels, group_id)
        group = self.services.config.group(group_id)
        group_name = group.name if group else group_id
        root = await adapter.post(conversation, self._thread_text(u, group_name))
        # From here the thread exists: record it in this same transaction.
        channel = await self.services.channels.channel_for(session, conversation)
        thread = await record_posted_question(
            session,
            channel,
            root,
            text=f"{u.subject}\n\n{u.question}",
            group_id=group_id,
            source=ThreadSource.EMAIL,
            has_files=bool(u.attachments.kept),
        )
        row.status = InboundStatus.POSTED
        row.thread_id = thread.id
        row.root_external_id = root.message_id
        row.conversation_platform = conversation.platform
        row.conversation_id = conversation.external_id
        session.add(row)
        if u.message_id:
            await session.merge(MailLink(message_id=u.message_id, inbound_id=row.id or 0))
        confirm_to = u.forwarded_by or u.sender
        if confirm_to is not None and row.id is not None:
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
            await enqueue(session, mail, dedupe_key=f"confirm:{row.id}", extra={})
        for file in u.attachments.kept[:20]:
            try:
                await adapter.upload(
                    conversation,
                    Attachment(file.filename, file.content_type, file.data),
                    thread_id=root.message_id,
                )
            except Exception as exc:  # the question is up; a missing file is listed in logs
                log.warning("attachment not uploaded", inbound=row.id, error=type(exc).__name__)

    async def _linked_inbound(self, session: AsyncSession, u: Understanding) -> InboundEmail | None:
        ids = [i for i in [u.in_reply_to, *u.references] if i]
        if not ids:
            return None
        link = (
            await session.exec(select(MailLink).where(col(MailLink.message_id).in_(ids)))
        ).first()
        if link is None:
            return None
        earlier = await session.get(InboundEmail, link.inbound_id)
        if earlier is None or earlier.root_external_id is None:
            return None
        return earlier

    async def _report_bounce(self, session: AsyncSession, u: Understanding) -> None:
        """An answer mail came back undelivered: say so in the thread."""
        earlier = await self._linked_inbound(session, u)
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

    async def _post_follow_up(
        self, session: AsyncSession, row: InboundEmail, earlier: InboundEmail, u: Understanding
    ) -> None:
        assert earlier.conversation_platform and earlier.conversation_id
        adapter = self.services.adapters.get(earlier.conversation_platform)
        if adapter is None:
            raise LookupError(f"adapter {earlier.conversation_platform} is not running")
        conversation = ConversationRef(earlier.conversation_platform, earlier.conversation_id)
        text = t(self.language, "email_questions.follow_up") + "\n\n" + u.question
        await adapter.post(conversation, text, thread_id=earlier.root_external_id)
        row.status = InboundStatus.POSTED
        row.thread_id = earlier.thread_id
        row.root_external_id = earlier.root_external_id
        row.conversation_platform = earlier.conversation_platform
        row.conversation_id = earlier.conversation_id
        row.group_id = earlier.group_id
        session.add(row)
        if u.message_id:
            await session.merge(MailLink(message_id=u.message_id, inbound_id=earlier.id or 0))

    # --- moderators --------------------------------------------------------------------------
    def _moderator_emails(self, group_id: str | None) -> set[str]:
        config = self.services.config
        emails = {e.lower() for e in config.bot.admins + config.bot.community_managers}
        group = config.group(group_id) if group_id else None
        if group is not None:
            emails.update(e.lower() for e in group.moderators + group.community_managers)
        return emails

    async def _accounts_for(self, session: AsyncSession, emails: set[str]) -> list[AccountRef]:
        """Chat accounts of these people, on every running platform."""
        accounts: list[AccountRef] = []
        for platform in self.services.adapters:
            if platform == "console":
                accounts.extend(AccountRef("console", e, e, e) for e in sorted(emails))
                continue
            from bot.storage.models import Account

            rows = await session.exec(
                select(Account, Person)
                .join(Person, col(Person.id) == col(Account.person_id))
                .where(Account.platform == platform, col(Person.email).in_(sorted(emails)))
            )
            accounts.extend(
                AccountRef(platform, a.external_id, a.display_name, p.email) for a, p in rows
            )
        return accounts

    async def _notify_moderators(
        self,
        session: AsyncSession,
        row: InboundEmail,
        key: str,
        group_id: str | None,
        recipients: set[str] | None = None,
        **values: Any,
    ) -> None:
        text = t(
            self.language,
            key,
            id=row.id,
            sender=(row.forwarded_by or row.original_email or "?"),
            subject=row.parsed.get("subject", ""),
            **values,
        )
        emails = recipients if recipients is not None else self._moderator_emails(group_id)
        for account in await self._accounts_for(session, emails):
            adapter = self.services.adapters.get(account.platform)
            if adapter is None:
                continue
            try:
                await adapter.send_direct(account, text)
            except Exception as exc:
                log.warning("moderator not reached", error=type(exc).__name__)

    async def _ask_for_group(
        self, session: AsyncSession, row: InboundEmail, u: Understanding
    ) -> None:
        options = ", ".join(u.candidates[:3]) or ", ".join(
            g.id for g in self.services.config.groups[:3]
        )
        # The forwarder knows best where it belongs; for a direct mail, the moderators choose.
        recipients = {row.forwarded_by.lower()} if row.forwarded_by else None
        if recipients is not None and not await self._accounts_for(session, recipients):
            recipients = None  # the forwarder has no chat account here
        await self._notify_moderators(
            session, row, "email_questions.choose_group", None, recipients, options=options
        )

    async def waiting(self, session: AsyncSession, limit: int = 20) -> list[InboundEmail]:
        """Mail that waits for a person: held (unknown sender) or without a clear group,
        oldest first."""
        rows = await session.exec(
            select(InboundEmail)
            .where(col(InboundEmail.status).in_([InboundStatus.HELD, InboundStatus.NEEDS_GROUP]))
            .order_by(col(InboundEmail.received_at), col(InboundEmail.id))
            .limit(limit)
        )
        return list(rows)

    async def release(
        self, session: AsyncSession, inbound_id: int, *, group_id: str | None = None
    ) -> bool:
        """A moderator approves a held mail, or someone chooses its group (in the caller's
        transaction; the processing loop posts it once that is committed)."""
        row = await session.get(InboundEmail, inbound_id)
        if row is None or row.status not in (InboundStatus.HELD, InboundStatus.NEEDS_GROUP):
            return False
        if row.status == InboundStatus.HELD:
            row.approved = True
        if group_id is not None:
            row.group_id = group_id
        row.status = InboundStatus.RECEIVED
        row.next_attempt_at = self.services.clock.now()
        session.add(row)
        self.wake.set()
        return True

    # --- answer back -------------------------------------------------------------------------
    async def inbound_for_thread(
        self, session: AsyncSession, platform: str, conversation_id: str, root_id: str
    ) -> InboundEmail | None:
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
        *,
        moderates: bool = False,
    ) -> OutboxItem:
        """Queue the answer mail (once) in the caller's transaction."""
        if not self.may_accept(row, person, moderates=moderates):
            raise AcceptRefusedError("email_questions.not_allowed")
        if row.answered_at is not None:
            raise AcceptRefusedError("email_questions.already_sent")
        if not row.original_email:
            raise AcceptRefusedError("email_questions.original_gone")
        group = self.services.config.group(row.group_id) if row.group_id else None
        language: Literal["nl", "en"] = "en" if row.parsed.get("language") == "en" else "nl"
        references = [r for r in [row.message_id] if r]
        mail = answer_mail(
            language=language,
            to=row.original_email,
            to_name=row.original_name or "",
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
                session.add(question)
        self.outbox.wake.set()
        return item

    async def _after_sent(self, item: OutboxItem) -> None:
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

    # --- retention ---------------------------------------------------------------------------
    async def purge_expired(self) -> int:
        """Delete the originals (raw mail, sender, cut parts) after ``keep_original_days``."""
        cutoff = self.services.clock.now() - timedelta(
            days=self.services.config.mail.keep_original_days
        )
        async with self.services.db.session() as session:
            rows = (
                await session.exec(
                    select(InboundEmail).where(
                        col(InboundEmail.received_at) < cutoff,
                        col(InboundEmail.purged_at).is_(None),
                        InboundEmail.status != InboundStatus.RECEIVED,
                    )
                )
            ).all()
            for row in rows:
                row.raw = None
                row.original_email = None
                row.original_name = None
                row.parsed = {**row.parsed, "original_sender": None}
                row.cut_parts = []
                row.purged_at = self.services.clock.now()
                session.add(row)
            await session.commit()
            return len(rows)

    async def run_forever(self, interval: float = 10.0) -> None:
        while not self.stopping.is_set():
            try:
                await self.process_pending()
                await self.purge_expired()
            except Exception as exc:
                log.error("mail round failed", error=type(exc).__name__)
            self.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=interval)
