"""The intake loop (after Zulip's ``email_mirror.process_message``): lease due mail, have the
worker process understand it, decide, record the decision, then hand it to posting or
moderation. Every transaction here is short and none is open while a chat platform or the
worker is called, so storing new mail (SMTP ``250``) never waits on either."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.logs import get_logger
from bot.delivery.idempotency import post_scope
from bot.delivery.retry import RETRY
from bot.dispatch.core_services import CoreServices
from bot.mail.classify import MailKind
from bot.mail.conversation import thread_reference
from bot.mail.gates import follow_up_reason, linked_inbound, over_rate_limit
from bot.mail.moderation import Moderation
from bot.mail.outbox import Outbox
from bot.mail.policy import Action, Decision, HoldReason, decide
from bot.mail.posting import MailPoster
from bot.mail.understand import Understanding
from bot.mail.worker import (
    UnderstandingFailedError,
    UnderstandingWorker,
    WorkerUnavailableError,
)
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Channel

log = get_logger(__name__)
MAX_POST_ATTEMPTS = 50
LEASE = timedelta(minutes=5)
RETRY_UNDERSTANDING = timedelta(seconds=20)  # times the failures so far
# A new question held for a moderator still gets its receipt (from a verified sender only);
# a held reply into a thread, or mail over the rate limit, does not.
RECEIPT_WHEN_HELD = frozenset({HoldReason.UNKNOWN_SENDER, HoldReason.PARTNER_SENDER})


@dataclass(frozen=True)
class _Job:
    """What the loop needs of a stored row, read in a short transaction."""

    id: int
    raw: bytes
    recipients: list[str]
    source: str
    approved: bool
    group_id: str | None


@dataclass(frozen=True)
class _Plan:
    decision: Decision
    group_id: str | None = None
    earlier_id: int | None = None  # the thread a follow-up or bounce belongs to
    notify: bool = True  # tell the moderators (once per rate-limit hour)


class MailIntake:
    def __init__(
        self,
        services: CoreServices,
        outbox: Outbox,
        worker: UnderstandingWorker,
        poster: MailPoster,
        moderation: Moderation,
    ) -> None:
        self.services = services
        self.outbox = outbox
        self.worker = worker
        self.poster = poster
        self.moderation = moderation
        self.wake = asyncio.Event()
        self.stopping = asyncio.Event()  # set by the component: finish the round, then end
        self._lock = asyncio.Lock()

    async def process_pending(self, limit: int = 50) -> int:
        """Handle stored mail that is due; returns how many rows were handled.

        Due rows are leased first (``next_attempt_at`` pushed ahead, ``SKIP LOCKED`` on
        PostgreSQL, ``lease_owner`` this process), so several replicas never handle the same
        mail; the rows of a process that died half-way are taken over at once (a hung one's
        when the lease runs out). Posting them again is safe: each post has its idempotency
        key (bot/delivery/outbox.py), so one already on the platform is found, not posted twice."""
        async with self._lock:
            await self._take_over_from_the_dead()
            now = self.services.clock.now()
            me = self.services.replica.name
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
                    row.lease_owner = me
                    session.add(row)
                ids = [row.id for row in rows]
                await session.commit()
            done = 0
            for inbound_id in ids:
                if inbound_id is None:
                    continue
                try:
                    if await self.process(inbound_id):
                        done += 1
                except Exception as exc:  # one mail never stops the ones behind it
                    log.error("mail not handled", inbound=inbound_id, error=type(exc).__name__)
            return done

    async def _take_over_from_the_dead(self) -> None:
        replica = self.services.replica
        now = self.services.clock.now()
        async with self.services.db.session() as session:
            owners = (
                await session.exec(
                    select(InboundEmail.lease_owner)
                    .where(
                        InboundEmail.status == InboundStatus.RECEIVED,
                        col(InboundEmail.next_attempt_at) > now,
                        col(InboundEmail.lease_owner).is_not(None),
                        col(InboundEmail.lease_owner) != replica.name,
                    )
                    .distinct()
                )
            ).all()
        dead = [owner for owner in owners if owner and not await replica.alive(owner)]
        if not dead:
            return
        async with self.services.db.session() as session:
            rows = (
                await session.exec(
                    select(InboundEmail).where(
                        InboundEmail.status == InboundStatus.RECEIVED,
                        col(InboundEmail.lease_owner).in_(dead),
                    )
                )
            ).all()
            for row in rows:
                row.next_attempt_at = now
                row.lease_owner = None
                session.add(row)
            await session.commit()
        log.info("mail of a process that ended taken over", count=len(rows))

    async def _job(self, inbound_id: int) -> _Job | None:
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None or row.status != InboundStatus.RECEIVED:
                return None
            if row.raw is None:
                row.status = InboundStatus.FAILED
                row.last_error = "raw message missing"
                session.add(row)
                await session.commit()
                return None
            return _Job(
                inbound_id,
                row.raw,
                list(row.recipients),
                row.source,
                row.approved,
                row.group_id,
            )

    async def process(self, inbound_id: int) -> bool:
        job = await self._job(inbound_id)
        if job is None:
            return False
        try:
            understood = await self.worker.read(job.raw, job.recipients, job.source)
        except WorkerUnavailableError as failure:  # not the mail's fault: never quarantine it
            await self._post_failed(inbound_id, failure)
            return False
        except UnderstandingFailedError as failure:
            await self._understanding_failed(inbound_id, failure.reason)
            return False
        plan = await self._decide_and_record(job, understood)
        if plan is None:
            return False
        try:
            # The posts of this decision have keys of their own: carried out again (after a
            # crash, or a failure half-way), what is on the platform already is not posted
            # again (bot/delivery/outbox.py).
            with post_scope(f"mail:{inbound_id}:{plan.decision.action.value}"):
                await self._carry_out(inbound_id, understood, plan)
        except Exception as exc:  # chat side down, or a bug: retry later, nothing lost
            await self._post_failed(inbound_id, exc)
            return False
        self.outbox.wake.set()
        return True

    async def _understanding_failed(self, inbound_id: int, reason: str) -> None:
        """Retry later; after ``understand_attempts`` failures quarantine it (status
        ``failed``, action ``quarantine``) and tell the moderators."""
        attempts = self.services.config.mail.understand_attempts
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None:
                return
            failures = int(row.parsed.get("understand_failures", 0)) + 1
            row.parsed = {**row.parsed, "understand_failures": failures, "failure": reason}
            row.last_error = f"understanding failed: {reason}"[:500]
            quarantine = failures >= attempts
            if quarantine:
                row.status = InboundStatus.FAILED
                row.parsed = {**row.parsed, "action": Action.QUARANTINE, "reason": reason}
            else:
                row.next_attempt_at = self.services.clock.now() + RETRY_UNDERSTANDING * failures
            session.add(row)
            await session.commit()
        log.warning("mail not understood", inbound=inbound_id, failures=failures, reason=reason)
        if quarantine:
            await self.moderation.quarantined(inbound_id, reason)

    async def _decide_and_record(self, job: _Job, u: Understanding) -> _Plan | None:
        config = self.services.config
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, job.id)
            if row is None or row.status != InboundStatus.RECEIVED:
                return None
            plan = _Plan(decide(u, config, approved=job.approved, group_id=job.group_id))
            action = plan.decision.action
            if u.kind is MailKind.BOUNCE:
                earlier = await linked_inbound(session, u)
                plan = _Plan(plan.decision, earlier_id=earlier.id if earlier else None)
            elif action not in (Action.IGNORE, Action.QUARANTINE):
                sender = u.asker
                over, first = (
                    (False, False)
                    if job.approved
                    else await over_rate_limit(
                        session,
                        config,
                        job.id,
                        sender.email if sender else "",
                        self.services.clock.now(),
                    )
                )
                earlier = await linked_inbound(session, u)
                if over:
                    plan = _Plan(Decision(Action.HOLD, HoldReason.RATE_LIMITED), notify=first)
                elif earlier is not None:
                    reason = await follow_up_reason(
                        session, config, u, earlier, approved=job.approved
                    )
                    plan = _Plan(
                        Decision(Action.HOLD, reason) if reason else Decision(Action.POST),
                        group_id=earlier.group_id,
                        earlier_id=earlier.id,
                    )
                elif action is Action.POST:
                    plan = _Plan(plan.decision, group_id=job.group_id or u.group)
            remember(row, u)
            row.parsed = {
                **row.parsed,
                "action": plan.decision.action.value,
                "reason": plan.decision.reason,
            }
            if plan.decision.action is Action.HOLD and plan.earlier_id is not None:
                # A reply held for a moderator: where it would go, for their release message.
                row.parsed["thread"] = await thread_of(session, plan.earlier_id)
            status = {
                Action.IGNORE: InboundStatus.IGNORED,
                Action.QUARANTINE: InboundStatus.FAILED,
                Action.HOLD: InboundStatus.HELD,
                Action.CHOOSE_GROUP: InboundStatus.NEEDS_GROUP,
            }.get(plan.decision.action)
            if status is not None:
                row.status = status
                if status is InboundStatus.FAILED:
                    row.last_error = f"quarantined: {plan.decision.reason}"
            session.add(row)
            await session.commit()
        return plan

    async def _carry_out(self, inbound_id: int, u: Understanding, plan: _Plan) -> None:
        action = plan.decision.action
        if action is Action.IGNORE:
            if u.kind is MailKind.BOUNCE and plan.earlier_id is not None:
                await self.poster.report_bounce(plan.earlier_id)
        elif action is Action.QUARANTINE:
            await self.moderation.quarantined(inbound_id, plan.decision.reason)
        elif action is Action.HOLD:
            if plan.notify:
                await self.moderation.held(inbound_id, plan.decision.reason, u.group)
            if plan.decision.reason in RECEIPT_WHEN_HELD:
                await self.poster.confirm_held(inbound_id, u)
        elif action is Action.CHOOSE_GROUP:
            forwarder = u.forwarded_by.email if u.forwarded_by else None
            await self.moderation.ask_for_group(inbound_id, forwarder, u.candidates)
        elif plan.earlier_id is not None:
            await self.poster.post_follow_up(inbound_id, plan.earlier_id, u)
        else:
            assert plan.group_id is not None
            await self.poster.post_question(inbound_id, u, plan.group_id)

    async def _post_failed(self, inbound_id: int, exc: Exception) -> None:
        async with self.services.db.session() as session:
            row = await session.get(InboundEmail, inbound_id)
            if row is None:
                return
            if row.status == InboundStatus.RECEIVED:
                row.attempts += 1
                row.lease_owner = None
                row.last_error = f"{type(exc).__name__}: {exc}"[:500]
                row.next_attempt_at = self.services.clock.now() + RETRY.after(row.attempts)
                if row.attempts >= MAX_POST_ATTEMPTS:
                    row.status = InboundStatus.FAILED
                session.add(row)
                await session.commit()
            attempts = row.attempts
        log.warning(
            "mail not posted yet", inbound=inbound_id, attempts=attempts, error=type(exc).__name__
        )

    async def run_forever(
        self, interval: float = 10.0, after_round: Callable[[], Awaitable[object]] | None = None
    ) -> None:
        while not self.stopping.is_set():
            # Cleared before the round: mail stored during the round sets it again, and is
            # picked up at once instead of at the next tick.
            self.wake.clear()
            try:
                await self.process_pending()
                if after_round is not None:
                    await after_round()
            except Exception as exc:
                log.error("mail round failed", error=type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=interval)


async def thread_of(session: AsyncSession, earlier_id: int) -> dict[str, str]:
    earlier = await session.get(InboundEmail, earlier_id)
    if earlier is None:
        return {}
    channel = (
        await session.exec(
            select(Channel).where(
                Channel.platform == (earlier.conversation_platform or ""),
                Channel.external_id == (earlier.conversation_id or ""),
            )
        )
    ).first()
    return {
        "reference": thread_reference(earlier),
        "channel": (channel.name if channel else "") or (earlier.conversation_id or ""),
    }


def remember(row: InboundEmail, understood: Understanding) -> None:
    """Keep the understanding (already redacted) with the stored mail."""
    row.kind = understood.kind.value
    row.parsed = {**understood.as_json(), **_kept(row.parsed)}
    row.cut_parts = understood.cut[:20]
    if understood.original_sender is not None:
        row.original_email = understood.original_sender.email
        row.original_name = understood.original_sender.name
    row.forwarded_by = understood.forwarded_by.email if understood.forwarded_by else None


def _kept(parsed: dict[str, object]) -> dict[str, object]:
    """What earlier rounds noted that a new understanding must not wipe."""
    return {k: v for k, v in parsed.items() if k in ("understand_failures",)}
