"""Who may see what on the dashboard — the one place that decides, so it can follow the role
model when that grows (issue 13: role grants, group-scoped community managers).

- administrators: everything;
- community managers: the groups they manage (``[[groups]] community_managers``), or all
  groups when they are a manager in ``[bot] community_managers`` (unscoped);
- members: their own profile and settings;
- partners (people of an ``external`` organisation): their own profile only, whatever else
  they are listed as — a partner never sees other organisations' figures or mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
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
        return not self.partner and self.role in (Role.ADMIN, Role.COMMUNITY_MANAGER)

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


def viewer_for(person: Person, config: Config) -> Viewer:
    assert person.id is not None
    # The stored role, as the chat commands check it (``has_role``); the configuration's
    # lists only say which groups a community manager manages.
    role = person.role
    organisation = next((o for o in config.organisations if o.id == person.organisation_id), None)
    partner = organisation is not None and organisation.external
    email = (person.email or "").lower()
    groups: frozenset[str] | None = None
    if role == Role.COMMUNITY_MANAGER:
        unscoped = email in {m.lower() for m in config.bot.community_managers}
        managed = frozenset(
            g.id for g in config.groups if email in {m.lower() for m in g.community_managers}
        )
        # A manager by stored role alone (``!rol``) with no group listed manages all groups.
        groups = None if unscoped or not managed else managed
    return Viewer(
        person_id=person.id,
        name=person.name,
        email=person.email,
        role=role,
        organisation_id=person.organisation_id,
        partner=partner,
        groups=groups,
    )
