"""Who may see what (issue 13): the one place that decides which people and which evidence
an answer may show to its audience. ``knowledge/`` ranks; this policy filters what it ranked;
nothing else decides.

- A person is a *partner* when their organisation is external or unknown (fail closed: a
  Matrix account no ``matrix_ids`` pattern places, a Slack account without a verified e-mail).
- A partner sees the channels they are a member of; a colleague sees every channel without
  partner members plus the channels they are a member of.
- An *audience* is everyone who reads an answer: the reader of a direct message, or the
  members of a channel (and the asker). It sees only the channels *every* member sees.
- An answer names a person only when the audience may know them (a colleague to colleagues,
  or someone in a channel the audience sees), and shows evidence (channel names, counts,
  topics) only from the channels the audience sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.config import Config
from bot.storage.expertise_models import ExpertiseEvidence, ExpertiseThreadTerm
from bot.storage.models import Channel, ChannelMember, Organisation, Person, Thread
from knowledge.finder import Candidate
from knowledge.why import Reason, explain


@dataclass(frozen=True)
class Audience:
    readers: frozenset[int]
    partners: frozenset[int]
    # Channels every reader can see.
    visible: frozenset[int]

    @property
    def restricted(self) -> bool:
        """Some reader is a partner: colleagues' internal knowledge must stay out."""
        return bool(self.partners)


async def partner_ids(session: AsyncSession, among: Iterable[int] | None = None) -> set[int]:
    """The people (of ``among``, else all) whose organisation is external or unknown."""
    query = (
        select(Person.id)
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id), isouter=True)
        .where(
            or_(col(Person.organisation_id).is_(None), col(Organisation.external).is_(True)),
            col(Person.is_bot).is_(False),
        )
    )
    if among is not None:
        query = query.where(col(Person.id).in_(list(among)))
    return {pid for pid in (await session.exec(query)).all() if pid is not None}


def partner_by_config(config: Config, person: Person) -> bool:
    """The rule of :func:`is_partner`, read from the configuration the organisation table is
    synced from at every start: no query (help and command checks are on the hot path)."""
    organisation = next((o for o in config.organisations if o.id == person.organisation_id), None)
    return organisation is None or organisation.external


async def is_partner(session: AsyncSession, person: Person) -> bool:
    if person.organisation_id is None:
        return True
    organisation = await session.get(Organisation, person.organisation_id)
    return organisation is None or organisation.external


async def _partner_channels(session: AsyncSession) -> set[int]:
    query = (
        select(ChannelMember.channel_id)
        .join(Person, col(Person.id) == col(ChannelMember.person_id))
        .join(Organisation, col(Organisation.id) == col(Person.organisation_id), isouter=True)
        .where(
            or_(col(Person.organisation_id).is_(None), col(Organisation.external).is_(True)),
            col(Person.is_bot).is_(False),
        )
        .distinct()
    )
    return set((await session.exec(query)).all())


async def _memberships(session: AsyncSession, people: Iterable[int]) -> dict[int, set[int]]:
    rows = await session.exec(
        select(ChannelMember.person_id, ChannelMember.channel_id).where(  # type: ignore[call-overload]
            col(ChannelMember.person_id).in_(list(people))
        )
    )
    found: dict[int, set[int]] = {}
    for person_id, channel_id in rows.all():
        found.setdefault(person_id, set()).add(channel_id)
    return found


async def audience_of(session: AsyncSession, readers: Iterable[int]) -> Audience:
    """The audience made of ``readers`` (person ids)."""
    people = frozenset(readers)
    found = await session.exec(select(Channel.id).where(col(Channel.is_direct).is_(False)))
    channels = {cid for cid in found.all() if cid is not None}
    partners = frozenset(await partner_ids(session, people)) if people else frozenset()
    with_partners = await _partner_channels(session)
    internal_view = {c for c in channels if c not in with_partners}
    member = await _memberships(session, people)
    visible: set[int] = set(channels)
    for reader in people:
        own = member.get(reader, set()) & channels
        visible &= own if reader in partners else internal_view | own
    return Audience(people, partners, frozenset(visible))


async def audience_of_channel(
    session: AsyncSession, channel: Channel, asker_id: int | None
) -> Audience:
    """Everyone who reads what the bot posts in ``channel``: its reader when direct, else its
    members (and the asker)."""
    readers: set[int] = {asker_id} if asker_id is not None else set()
    if not channel.is_direct and channel.id is not None:
        rows = await session.exec(
            select(ChannelMember.person_id).where(ChannelMember.channel_id == channel.id)
        )
        readers.update(rows.all())
    return await audience_of(session, readers)


async def nameable(session: AsyncSession, audience: Audience, people: Iterable[int]) -> set[int]:
    """Of ``people``, those the audience may be told about."""
    wanted = set(people)
    if not wanted:
        return set()
    partners = await partner_ids(session, wanted)
    member = await _memberships(session, wanted)
    allowed: set[int] = set()
    for pid in wanted:
        if (not audience.restricted and pid not in partners) or member.get(
            pid, set()
        ) & audience.visible:
            allowed.add(pid)
    return allowed


async def group_visible(session: AsyncSession, audience: Audience, group_id: str) -> bool:
    """Whether the audience may be pointed at ``group_id`` (it sees one of its channels)."""
    if not audience.restricted:
        return True
    rows = await session.exec(select(Channel.id).where(Channel.group_id == group_id))
    return any(cid in audience.visible for cid in rows.all())


@dataclass(frozen=True)
class VisibleEvidence:
    threads: int
    last_at: datetime | None
    channel_name: str


async def visible_evidence(
    session: AsyncSession, audience: Audience, person_id: int, terms: Iterable[str]
) -> VisibleEvidence | None:
    """The person's part in threads about ``terms`` in channels the audience sees."""
    wanted = sorted(set(terms))
    if not wanted or not audience.visible:
        return None
    threads = func.count(func.distinct(col(ExpertiseEvidence.thread_id)))
    rows = (
        await session.exec(
            select(Channel.name, threads, func.max(col(Thread.created_at)))  # type: ignore[call-overload]
            .select_from(ExpertiseEvidence)
            .join(Thread, col(Thread.id) == col(ExpertiseEvidence.thread_id))
            .join(Channel, col(Channel.id) == col(Thread.channel_id))
            .join(ExpertiseThreadTerm, col(ExpertiseThreadTerm.thread_id) == col(Thread.id))
            .where(
                col(ExpertiseEvidence.person_id) == person_id,
                col(Thread.channel_id).in_(sorted(audience.visible)),
                col(ExpertiseThreadTerm.term).in_(wanted),
                col(Thread.author_id).is_distinct_from(person_id),
            )
            .group_by(col(Channel.id), col(Channel.name))
            .order_by(threads.desc())
        )
    ).all()
    if not rows:
        return None
    total = sum(int(n) for _name, n, _last in rows)
    lasts = [_aware(last) for _n, _c, last in rows if last is not None]
    return VisibleEvidence(total, max(lasts) if lasts else None, str(rows[0][0]).lstrip("#"))


def _aware(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


async def for_audience(
    session: AsyncSession,
    audience: Audience,
    candidates: Sequence[Candidate],
    terms: Iterable[str],
    now: datetime,
    lang: str,
    limit: int,
) -> list[Candidate]:
    """The candidates the audience may see, each with a "why" made of evidence the audience
    may see; people whose only evidence is hidden are left out. Colleagues among colleagues
    keep the ranker's order; for an audience with a partner the order comes from the visible
    evidence too (most answers, then the most recent; declared skills last), so the order of
    names does not betray evidence the audience cannot see."""
    terms = list(terms)
    allowed = await nameable(session, audience, [c.person_id for c in candidates])
    partners = await partner_ids(session, [c.person_id for c in candidates])
    chosen: list[tuple[tuple[int, float], Candidate]] = []
    for candidate in candidates:
        if candidate.person_id not in allowed:
            continue
        if not audience.restricted and candidate.person_id not in partners:
            chosen.append(((0, 0.0), candidate))  # the ranker's own "why" and order
        else:
            original = candidate.reasons[0] if candidate.reasons else None
            declared = original.declared if original else None
            seen = await visible_evidence(session, audience, candidate.person_id, terms)
            if seen is None and declared is None:
                continue
            reason = Reason(
                topic=original.topic if original else "",
                answers=seen.threads if seen else 0,
                last_at=seen.last_at if seen else None,
                group_id=seen.channel_name if seen else None,
                declared=declared,
            )
            visible = replace(candidate, why=explain(reason, now, lang), reasons=[reason])
            recent = seen.last_at.timestamp() if seen and seen.last_at else 0.0
            chosen.append(((-(seen.threads if seen else 0), -recent), visible))
        if not audience.restricted and len(chosen) >= limit:
            break
    if audience.restricted:
        chosen.sort(key=lambda pair: pair[0])  # stable: ties keep the ranker's order
    return [candidate for _, candidate in chosen[:limit]]


async def suggestable(
    session: AsyncSession, audience: Audience, people: Sequence[int], terms: Iterable[str]
) -> set[int]:
    """Of ``people`` (suggested by the ranker for ``terms``), those the audience may be told
    about: colleagues among colleagues, else only on evidence the audience sees."""
    terms = list(terms)
    allowed = await nameable(session, audience, people)
    partners = await partner_ids(session, people)
    chosen: set[int] = set()
    for pid in people:
        if pid not in allowed:
            continue
        if (not audience.restricted and pid not in partners) or await visible_evidence(
            session, audience, pid, terms
        ) is not None:
            chosen.add(pid)
    return chosen


async def may_take_part(session: AsyncSession, person: Person, channel: Channel | None) -> bool:
    """Whether ``person`` may enter or post in ``channel`` where the bot controls it: a
    colleague anywhere, a partner only where they already are a member (shared with them)."""
    if not await is_partner(session, person):
        return True
    if channel is None or channel.id is None or person.id is None:
        return False
    if channel.is_direct:
        return True
    return await session.get(ChannelMember, (channel.id, person.id)) is not None


async def may_post_in_group(
    session: AsyncSession, person: Person, group_id: str, platform: str
) -> bool:
    """Whether ``person`` may have the bot post for them in ``group_id``'s channel on
    ``platform``: colleagues always, a partner only where they are a member."""
    if not await is_partner(session, person):
        return True
    if person.id is None:
        return False
    found = await session.exec(
        select(ChannelMember.channel_id)
        .join(Channel, col(Channel.id) == col(ChannelMember.channel_id))
        .where(
            Channel.group_id == group_id,
            Channel.platform == platform,
            ChannelMember.person_id == person.id,
        )
    )
    return found.first() is not None
