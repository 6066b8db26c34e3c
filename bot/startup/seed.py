"""Brings organisations and groups from the configuration into the database."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.people.authority import sync_roles
from bot.people.identity import resync_organisations
from bot.storage.models import Group, Organisation


async def sync_config(session: AsyncSession, config: Config) -> None:
    for org in config.organisations:
        row = await session.get(Organisation, org.id)
        if row is None:
            row = Organisation(id=org.id, name=org.name)
        row.name, row.domains, row.external = org.name, list(org.domains), org.external
        session.add(row)
    for group in config.groups:
        existing = await session.get(Group, group.id)
        row_group = existing or Group(id=group.id, name=group.name)
        row_group.name = group.name
        row_group.description = group.description
        row_group.keywords = list(group.keywords)
        row_group.email = group.email
        session.add(row_group)
    await session.flush()
    await resync_organisations(session, config)
    await sync_roles(session, config)
    await session.commit()
