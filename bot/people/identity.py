"""Who is behind an account: one person, several accounts, one organisation."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.core.events import AccountRef
from bot.core.i18n import Lang, normalise_language
from bot.people.authority import configured_authority, higher
from bot.storage.models import Account, Person, PersonSettings, Role


def role_for_email(config: Config, email: str | None) -> Role:
    """The global role the configuration gives; group-scoped roles are in
    :mod:`bot.people.authority`."""
    return configured_authority(config, email).role


class Identity:
    """Resolves accounts to people, creating them on first sight and linking by e-mail."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._cache: dict[tuple[str, str], int] = {}

    async def person_for(self, session: AsyncSession, account: AccountRef) -> Person:
        key = (account.platform, account.external_id)
        cached = self._cache.get(key)
        if cached is not None:
            person = await session.get(Person, cached)
            if person is not None:
                if account.email and not person.email:
                    await self._adopt_email(session, person, account)
                return person
        row = (
            await session.exec(
                select(Account).where(
                    Account.platform == account.platform,
                    Account.external_id == account.external_id,
                )
            )
        ).first()
        if row is not None:
            person = await session.get(Person, row.person_id)
            assert person is not None
            self.remember(session, account, row)
            if account.email and not person.email:
                await self._adopt_email(session, person, account)
            return person
        person = await self._find_or_create_person(session, account)
        assert person.id is not None
        session.add(
            Account(
                person_id=person.id,
                platform=account.platform,
                external_id=account.external_id,
                display_name=account.display_name,
                verified_email=account.email.lower() if account.email else None,
            )
        )
        await session.flush()
        self._cache[key] = person.id
        return person

    def forget_all(self) -> None:
        """After a rollback: a person made in it is not in the database (and SQLite may give
        the next one the same id)."""
        self._cache.clear()

    def remember(self, session: AsyncSession, account: AccountRef, row: Account) -> None:
        """Note whose ``account`` this is (``row``, loaded in ``session``) and take over the
        e-mail address the platform verified."""
        if account.email and row.verified_email != account.email.lower():
            row.verified_email = account.email.lower()
            session.add(row)
        self._cache[(account.platform, account.external_id)] = row.person_id

    async def _adopt_email(
        self, session: AsyncSession, person: Person, account: AccountRef
    ) -> None:
        """A known account whose platform now gives a verified address (a Matrix 3PID found
        later): the person takes it, with the organisation and role it brings, unless someone
        else already has it (never merge people silently)."""
        assert account.email is not None
        email = account.email.lower()
        taken = (await session.exec(select(Person.id).where(Person.email == email))).first()
        if taken is not None:
            return
        person.email = email
        organisation = self._config.organisation_for_account(
            account.platform, account.external_id, email
        )
        person.organisation_id = organisation.id if organisation else None
        person.role = higher(person.role, role_for_email(self._config, email))
        session.add(person)

    async def _find_or_create_person(self, session: AsyncSession, account: AccountRef) -> Person:
        email = account.email.lower() if account.email else None
        if account.platform == "email":
            email = account.external_id.lower()
        if email:
            existing = (await session.exec(select(Person).where(Person.email == email))).first()
            if existing is not None:
                return existing
        organisation = self._config.organisation_for_account(
            account.platform, account.external_id, email
        )
        person = Person(
            name=account.display_name or account.external_id,
            email=email,
            organisation_id=organisation.id if organisation else None,
            role=role_for_email(self._config, email),
        )
        session.add(person)
        await session.flush()
        return person

    async def settings_for(self, session: AsyncSession, person_id: int) -> PersonSettings:
        settings = await session.get(PersonSettings, person_id)
        if settings is None:
            settings = PersonSettings(person_id=person_id)
            session.add(settings)
            await session.flush()
        return settings

    async def language_of(
        self, session: AsyncSession, person_id: int, hint: Lang | None = None
    ) -> Lang:
        """The language a person reads: their own setting, else ``hint`` (the language a
        command was given in), else the bot's. Reads only: no settings row is made (a job or
        two requests of one viewer at once would race to insert it)."""
        settings = await session.get(PersonSettings, person_id)
        chosen = normalise_language(settings.language if settings else None)
        return chosen or hint or normalise_language(self._config.bot.language) or "nl"


async def resync_organisations(session: AsyncSession, config: Config) -> None:
    """At every start: each person's organisation is what the configuration says now (by
    e-mail domain, else by Matrix user id pattern). A person the configuration no longer
    places gets none, and is treated as an external partner (fail closed)."""
    matrix_ids: dict[int, list[str]] = {}
    rows = await session.exec(
        select(Account.person_id, Account.external_id).where(Account.platform == "matrix")  # type: ignore[call-overload]
    )
    for person_id, external_id in rows.all():
        matrix_ids.setdefault(person_id, []).append(external_id)
    for person in (await session.exec(select(Person))).all():
        assert person.id is not None
        ids = matrix_ids.get(person.id, [])
        if not person.email and not ids:
            continue  # nothing the configuration could place them by
        found = config.organisation_for_email(person.email) if person.email else None
        for user_id in ids:
            found = found or config.organisation_for_matrix_id(user_id)
        wanted = found.id if found else None
        if person.organisation_id != wanted:
            person.organisation_id = wanted
            session.add(person)
