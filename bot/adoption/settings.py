"""The adoption settings, typed: the global pause, the report room, the last round of
introductions and the pseudonyms' key (one row, :class:`AdoptionSettings`), and each group's
nudge switches (:class:`AdoptionGroupSettings`). Chat commands and the dashboard write them
in their own transaction; the rules and the jobs read them."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, update
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import ConversationRef
from bot.storage.adoption_models import SETTINGS_ROW, AdoptionGroupSettings, AdoptionSettings
from bot.storage.savepoint import savepoint

# The nudge types a group may switch on or off (the columns of AdoptionGroupSettings).
GROUP_SWITCHES = ("unanswered", "escalation", "newcomer")


@dataclass(frozen=True)
class ReportRoom:
    """Where the monthly report goes."""

    platform: str
    external_id: str
    name: str = ""

    def conversation(self) -> ConversationRef:
        return ConversationRef(self.platform, self.external_id, self.name)


async def read_settings(session: AsyncSession) -> AdoptionSettings:
    """The settings row; its defaults when there is none yet (nothing is written)."""
    return await session.get(AdoptionSettings, SETTINGS_ROW) or AdoptionSettings()


async def settings_row(session: AsyncSession) -> AdoptionSettings:
    """The settings row to change, made in ``session`` if there is none yet (the migration
    makes it; a second replica making it at the same moment is harmless)."""
    row = await session.get(AdoptionSettings, SETTINGS_ROW)
    if row is not None:
        return row
    try:
        async with savepoint(session):
            row = AdoptionSettings(id=SETTINGS_ROW)
            session.add(row)
    except IntegrityError:  # another replica made it first
        row = await session.get(AdoptionSettings, SETTINGS_ROW)
        assert row is not None
    return row


async def nudges_paused(session: AsyncSession) -> bool:
    return (await read_settings(session)).nudges_paused


async def pause_nudges(session: AsyncSession, paused: bool, now: datetime) -> None:
    """``!herinneringen pauze`` / ``hervat``."""
    row = await settings_row(session)
    row.nudges_paused, row.updated_at = paused, now
    session.add(row)


async def report_room(session: AsyncSession) -> ReportRoom | None:
    row = await read_settings(session)
    if row.report_platform is None or row.report_conversation is None:
        return None
    return ReportRoom(row.report_platform, row.report_conversation, row.report_room_name)


async def store_report_room(session: AsyncSession, room: ReportRoom | None, now: datetime) -> None:
    """The monthly report goes to ``room``; ``None``: no report. Callers check the room
    first (:func:`bot.adoption.jobs.report.set_report_room`)."""
    row = await settings_row(session)
    row.report_platform = room.platform if room else None
    row.report_conversation = room.external_id if room else None
    row.report_room_name = room.name if room else ""
    row.updated_at = now
    session.add(row)


async def introductions_round_at(session: AsyncSession) -> datetime | None:
    return (await read_settings(session)).introductions_round_at


async def set_introductions_round_at(session: AsyncSession, at: datetime) -> None:
    row = await settings_row(session)
    row.introductions_round_at, row.updated_at = at, at
    session.add(row)


async def pseudonym_key(session: AsyncSession) -> bytes:
    """The secret key of the activity pseudonyms, made in ``session`` if there is none yet
    (a handler's own transaction, so SQLite is not asked for a second writer). Two replicas
    making one at once agree: only the first write of a key counts."""
    row = await settings_row(session)
    if row.pseudonym_key is None:
        table: Table = AdoptionSettings.__table__  # type: ignore[attr-defined]
        await session.exec(
            update(table)
            .where(table.c.id == SETTINGS_ROW, table.c.pseudonym_key.is_(None))
            .values(pseudonym_key=secrets.token_hex(32))
        )
        await session.refresh(row)
    assert row.pseudonym_key is not None
    return bytes.fromhex(row.pseudonym_key)


async def group_switches(session: AsyncSession, group_id: str) -> dict[str, bool]:
    """The nudge types switched on or off for a group on the dashboard (issue 16); a type not
    in the answer follows the configuration."""
    row = await session.get(AdoptionGroupSettings, group_id)
    if row is None:
        return {}
    found = {kind: getattr(row, kind) for kind in GROUP_SWITCHES}
    return {kind: bool(on) for kind, on in found.items() if on is not None}


async def set_group_switches(
    session: AsyncSession, group_id: str, switches: Mapping[str, bool], now: datetime
) -> None:
    """Switch the group's nudge types in ``switches`` on or off (others keep their setting)."""
    unknown = set(switches) - set(GROUP_SWITCHES)
    if unknown:
        raise ValueError(f"not a group's nudge switch: {', '.join(sorted(unknown))}")
    row = await session.get(AdoptionGroupSettings, group_id) or AdoptionGroupSettings(
        group_id=group_id
    )
    for kind, on in switches.items():
        setattr(row, kind, on)
    row.updated_at = now
    session.add(row)
