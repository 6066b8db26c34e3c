"""The rules every nudge obeys: quiet hours, holidays, opt-outs, caps, a global pause.

Each check returns why a nudge may not go out now (or ``None``), so jobs can log the
reason and tests can assert it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.settings import group_switches, nudges_paused
from bot.core.config import Config
from bot.core.working_time import WorkingCalendar
from bot.storage.models import Nudge, PersonSettings

IGNORED_LIMIT = 3
DIRECT_PER_DAY = 1
DIRECT_PER_WEEK = 3
CHANNEL_POSTS_PER_DAY = 1


class Refusal(StrEnum):
    QUIET_HOURS = "quiet_hours"
    GLOBAL_PAUSE = "global_pause"
    TYPE_OFF = "type_off"
    MUTED = "muted"
    PAUSED = "paused"
    DO_NOT_DISTURB = "do_not_disturb"
    IGNORED = "ignored"
    DAY_CAP = "day_cap"
    WEEK_CAP = "week_cap"
    CHANNEL_CAP = "channel_cap"


class NudgeKind(StrEnum):
    UNANSWERED = "unanswered"
    ESCALATION = "escalation"
    NEWCOMER = "newcomer"
    DIGEST = "digest"
    INTRODUCTION = "introduction"
    REPORT = "report"


class NudgeRules:
    def __init__(self, config: Config, calendar: WorkingCalendar | None = None) -> None:
        self.config = config
        self.calendar = calendar or WorkingCalendar()

    def quiet(self, now: datetime) -> bool:
        """Outside working hours, at weekends and on Dutch public holidays."""
        return not self.calendar.is_working_time(now)

    def type_enabled(self, group_id: str | None, kind: NudgeKind) -> bool:
        group = self.config.group(group_id) if group_id else None
        return group is None or group.nudges is None or kind.value in group.nudges

    async def type_switched_on(
        self, session: AsyncSession, group_id: str | None, kind: NudgeKind
    ) -> bool:
        """The group's switch set on the dashboard, else the configuration's list."""
        if group_id is not None:
            stored = await group_switches(session, group_id)
            if kind.value in stored:
                return stored[kind.value]
        return self.type_enabled(group_id, kind)

    async def globally_paused(self, session: AsyncSession) -> bool:
        return await nudges_paused(session)

    def _day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        day = self.calendar.local(now).date()
        start = datetime.combine(day, time(0), self.calendar.tz)
        return start, start + timedelta(days=1)

    def _week_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        day = self.calendar.local(now).date()
        monday = day - timedelta(days=day.weekday())
        start = datetime.combine(monday, time(0), self.calendar.tz)
        return start, start + timedelta(days=7)

    async def blocked_by_ignoring(self, session: AsyncSession, person_id: int) -> bool:
        """The last three nudges addressed to this person all went unanswered."""
        rows = await session.exec(
            select(Nudge.responded_at)
            .where(Nudge.person_id == person_id)
            .order_by(col(Nudge.sent_at).desc())
            .limit(IGNORED_LIMIT)
        )
        recent = list(rows)
        return len(recent) == IGNORED_LIMIT and all(r is None for r in recent)

    async def person_refusal(
        self, session: AsyncSession, person_id: int, now: datetime
    ) -> Refusal | None:
        """May this person be addressed at all (mentioned or messaged)?"""
        settings = await session.get(PersonSettings, person_id)
        if settings is not None:
            if settings.muted:
                return Refusal.MUTED
            if settings.paused_until is not None and settings.paused_until > now:
                return Refusal.PAUSED
            if settings.do_not_disturb or (
                settings.away_until is not None and settings.away_until > now
            ):
                return Refusal.DO_NOT_DISTURB
        if await self.blocked_by_ignoring(session, person_id):
            return Refusal.IGNORED
        return None

    async def _count(self, session: AsyncSession, *conditions: object) -> int:
        found = await session.exec(select(func.count()).select_from(Nudge).where(*conditions))  # type: ignore[arg-type]
        return int(found.one())

    async def direct_refusal(
        self,
        session: AsyncSession,
        kind: NudgeKind,
        group_id: str | None,
        person_id: int,
        now: datetime,
    ) -> Refusal | None:
        """May ``kind`` go to this person as a direct message now?"""
        common = await self._common_refusal(session, kind, group_id, now)
        if common is not None:
            return common
        refusal = await self.person_refusal(session, person_id, now)
        if refusal is not None:
            return refusal
        start, end = self._day_bounds(now)
        direct = (Nudge.person_id == person_id, col(Nudge.direct).is_(True))
        if (
            await self._count(
                session, *direct, col(Nudge.sent_at) >= start, col(Nudge.sent_at) < end
            )
            >= DIRECT_PER_DAY
        ):
            return Refusal.DAY_CAP
        start, end = self._week_bounds(now)
        if (
            await self._count(
                session, *direct, col(Nudge.sent_at) >= start, col(Nudge.sent_at) < end
            )
            >= DIRECT_PER_WEEK
        ):
            return Refusal.WEEK_CAP
        return None

    async def channel_refusal(
        self,
        session: AsyncSession,
        kind: NudgeKind,
        group_id: str | None,
        channel_id: int,
        now: datetime,
    ) -> Refusal | None:
        """May ``kind`` post unprompted in this channel now?"""
        common = await self._common_refusal(session, kind, group_id, now)
        if common is not None:
            return common
        start, end = self._day_bounds(now)
        posted = await self._count(
            session,
            Nudge.channel_id == channel_id,
            col(Nudge.person_id).is_(None),
            col(Nudge.sent_at) >= start,
            col(Nudge.sent_at) < end,
        )
        return Refusal.CHANNEL_CAP if posted >= CHANNEL_POSTS_PER_DAY else None

    async def _common_refusal(
        self, session: AsyncSession, kind: NudgeKind, group_id: str | None, now: datetime
    ) -> Refusal | None:
        if await self.globally_paused(session):
            return Refusal.GLOBAL_PAUSE
        if self.quiet(now):
            return Refusal.QUIET_HOURS
        if not await self.type_switched_on(session, group_id, kind):
            return Refusal.TYPE_OFF
        return None
