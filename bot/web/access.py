"""Who may see what on the dashboard — the one place that decides, so it can follow the role
model when that grows (issue 13: role grants, group-scoped community managers).

- administrators: everything;
- community managers: the groups they manage (``[[groups]] community_managers`` or a grant
  ``!rol EMAIL communitymanager GROEP``), or all groups when their role is global;
- members: their own profile and settings;
- partners (people of an ``external`` organisation): their own profile only, whatever else
  they are listed as — a partner never sees other organisations' figures or mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.people.authority import authority_of
from bot.people.visibility import is_partner
from bot.storage.models import Person, Role


@dataclass(frozen=True)
class Viewer:
    person_id: int
    name: str
    email: str | None
    role: Role
    organisation_id: str | None
    partner: bool
    # ``None``: every group. Otherwise the groups this viewer manages.
    groups: frozenset[str] | None

    @property
    def is_manager(self) -> bool:
        """May open the manager pages (overview, groups, mail desk, targets)."""
        if self.partner:
            return False
        return self.role in (Role.ADMIN, Role.COMMUNITY_MANAGER) or bool(self.groups)

    @property
    def is_admin(self) -> bool:
        return not self.partner and self.role == Role.ADMIN

    def sees_group(self, group_id: str | None) -> bool:
        if not self.is_manager:
            return False
        if self.groups is None:
            return True
        return group_id is not None and group_id in self.groups

    def visible_groups(self, config: Config) -> list[str]:
        return [g.id for g in config.groups if self.sees_group(g.id)]

    @property
    def sees_everything(self) -> bool:
        """Overall figures (across all groups) are for unscoped managers and administrators."""
        return self.is_manager and self.groups is None


async def viewer_for(session: AsyncSession, person: Person, config: Config) -> Viewer:
    """The rights of ``person`` as the chat commands see them (:mod:`bot.people.authority`: the
    configuration and the grants in force), and whether they are a partner
    (:mod:`bot.people.visibility`)."""
    assert person.id is not None
    rights = await authority_of(session, config, person)
    global_role = rights.role in (Role.ADMIN, Role.COMMUNITY_MANAGER)
    return Viewer(
        person_id=person.id,
        name=person.name,
        email=person.email,
        role=rights.role,
        organisation_id=person.organisation_id,
        partner=await is_partner(session, person),
        groups=None if global_role else rights.managed,
    )
