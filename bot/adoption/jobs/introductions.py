"""Introductions across organisations: opt-in, every four weeks, two people with related
topics from different organisations. Who ignores three rounds in a row is dropped and told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import combinations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.jobs.common import with_footer
from bot.adoption.jobs.delivery import claim, send_direct
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.adoption.settings import introductions_round_at, set_introductions_round_at
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.people import visibility
from bot.storage.adoption_models import NudgeState
from bot.storage.models import (
    Channel,
    ChannelMember,
    Nudge,
    Organisation,
    Person,
    PersonSettings,
    Skill,
)

log = get_logger(__name__)
DROP_AFTER = 3


async def _topics(session: AsyncSession, person_id: int) -> set[str]:
    skills = await session.exec(select(Skill.topic).where(Skill.person_id == person_id))
    groups = await session.exec(
        select(Channel.group_id)
        .join(ChannelMember, col(ChannelMember.channel_id) == Channel.id)
        .where(ChannelMember.person_id == person_id, col(Channel.group_id).is_not(None))
    )
    return {s.lower() for s in skills} | {f"#{g}" for g in groups if g}


def pair_people(
    topics: dict[int, set[str]],
    organisation: dict[int, str | None],
    may_meet: Callable[[int, int], bool] = lambda a, b: True,
) -> list[tuple[int, int, set[str]]]:
    """Greedy pairs, most shared topics (Jaccard) first, each from another organisation, and
    only pairs ``may_meet`` allows."""
    scored = []
    for a, b in combinations(sorted(topics), 2):
        if organisation[a] is None or organisation[a] == organisation[b]:
            continue
        if not may_meet(a, b):
            continue
        shared = topics[a] & topics[b]
        if shared:
            scored.append((len(shared) / len(topics[a] | topics[b]), a, b, shared))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken: set[int] = set()
    pairs = []
    for _, a, b, shared in scored:
        if a in taken or b in taken:
            continue
        taken.update((a, b))
        pairs.append((a, b, shared))
    return pairs


async def _account_previous_round(
    services: Services,
    session: AsyncSession,
    person: Person,
    now: datetime,
    previous_round: datetime | None,
) -> bool:
    """Update the ignored-rounds count; ``True`` when the person is (now) dropped."""
    assert person.id is not None
    state = await session.get(NudgeState, person.id) or NudgeState(person_id=person.id)
    last = (
        await session.exec(
            select(Nudge)
            .where(Nudge.person_id == person.id, Nudge.kind == NudgeKind.INTRODUCTION.value)
            .order_by(col(Nudge.sent_at).desc())
            .limit(1)
        )
    ).first()
    if last is not None and previous_round is not None and last.sent_at >= previous_round:
        state.intro_ignored_rounds = (
            state.intro_ignored_rounds + 1 if last.responded_at is None else 0
        )
    newly_dropped = state.intro_ignored_rounds >= DROP_AFTER and not state.intro_dropped
    if newly_dropped:
        state.intro_dropped = True
    session.add(state)
    await session.commit()  # before claim() writes in a session of its own
    if newly_dropped:
        language = await services.identity.language_of(session, person.id)
        key = f"introduction-dropped:{person.id}:{now.date().isoformat()}"
        if await claim(services, kind="introduction_dropped", dedupe_key=key, at=now, direct=True):
            await send_direct(
                services, session, person.id, t(language, "nudge.introduction_dropped"), key
            )
    return state.intro_dropped


async def introductions(services: Services) -> None:
    """The job: one round every ``[nudges] introductions_every_days`` days."""
    now = services.clock.now()
    rules = NudgeRules(services.config)
    if rules.quiet(now):
        return
    every = timedelta(days=services.config.nudges.introductions_every_days)
    async with services.db.session() as session:
        if await rules.globally_paused(session):
            return
        previous = await introductions_round_at(session)
        if previous is not None and now - previous < every:
            return
        round_key = f"introductions:{rules.calendar.local(now).date().isoformat()}"
        if not await claim(services, kind="introduction_round", dedupe_key=round_key, at=now):
            return
        rows = await session.exec(
            select(Person)
            .join(PersonSettings, col(PersonSettings.person_id) == Person.id)
            .where(
                col(PersonSettings.introductions_opt_in).is_(True),
                col(Person.active).is_(True),
                col(Person.is_bot).is_(False),
            )
        )
        candidates = []
        for person in list(rows):
            if not await _account_previous_round(services, session, person, now, previous):
                candidates.append(person)
        topics = {p.id: await _topics(session, p.id) for p in candidates if p.id is not None}
        organisation = {p.id: p.organisation_id for p in candidates if p.id is not None}
        people = {p.id: p for p in candidates}
        names = {o.id: o.name for o in await session.exec(select(Organisation))}
        # Issue 13: a partner is introduced only to people they already share a channel with.
        partners = await visibility.partner_ids(session, list(topics))
        member: dict[int, set[int]] = {pid: set() for pid in topics}
        rows_m = await session.exec(
            select(ChannelMember.person_id, ChannelMember.channel_id).where(  # type: ignore[call-overload]
                col(ChannelMember.person_id).in_(list(topics))
            )
        )
        for pid, cid in rows_m.all():
            member[pid].add(cid)

        def may_meet(a: int, b: int) -> bool:
            return (a not in partners and b not in partners) or bool(member[a] & member[b])

        for a, b, shared in pair_people(topics, organisation, may_meet):
            refusals = [
                await rules.direct_refusal(session, NudgeKind.INTRODUCTION, None, pid, now)
                for pid in (a, b)
            ]
            if any(r is not None for r in refusals):
                continue
            for me, other in ((a, b), (b, a)):
                partner = people[other]
                language = await services.identity.language_of(session, me)
                body = t(
                    language,
                    "nudge.introduction",
                    name=inert(partner.name),
                    organisation=inert(names.get(partner.organisation_id or "", "?")),
                    topics=", ".join(inert(topic) for topic in sorted(shared)[:5]),
                )
                key = f"{round_key}:{me}"
                if await claim(
                    services,
                    kind=NudgeKind.INTRODUCTION.value,
                    dedupe_key=key,
                    at=now,
                    person_id=me,
                    direct=True,
                ):
                    text = with_footer(language, body, t(language, "nudge.introduction_why"))
                    await send_direct(services, session, me, text, key)
        await set_introductions_round_at(session, now)
        await session.commit()
