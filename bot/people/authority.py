"""Who may do what, and where: roles from the configuration (authoritative at every start)
plus revocable grants given with ``!rol``, optionally scoped to one group, and the audit log
of privileged acts and refusals (issue 13).

Group scopes: ``[[groups]] community_managers`` and ``moderators`` act only in their group
(accept answers, release mail, list waiting mail, choose a group); ``[bot] community_managers``
and ``admins`` everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.core.events import utcnow
from bot.core.registry import CommandSpec
from bot.people import visibility
from bot.storage.authority_models import AuditEntry, RoleGrant
from bot.storage.models import Account, Organisation, Person, Role

MODERATOR = "moderator"
_ORDER = {Role.MEMBER: 0, Role.COMMUNITY_MANAGER: 1, Role.ADMIN: 2}


def higher(a: Role, b: Role) -> Role:
    return a if _ORDER[a] >= _ORDER[b] else b


@dataclass(frozen=True)
class Authority:
    """A person's effective rights: a global role and the groups they manage or moderate."""

    role: Role
    managed: frozenset[str] = frozenset()
    moderated: frozenset[str] = frozenset()

    @property
    def is_manager_anywhere(self) -> bool:
        """May run the manager/moderator commands at all (in some group at least)."""
        return self.role != Role.MEMBER or bool(self.managed or self.moderated)

    def may_moderate(self, group_id: str | None) -> bool:
        """May release mail, accept answers, choose a group for mail of ``group_id``
        (``None``: mail no group was chosen for yet, which only global managers handle)."""
        if self.role != Role.MEMBER:
            return True
        return group_id is not None and (group_id in self.managed or group_id in self.moderated)

    def groups(self) -> list[str] | None:
        """The groups this person may act in; ``None`` means all."""
        if self.role != Role.MEMBER:
            return None
        return sorted(self.managed | self.moderated)


def configured_authority(
    config: Config, email: str | None, matrix_ids: Iterable[str] = ()
) -> Authority:
    if set(matrix_ids) & _matrix_admins(config):
        found = configured_authority(config, email)
        return Authority(Role.ADMIN, found.managed, found.moderated)
    if not email:
        return Authority(Role.MEMBER)
    lowered = email.lower()
    role = Role.MEMBER
    if lowered in (a.lower() for a in config.bot.admins):
        role = Role.ADMIN
    elif lowered in (m.lower() for m in config.bot.community_managers):
        role = Role.COMMUNITY_MANAGER
    managed = frozenset(
        g.id for g in config.groups if lowered in (m.lower() for m in g.community_managers)
    )
    moderated = frozenset(
        g.id for g in config.groups if lowered in (m.lower() for m in g.moderators)
    )
    return Authority(role, managed, moderated)


async def active_grants(session: AsyncSession, person_id: int | None = None) -> list[RoleGrant]:
    query = select(RoleGrant).where(col(RoleGrant.revoked_at).is_(None))
    if person_id is not None:
        query = query.where(RoleGrant.person_id == person_id)
    return list((await session.exec(query.order_by(col(RoleGrant.id)))).all())


def combine(configured: Authority, grants: list[RoleGrant]) -> Authority:
    role, managed, moderated = configured.role, set(configured.managed), set(configured.moderated)
    for grant in grants:
        if grant.group_id is None and grant.role in (
            Role.ADMIN.value,
            Role.COMMUNITY_MANAGER.value,
        ):
            role = higher(role, Role(grant.role))
        elif grant.group_id is not None and grant.role == Role.COMMUNITY_MANAGER.value:
            managed.add(grant.group_id)
        elif grant.group_id is not None and grant.role == MODERATOR:
            moderated.add(grant.group_id)
    return Authority(role, frozenset(managed), frozenset(moderated))


async def authority_of(session: AsyncSession, config: Config, person: Person) -> Authority:
    configured = configured_authority(config, person.email)
    if person.id is None:
        return configured
    if _matrix_admins(config):
        configured = configured_authority(
            config, person.email, await _matrix_ids(session, person.id)
        )
    return combine(configured, await active_grants(session, person.id))


def _matrix_admins(config: Config) -> set[str]:
    """``[matrix] admins``: Matrix accounts carry no e-mail, so they are named by user id."""
    admins = (config.matrix or {}).get("admins") or []
    return {str(a) for a in admins if isinstance(a, str)}


async def _matrix_ids(session: AsyncSession, person_id: int) -> list[str]:
    rows = await session.exec(
        select(Account.external_id).where(
            Account.person_id == person_id, Account.platform == "matrix"
        )
    )
    return list(rows.all())


async def sync_roles(session: AsyncSession, config: Config) -> None:
    """At every start: each person's stored role is what the configuration and the grants in
    force say now; a role someone was only given by a removed config line is gone."""
    grants: dict[int, list[RoleGrant]] = {}
    for grant in await active_grants(session):
        grants.setdefault(grant.person_id, []).append(grant)
    matrix: dict[int, list[str]] = {}
    if _matrix_admins(config):
        rows = await session.exec(
            select(Account.person_id, Account.external_id).where(Account.platform == "matrix")  # type: ignore[call-overload]
        )
        for person_id, user_id in rows.all():
            matrix.setdefault(person_id, []).append(user_id)
    for person in (await session.exec(select(Person))).all():
        assert person.id is not None
        configured = configured_authority(config, person.email, matrix.get(person.id, []))
        role = combine(configured, grants.get(person.id, [])).role
        if person.role != role:
            person.role = role
            session.add(person)


async def audit(
    session: AsyncSession,
    action: str,
    *,
    actor_id: int | None,
    target_id: int | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditEntry(
            at=utcnow(), actor_id=actor_id, action=action, target_id=target_id, detail=detail[:500]
        )
    )


@dataclass(frozen=True)
class Refusal:
    """Why a command is refused: an i18n key and its values (the role/organisation names are
    i18n keys too, resolved in the person's language by the caller)."""

    key: str
    role: Role | None = None
    organisation: str | None = None


async def command_refusal(
    session: AsyncSession,
    config: Config,
    person: Person,
    spec: CommandSpec,
    *,
    rights: Authority | None = None,
) -> Refusal | None:
    """Whether ``person`` may run ``spec`` at all (a group-scoped manager may run the
    manager commands; the command itself then checks the group). Queries only for a manager
    command a member runs, and then only without ``rights``."""
    if not spec.partners and visibility.partner_by_config(config, person):
        return Refusal("core.partner_refused", organisation=configured_name(config, person))
    if spec.role == Role.MEMBER:
        return None
    if _ORDER[person.role] >= _ORDER[spec.role]:
        return None
    if spec.role == Role.COMMUNITY_MANAGER:
        if rights is None:
            rights = await authority_of(session, config, person)
        if rights.is_manager_anywhere:
            return None
    return Refusal("core.role_refused", role=spec.role)


def configured_name(config: Config, person: Person) -> str | None:
    """The organisation's name from the configuration (no query)."""
    found = next((o for o in config.organisations if o.id == person.organisation_id), None)
    return found.name if found else None


class HelpRights:
    """Rights for listing commands in help, cached briefly per person: the listing may lag a
    grant by :data:`HELP_RIGHTS_SECONDS`; every command checks afresh when it runs."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[float, Authority]] = {}

    async def of(self, session: AsyncSession, config: Config, person: Person) -> Authority:
        if person.id is None:
            return configured_authority(config, person.email)
        now = time.monotonic()
        cached = self._cache.get(person.id)
        if cached is not None and now - cached[0] < HELP_RIGHTS_SECONDS:
            return cached[1]
        rights = await authority_of(session, config, person)
        self._cache[person.id] = (now, rights)
        return rights

    def forget(self, person_id: int) -> None:
        self._cache.pop(person_id, None)

    def forget_all(self) -> None:
        self._cache.clear()


HELP_RIGHTS_SECONDS = 60.0


async def organisation_name(session: AsyncSession, person: Person) -> str | None:
    if person.organisation_id is None:
        return None
    row = await session.get(Organisation, person.organisation_id)
    return row.name if row else person.organisation_id
