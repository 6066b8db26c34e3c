"""The e-mail desk: one object the mail component and the chat handlers use, composed of
small parts with one job each (after Zulip's ``email_mirror``):

- ``intake_worker``: the loop that leases stored mail, has it understood in a worker process
  (``worker``) and decides (``policy``, ``gates``);
- ``posting``: the question thread, follow-ups and bounce notices in the chat;
- ``moderation``: held, unclear and quarantined mail, and the moderators' releases;
- ``acceptance``: an accepted answer, previewed, then mailed back (``status_line`` shows
  where it stands in the thread);
- ``retention``: originals deleted after ``keep_original_days``.

Processing retries over the stored rows, so mail that arrives while the chat side is down is
posted when it comes back, and a restart picks up where the last run stopped."""

from __future__ import annotations

import asyncio
from typing import Literal

from sqlalchemy import event as sa_event
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.dispatch.core_services import CoreServices
from bot.mail.acceptance import Acceptance, Accepted, AcceptRefusedError
from bot.mail.intake_worker import MailIntake
from bot.mail.moderation import Moderation
from bot.mail.outbox import Outbox
from bot.mail.posting import MailPoster
from bot.mail.retention import purge_expired
from bot.mail.status_line import StatusLines
from bot.mail.worker import UnderstandingWorker
from bot.storage.mail_models import InboundEmail
from bot.storage.models import (
    Channel,
    ChannelMember,
    Message,
    Organisation,
    Person,
)

__all__ = ["AcceptRefusedError", "EmailDesk"]


class EmailDesk:
    def __init__(self, services: CoreServices) -> None:
        self.services = services
        self.outbox = outbox = Outbox(services.outbox)
        self.worker = UnderstandingWorker(services.config)
        self.status = StatusLines(services)
        self.poster = MailPoster(services, self.status)
        self.moderation = Moderation(services)
        self.acceptance = Acceptance(services, outbox, self.moderation, self.status)
        self.intake = MailIntake(services, outbox, self.worker, self.poster, self.moderation)
        self._router_read_at: float | None = None
        self._router_stale = False

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    @property
    def wake(self) -> asyncio.Event:
        return self.intake.wake

    @property
    def stopping(self) -> asyncio.Event:
        return self.intake.stopping

    async def refresh_router(self) -> None:
        """Route with the texts of past threads per group (in the worker process)."""
        self._router_stale = False
        self._router_read_at = asyncio.get_running_loop().time()
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
            # People the chat knows keep their names in posted mail (issue 12).
            names = await session.exec(select(Person.name).limit(20_000))
            colleagues = sorted({name for name in names if name and name.strip()})
            external = await _groups_with_external_members(session)
        await asyncio.to_thread(self.worker.set_past, past, colleagues, sorted(external))

    async def process_pending(self, limit: int = 50) -> int:
        return await self.intake.process_pending(limit)

    async def purge_expired(self) -> int:
        return await purge_expired(self.services)

    async def refresh_router_when_due(self) -> bool:
        """Read the channel history again after a person chose a mail's group (the mail is
        posted by then: the group's history holds it) or when the last reading is
        ``mail.router_refresh_minutes`` old; True when it did."""
        every = self.services.config.mail.router_refresh_minutes * 60
        now = asyncio.get_running_loop().time()
        if (
            not self._router_stale
            and self._router_read_at is not None
            and now - self._router_read_at < every
        ):
            return False
        await self.refresh_router()
        return True

    async def _after_round(self) -> None:
        await self.purge_expired()
        await self.refresh_router_when_due()

    async def run_forever(self, interval: float = 10.0) -> None:
        await self.intake.run_forever(interval, after_round=self._after_round)

    async def close(self) -> None:
        await self.worker.aclose()

    # --- moderators ------------------------------------------------------------------------
    async def waiting(self, session: AsyncSession, limit: int = 20) -> list[InboundEmail]:
        return await self.moderation.waiting(session, limit)

    async def release(
        self, session: AsyncSession, inbound_id: int, *, group_id: str | None = None
    ) -> bool:
        """Release a waiting mail in the caller's transaction; the intake loop is woken once
        that transaction commits (woken before, it would find the mail still waiting)."""
        released = await self.moderation.release(session, inbound_id, group_id=group_id)
        if released:
            wake = self.wake

            def committed(_: object) -> None:
                if group_id is not None:
                    self._router_stale = True  # a person's choice: routing learns from it
                wake.set()

            sa_event.listen(session.sync_session, "after_commit", committed, once=True)
        return released

    # --- answer back -----------------------------------------------------------------------
    async def inbound_for_thread(
        self, session: AsyncSession, platform: str, conversation_id: str, root_id: str
    ) -> InboundEmail | None:
        return await self.acceptance.inbound_for_thread(session, platform, conversation_id, root_id)

    def may_accept(self, row: InboundEmail, person: Person, *, moderates: bool = False) -> bool:
        return self.acceptance.may_accept(row, person, moderates=moderates)

    async def accept(
        self,
        session: AsyncSession,
        row: InboundEmail,
        person: Person,
        answer: str,
        answer_message_id: int | None = None,
        *,
        moderates: bool = False,
    ) -> Accepted:
        return await self.acceptance.accept(
            session, row, person, answer, answer_message_id, moderates=moderates
        )


async def _groups_with_external_members(session: AsyncSession) -> set[str]:
    """Groups whose channel has a member of an external organisation: routing never posts
    there on its own (a person chooses with ``!kiesgroep``)."""
    rows = await session.exec(
        select(Channel.group_id)
        .join(ChannelMember, col(ChannelMember.channel_id) == col(Channel.id))
        .join(Person, col(Person.id) == col(ChannelMember.person_id))
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id))
        .where(col(Organisation.external).is_(True), col(Channel.group_id).is_not(None))
        .distinct()
    )
    return {group_id for group_id in rows if group_id}


def takes_mail(config: Config) -> bool:
    """Whether this bot takes mail: some address (general or a group's) or a mailbox is set."""
    mail = config.mail
    return bool(mail.general_address or mail.imap_host or any(g.email for g in config.groups))


def mail_number(args: str) -> int | None:
    """The mail number a command starts with (``!mailvrijgeven 12``). Only ASCII digits and
    at most 12 of them: ``"²"`` is a digit to ``str.isdigit`` and ``int`` refuses it, as it
    refuses more than 4,300 digits."""
    words = args.split()
    first = words[0] if words else ""
    return int(first) if first.isascii() and first.isdigit() and len(first) <= 12 else None
