"""Leader election with a lease row: one replica holds ``adoption_scheduler_lease`` and renews
it; when it dies the lease runs out and another replica takes it over.

Works the same on SQLite and PostgreSQL: taking the lease is one conditional ``UPDATE`` (or an
``INSERT`` that loses to a concurrent one), so two replicas cannot both win. Lease times use
the real wall clock, never an accelerated test clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from bot.storage.adoption_models import SchedulerLease
from bot.storage.database import Database


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class LeaderLease:
    def __init__(
        self,
        db: Database,
        holder: str,
        ttl: timedelta,
        name: str = "jobs",
        now: Callable[[], datetime] = _wall_clock,
    ) -> None:
        self.db = db
        self.holder = holder
        self.ttl = ttl
        self.name = name
        self._now = now
        self.is_leader = False

    async def acquire_or_renew(self) -> bool:
        now = self._now()
        table = SchedulerLease.__table__  # type: ignore[attr-defined]
        async with self.db.session() as session:
            result = await session.exec(  # type: ignore[call-overload]
                update(table)
                .where(table.c.name == self.name)
                .where(or_(table.c.holder == self.holder, table.c.expires_at < now))
                .values(holder=self.holder, expires_at=now + self.ttl)
            )
            await session.commit()
            won = bool(result.rowcount)
        if not won:
            async with self.db.session() as session:
                if await session.get(SchedulerLease, self.name) is None:
                    session.add(
                        SchedulerLease(
                            name=self.name, holder=self.holder, expires_at=now + self.ttl
                        )
                    )
                    try:
                        await session.commit()
                        won = True
                    except IntegrityError:
                        await session.rollback()
        self.is_leader = won
        return won

    async def release(self) -> None:
        if not self.is_leader:
            return
        table = SchedulerLease.__table__  # type: ignore[attr-defined]
        async with self.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                update(table)
                .where(table.c.name == self.name, table.c.holder == self.holder)
                .values(expires_at=self._now() - timedelta(seconds=1))
            )
            await session.commit()
        self.is_leader = False
