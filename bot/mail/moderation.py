"""Mail that waits for a person: held (unknown or unverified sender, a stranger in a thread,
too much mail), without a clear group, or quarantined. Moderators are told in a direct
message; they release held mail and choose groups with chat commands."""

from __future__ import annotations

from typing import Any, Literal

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import AccountRef
from bot.core.i18n import t
from bot.core.logs import get_logger
from bot.dispatch.core_services import CoreServices
from bot.mail import thread_text
from bot.redaction.audit import counts_of, summary
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Account, Person

log = get_logger(__name__)


def group_of(row: InboundEmail) -> str | None:
    """The group a mail belongs to: chosen, else the one routing named when it was held
    (``None``: no group yet, which only unscoped managers handle)."""
    if row.group_id is not None:
        return row.group_id
    routed = row.parsed.get("group") if isinstance(row.parsed, dict) else None
    return routed if isinstance(routed, str) and routed else None


def is_quarantined(row: InboundEmail) -> bool:
    return row.status == InboundStatus.FAILED and row.parsed.get("action") == "quarantine"


class Moderation:
    def __init__(self, services: CoreServices) -> None:
        self.services = services

    @property
    def language(self) -> Literal["nl", "en"]:
        return self.services.config.bot.language

    def moderator_emails(self, group_id: str | None) -> set[str]:
        config = self.services.config
        emails = {e.lower() for e in config.bot.admins + config.bot.community_managers}
        group = config.group(group_id) if group_id else None
        if group is not None:
            emails.update(e.lower() for e in group.moderators + group.community_managers)
        return emails

    async def accounts_for(self, session: AsyncSession, emails: set[str]) -> list[AccountRef]:
        """Chat accounts of these people, on every running platform."""
        accounts: list[AccountRef] = []
        for platform in self.services.adapters:
            if platform == "console":
                accounts.extend(AccountRef("console", e, e, e) for e in sorted(emails))
                continue
            rows = await session.exec(
                select(Account, Person)
                .join(Person, col(Person.id) == col(Account.person_id))
                .where(Account.platform == platform, col(Person.email).in_(sorted(emails)))
            )
            accounts.extend(
                AccountRef(platform, a.external_id, a.display_name, p.email) for a, p in rows
            )
        return accounts

    def reason_text(self, reason: str) -> str:
        return t(self.language, f"email_questions.reason.{reason}") if reason else ""

    async def notify(
        self,
        inbound_id: int,
        key: str,
        group_id: str | None,
        recipients: set[str] | None = None,
        **values: Any,
    ) -> None:
        """A direct message to the moderators (or ``recipients``); looked up in a short
        transaction, sent with none open."""
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None:
                return
            text = thread_text.moderator_notice(
                self.language,
                key,
                id=row.id,
                sender=row.forwarded_by or row.original_email or row.envelope_from or "?",
                subject=str(row.parsed.get("subject", "")),
                **values,
            )
            removed = summary(counts_of(row.parsed.get("redactions")), self.language)
            if removed:  # the audit trail for the moderator: counts per kind, never values
                text += "\n" + t(self.language, "email_questions.redacted", summary=removed)
            emails = recipients if recipients is not None else self.moderator_emails(group_id)
        await self.send_to(emails, text)

    async def send_to(self, emails: set[str], text: str) -> None:
        """A direct message to these people on every platform they have an account on
        (accounts looked up in a short transaction; sent with none open)."""
        async with self.services.db.session() as session:
            accounts = await self.accounts_for(session, emails)
        for account in accounts:
            adapter = self.services.adapters.get(account.platform)
            if adapter is None:
                continue
            try:
                await adapter.send_direct(account, text)
            except Exception as exc:
                log.warning("person not reached", error=type(exc).__name__)

    async def held(self, inbound_id: int, reason: str, group_id: str | None) -> None:
        await self.notify(
            inbound_id, "email_questions.held", group_id, reason=self.reason_text(reason)
        )

    def quarantine_text(self, reason: str) -> str:
        """The technical reason, said for a moderator in their language."""
        if reason.startswith("limits"):
            kind = "structure"
        elif "time budget" in reason:
            kind = "time"
        elif "MemoryError" in reason or "exit code -9" in reason:
            kind = "memory"
        else:
            kind = "error"
        settings = self.services.config.mail
        return t(
            self.language,
            f"email_questions.quarantine.{kind}",
            seconds=f"{settings.understand_seconds:g}",
            attempts=settings.understand_attempts,
        )

    async def quarantined(self, inbound_id: int, reason: str) -> None:
        await self.notify(
            inbound_id,
            "email_questions.quarantined",
            None,
            reason=self.quarantine_text(reason),
        )

    async def ask_for_group(
        self, inbound_id: int, forwarded_by: str | None, candidates: list[str]
    ) -> None:
        options = ", ".join(candidates[:3]) or ", ".join(
            g.id for g in self.services.config.groups[:3]
        )
        # The forwarder knows best where it belongs, the moderators decide for everyone:
        # both are asked, and whoever answers first chooses (issue 15).
        recipients = self.moderator_emails(None)
        for candidate in candidates[:3]:  # and the moderators of the groups it may be for
            recipients |= self.moderator_emails(candidate)
        if forwarded_by:
            recipients.add(forwarded_by.lower())
        await self.notify(
            inbound_id, "email_questions.choose_group", None, recipients, options=options
        )

    async def waiting(self, session: AsyncSession, limit: int = 20) -> list[InboundEmail]:
        """Mail that waits for a person: held or without a clear group, oldest first."""
        rows = await session.exec(
            select(InboundEmail)
            .where(col(InboundEmail.status).in_([InboundStatus.HELD, InboundStatus.NEEDS_GROUP]))
            .order_by(col(InboundEmail.received_at), col(InboundEmail.id))
            .limit(limit)
        )
        return list(rows)

    async def quarantine(self, session: AsyncSession, limit: int = 20) -> list[InboundEmail]:
        """Mail the worker could not understand within its budget, newest first."""
        rows = await session.exec(
            select(InboundEmail)
            .where(InboundEmail.status == InboundStatus.FAILED)
            .order_by(col(InboundEmail.received_at).desc(), col(InboundEmail.id).desc())
            .limit(limit * 5)
        )
        return [r for r in rows if is_quarantined(r)][:limit]

    async def reject(self, session: AsyncSession, inbound_id: int, decided_by: str) -> bool:
        """Set held, group-less or quarantined mail aside for good: never posted, never
        answered (the ``ignored`` state of automatic replies); ``decided_by`` is kept for the
        administrator. One conditional ``UPDATE`` on the state seen, so two moderators
        rejecting at once, or one releasing while another rejects, change it once. In the
        caller's transaction."""
        row = await session.get(InboundEmail, inbound_id)
        if row is None or not (
            row.status in (InboundStatus.HELD, InboundStatus.NEEDS_GROUP) or is_quarantined(row)
        ):
            return False
        result = await session.exec(
            update(InboundEmail)
            .where(col(InboundEmail.id) == inbound_id, col(InboundEmail.status) == row.status)
            .values(status=InboundStatus.IGNORED, last_error=f"rejected by {decided_by}"[:500])
            .execution_options(synchronize_session="fetch")
        )
        return bool(result.rowcount == 1)

    async def release(
        self, session: AsyncSession, inbound_id: int, *, group_id: str | None = None
    ) -> bool:
        """A moderator approves a held mail, or someone chooses its group, in the caller's
        transaction (the intake loop posts it once that is committed). One conditional
        ``UPDATE`` on the state seen, as ``reject``: of two people releasing or choosing at
        once, one changes it and the other hears it no longer waits."""
        row = await session.get(InboundEmail, inbound_id)
        if row is None or row.status not in (InboundStatus.HELD, InboundStatus.NEEDS_GROUP):
            return False
        values: dict[str, Any] = {
            "status": InboundStatus.RECEIVED,
            "next_attempt_at": self.services.clock.now(),
        }
        if row.status == InboundStatus.HELD:
            values["approved"] = True
        if group_id is not None:
            values["group_id"] = group_id
        result = await session.exec(
            update(InboundEmail)
            .where(col(InboundEmail.id) == inbound_id, col(InboundEmail.status) == row.status)
            .values(**values)
            .execution_options(synchronize_session="fetch")
        )
        return bool(result.rowcount == 1)
